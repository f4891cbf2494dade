/*
 * search.c: the site's search page and its index. The index is JSON: one
 * entry per agenda item, minute (with its resolutions) and document,
 * {k: kind, t: title, x: text, d: date, c: committee, u: link}. It is
 * written as the argument of a call, search-index.js, not as a .json
 * file: a page opened from disk (file://) may load a script but not
 * fetch a file, and the site must search from disk. search.js reads it
 * and lists what holds every word asked for; without a script the page
 * says so and points at the index, which lists every meeting.
 */
#include <string.h>

#include <glib.h>

#include "core/error.h"
#include "core/json_files.h"
#include "sinks/store.h"
#include "site/siteInt.h"

/* Rows: (meeting id, position, kind, title, text, date, committee). */
static const char ENTRIES[] =
    "SELECT a.meeting_id, a.position, 'item', trim(coalesce(a.number || ' ', '') ||"
    " coalesce(a.title, '')), a.description, m.date, m.committee"
    " FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id"
    " UNION ALL"
    " SELECT e.meeting_id, e.position, 'minute', trim(coalesce(e.number || ' ', '') || e.title),"
    " e.text || coalesce(' Resolved: ' || (SELECT group_concat(r.text, ' ') FROM resolutions r"
    "  WHERE r.meeting_id = e.meeting_id AND r.minute_position = e.position), ''),"
    " m.date, m.committee FROM minute_entries e JOIN meetings m ON m.id = e.meeting_id"
    " UNION ALL"
    " SELECT d.meeting_id, d.position, 'document', coalesce(d.title, d.file), d.kind, m.date,"
    " m.committee FROM documents d JOIN meetings m ON m.id = d.meeting_id"
    " ORDER BY 6 DESC, 1, 3, 2";

static void add(cJSON *entry, const char *key, const unsigned char *text)
{
    if (text && *text)
        cJSON_AddStringToObject(entry, key, (const char *)text);
}

static cJSON *entry(sqlite3_stmt *st)
{
    const char *id = (const char *)sqlite3_column_text(st, 0);
    const char *kind = (const char *)sqlite3_column_text(st, 2);
    char *file = ap_site_meeting_file(id);
    char *url = !strcmp(kind, "document")
                    ? g_strconcat("meetings/", file, NULL)
                    : g_strdup_printf("meetings/%s#%s-%d", file, kind, sqlite3_column_int(st, 1));
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "k", kind);
    add(e, "t", sqlite3_column_text(st, 3));
    add(e, "x", sqlite3_column_text(st, 4));
    add(e, "d", sqlite3_column_text(st, 5));
    add(e, "c", sqlite3_column_text(st, 6));
    cJSON_AddStringToObject(e, "u", url);
    g_free(url);
    g_free(file);
    return e;
}

static bool write_index(ap_site_build *b)
{
    sqlite3_stmt *st = ap_site_query(b, ENTRIES);
    if (!st)
        return false;
    cJSON *entries = cJSON_CreateArray();
    while (sqlite3_step(st) == SQLITE_ROW)
        cJSON_AddItemToArray(entries, entry(st));
    sqlite3_finalize(st);
    char *json = cJSON_PrintUnformatted(entries);
    cJSON_Delete(entries);
    char *script = g_strconcat("agendapackSearchIndex(", json, ");\n", NULL);
    cJSON_free(json);
    char *path = g_build_filename(b->sitedir, "search-index.js", NULL);
    bool ok = ap_text_file_write_unsynced(path, script, b->err);
    g_free(path);
    g_free(script);
    return ok;
}

static bool write_page(ap_site_build *b)
{
    ap_html *h = ap_html_new("Search the committee papers", "");
    ap_site_header(h);
    ap_html_elem(h, "h1", "Search", NULL);
    ap_html_open(h, "form", "id", "search", "role", "search", "action", "search.html",
                 "method", "get", NULL);
    ap_html_elem(h, "label", "Words to find in agenda items, minutes, resolutions and documents",
                 "for", "q", NULL);
    ap_html_open(h, "div", "class", "search-row", NULL);
    ap_html_open(h, "input", "type", "search", "id", "q", "name", "q", "autocomplete", "off",
                 NULL);
    ap_html_close(h);
    ap_html_elem(h, "button", "Search", "type", "submit", NULL);
    ap_html_close(h);
    ap_html_close(h);
    ap_html_open(h, "noscript", NULL);
    ap_html_open(h, "p", NULL);
    ap_html_text(h, "Searching needs JavaScript, which is off. ");
    ap_html_link(h, "index.html", "The index lists every meeting");
    ap_html_text(h, ", and each meeting's page holds its agenda and minutes.");
    ap_html_close(h);
    ap_html_close(h);
    ap_html_elem(h, "div", NULL, "id", "summary", "role", "status", NULL);
    ap_html_elem(h, "ol", NULL, "id", "results", "class", "results", NULL);
    ap_html_elem(h, "script", NULL, "src", "search.js", NULL);
    ap_html_elem(h, "script", NULL, "src", "search-index.js", NULL);
    return ap_site_save(b, h, NULL, "search.html", true);
}

bool ap_site_search(ap_site_build *b)
{
    return write_index(b) && write_page(b);
}
