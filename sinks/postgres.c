/*
 * postgres.c: the store in PostgreSQL, for an archive many people query at
 * once: loaded from a batch's SQLite store, searched and exported as the
 * SQLite store is.
 *
 * The tables are the SQLite store's, made from its own schema (PRAGMA
 * table_info of each), so the layout lives in one place, sinks/store.c.
 * Types map TEXT to text, INTEGER to bigint, REAL to double precision.
 * Two changes: `search` is an ordinary table with a tsvector column (the
 * 'simple' configuration: no stemming, as FTS5's tokenizer has none) under
 * a GIN index, and the ids of votes and indicators are PostgreSQL's own
 * (bigserial), since each SQLite store numbers them from 1.
 *
 * Loading is an upsert by meeting, in a transaction of its own: the
 * meeting's row inserted or updated (keyed by id), every row of its other
 * tables deleted and inserted again. A meeting whose record is unchanged
 * (the SHA-256 of its text, kept in meetings.record_sha256) is left alone,
 * so a load run again changes nothing; loads of several stores (shards)
 * may run at once, the meeting's row lock ordering them. Files are keyed by
 * content hash, unplaced documents by id.
 */
#include <string.h>

#include <glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "agendapack.h"
#include "core/error.h"
#include "core/sha256.h"
#include "sinks/export.h"
#include "sinks/sink.h"
#include "sinks/store.h"

/* A meeting's tables besides meetings, in the order they are loaded. */
static const char *const MEETING_TABLES[] = {
    "sources", "agenda_items", "documents", "minute_entries", "resolutions", "votes",
    "declarations", "attendance", "indicators", "search"};
/* Tables whose rows others name by id: (table, the child, its column). */
static const char *const PARENTS[][3] = {{"votes", "member_votes", "vote_id"},
                                         {"indicators", "indicator_values", "indicator_id"}};

/* ---- a connection ------------------------------------------------------------------ */

/* PostgreSQL's notices ("already exists, skipping") are not for the user:
 * only the CLI prints, and only what went wrong. */
static void no_notice(void *arg, const char *message)
{
    (void)arg, (void)message;
}

static PGconn *connect_to(const char *url, ap_error *err)
{
    PGconn *pg = PQconnectdb(url);
    if (PQstatus(pg) != CONNECTION_OK) {
        char *why = g_strstrip(g_strdup(PQerrorMessage(pg)));
        ap_error_set(err, "postgres: cannot connect: %s", why);
        g_free(why);
        PQfinish(pg);
        return NULL;
    }
    PQsetNoticeProcessor(pg, no_notice, NULL);
    return pg;
}

/* Runs sql with n text parameters (NULL for SQL NULL); the result, or
 * NULL and err. */
static PGresult *run(PGconn *pg, const char *sql, int n, const char *const *params,
                     ap_error *err)
{
    PGresult *r = PQexecParams(pg, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType s = PQresultStatus(r);
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK)
        return r;
    char *why = g_strstrip(g_strdup(PQresultErrorMessage(r)));
    ap_error_set(err, "postgres: %s", why);
    g_free(why);
    PQclear(r);
    return NULL;
}

static bool exec(PGconn *pg, const char *sql, ap_error *err)
{
    PGresult *r = run(pg, sql, 0, NULL, err);
    PQclear(r);
    return r != NULL;
}

/* ---- the schema, from the SQLite store's --------------------------------------------- */

static const char *pg_type(const char *sqlite_type)
{
    if (!g_ascii_strncasecmp(sqlite_type, "INTEGER", 7))
        return "bigint";
    if (!g_ascii_strncasecmp(sqlite_type, "REAL", 4))
        return "double precision";
    return "text";
}

/* table's columns in the SQLite store, in order (g_strfreev them). */
static char **columns(sqlite3 *db, const char *table)
{
    char *sql = g_strdup_printf("PRAGMA table_info(%s)", table);
    sqlite3_stmt *st = NULL;
    GPtrArray *cols = g_ptr_array_new();
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW)
            g_ptr_array_add(cols, g_strdup_printf("%s\t%s", sqlite3_column_text(st, 1),
                                                  sqlite3_column_text(st, 2)));
    sqlite3_finalize(st);
    g_free(sql);
    g_ptr_array_add(cols, NULL);
    return (char **)g_ptr_array_free(cols, FALSE);
}

