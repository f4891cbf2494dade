/*
 * export.c: what dashboards and other tools read, from the store.
 *
 *   indicators, csv|ndjson   one row per indicator value: council,
 *                            committee, meeting date, item, ref, name,
 *                            period, label, raw, value, unit, target, rag,
 *                            direction
 *   meetings, ndjson         one merged meeting record per line
 *   meetings, ocd            one Open Civic Data Event per line, our
 *                            fields beyond it under "extras"
 *
 * CSV is written here rather than by a library: writing it is quoting a
 * field that holds a comma, quote or line break, doubling its quotes
 * (RFC 4180), and the C CSV libraries Debian packages are parsers.
 *
 * A CSV opened in a spreadsheet runs a cell that starts with =, +, -, @,
 * a tab or a carriage return as a formula, and the text comes from PDFs
 * anyone can write ("=cmd|' /C calc'!A0"). Such a cell gets a leading '
 * (OWASP's advice), except a cell that is a plain number: "-12.5" is a
 * negative number to a spreadsheet, not a formula, and stays one.
 */
#include <errno.h>
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "agendapack.h"
#include "core/json_fields.h"
#include "sinks/store.h"

static const char *const INDICATOR_COLUMNS[] = {
    "council", "committee", "meeting_date", "item", "ref", "name", "period", "label",
    "raw", "value", "unit", "target", "rag", "direction"};

static const char INDICATOR_SQL[] =
    "SELECT m.council, m.committee, m.date, i.item, i.ref, i.name, v.period, v.label,"
    " v.raw, v.value, v.unit, i.target_raw, i.rag, i.direction"
    " FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id"
    " JOIN meetings m ON m.id = i.meeting_id"
    " ORDER BY m.council, m.committee, m.date, i.id, v.position";

/* A plain number: an optional sign, digits, at most one point. */
static bool plain_number(const char *v)
{
    const char *p = v + (*v == '-' || *v == '+');
    bool digits = false, point = false;
    for (; *p; p++) {
        if (g_ascii_isdigit(*p))
            digits = true;
        else if (*p == '.' && !point)
            point = true;
        else
            return false;
    }
    return digits;
}

static bool formula_like(const char *v)
{
    return strchr("=+-@\t\r", *v) && *v && !plain_number(v);
}

static void csv_field(GString *line, const char *v)
{
    if (!v)
        return;
    char *safe = formula_like(v) ? g_strconcat("'", v, NULL) : NULL;
    if (safe)
        v = safe;
    if (!strpbrk(v, ",\"\r\n")) {
        g_string_append(line, v);
    } else {
        g_string_append_c(line, '"');
        for (; *v; v++) {
            if (*v == '"')
                g_string_append_c(line, '"');
            g_string_append_c(line, *v);
        }
        g_string_append_c(line, '"');
    }
    g_free(safe);
}

static void write_line(FILE *out, GString *line)
{
    g_string_append_c(line, '\n');
    fwrite(line->str, 1, line->len, out);
    g_string_truncate(line, 0);
}

static void put_json(FILE *out, cJSON *o)
{
    char *text = cJSON_PrintUnformatted(o);
    fputs(text, out);
    fputc('\n', out);
    cJSON_free(text);
}

/* Each returns the last step's result: SQLITE_DONE when every row was
 * read, an error code when the store is damaged. */
static int export_indicators(sqlite3_stmt *st, bool csv, FILE *out)
{
    size_t n = G_N_ELEMENTS(INDICATOR_COLUMNS);
    GString *line = g_string_new(NULL);
    if (csv) {
        for (size_t c = 0; c < n; c++)
            g_string_append_printf(line, "%s%s", c ? "," : "", INDICATOR_COLUMNS[c]);
        write_line(out, line);
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cJSON *o = csv ? NULL : cJSON_CreateObject();
        for (size_t c = 0; c < n; c++) {
            const char *v = (const char *)sqlite3_column_text(st, (int)c);
            if (csv) {
                if (c)
                    g_string_append_c(line, ',');
                /* 1402, not SQLite's 1402.0 */
                char *number = sqlite3_column_type(st, (int)c) == SQLITE_FLOAT
                                   ? g_strdup_printf("%.15g", sqlite3_column_double(st, (int)c))
                                   : NULL;
                csv_field(line, number ? number : v);
                g_free(number);
            } else if (sqlite3_column_type(st, (int)c) == SQLITE_FLOAT ||
                       sqlite3_column_type(st, (int)c) == SQLITE_INTEGER) {
                cJSON_AddNumberToObject(o, INDICATOR_COLUMNS[c], sqlite3_column_double(st, (int)c));
            } else if (v) {
                cJSON_AddStringToObject(o, INDICATOR_COLUMNS[c], v);
            } else {
                cJSON_AddNullToObject(o, INDICATOR_COLUMNS[c]);
            }
        }
        if (csv)
            write_line(out, line);
        else
            put_json(out, o);
        cJSON_Delete(o);
    }
    g_string_free(line, TRUE);
    return rc;
}

