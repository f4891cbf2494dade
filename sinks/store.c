/*
 * store.c: the batch's queryable store, OUTDIR/agendapack.sqlite.
 *
 * The store is derived data: it is rebuilt from the log (OUTDIR/files) and
 * the merged meetings (OUTDIR/meetings) at the end of every batch run, into
 * a temporary file renamed over the old one, so a reader never sees half a
 * store and a killed run leaves the last whole one. Rebuilding costs a few
 * milliseconds a meeting, far less than converting one; keeping the store
 * in step file by file would need the merge's order rules again in SQL.
 * The schema is STORE_SCHEMA below (and in the README).
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "agendapack.h"
#include "core/json_files.h"
#include "core/json_fields.h"
#include "run/outdir.h"
#include "sinks/store.h"

/* The store is built in a file of its own that no reader opens until it
 * is renamed into place, and a build that fails or is killed is thrown
 * away: it needs no journal and no syncs while it is built (with them,
 * SQLite synced every page it spilled). Once in place it is never written
 * again, only replaced whole, so readers open it read-only and immutable
 * (store_open_read): no locks, no -wal or -shm files, and it reads on a
 * read-only mount. That is also why it is not in WAL mode: a WAL file
 * makes every reader create those files. */
static const char STORE_SCHEMA[] =
    "PRAGMA journal_mode=OFF;"
    "PRAGMA synchronous=OFF;"
    "CREATE TABLE files(sha256 TEXT PRIMARY KEY, path TEXT NOT NULL, status TEXT NOT NULL,"
    " error TEXT, pages INTEGER, seconds REAL);"
    "CREATE TABLE meetings(id TEXT PRIMARY KEY, council TEXT, committee TEXT NOT NULL,"
    " date TEXT NOT NULL, start_time TEXT, venue TEXT, status TEXT NOT NULL,"
    " supplement INTEGER NOT NULL, commenced TEXT, terminated TEXT, record TEXT NOT NULL);"
    "CREATE TABLE sources(meeting_id TEXT NOT NULL REFERENCES meetings(id), file TEXT,"
    " sha256 TEXT, role TEXT);"
    "CREATE TABLE agenda_items(meeting_id TEXT NOT NULL REFERENCES meetings(id),"
    " position INTEGER NOT NULL, number TEXT, title TEXT, description TEXT, part INTEGER,"
    " exempt INTEGER, page_start INTEGER, page_end INTEGER, pdf_page_start INTEGER,"
    " pdf_page_end INTEGER);"
    "CREATE TABLE documents(meeting_id TEXT NOT NULL REFERENCES meetings(id),"
    " position INTEGER NOT NULL, item TEXT, kind TEXT, title TEXT, pdf_page_start INTEGER,"
    " pdf_page_end INTEGER);"
    "CREATE TABLE minute_entries(meeting_id TEXT NOT NULL REFERENCES meetings(id),"
    " position INTEGER NOT NULL, number TEXT, title TEXT, agenda_number TEXT, text TEXT);"
    "CREATE TABLE resolutions(meeting_id TEXT NOT NULL REFERENCES meetings(id),"
    " minute_number TEXT, position INTEGER NOT NULL, text TEXT);"
    "CREATE TABLE attendance(meeting_id TEXT NOT NULL REFERENCES meetings(id), name TEXT,"
    " title TEXT, role TEXT, status TEXT);"
    "CREATE TABLE indicators(id INTEGER PRIMARY KEY, meeting_id TEXT NOT NULL"
    " REFERENCES meetings(id), item TEXT, ref TEXT, name TEXT, target_raw TEXT,"
    " target_value REAL, target_op TEXT, rag TEXT, direction TEXT);"
    "CREATE TABLE indicator_values(indicator_id INTEGER NOT NULL REFERENCES indicators(id),"
    " position INTEGER NOT NULL, label TEXT, period TEXT, raw TEXT, value REAL, unit TEXT);"
    /* kind: item (title, description), minute (title, text), resolution
     * (the minute's title, the resolution) */
    "CREATE VIRTUAL TABLE search USING fts5(meeting_id UNINDEXED, kind UNINDEXED,"
    " number UNINDEXED, title, body);";