static bool is_parent(const char *table)
{
    return !strcmp(table, PARENTS[0][0]) || !strcmp(table, PARENTS[1][0]);
}

/* CREATE TABLE for table, its columns as the SQLite store has them. */
static char *create_table(sqlite3 *db, const char *table)
{
    char **cols = columns(db, table);
    GString *sql = g_string_new(NULL);
    g_string_append_printf(sql, "CREATE TABLE IF NOT EXISTS %s(", table);
    for (char **c = cols; *c; c++) {
        char **nt = g_strsplit(*c, "\t", 2);
        bool id = !strcmp(nt[0], "id");
        g_string_append_printf(sql, "%s%s %s", c == cols ? "" : ", ", nt[0],
                               id && is_parent(table) ? "bigserial PRIMARY KEY"
                               : id ? "text PRIMARY KEY"
                               : !strcmp(table, "files") && !strcmp(nt[0], "sha256")
                                   ? "text PRIMARY KEY" : pg_type(nt[1]));
        g_strfreev(nt);
    }
    if (!strcmp(table, "meetings"))
        g_string_append(sql, ", record_sha256 text");
    if (!strcmp(table, "search"))
        g_string_append(sql, ", tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple',"
                             " coalesce(title, '') || ' ' || coalesce(body, ''))) STORED");
    g_string_append(sql, ")");
    g_strfreev(cols);
    return g_string_free(sql, FALSE);
}

static bool create_schema(PGconn *pg, sqlite3 *db, ap_error *err)
{
    /* one loader at a time creates: CREATE ... IF NOT EXISTS races */
    bool ok = exec(pg, "SELECT pg_advisory_lock(784512)", err);
    static const char *const others[] = {"files", "meetings", "unplaced_documents",
                                         "member_votes", "indicator_values"};
    for (size_t i = 0; ok && i < G_N_ELEMENTS(others); i++) {
        char *sql = create_table(db, others[i]);
        ok = exec(pg, sql, err);
        g_free(sql);
    }
    for (size_t i = 0; ok && i < G_N_ELEMENTS(MEETING_TABLES); i++) {
        char *sql = create_table(db, MEETING_TABLES[i]);
        char *index = g_strdup_printf("CREATE INDEX IF NOT EXISTS %s_meeting ON %s(meeting_id)",
                                      MEETING_TABLES[i], MEETING_TABLES[i]);
        ok = exec(pg, sql, err) && exec(pg, index, err);
        g_free(index);
        g_free(sql);
    }
    ok = ok && exec(pg, "CREATE INDEX IF NOT EXISTS search_tsv ON search USING gin(tsv)", err) &&
         exec(pg, "CREATE INDEX IF NOT EXISTS member_votes_vote ON member_votes(vote_id)", err) &&
         exec(pg, "CREATE INDEX IF NOT EXISTS indicator_values_indicator"
                  " ON indicator_values(indicator_id)", err) &&
         exec(pg, "CREATE INDEX IF NOT EXISTS meetings_date ON meetings(date)", err);
    ap_error ignored;
    exec(pg, "SELECT pg_advisory_unlock(784512)", &ignored);
    return ok;
}

/* ---- copying rows ----------------------------------------------------------------------- */

/* Rows read from the SQLite store: every row of a statement (key_col
 * -1), or, from a statement over a table in meeting order, the rows of
 * meeting `key` one meeting after another: one pass over each table for
 * the whole load, where a lookup a meeting would scan the search table
 * (FTS5 indexes no meeting_id) once a meeting. */
typedef struct rows {
    sqlite3_stmt *st;
    int key_col;
    const char *key;
    bool held;              /* a row stepped to, not yet taken */
    bool done;
} rows;

/* The next row of the rows wanted, or false at their end. */
static bool rows_next(rows *r)
{
    if (r->key_col < 0)
        return sqlite3_step(r->st) == SQLITE_ROW;
    for (;;) {
        if (!r->held) {
            if (r->done || sqlite3_step(r->st) != SQLITE_ROW) {
                r->done = true;
                return false;
            }
            r->held = true;
        }
        const char *k = (const char *)sqlite3_column_text(r->st, r->key_col);
        int order = strcmp(k ? k : "", r->key);
        if (order > 0)
            return false;       /* a later meeting's: held for it */
        r->held = false;
        if (order == 0)
            return true;
        /* an earlier meeting's, left alone as unchanged: passed */
    }
}