/* ---- Open Civic Data ---------------------------------------------------------- */

static const char *text_or(const cJSON *o, const char *key, const char *otherwise)
{
    const char *v = ap_field_text(o, key);
    return v ? v : otherwise;
}

/* "2024-01-10T18:00" when the time is known, else the date: OCD dates are
 * ISO 8601; the papers print no time zone, so none is given. */
static char *when(const cJSON *m, const char *time_key)
{
    const char *date = text_or(m, "date", "");
    const char *time = ap_field_text(m, time_key);
    return time ? g_strconcat(date, "T", time, NULL) : g_strdup(date);
}

static cJSON *ocd_participants(const cJSON *m)
{
    cJSON *list = cJSON_CreateArray();
    cJSON *host = cJSON_CreateObject();
    cJSON_AddStringToObject(host, "name", text_or(m, "committee", ""));
    cJSON_AddStringToObject(host, "entity_type", "organization");
    cJSON_AddStringToObject(host, "note", "host");
    cJSON_AddItemToArray(list, host);
    const cJSON *a;
    cJSON_ArrayForEach(a, ap_field(m, "attendance")) {
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "name", text_or(a, "name", ""));
        cJSON_AddStringToObject(p, "entity_type", "person");
        const char *role = ap_field_text(a, "role");
        char *note = role ? g_strdup_printf("%s (%s)", text_or(a, "status", ""), role)
                          : g_strdup(text_or(a, "status", ""));
        cJSON_AddStringToObject(p, "note", note);
        g_free(note);
        cJSON_AddItemToArray(list, p);
    }
    return list;
}

/* The minutes that record agenda item `number`, as OCD agenda notes. */
static cJSON *ocd_notes(const cJSON *m, const char *number)
{
    cJSON *notes = cJSON_CreateArray();
    const cJSON *e;
    cJSON_ArrayForEach(e, ap_field(m, "minutes")) {
        const char *item = ap_field_text(e, "agenda_number");
        if (item && number && !strcmp(item, number))
            cJSON_AddItemToArray(notes, cJSON_CreateString(text_or(e, "text", "")));
    }
    return notes;
}

static cJSON *ocd_agenda(const cJSON *m)
{
    cJSON *list = cJSON_CreateArray();
    const cJSON *item;
    cJSON_ArrayForEach(item, ap_field(m, "agenda")) {
        cJSON *a = cJSON_CreateObject();
        cJSON_AddStringToObject(a, "description", text_or(item, "title", ""));
        cJSON_AddStringToObject(a, "order", text_or(item, "number", ""));
        cJSON_AddItemToObject(a, "subjects", cJSON_CreateArray());
        cJSON_AddItemToObject(a, "classification", cJSON_CreateArray());
        cJSON_AddItemToObject(a, "notes", ocd_notes(m, ap_field_text(item, "number")));
        cJSON_AddItemToObject(a, "related_entities", cJSON_CreateArray());
        cJSON *extras = cJSON_AddObjectToObject(a, "extras");
        static const char *const keep[] = {"description", "part", "exempt", "page_start",
                                           "page_end", "pdf_page_start", "pdf_page_end"};
        for (size_t k = 0; k < G_N_ELEMENTS(keep); k++)
            cJSON_AddItemToObject(extras, keep[k], cJSON_Duplicate(ap_field(item, keep[k]), true));
        cJSON_AddItemToArray(list, a);
    }
    return list;
}

static cJSON *ocd_documents(const cJSON *m)
{
    cJSON *list = cJSON_CreateArray();
    const cJSON *d;
    cJSON_ArrayForEach(d, ap_field(m, "documents")) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "note", text_or(d, "title", text_or(d, "kind", "document")));
        cJSON_AddStringToObject(o, "date", "");
        cJSON_AddStringToObject(o, "classification", text_or(d, "kind", ""));
        /* the pages of the pack the document is, as a link into the file */
        const cJSON *src = cJSON_GetArrayItem(ap_field(m, "sources"), 0);
        cJSON *links = cJSON_AddArrayToObject(o, "links");
        cJSON *link = cJSON_CreateObject();
        cJSON_AddStringToObject(link, "media_type", "application/pdf");
        char *url = g_strdup_printf("%s#page=%d", text_or(src, "file", ""),
                                    cJSON_IsNumber(ap_field(d, "pdf_page_start"))
                                        ? ap_field(d, "pdf_page_start")->valueint : 1);
        cJSON_AddStringToObject(link, "url", url);
        g_free(url);
        cJSON_AddItemToArray(links, link);
        cJSON_AddItemToArray(list, o);
    }
    return list;
}