/* After the build: the journal mode the file keeps (journal_mode=OFF is
 * not kept in the file; this says so for anyone who opens it to write). */
static const char STORE_FINISH[] = "PRAGMA journal_mode=DELETE;";

typedef struct store {
    sqlite3 *db;
    ap_error *err;
    bool ok;
    cJSON *scratch;         /* values made for the next insert's binding */
    GHashTable *statements; /* SQL text -> prepared statement, each
                             * prepared once for all its rows */
} store;

static void finalize(gpointer statement)
{
    sqlite3_finalize(statement);
}

/* Runs sql with the values (cJSON strings, numbers, booleans, null; NULL
 * ends the list) bound in order; the first error is kept. Returns the new
 * row's id. */
static sqlite3_int64 insert(store *s, const char *sql, ...)
{
    if (!s->ok)
        return 0;
    sqlite3_stmt *st = g_hash_table_lookup(s->statements, sql);
    if (st) {
        sqlite3_reset(st);
    } else if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK) {
        g_hash_table_insert(s->statements, (gpointer)sql, st);
    } else {
        ap_error_set(s->err, "store: %s", sqlite3_errmsg(s->db));
        s->ok = false;
        return 0;
    }
    va_list ap;
    va_start(ap, sql);
    int n = sqlite3_bind_parameter_count(st);
    for (int i = 1; i <= n; i++) {
        const cJSON *v = va_arg(ap, const cJSON *);
        if (cJSON_IsString(v))
            sqlite3_bind_text(st, i, v->valuestring, -1, SQLITE_TRANSIENT);
        else if (cJSON_IsBool(v))
            sqlite3_bind_int(st, i, cJSON_IsTrue(v));
        else if (cJSON_IsNumber(v))
            sqlite3_bind_double(st, i, v->valuedouble);
        else
            sqlite3_bind_null(st, i);
    }
    va_end(ap);
    if (sqlite3_step(st) != SQLITE_DONE) {
        ap_error_set(s->err, "store: %s", sqlite3_errmsg(s->db));
        s->ok = false;
    }
    /* bound by copy (SQLITE_TRANSIENT, numbers by value): done with */
    cJSON_Delete(s->scratch);
    s->scratch = cJSON_CreateArray();
    return sqlite3_last_insert_rowid(s->db);
}

static const cJSON *num(store *s, double v)
{
    cJSON *n = cJSON_CreateNumber(v);
    cJSON_AddItemToArray(s->scratch, n);
    return n;
}

static const cJSON *str(store *s, const char *v)
{
    cJSON *n = v ? cJSON_CreateString(v) : cJSON_CreateNull();
    cJSON_AddItemToArray(s->scratch, n);
    return n;
}

/* ---- one meeting ---------------------------------------------------------- */

static void add_minutes(store *s, const cJSON *id, const cJSON *m)
{
    int pos = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, ap_field(m, "minutes")) {
        insert(s, "INSERT INTO minute_entries VALUES(?,?,?,?,?,?)", id, num(s, pos++),
               ap_field(e, "number"), ap_field(e, "title"), ap_field(e, "agenda_number"),
               ap_field(e, "text"));
        insert(s, "INSERT INTO search VALUES(?,'minute',?,?,?)", id, ap_field(e, "number"),
               ap_field(e, "title"), ap_field(e, "text"));
        int rpos = 0;
        const cJSON *r;
        cJSON_ArrayForEach(r, ap_field(e, "resolutions")) {
            insert(s, "INSERT INTO resolutions VALUES(?,?,?,?)", id, ap_field(e, "number"),
                   num(s, rpos++), r);
            insert(s, "INSERT INTO search VALUES(?,'resolution',?,?,?)", id,
                   ap_field(e, "number"), ap_field(e, "title"), r);
        }
    }
    cJSON_ArrayForEach(e, ap_field(m, "attendance"))
        insert(s, "INSERT INTO attendance VALUES(?,?,?,?,?)", id, ap_field(e, "name"),
               ap_field(e, "title"), ap_field(e, "role"), ap_field(e, "status"));
}