/* A load: the connection, and what is made once for every meeting. */
typedef struct copy {
    PGconn *pg;
    ap_error *err;
    char *meeting_upsert;   /* INSERT INTO meetings ... ON CONFLICT (id) */
    /* the meeting tables but the parents, each in meeting order */
    rows cursors[G_N_ELEMENTS(MEETING_TABLES)];
    /* a meeting's rows of a parent (by index), and of the parent's children */
    sqlite3_stmt *parents[G_N_ELEMENTS(PARENTS)], *children[G_N_ELEMENTS(PARENTS)];
} copy;

static char *insert_sql(const char *table, char **cols, const char *conflict)
{
    GString *names = g_string_new(NULL), *params = g_string_new(NULL);
    GString *update = g_string_new(NULL);
    int n = 0;
    for (char **c = cols; *c; c++) {
        char **nt = g_strsplit(*c, "\t", 2);
        g_string_append_printf(names, "%s%s", n ? ", " : "", nt[0]);
        g_string_append_printf(params, "%s$%d", n ? ", " : "", n + 1);
        g_string_append_printf(update, "%s%s = EXCLUDED.%s", n ? ", " : "", nt[0], nt[0]);
        n++;
        g_strfreev(nt);
    }
    char *sql = g_strdup_printf("INSERT INTO %s(%s) VALUES(%s) ON CONFLICT (%s) DO UPDATE SET %s",
                                table, names->str, params->str, conflict, update->str);
    g_string_free(names, TRUE);
    g_string_free(params, TRUE);
    g_string_free(update, TRUE);
    return sql;
}

/* A value as COPY's text format wants it: NULL as \N, and the
 * backslash, tab, newline and carriage return escaped. */
static void copy_value(GString *line, const char *v)
{
    if (!v) {
        g_string_append(line, "\\N");
        return;
    }
    for (const char *p = v; *p; p++) {
        switch (*p) {
        case '\\': g_string_append(line, "\\\\"); break;
        case '\t': g_string_append(line, "\\t"); break;
        case '\n': g_string_append(line, "\\n"); break;
        case '\r': g_string_append(line, "\\r"); break;
        default: g_string_append_c(line, *p);
        }
    }
}

/* Rows into table through COPY: one round trip for all of them, where an
 * INSERT a row is one a row (a meeting has hundreds of search rows). The
 * rows: st's columns, stepped by next(from); a column named `remap` holds
 * an old parent id, written as its new one from ids. */
static bool copy_in(copy *c, sqlite3_stmt *st, bool (*next)(void *), void *from,
                    const char *table, const char *remap, GHashTable *ids)
{
    int n = sqlite3_column_count(st), mapped = -1;
    GString *sql = g_string_new(NULL);
    g_string_append_printf(sql, "COPY %s(", table);
    for (int i = 0; i < n; i++) {
        g_string_append_printf(sql, "%s%s", i ? ", " : "", sqlite3_column_name(st, i));
        if (remap && !strcmp(sqlite3_column_name(st, i), remap))
            mapped = i;
    }
    g_string_append(sql, ") FROM STDIN");
    PGresult *r = PQexec(c->pg, sql->str);
    bool ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    GString *line = g_string_new(NULL);
    while (ok && next(from)) {
        g_string_truncate(line, 0);
        for (int i = 0; i < n; i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            if (i)
                g_string_append_c(line, '\t');
            copy_value(line, i == mapped && v ? g_hash_table_lookup(ids, v) : v);
        }
        g_string_append_c(line, '\n');
        ok = PQputCopyData(c->pg, line->str, (int)line->len) == 1;
    }
    bool ended = PQputCopyEnd(c->pg, ok ? NULL : "the store could not be read") == 1;
    r = PQgetResult(c->pg);
    ok = ok && ended && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) {
        char *why = g_strstrip(g_strdup(PQerrorMessage(c->pg)));
        ap_error_set(c->err, "postgres: %s", why);
        g_free(why);
    }
    PQclear(r);
    while ((r = PQgetResult(c->pg)))
        PQclear(r);
    g_string_free(line, TRUE);
    g_string_free(sql, TRUE);
    return ok;
}

static bool next_of_rows(void *from)
{
    return rows_next(from);
}

static bool next_step(void *st)
{
    return sqlite3_step(st) == SQLITE_ROW;
}

/* A parent's rows of the meeting (votes, indicators), with ids of
 * PostgreSQL's sequence taken in one round trip, then all the meeting's
 * children of them in one COPY, their parent ids remapped. */