static cJSON *ocd_sources(const cJSON *m)
{
    cJSON *list = cJSON_CreateArray();
    const cJSON *s;
    cJSON_ArrayForEach(s, ap_field(m, "sources")) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "url", text_or(s, "file", ""));
        cJSON_AddStringToObject(o, "note", text_or(s, "role", ""));
        cJSON_AddItemToArray(list, o);
    }
    return list;
}

cJSON *ap_meeting_to_ocd(const cJSON *m)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "name", text_or(m, "committee", ""));
    cJSON_AddStringToObject(e, "description", "");
    cJSON_AddStringToObject(e, "classification", "committee-meeting");
    char *start = when(m, "start_time"), *end = when(m, "terminated");
    cJSON_AddStringToObject(e, "start_date", start);
    if (ap_field_text(m, "terminated"))
        cJSON_AddStringToObject(e, "end_date", end);
    else
        cJSON_AddStringToObject(e, "end_date", "");
    g_free(start);
    g_free(end);
    cJSON_AddBoolToObject(e, "all_day", false);
    /* minutes mean it took place; an agenda alone, that it was called */
    const char *status = text_or(m, "status", "");
    cJSON_AddStringToObject(e, "status", strstr(status, "minutes") ? "passed" : "confirmed");
    cJSON *loc = cJSON_AddObjectToObject(e, "location");
    cJSON_AddStringToObject(loc, "name", text_or(m, "venue", ""));
    cJSON_AddStringToObject(loc, "note", "");
    cJSON_AddNullToObject(loc, "coordinates");
    cJSON_AddItemToObject(e, "participants", ocd_participants(m));
    cJSON_AddItemToObject(e, "agenda", ocd_agenda(m));
    cJSON_AddItemToObject(e, "documents", ocd_documents(m));
    cJSON_AddItemToObject(e, "media", cJSON_CreateArray());
    cJSON_AddItemToObject(e, "links", cJSON_CreateArray());
    cJSON_AddItemToObject(e, "sources", ocd_sources(m));
    cJSON *extras = cJSON_AddObjectToObject(e, "extras");
    static const char *const keep[] = {"id", "council", "status", "supplement", "commenced",
                                       "terminated", "minutes", "tables", "indicators",
                                       "warnings"};
    for (size_t k = 0; k < G_N_ELEMENTS(keep); k++)
        cJSON_AddItemToObject(extras, keep[k], cJSON_Duplicate(ap_field(m, keep[k]), true));
    return e;
}

static int export_meetings(sqlite3_stmt *st, bool ocd, FILE *out)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cJSON *m = cJSON_Parse((const char *)sqlite3_column_text(st, 0));
        if (!m)
            return SQLITE_CORRUPT;  /* a record that is not JSON */
        cJSON *o = ocd ? ap_meeting_to_ocd(m) : NULL;
        put_json(out, o ? o : m);
        cJSON_Delete(o);
        cJSON_Delete(m);
    }
    return rc;
}

bool ap_export(const char *db_path, bool meetings, const char *format, FILE *out,
               ap_error *err)
{
    bool csv = !strcmp(format, "csv"), ocd = !strcmp(format, "ocd");
    if (meetings ? csv : ocd) {
        ap_error_set(err, "%s cannot be exported as %s", meetings ? "meetings" : "indicators",
                     format);
        return false;
    }
    sqlite3 *db = ap_store_open_read(db_path, err);
    if (!db)
        return false;
    sqlite3_stmt *st = NULL;
    const char *sql = meetings ? "SELECT record FROM meetings ORDER BY date, id" : INDICATOR_SQL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = meetings ? export_meetings(st, ocd, out) : export_indicators(st, csv, out);
    bool ok = rc == SQLITE_DONE;
    if (!ok)
        ap_error_set(err, "%s", ap_store_damage(db, rc));
    else if (fflush(out) != 0 || ferror(out)) {
        ap_error_set(err, "cannot write the export: %s", g_strerror(errno));
        ok = false;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return ok;
}