static void add_indicators(store *s, const cJSON *id, const cJSON *m)
{
    const cJSON *ind;
    cJSON_ArrayForEach(ind, ap_field(m, "indicators")) {
        const cJSON *target = ap_field(ind, "target");
        sqlite3_int64 row = insert(
            s, "INSERT INTO indicators(meeting_id, item, ref, name, target_raw, target_value,"
               " target_op, rag, direction) VALUES(?,?,?,?,?,?,?,?,?)",
            id, ap_field(ind, "item"), ap_field(ind, "ref"), ap_field(ind, "name"),
            ap_field(target, "raw"), ap_field(target, "value"), ap_field(target, "op"),
            ap_field(ind, "rag"), ap_field(ind, "direction"));
        int pos = 0;
        const cJSON *v;
        cJSON_ArrayForEach(v, ap_field(ind, "values"))
            insert(s, "INSERT INTO indicator_values VALUES(?,?,?,?,?,?,?)", num(s, (double)row),
                   num(s, pos++), ap_field(v, "label"), ap_field(v, "period"), ap_field(v, "raw"),
                   ap_field(v, "value"), ap_field(v, "unit"));
    }
}

/* A file of OUTDIR's that the store is built from and cannot be read
 * (they were written moments ago, by this run or the last): the build
 * stops and says which. */
static bool readable(store *s, const cJSON *json, const char *path, const ap_error *err)
{
    if (!json) {
        ap_error_set(s->err, "%s: %s", path, err->message);
        s->ok = false;
    }
    return json != NULL;
}

static bool add_meeting(cJSON *m, const char *path, const char *text, const ap_error *err,
                        void *ctx)
{
    store *s = ctx;
    if (!readable(s, m, path, err))
        return false;
    const char *schema = ap_field_text(m, "schema");
    if (!schema || strcmp(schema, AP_SCHEMA_ID)) {
        cJSON_Delete(m);    /* a file of someone else's in meetings/ */
        return true;
    }
    const cJSON *id = ap_field(m, "id");
    insert(s, "INSERT INTO meetings VALUES(?,?,?,?,?,?,?,?,?,?,?)", id, ap_field(m, "council"),
           ap_field(m, "committee"), ap_field(m, "date"), ap_field(m, "start_time"), ap_field(m, "venue"),
           ap_field(m, "status"), ap_field(m, "supplement"), ap_field(m, "commenced"),
           ap_field(m, "terminated"), str(s, text));
    const cJSON *e;
    cJSON_ArrayForEach(e, ap_field(m, "sources"))
        insert(s, "INSERT INTO sources VALUES(?,?,?,?)", id, ap_field(e, "file"),
               ap_field(e, "sha256"), ap_field(e, "role"));
    int pos = 0;
    cJSON_ArrayForEach(e, ap_field(m, "agenda")) {
        insert(s, "INSERT INTO agenda_items VALUES(?,?,?,?,?,?,?,?,?,?,?)", id, num(s, pos++),
               ap_field(e, "number"), ap_field(e, "title"), ap_field(e, "description"),
               ap_field(e, "part"), ap_field(e, "exempt"), ap_field(e, "page_start"),
               ap_field(e, "page_end"), ap_field(e, "pdf_page_start"), ap_field(e, "pdf_page_end"));
        insert(s, "INSERT INTO search VALUES(?,'item',?,?,?)", id, ap_field(e, "number"),
               ap_field(e, "title"), ap_field(e, "description"));
    }
    pos = 0;
    cJSON_ArrayForEach(e, ap_field(m, "documents"))
        insert(s, "INSERT INTO documents VALUES(?,?,?,?,?,?,?)", id, num(s, pos++),
               ap_field(e, "item"), ap_field(e, "kind"), ap_field(e, "title"),
               ap_field(e, "pdf_page_start"), ap_field(e, "pdf_page_end"));
    add_minutes(s, id, m);
    add_indicators(s, id, m);
    cJSON_Delete(m);
    return s->ok;
}