static bool copy_parent(copy *c, size_t which, const char *id)
{
    const char *parent = PARENTS[which][0], *child = PARENTS[which][1];
    sqlite3_stmt *own = c->parents[which], *kids = c->children[which];
    /* the rows' old ids first: how many new ones to take */
    sqlite3_reset(own);
    sqlite3_bind_text(own, 1, id, -1, SQLITE_TRANSIENT);
    GPtrArray *old = g_ptr_array_new_with_free_func(g_free);
    while (sqlite3_step(own) == SQLITE_ROW)
        g_ptr_array_add(old, g_strdup((const char *)sqlite3_column_text(own, 0)));
    if (old->len == 0) {
        g_ptr_array_free(old, TRUE);
        return true;
    }
    char count[16];
    g_snprintf(count, sizeof count, "%u", old->len);
    char *take = g_strdup_printf("SELECT nextval(pg_get_serial_sequence('%s', 'id'))"
                                 " FROM generate_series(1, $1::int)", parent);
    const char *params[] = {count};
    PGresult *r = run(c->pg, take, 1, params, c->err);
    GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    for (guint i = 0; r && i < old->len; i++)
        g_hash_table_insert(ids, old->pdata[i], g_strdup(PQgetvalue(r, (int)i, 0)));
    bool ok = r != NULL;
    PQclear(r);
    g_free(take);
    /* the rows again, written with their new ids, then their children */
    sqlite3_reset(own);
    ok = ok && copy_in(c, own, next_step, own, parent, "id", ids);
    sqlite3_reset(kids);
    sqlite3_bind_text(kids, 1, id, -1, SQLITE_TRANSIENT);
    ok = ok && copy_in(c, kids, next_step, kids, child, PARENTS[which][2], ids);
    g_hash_table_destroy(ids);
    g_ptr_array_free(old, TRUE);
    return ok;
}

/* The row st is on upserted by sql (insert_sql's, its columns st's). */
static bool upsert_row(copy *c, const char *sql, sqlite3_stmt *st)
{
    int n = sqlite3_column_count(st);
    const char **params = g_new0(const char *, n);
    for (int i = 0; i < n; i++)
        params[i] = (const char *)sqlite3_column_text(st, i);
    PGresult *r = run(c->pg, sql, n, params, c->err);
    PQclear(r);
    g_free(params);
    return r != NULL;
}

/* insert_sql for table, its columns as the SQLite store has them. */
static char *upsert_sql(sqlite3 *db, const char *table, const char *key)
{
    char **cols = columns(db, table);
    char *sql = insert_sql(table, cols, key);
    g_strfreev(cols);
    return sql;
}

/* Whether PostgreSQL holds the meeting's record as it is. */
static bool unchanged(PGconn *pg, const char *id, const char *sha)
{
    const char *params[] = {id, sha};
    ap_error ignored;
    PGresult *r = run(pg, "SELECT 1 FROM meetings WHERE id = $1 AND record_sha256 = $2", 2,
                      params, &ignored);
    bool same = r && PQntuples(r) == 1;
    PQclear(r);
    return same;
}

/* Every row of the meeting's but its meetings row. */
static bool clear_meeting(PGconn *pg, const char *id, ap_error *err)
{
    /* children of the parents first: their rows name the parents' ids */
    static const char *const children[] = {
        "DELETE FROM member_votes WHERE vote_id IN (SELECT id FROM votes WHERE meeting_id = $1)",
        "DELETE FROM indicator_values WHERE indicator_id IN"
        " (SELECT id FROM indicators WHERE meeting_id = $1)"};
    bool ok = true;
    for (size_t i = 0; ok && i < G_N_ELEMENTS(children); i++) {
        PGresult *r = run(pg, children[i], 1, &id, err);
        ok = r != NULL;
        PQclear(r);
    }
    for (size_t t = 0; ok && t < G_N_ELEMENTS(MEETING_TABLES); t++) {
        char *del = g_strdup_printf("DELETE FROM %s WHERE meeting_id = $1", MEETING_TABLES[t]);
        PGresult *r = run(pg, del, 1, &id, err);
        ok = r != NULL;
        PQclear(r);
        g_free(del);
    }
    return ok;
}

/* One meeting, the row st is on (SELECT * FROM meetings), in a
 * transaction: its row upserted, its other rows put back. Returns 1
 * loaded, 0 unchanged, -1 failed. */
