/*
 * query.c: reading the store (sinks/store.c builds it): opened read-only and
 * immutable, since it is only ever replaced whole; what it was built from;
 * full-text search.
 */
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "agendapack.h"
#include "sinks/store.h"
#include "core/error.h"

/* path as an SQLite URI's path: what is not plainly safe %-escaped
 * ('?', '#' and '%' would otherwise end or change it). */
static char *uri_path(const char *path)
{
    GString *u = g_string_new("file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (g_ascii_isalnum(*p) || strchr("/._-~", *p))
            g_string_append_c(u, (char)*p);
        else
            g_string_append_printf(u, "%%%02X", *p);
    }
    g_string_append(u, "?immutable=1");
    return g_string_free(u, FALSE);
}

sqlite3 *ap_store_open_read(const char *path, ap_error *err)
{
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        ap_error_set(err, g_file_test(path, G_FILE_TEST_EXISTS) ? "not a store (not a file)"
                                                               : "no such store");
        return NULL;
    }
    sqlite3 *db = NULL;
    char *uri = uri_path(path);
    int rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    g_free(uri);
    /* a file that is not SQLite at all opens; the first read says so */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "SELECT count(*) FROM meetings", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        ap_error_set(err, "%s", ap_store_damage(db, rc));
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

const char *ap_store_damage(sqlite3 *db, int rc)
{
    static char why[256];
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
        g_snprintf(why, sizeof why, "the store is damaged (%s); a batch run rebuilds it",
                   sqlite3_errstr(rc));
    else
        g_snprintf(why, sizeof why, "not an agendapack store: %s",
                   db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    return why;
}

bool ap_store_built_from(const char *path, const char *hashes)
{
    ap_error ignored = {{0}};
    sqlite3 *db = ap_store_open_read(path, &ignored);
    bool same = false;
    sqlite3_stmt *st = NULL;
    if (db &&
        sqlite3_prepare_v2(db, "SELECT group_concat(sha256, ',') FROM"
                               " (SELECT sha256 FROM files ORDER BY sha256)",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        const char *built = (const char *)sqlite3_column_text(st, 0);
        same = !strcmp(built ? built : "", hashes);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return same;
}

/* ---- query ------------------------------------------------------------------ */

/* The user's words as an FTS5 query: each a quoted string, so punctuation
 * and FTS5's operators in them are taken as text; all must occur. */
static char *fts_query(const char *words)
{
    GString *q = g_string_new(NULL);
    char **parts = g_strsplit_set(words, " \t\n", -1);
    for (char **p = parts; *p; p++) {
        if (!**p)
            continue;
        if (q->len)
            g_string_append_c(q, ' ');
        g_string_append_c(q, '"');
        for (const char *c = *p; *c; c++) {
            if (*c == '"')
                g_string_append_c(q, '"');
            g_string_append_c(q, *c);
        }
        g_string_append_c(q, '"');
    }
    g_strfreev(parts);
    return g_string_free(q, FALSE);
}

static void add_column(cJSON *hit, const char *key, sqlite3_stmt *st, int col)
{
    const unsigned char *v = sqlite3_column_text(st, col);
    if (v)
        cJSON_AddStringToObject(hit, key, (const char *)v);
    else
        cJSON_AddNullToObject(hit, key);
}

cJSON *ap_store_query(const char *db_path, const char *words, ap_error *err)
{
    char *q = fts_query(words);
    if (!*q) {
        ap_error_set(err, "nothing to search for");
        g_free(q);
        return NULL;
    }
    sqlite3 *db = ap_store_open_read(db_path, err);
    if (!db) {
        g_free(q);
        return NULL;
    }
    static const char sql[] =
        "SELECT m.date, m.committee, s.meeting_id, s.kind, s.number, s.title,"
        " snippet(search, 4, '[', ']', '...', 16)"
        " FROM search s JOIN meetings m ON m.id = s.meeting_id"
        " WHERE search MATCH ?1 ORDER BY m.date, m.committee, s.rowid";
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        ap_error_set(err, "%s", ap_store_damage(db, rc));
        sqlite3_close(db);
        g_free(q);
        return NULL;
    }
    sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
    g_free(q);
    cJSON *hits = cJSON_CreateArray();
    static const char *const keys[] = {"date", "committee", "meeting_id", "kind", "number",
                                       "title", "snippet"};
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cJSON *hit = cJSON_CreateObject();
        for (int c = 0; c < (int)G_N_ELEMENTS(keys); c++)
            add_column(hit, keys[c], st, c);
        cJSON_AddItemToArray(hits, hit);
    }
    if (rc != SQLITE_DONE) {
        ap_error_set(err, "%s", ap_store_damage(db, rc));
        cJSON_Delete(hits);
        hits = NULL;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return hits;
}