/* ---- the folders ----------------------------------------------------------- */

static bool add_file(cJSON *f, const char *path, const char *text, const ap_error *err,
                     void *ctx)
{
    store *s = ctx;
    (void)text;
    if (!readable(s, f, path, err))
        return false;
    insert(s, "INSERT INTO files VALUES(?,?,?,?,?,?)", ap_field(f, "sha256"), ap_field(f, "path"),
           ap_field(f, "status"), ap_field(f, "error"), ap_field(f, "pages"), ap_field(f, "seconds"));
    cJSON_Delete(f);
    return s->ok;
}

bool ap_store_rebuild(const char *outdir, ap_error *err)
{
    char *path = ap_outdir_store(outdir);
    char *tmp = g_strconcat(path, ".new", NULL);
    /* what a run killed while building left */
    static const char *const leftovers[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < G_N_ELEMENTS(leftovers); i++) {
        char *f = g_strconcat(tmp, leftovers[i], NULL);
        g_unlink(f);
        g_free(f);
    }
    store s = {NULL, err, true, cJSON_CreateArray(),
               g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                     finalize)};
    if (sqlite3_open(tmp, &s.db) != SQLITE_OK ||
        sqlite3_exec(s.db, STORE_SCHEMA, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(s.db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        ap_error_set(err, "%s: %s", tmp, sqlite3_errmsg(s.db));
        s.ok = false;
    }
    char *files = ap_outdir_log(outdir);
    char *meetings = ap_outdir_meetings(outdir);
    if (s.ok)
        ap_each_json_file(files, add_file, &s);
    if (s.ok)
        ap_each_json_file(meetings, add_meeting, &s);
    if (s.ok && (sqlite3_exec(s.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK ||
                 sqlite3_exec(s.db, STORE_FINISH, NULL, NULL, NULL) != SQLITE_OK)) {
        ap_error_set(err, "store: %s", sqlite3_errmsg(s.db));
        s.ok = false;
    }
    g_hash_table_destroy(s.statements);     /* finalized before the close */
    sqlite3_close(s.db);
    if (s.ok && g_rename(tmp, path) != 0) {
        ap_error_set(err, "%s: %s", path, g_strerror(errno));
        s.ok = false;
    }
    if (!s.ok)
        g_unlink(tmp);
    cJSON_Delete(s.scratch);
    g_free(files);
    g_free(meetings);
    g_free(tmp);
    g_free(path);
    return s.ok;
}

/* ---- up to date? -------------------------------------------------------------- */

/* The log's content hashes, sorted, comma-joined: what the store was built
 * from when its files table says the same. */
static char *logged_hashes(const char *outdir)
{
    char *dir = ap_outdir_log(outdir);
    GPtrArray *names = ap_json_file_names(dir);
    for (guint i = 0; i < names->len; i++)
        ((char *)names->pdata[i])[strlen(names->pdata[i]) - 5] = '\0';  /* SHA256.json */
    g_ptr_array_add(names, NULL);
    char *joined = g_strjoinv(",", (char **)names->pdata);
    g_ptr_array_free(names, TRUE);
    g_free(dir);
    return joined;
}

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

bool ap_store_current(const char *outdir)
{
    char *path = ap_outdir_store(outdir);
    ap_error ignored = {{0}};
    sqlite3 *db = ap_store_open_read(path, &ignored);
    bool current = false;
    sqlite3_stmt *st = NULL;
    if (db &&
        sqlite3_prepare_v2(db, "SELECT group_concat(sha256, ',') FROM"
                               " (SELECT sha256 FROM files ORDER BY sha256)",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        const char *built = (const char *)sqlite3_column_text(st, 0);
        char *logged = logged_hashes(outdir);
        current = !strcmp(built ? built : "", logged);
        g_free(logged);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    g_free(path);
    return current;
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