static int load_meeting(copy *c, sqlite3_stmt *st, int id_col, int record_col)
{
    const char *id = (const char *)sqlite3_column_text(st, id_col);
    const char *record = (const char *)sqlite3_column_text(st, record_col);
    char *sha = ap_sha256_hex(record, strlen(record));
    int loaded = 0;
    if (unchanged(c->pg, id, sha)) {
        g_free(sha);
        return 0;
    }
    bool ok = exec(c->pg, "BEGIN", c->err) && upsert_row(c, c->meeting_upsert, st);
    const char *params[] = {sha, id};
    PGresult *r = ok ? run(c->pg, "UPDATE meetings SET record_sha256 = $1 WHERE id = $2", 2,
                           params, c->err) : NULL;
    ok = r != NULL;
    PQclear(r);
    ok = ok && clear_meeting(c->pg, id, c->err);
    for (size_t t = 0; ok && t < G_N_ELEMENTS(MEETING_TABLES); t++) {
        const char *table = MEETING_TABLES[t];
        rows *from = &c->cursors[t];
        from->key = id;
        ok = is_parent(table) ? copy_parent(c, !strcmp(table, PARENTS[0][0]) ? 0 : 1, id)
                              : copy_in(c, from->st, next_of_rows, from, table, NULL, NULL);
    }
    ap_error ignored;
    if (ok && exec(c->pg, "COMMIT", c->err)) {
        loaded = 1;
    } else {
        exec(c->pg, "ROLLBACK", &ignored);
        loaded = -1;
        ap_error_prefix(c->err, "meeting %s", id);
    }
    g_free(sha);
    return loaded;
}

/* A table keyed by its own column (files, unplaced documents), upserted whole. */
static bool copy_keyed(copy *c, sqlite3 *db, const char *table, const char *key)
{
    char *sql = g_strdup_printf("SELECT * FROM %s", table), *upsert = upsert_sql(db, table, key);
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
              exec(c->pg, "BEGIN", c->err);
    while (ok && sqlite3_step(st) == SQLITE_ROW)
        ok = upsert_row(c, upsert, st);
    ok = ok && exec(c->pg, "COMMIT", c->err);
    sqlite3_finalize(st);
    g_free(upsert);
    g_free(sql);
    return ok;
}

/* A cursor over each meeting table in meeting order (ids compared as
 * bytes, as strcmp and the meetings' own order do). */
static bool open_cursors(copy *c, sqlite3 *db)
{
    for (size_t t = 0; t < G_N_ELEMENTS(MEETING_TABLES); t++) {
        rows *r = &c->cursors[t];
        *r = (rows){NULL, -1, NULL, false, false};
        if (is_parent(MEETING_TABLES[t]))
            continue;   /* read by meeting_id's index (copy_parent), twice */
        char *sql = g_strdup_printf("SELECT * FROM %s ORDER BY meeting_id, rowid",
                                    MEETING_TABLES[t]);
        bool ok = sqlite3_prepare_v2(db, sql, -1, &r->st, NULL) == SQLITE_OK;
        g_free(sql);
        if (!ok) {
            ap_error_set(c->err, "%s", ap_store_damage(db, sqlite3_errcode(db)));
            return false;
        }
        for (int i = 0; i < sqlite3_column_count(r->st); i++)
            if (!strcmp(sqlite3_column_name(r->st, i), "meeting_id"))
                r->key_col = i;
    }
    for (size_t p = 0; p < G_N_ELEMENTS(PARENTS); p++) {
        char *own = g_strdup_printf("SELECT * FROM %s WHERE meeting_id = ?1 ORDER BY rowid",
                                    PARENTS[p][0]);
        char *sql = g_strdup_printf("SELECT k.* FROM %s k JOIN %s p ON p.id = k.%s"
                                    " WHERE p.meeting_id = ?1 ORDER BY k.rowid", PARENTS[p][1],
                                    PARENTS[p][0], PARENTS[p][2]);
        bool ok = sqlite3_prepare_v2(db, own, -1, &c->parents[p], NULL) == SQLITE_OK &&
                  sqlite3_prepare_v2(db, sql, -1, &c->children[p], NULL) == SQLITE_OK;
        g_free(own);
        g_free(sql);
        if (!ok) {
            ap_error_set(c->err, "%s", ap_store_damage(db, sqlite3_errcode(db)));
            return false;
        }
    }
    return true;
}

/* What the database holds that the store does not: meetings (with their
 * rows), unplaced documents and files, deleted, each meeting in a
 * transaction of its own. */
static bool prune(copy *c, sqlite3 *db, ap_postgres_counts *counts)
{
    static const char *const keyed[][2] = {
        {"meetings", "id"}, {"unplaced_documents", "id"}, {"files", "sha256"}};
    bool ok = true;
    for (size_t k = 0; ok && k < G_N_ELEMENTS(keyed); k++) {
        char *sql = g_strdup_printf("SELECT %s FROM %s", keyed[k][1], keyed[k][0]);
        char *one = g_strdup_printf("SELECT 1 FROM %s WHERE %s = ?1", keyed[k][0], keyed[k][1]);
        char *del = g_strdup_printf("DELETE FROM %s WHERE %s = $1", keyed[k][0], keyed[k][1]);
        PGresult *r = run(c->pg, sql, 0, NULL, c->err);
        sqlite3_stmt *st = NULL;
        ok = r && sqlite3_prepare_v2(db, one, -1, &st, NULL) == SQLITE_OK;
        for (int row = 0; ok && row < PQntuples(r); row++) {
            const char *key = PQgetvalue(r, row, 0);
            sqlite3_reset(st);
            sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
            if (sqlite3_step(st) == SQLITE_ROW)
                continue;
            PGresult *d = NULL;
            ok = exec(c->pg, "BEGIN", c->err) && (k != 0 || clear_meeting(c->pg, key, c->err)) &&
                 (d = run(c->pg, del, 1, &key, c->err)) && exec(c->pg, "COMMIT", c->err);
            PQclear(d);
            counts->pruned += k == 0 && ok;
        }
        sqlite3_finalize(st);
        PQclear(r);
        g_free(del);
        g_free(one);
        g_free(sql);
    }
    return ok;
}

bool ap_postgres_load(const char *db_path, const char *url, bool prune_others,
                      ap_postgres_counts *counts, ap_error *err)
{
    *counts = (ap_postgres_counts){0};
    sqlite3 *db = ap_store_open_read(db_path, err);
    if (!db)
        return false;
    PGconn *pg = connect_to(url, err);
    copy c = {.pg = pg, .err = err};
    /* a commit a meeting need not wait for its WAL to reach the disk: a
     * crash loses at most the last meetings committed, and a load run
     * again (changing nothing else) puts them back */
    bool ok = pg && exec(pg, "SET synchronous_commit TO off", err) &&
              create_schema(pg, db, err) && copy_keyed(&c, db, "files", "sha256") &&
              copy_keyed(&c, db, "unplaced_documents", "id");
    ok = ok && open_cursors(&c, db);
    c.meeting_upsert = upsert_sql(db, "meetings", "id");
    sqlite3_stmt *st = NULL;
    ok = ok && sqlite3_prepare_v2(db, "SELECT * FROM meetings ORDER BY id", -1, &st, NULL) ==
                   SQLITE_OK;
    int id_col = -1, record_col = -1;
    for (int i = 0; ok && i < sqlite3_column_count(st); i++) {
        if (!strcmp(sqlite3_column_name(st, i), "id"))
            id_col = i;
        if (!strcmp(sqlite3_column_name(st, i), "record"))
            record_col = i;
    }
    while (ok && sqlite3_step(st) == SQLITE_ROW) {
        int r = load_meeting(&c, st, id_col, record_col);
        ok = r >= 0;
        counts->loaded += r == 1;
        counts->unchanged += r == 0;
    }
    sqlite3_finalize(st);
    for (size_t t = 0; t < G_N_ELEMENTS(MEETING_TABLES); t++)
        sqlite3_finalize(c.cursors[t].st);
    for (size_t p = 0; p < G_N_ELEMENTS(PARENTS); p++) {
        sqlite3_finalize(c.parents[p]);
        sqlite3_finalize(c.children[p]);
    }
    g_free(c.meeting_upsert);
    ok = ok && (!prune_others || prune(&c, db, counts));
    PQfinish(pg);
    sqlite3_close(db);
    return ok;
}

/* ---- search ---------------------------------------------------------------------------- */

/* A hit's columns as ap_store_query gives them. */
static const char *const HIT_KEYS[] = {"date", "council", "committee", "meeting_id", "kind",
                                       "number", "title", "snippet"};

cJSON *ap_postgres_query(const char *url, const ap_query *q, ap_error *err)
{
    if (q->with_resolutions) {
        ap_error_set(err, "--with resolutions is for the SQLite store");
        return NULL;
    }
    char *words = q->words && *q->words ? g_strdup(q->words) : NULL;
    if (!words && !q->committee && !q->council && !q->since && !q->until && !q->kind) {
        ap_error_set(err, "nothing to search for");
        return NULL;
    }
    PGconn *pg = connect_to(url, err);
    if (!pg) {
        g_free(words);
        return NULL;
    }
    /* websearch_to_tsquery: words all of which must occur, "a phrase",
     * OR, -word; it never refuses a query */
    GString *sql = g_string_new(
        "SELECT m.date, m.council, m.committee, s.meeting_id, s.kind, s.number, s.title,"
        " CASE WHEN $1::text IS NULL THEN substr(s.body, 1, 120) ELSE ts_headline('simple',"
        " coalesce(s.body, ''), websearch_to_tsquery('simple', $1), 'StartSel=[, StopSel=],"
        " MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=...') END"
        " FROM search s JOIN meetings m ON m.id = s.meeting_id"
        " WHERE ($1::text IS NULL OR s.tsv @@ websearch_to_tsquery('simple', $1))"
        " AND ($2::text IS NULL OR strpos(lower(m.committee), lower($2)) > 0)"
        " AND ($3::text IS NULL OR strpos(lower(m.council), lower($3)) > 0)"
        " AND ($4::text IS NULL OR m.date >= $4) AND ($5::text IS NULL OR m.date <= $5)"
        " AND ($6::text IS NULL OR s.kind = $6)");
    g_string_append(sql, q->by_date || !words
                             ? " ORDER BY m.date, m.committee, s.meeting_id, s.kind, s.number"
                             : " ORDER BY ts_rank(s.tsv, websearch_to_tsquery('simple', $1))"
                               " DESC, m.date, s.meeting_id, s.kind, s.number");
    char limit[32] = "";
    if (q->limit > 0)
        g_snprintf(limit, sizeof limit, " LIMIT %d", q->limit);
    g_string_append(sql, limit);
    const char *params[] = {words, q->committee, q->council, q->since, q->until, q->kind};
    PGresult *r = run(pg, sql->str, 6, params, err);
    cJSON *hits = r ? cJSON_CreateArray() : NULL;
    for (int row = 0; r && row < PQntuples(r); row++) {
        cJSON *hit = cJSON_CreateObject();
        for (int c = 0; c < (int)G_N_ELEMENTS(HIT_KEYS); c++) {
            if (PQgetisnull(r, row, c))
                cJSON_AddNullToObject(hit, HIT_KEYS[c]);
            else
                cJSON_AddStringToObject(hit, HIT_KEYS[c], PQgetvalue(r, row, c));
        }
        cJSON_AddItemToArray(hits, hit);
    }
    PQclear(r);
    g_string_free(sql, TRUE);
    g_free(words);
    PQfinish(pg);
    return hits;
}

/* ---- export ---------------------------------------------------------------------------- */

bool ap_postgres_export(const char *url, ap_export_what what, const char *format, FILE *out,
                        ap_error *err)
{
    const char *name = ap_export_sink_name(what, format, err);
    if (!name)
        return false;
    PGconn *pg = connect_to(url, err);
    if (!pg)
        return false;
    /* SQLite's order: bytes compared (COLLATE "C"), NULLs first */
    const char *sql =
        what == AP_EXPORT_INDICATORS || what == AP_EXPORT_LATEST
            ? "SELECT record FROM meetings ORDER BY council COLLATE \"C\" NULLS FIRST,"
              " committee COLLATE \"C\", date COLLATE \"C\", id COLLATE \"C\""
            : "SELECT record FROM meetings ORDER BY date COLLATE \"C\", id COLLATE \"C\"";
    PGresult *r = run(pg, sql, 0, NULL, err);
    ap_sink sink;
    bool ok = r && ap_sink_open(&sink, name, NULL, out, err);
    if (ok) {
        for (int row = 0; ok && row < PQntuples(r); row++)
            ok = ap_export_feed_text(&sink, PQgetvalue(r, row, 0), err);
        ok = ap_sink_close(&sink, ok, err) && ok && ap_export_flushed(out, err);
    }
    PQclear(r);
    PQfinish(pg);
    return ok;
}
