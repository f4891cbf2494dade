/*
 * store.c: the "sqlite" sink: the batch's queryable store,
 * OUTDIR/agendapack.sqlite (sinks/query.c reads it).
 *
 * The store is derived data: it is made from the log (OUTDIR/files) and
 * the merged meetings (OUTDIR/meetings) at the end of every batch run, in
 * a temporary file renamed over the old one, so a reader never sees half a
 * store and a killed run leaves the last whole one. A first run builds it
 * from nothing (open); a later one (update) starts from a copy of the last
 * store and replaces only the meetings the rebuild hands it again, keeping
 * the others (keep) and removing those neither kept nor handed, so a run
 * that adds a few files to a large archive writes a few meetings' rows.
 * The schema is STORE_SCHEMA below (and in the README).
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "agendapack.h"
#include "core/json_fields.h"
#include "record/fields.h"
#include "sinks/series.h"
#include "sinks/sink.h"
#include "sinks/store.h"
#include "core/error.h"

/* The store is built in a file of its own that no reader opens until it
 * is renamed into place, and a build that fails or is killed is thrown
 * away: it needs no journal and no syncs while it is built (with them,
 * SQLite synced every page it spilled). Once in place it is never written
 * again, only replaced whole, so readers open it read-only and immutable
 * (store_open_read): no locks, no -wal or -shm files, and it reads on a
 * read-only mount. That is also why it is not in WAL mode: a WAL file
 * makes every reader create those files. A store built anew and one
 * updated from a copy of the last are built alike. */
#define STORE_BUILDING "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"

static const char STORE_SCHEMA[] =
    STORE_BUILDING
    "CREATE TABLE files(sha256 TEXT PRIMARY KEY, path TEXT NOT NULL, status TEXT NOT NULL,"
    " error TEXT, pages INTEGER, seconds REAL);"
    /* meetings: made from record/fields.def (meetings_table) */
    "CREATE TABLE sources(meeting_id TEXT NOT NULL REFERENCES meetings(id), file TEXT,"
    " sha256 TEXT, role TEXT);"
    "CREATE TABLE agenda_items(meeting_id TEXT NOT NULL REFERENCES meetings(id),"
    " position INTEGER NOT NULL, number TEXT, title TEXT, description TEXT, part INTEGER,"
    " exempt INTEGER, page_start INTEGER, page_end INTEGER, pdf_page_start INTEGER,"
    " pdf_page_end INTEGER);"
    "CREATE TABLE documents(meeting_id TEXT NOT NULL REFERENCES meetings(id),"
    " position INTEGER NOT NULL, item TEXT, kind TEXT, title TEXT, pdf_page_start INTEGER,"
    " pdf_page_end INTEGER, file TEXT, sha256 TEXT, linked_by TEXT, label TEXT);"
    /* documents no meeting could be found for: one row a file, its record
     * whole (json_extract reaches its tables and indicators) */
    "CREATE TABLE unplaced_documents(id TEXT PRIMARY KEY, council TEXT, title TEXT,"
    " kind TEXT, printed_committee TEXT, printed_date TEXT, decision_ref TEXT, file TEXT,"
    " sha256 TEXT, record TEXT NOT NULL);"
    /* a minute's resolutions, votes and declarations name it by its
     * position in the meeting's minutes: a number may be missing or
     * printed twice */
    "CREATE TABLE minute_entries(meeting_id TEXT NOT NULL REFERENCES meetings(id),"
    " position INTEGER NOT NULL, number TEXT, title TEXT, agenda_number TEXT, text TEXT,"
    " pdf_page INTEGER);"
    "CREATE TABLE resolutions(meeting_id TEXT NOT NULL REFERENCES meetings(id),"
    " minute_number TEXT, position INTEGER NOT NULL, text TEXT, minute_position INTEGER);"
    /* a recorded vote, and how each member named in it voted */
    "CREATE TABLE votes(id INTEGER PRIMARY KEY, meeting_id TEXT NOT NULL"
    " REFERENCES meetings(id), minute_number TEXT, position INTEGER NOT NULL, motion TEXT,"
    " result TEXT, count_for INTEGER, count_against INTEGER, count_abstain INTEGER,"
    " minute_position INTEGER);"
    "CREATE TABLE declarations(meeting_id TEXT NOT NULL REFERENCES meetings(id),"
    " minute_number TEXT, minute_position INTEGER, member TEXT, item TEXT, kind TEXT,"
    " text TEXT);"
    "CREATE TABLE member_votes(vote_id INTEGER NOT NULL REFERENCES votes(id), name TEXT,"
    " option TEXT NOT NULL);"
    "CREATE TABLE attendance(meeting_id TEXT NOT NULL REFERENCES meetings(id), name TEXT,"
    " title TEXT, role TEXT, status TEXT);"
    "CREATE TABLE indicators(id INTEGER PRIMARY KEY, meeting_id TEXT NOT NULL"
    " REFERENCES meetings(id), item TEXT, ref TEXT, name TEXT, target_raw TEXT,"
    " target_value REAL, target_op TEXT, rag TEXT, direction TEXT, source_file TEXT,"
    " pdf_page INTEGER, target_max REAL);"
    /* period_kind as sinks/series.h reads it; latest 1 for the value the
     * indicator's RAG, direction and target speak of */
    "CREATE TABLE indicator_values(indicator_id INTEGER NOT NULL REFERENCES indicators(id),"
    " position INTEGER NOT NULL, label TEXT, period TEXT, raw TEXT, value REAL, unit TEXT,"
    " period_kind TEXT, latest INTEGER NOT NULL);"
    /* kind: item (title, description), minute (title, text), resolution
     * (the minute's title, the resolution), document (title, kind and
     * label), vote (the minute's title, motion and result) */
    "CREATE VIRTUAL TABLE search USING fts5(meeting_id UNINDEXED, kind UNINDEXED,"
    " number UNINDEXED, minute UNINDEXED, title, body);"
    /* the rows of search that are a meeting's, first to last: FTS5 finds
     * rows by rowid without reading them, by meeting_id only by reading
     * every row, and an update removes a meeting's rows */
    "CREATE TABLE search_rows(meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),"
    " first INTEGER NOT NULL, last INTEGER NOT NULL);";

/* Made after the rows are in (an index built once is cheaper than one
 * kept up row by row): the joins of the views and the filters of `query`
 * and `person`; and the views, the research questions as tables. */
static const char STORE_VIEWS[] =
    "CREATE INDEX meetings_date ON meetings(date);"
    "CREATE INDEX meetings_committee ON meetings(committee COLLATE NOCASE);"
    "CREATE INDEX meetings_council ON meetings(council COLLATE NOCASE);"
    "CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, number);"
    "CREATE INDEX documents_meeting ON documents(meeting_id, item);"
    "CREATE INDEX sources_meeting ON sources(meeting_id);"
    "CREATE INDEX minute_entries_meeting ON minute_entries(meeting_id, agenda_number);"
    "CREATE INDEX resolutions_minute ON resolutions(meeting_id, minute_position);"
    "CREATE INDEX votes_minute ON votes(meeting_id, minute_position);"
    "CREATE INDEX member_votes_vote ON member_votes(vote_id);"
    "CREATE INDEX member_votes_name ON member_votes(name COLLATE NOCASE);"
    "CREATE INDEX declarations_member ON declarations(member COLLATE NOCASE);"
    "CREATE INDEX declarations_minute ON declarations(meeting_id, minute_position);"
    "CREATE INDEX attendance_name ON attendance(name COLLATE NOCASE);"
    "CREATE INDEX attendance_meeting ON attendance(meeting_id);"
    "CREATE INDEX indicators_meeting ON indicators(meeting_id);"
    "CREATE INDEX indicators_ref ON indicators(ref);"
    /* NOCASE, so that LIKE 'Bank Rate%' (case-blind) can use it */
    "CREATE INDEX indicators_name ON indicators(name COLLATE NOCASE);"
    "CREATE INDEX indicator_values_indicator ON indicator_values(indicator_id);"
    /* each agenda item with the minute that records it (the minute naming
     * the item's number, or else bearing its title) and that minute's
     * resolutions and votes as JSON arrays; and each minute no agenda
     * item of the store leads to, with item_number NULL: most archives
     * hold minutes without their agenda */
    "CREATE VIEW minute_outcomes AS SELECT e.meeting_id, e.position AS minute_position,"
    " e.number AS minute_number, e.title AS minute_title, e.agenda_number, e.pdf_page,"
    " (SELECT json_group_array(text) FROM (SELECT text FROM resolutions r"
    "   WHERE r.meeting_id = e.meeting_id AND r.minute_position = e.position"
    "   ORDER BY r.position)) AS resolutions,"
    " (SELECT json_group_array(json_object('motion', motion, 'result', result,"
    "   'for', count_for, 'against', count_against, 'abstain', count_abstain))"
    "   FROM (SELECT * FROM votes v WHERE v.meeting_id = e.meeting_id"
    "   AND v.minute_position = e.position ORDER BY v.position)) AS votes"
    " FROM minute_entries e;"
    "CREATE VIEW item_outcomes AS"
    " SELECT m.id AS meeting_id, m.date, m.council, m.committee, a.number AS item_number,"
    " a.title AS item_title, o.minute_position, o.minute_number, o.minute_title,"
    " o.resolutions, o.votes,"
    " (SELECT file FROM sources s WHERE s.meeting_id = m.id AND s.role = 'minutes') AS"
    " minutes_file, o.pdf_page"
    " FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id"
    " LEFT JOIN minute_outcomes o ON o.meeting_id = a.meeting_id AND (o.agenda_number = a.number"
    "  OR (o.agenda_number IS NULL AND lower(o.minute_title) = lower(a.title)))"
    " UNION ALL"
    " SELECT m.id, m.date, m.council, m.committee, NULL, NULL, o.minute_position,"
    " o.minute_number,"
    " o.minute_title, o.resolutions, o.votes,"
    " (SELECT file FROM sources s WHERE s.meeting_id = m.id AND s.role = 'minutes'), o.pdf_page"
    " FROM minute_outcomes o JOIN meetings m ON m.id = o.meeting_id"
    " WHERE NOT EXISTS (SELECT 1 FROM agenda_items a WHERE a.meeting_id = o.meeting_id"
    "  AND (o.agenda_number = a.number"
    "  OR (o.agenda_number IS NULL AND lower(o.minute_title) = lower(a.title))));"
    /* one row an indicator value; the rating, direction and target on
     * the latest value's row only, since they speak of it */
    "CREATE VIEW indicator_series AS SELECT i.meeting_id, m.date AS meeting_date, m.council,"
    " m.committee, i.item, i.ref, i.name, v.position, v.label, v.period, v.period_kind,"
    " v.raw, v.value, v.unit, CASE WHEN v.latest THEN i.target_raw END AS target,"
    " CASE WHEN v.latest THEN i.target_value END AS target_value,"
    " CASE WHEN v.latest THEN i.rag END AS rag,"
    " CASE WHEN v.latest THEN i.direction END AS direction, v.latest,"
    " i.source_file, i.pdf_page"
    " FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id"
    " JOIN meetings m ON m.id = i.meeting_id;"
    /* a member's record by name as printed, council by council */
    "CREATE VIEW attendance_by_member AS SELECT a.name, m.council,"
    " count(DISTINCT a.meeting_id) AS meetings,"
    " sum(a.status = 'present') AS present, sum(a.status = 'apologies') AS apologies,"
    " sum(a.status = 'absent') AS absent, sum(a.status = 'substitute') AS substitute,"
    " sum(a.status = 'in_attendance') AS in_attendance, min(m.date) AS first_date,"
    " max(m.date) AS last_date"
    " FROM attendance a JOIN meetings m ON m.id = a.meeting_id GROUP BY a.name, m.council;";

/* After the build: the journal mode the file keeps (journal_mode=OFF is
 * not kept in the file; this says so for anyone who opens it to write). */
static const char STORE_FINISH[] =
    "PRAGMA journal_mode=DELETE; PRAGMA user_version=" G_STRINGIFY(AP_STORE_VERSION) ";";

typedef struct store {
    sqlite3 *db;
    ap_error *err;
    bool ok;
    cJSON *scratch;         /* values made for the next insert's binding */
    GHashTable *statements; /* SQL text -> prepared statement, each
                             * prepared once for all its rows */
    char *path, *tmp;       /* where it goes; where it is built */
    char *meetings_insert;  /* INSERT INTO meetings, from record/fields.def */
    bool updating;          /* a copy of the last store: each meeting's old
                             * rows are removed before its new ones go in */
} store;

static bool store_close(void *state, bool commit, ap_error *err);

static void finalize(gpointer statement)
{
    sqlite3_finalize(statement);
}

/* The prepared statement of sql, prepared once for all its rows (sql is
 * the key of the cache: it lives as long as the store). */
static sqlite3_stmt *statement(store *s, const char *sql)
{
    sqlite3_stmt *st = g_hash_table_lookup(s->statements, sql);
    if (st) {
        sqlite3_reset(st);
    } else if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK) {
        g_hash_table_insert(s->statements, (gpointer)sql, st);
    } else {
        ap_error_set(s->err, "store: %s", sqlite3_errmsg(s->db));
        s->ok = false;
        return NULL;
    }
    return st;
}

/* Binds the n values (cJSON strings, numbers, booleans, null) in order
 * and runs the statement; the first error is kept. Returns the new row's
 * id. */
static sqlite3_int64 bind_and_step(store *s, sqlite3_stmt *st, const cJSON *const *values,
                                   size_t n)
{
    for (int i = 1; (size_t)i <= n; i++) {
        const cJSON *v = values[i - 1];
        if (cJSON_IsString(v))
            sqlite3_bind_text(st, i, v->valuestring, -1, SQLITE_TRANSIENT);
        else if (cJSON_IsBool(v))
            sqlite3_bind_int(st, i, cJSON_IsTrue(v));
        else if (cJSON_IsNumber(v))
            sqlite3_bind_double(st, i, v->valuedouble);
        else
            sqlite3_bind_null(st, i);
    }
    if (sqlite3_step(st) != SQLITE_DONE) {
        ap_error_set(s->err, "store: %s", sqlite3_errmsg(s->db));
        s->ok = false;
    }
    /* bound by copy (SQLITE_TRANSIENT, numbers by value): done with */
    cJSON_Delete(s->scratch);
    s->scratch = cJSON_CreateArray();
    return sqlite3_last_insert_rowid(s->db);
}

/* Runs sql with its values given as an array, one per parameter. */
static sqlite3_int64 insert_values(store *s, const char *sql, const cJSON *const *values,
                                   size_t n)
{
    sqlite3_stmt *st = s->ok ? statement(s, sql) : NULL;
    return st ? bind_and_step(s, st, values, n) : 0;
}

/* The same with the values as arguments, one per parameter of sql. */
static sqlite3_int64 insert(store *s, const char *sql, ...)
{
    sqlite3_stmt *st = s->ok ? statement(s, sql) : NULL;
    if (!st)
        return 0;
    const cJSON *values[16];
    size_t n = (size_t)sqlite3_bind_parameter_count(st);
    va_list ap;
    va_start(ap, sql);
    for (size_t i = 0; i < n && i < G_N_ELEMENTS(values); i++)
        values[i] = va_arg(ap, const cJSON *);
    va_end(ap);
    return bind_and_step(s, st, values, MIN(n, G_N_ELEMENTS(values)));
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

/* The votes minute entry e records: a row each, and a row for each
 * member each names, with the option they took. */
static void add_votes(store *s, const cJSON *id, const cJSON *e, int minute_pos)
{
    static const char *const options[][2] = {
        {"names_for", "for"}, {"names_against", "against"}, {"names_abstain", "abstain"}};
    int pos = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, ap_field(e, "votes")) {
        sqlite3_int64 row = insert(
            s, "INSERT INTO votes(meeting_id, minute_number, position, motion, result,"
               " count_for, count_against, count_abstain, minute_position)"
               " VALUES(?,?,?,?,?,?,?,?,?)",
            id, ap_field(e, "number"), num(s, pos++), ap_field(v, "motion"),
            ap_field(v, "result"), ap_field(v, "for"), ap_field(v, "against"),
            ap_field(v, "abstain"), num(s, minute_pos));
        insert(s, "INSERT INTO search VALUES(?,'vote',?,?,?,?)", id, ap_field(e, "number"),
               num(s, minute_pos), ap_field(e, "title"), ap_field(v, "motion"));
        for (size_t k = 0; k < G_N_ELEMENTS(options); k++) {
            const cJSON *name;
            cJSON_ArrayForEach(name, ap_field(v, options[k][0]))
                insert(s, "INSERT INTO member_votes VALUES(?,?,?)", num(s, (double)row), name,
                       str(s, options[k][1]));
        }
    }
}

static void add_declarations(store *s, const cJSON *id, const cJSON *e, int minute_pos)
{
    const cJSON *d;
    cJSON_ArrayForEach(d, ap_field(e, "declarations"))
        insert(s, "INSERT INTO declarations VALUES(?,?,?,?,?,?,?)", id, ap_field(e, "number"),
               num(s, minute_pos), ap_field(d, "member"), ap_field(d, "item"), ap_field(d, "kind"),
               ap_field(d, "text"));
}

static void add_minutes(store *s, const cJSON *id, const cJSON *m)
{
    int pos = 0;
    const cJSON *e;
    /* (values made by num() and str() last until the next insert) */
    cJSON_ArrayForEach(e, ap_field(m, "minutes")) {
        int minute_pos = pos++;
        insert(s, "INSERT INTO minute_entries VALUES(?,?,?,?,?,?,?)", id, num(s, minute_pos),
               ap_field(e, "number"), ap_field(e, "title"), ap_field(e, "agenda_number"),
               ap_field(e, "text"), ap_field(ap_field(e, "evidence"), "pdf_page"));
        insert(s, "INSERT INTO search VALUES(?,'minute',?,?,?,?)", id, ap_field(e, "number"),
               num(s, minute_pos), ap_field(e, "title"), ap_field(e, "text"));
        int rpos = 0;
        const cJSON *r;
        cJSON_ArrayForEach(r, ap_field(e, "resolutions")) {
            insert(s, "INSERT INTO resolutions VALUES(?,?,?,?,?)", id, ap_field(e, "number"),
                   num(s, rpos++), r, num(s, minute_pos));
            insert(s, "INSERT INTO search VALUES(?,'resolution',?,?,?,?)", id,
                   ap_field(e, "number"), num(s, minute_pos), ap_field(e, "title"), r);
        }
        add_votes(s, id, e, minute_pos);
        add_declarations(s, id, e, minute_pos);
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
               " target_op, rag, direction, source_file, pdf_page, target_max)"
               " VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
            id, ap_field(ind, "item"), ap_field(ind, "ref"), ap_field(ind, "name"),
            ap_field(target, "raw"), ap_field(target, "value"), ap_field(target, "op"),
            ap_field(ind, "rag"), ap_field(ind, "direction"),
            ap_field(ap_field(ind, "source"), "file"),
            ap_field(ap_field(ind, "evidence"), "pdf_page"), ap_field(target, "max"));
        const cJSON *values = ap_field(ind, "values");
        const char **kinds = g_new0(const char *, cJSON_GetArraySize(values) + 1);
        int pos = 0, latest = ap_series_latest(values, kinds);
        const cJSON *v;
        cJSON_ArrayForEach(v, ap_field(ind, "values")) {
            insert(s, "INSERT INTO indicator_values VALUES(?,?,?,?,?,?,?,?,?)",
                   num(s, (double)row), num(s, pos), ap_field(v, "label"), ap_field(v, "period"),
                   ap_field(v, "raw"), ap_field(v, "value"), ap_field(v, "unit"),
                   str(s, kinds[pos]), num(s, pos == latest));
            pos++;
        }
        g_free(kinds);
    }
}

/* ---- updating ------------------------------------------------------------------- */

/* The last row of the search table (0: none). */
static sqlite3_int64 last_search_row(store *s)
{
    sqlite3_stmt *st = statement(s, "SELECT rowid FROM search ORDER BY rowid DESC LIMIT 1");
    return st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
}

/* Runs sql with the one parameter id (text). */
static bool run_with_id(store *s, const char *sql, const char *id)
{
    sqlite3_stmt *st = s->ok ? statement(s, sql) : NULL;
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        ap_error_set(s->err, "store: %s", sqlite3_errmsg(s->db));
        s->ok = false;
    }
    return rc == SQLITE_ROW;
}

/* Every row of meeting id, children before their parents; each by an
 * index on meeting_id (search by its rows' range). */
static void forget_meeting(store *s, const char *id)
{
    static const char *const forget[] = {
        "DELETE FROM member_votes WHERE vote_id IN (SELECT id FROM votes WHERE meeting_id = ?1)",
        "DELETE FROM indicator_values WHERE indicator_id IN"
        " (SELECT id FROM indicators WHERE meeting_id = ?1)",
        "DELETE FROM search WHERE rowid BETWEEN (SELECT first FROM search_rows WHERE"
        " meeting_id = ?1) AND (SELECT last FROM search_rows WHERE meeting_id = ?1)",
        "DELETE FROM search_rows WHERE meeting_id = ?1",
        "DELETE FROM sources WHERE meeting_id = ?1",
        "DELETE FROM agenda_items WHERE meeting_id = ?1",
        "DELETE FROM documents WHERE meeting_id = ?1",
        "DELETE FROM minute_entries WHERE meeting_id = ?1",
        "DELETE FROM resolutions WHERE meeting_id = ?1",
        "DELETE FROM votes WHERE meeting_id = ?1",
        "DELETE FROM declarations WHERE meeting_id = ?1",
        "DELETE FROM attendance WHERE meeting_id = ?1",
        "DELETE FROM indicators WHERE meeting_id = ?1",
        "DELETE FROM meetings WHERE id = ?1",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(forget); i++)
        run_with_id(s, forget[i], id);
}

/* The record of id, meeting or unplaced document, is being replaced or
 * kept: the close leaves it. */
static void handed(store *s, const char *id)
{
    run_with_id(s, "INSERT OR IGNORE INTO temp.handed VALUES(?1)", id);
}

static bool store_keep(void *state, const char *id)
{
    store *s = state;
    if (!s->updating || !run_with_id(s, "SELECT 1 FROM meetings WHERE id = ?1 UNION ALL"
                                        " SELECT 1 FROM unplaced_documents WHERE id = ?1", id))
        return false;
    handed(s, id);
    return s->ok;
}

/* At the close of an update: what the last store held and this run
 * neither kept nor handed again (its files were removed, or linked since
 * to another meeting). */
static void forget_the_rest(store *s)
{
    sqlite3_stmt *st = statement(s, "SELECT id FROM meetings WHERE id NOT IN"
                                    " (SELECT id FROM temp.handed)");
    GPtrArray *gone = g_ptr_array_new_with_free_func(g_free);
    while (st && sqlite3_step(st) == SQLITE_ROW)
        g_ptr_array_add(gone, g_strdup((const char *)sqlite3_column_text(st, 0)));
    for (guint i = 0; i < gone->len; i++)
        forget_meeting(s, gone->pdata[i]);
    g_ptr_array_free(gone, TRUE);
    if (s->ok && sqlite3_exec(s->db, "DELETE FROM unplaced_documents WHERE id NOT IN"
                                     " (SELECT id FROM temp.handed)",
                              NULL, NULL, NULL) != SQLITE_OK) {
        ap_error_set(s->err, "store: %s", sqlite3_errmsg(s->db));
        s->ok = false;
    }
}

/* ---- the meeting ----------------------------------------------------------------- */

static bool store_meeting(void *state, const cJSON *m, const char *text, ap_error *err)
{
    store *s = state;
    s->err = err;
    const cJSON *id = ap_field(m, "id");
    if (s->updating && cJSON_IsString(id)) {
        forget_meeting(s, id->valuestring);
        handed(s, id->valuestring);
    }
    sqlite3_int64 search_before = last_search_row(s);
    /* the meetings row: the fields.def columns in order, then the text */
    const cJSON **values = g_new(const cJSON *, ap_nrecord_fields + 1);
    size_t n = 0;
    for (size_t i = 0; i < ap_nrecord_fields; i++)
        if (ap_record_fields[i].column)
            values[n++] = ap_field(m, ap_record_fields[i].name);
    values[n++] = str(s, text);
    insert_values(s, s->meetings_insert, values, n);
    g_free(values);
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
        insert(s, "INSERT INTO search VALUES(?,'item',?,NULL,?,?)", id, ap_field(e, "number"),
               ap_field(e, "title"), ap_field(e, "description"));
    }
    pos = 0;
    cJSON_ArrayForEach(e, ap_field(m, "documents")) {
        const cJSON *src = ap_field(e, "source");
        insert(s, "INSERT INTO documents VALUES(?,?,?,?,?,?,?,?,?,?,?)", id, num(s, pos++),
               ap_field(e, "item"), ap_field(e, "kind"), ap_field(e, "title"),
               ap_field(e, "pdf_page_start"), ap_field(e, "pdf_page_end"), ap_field(src, "file"),
               ap_field(src, "sha256"), ap_field(e, "linked_by"), ap_field(e, "label"));
        char *body = g_strjoin(" ", ap_field_text_or(e, "kind", ""),
                               ap_field_text_or(e, "label", ""), NULL);
        g_strstrip(body);
        insert(s, "INSERT INTO search VALUES(?,'document',?,NULL,?,?)", id, ap_field(e, "item"),
               ap_field(e, "title"), str(s, body));
        g_free(body);
    }
    add_minutes(s, id, m);
    add_indicators(s, id, m);
    sqlite3_int64 search_last = last_search_row(s);
    if (search_last > search_before)
        insert(s, "INSERT INTO search_rows VALUES(?,?,?)", id, num(s, (double)search_before + 1),
               num(s, (double)search_last));
    return s->ok;
}

static bool store_document(void *state, const cJSON *d, const char *text, ap_error *err)
{
    store *s = state;
    s->err = err;
    const cJSON *printed = ap_field(d, "printed_for"),
                *src = cJSON_GetArrayItem(ap_field(d, "sources"), 0);
    const char *id = ap_field_text(d, "id");
    if (s->updating && id) {
        run_with_id(s, "DELETE FROM unplaced_documents WHERE id = ?1", id);
        handed(s, id);
    }
    insert(s, "INSERT INTO unplaced_documents VALUES(?,?,?,?,?,?,?,?,?,?)", ap_field(d, "id"),
           ap_field(d, "council"), ap_field(d, "title"), ap_field(d, "kind"),
           ap_field(printed, "committee"), ap_field(printed, "date"),
           ap_field(printed, "decision_ref"), ap_field(src, "file"), ap_field(src, "sha256"),
           str(s, text));
    return s->ok;
}

/* ---- the sink -------------------------------------------------------------------- */

static bool store_file(void *state, const cJSON *f, ap_error *err)
{
    store *s = state;
    s->err = err;
    insert(s, "INSERT INTO files VALUES(?,?,?,?,?,?)", ap_field(f, "sha256"), ap_field(f, "path"),
           ap_field(f, "status"), ap_field(f, "error"), ap_field(f, "pages"), ap_field(f, "seconds"));
    return s->ok;
}

/* CREATE TABLE meetings, and its INSERT: a column for each field
 * record/fields.def gives one, and the record's text. */
static char *meetings_table(char **insert_sql)
{
    GString *sql = g_string_new("CREATE TABLE meetings(");
    GString *ins = g_string_new("INSERT INTO meetings VALUES(");
    for (size_t i = 0; i < ap_nrecord_fields; i++)
        if (ap_record_fields[i].column) {
            g_string_append_printf(sql, "%s %s, ", ap_record_fields[i].name,
                                   ap_record_fields[i].column);
            g_string_append(ins, "?,");
        }
    g_string_append(sql, "record TEXT NOT NULL);");
    g_string_append(ins, "?)");
    *insert_sql = g_string_free(ins, FALSE);
    return g_string_free(sql, FALSE);
}

/* A store to be built in where's temporary file; *create (unless NULL)
 * is its CREATE TABLE meetings. */
static store *store_new(const char *where, char **create)
{
    store *s = g_new0(store, 1);
    *s = (store){NULL, NULL, true, cJSON_CreateArray(),
                 g_hash_table_new_full(g_str_hash, g_str_equal, NULL, finalize),
                 g_strdup(where), g_strconcat(where, ".new", NULL), NULL, false};
    /* what a run killed while building left */
    static const char *const leftovers[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < G_N_ELEMENTS(leftovers); i++) {
        char *f = g_strconcat(s->tmp, leftovers[i], NULL);
        g_unlink(f);
        g_free(f);
    }
    char *table = meetings_table(&s->meetings_insert);
    if (create)
        *create = table;
    else
        g_free(table);
    return s;
}

/* Opens the temporary file and runs sql, then begins the build's one
 * transaction; NULL (err) and nothing left on failure. */
static store *store_begin(store *s, const char *sql, ap_error *err)
{
    if (sqlite3_open(s->tmp, &s->db) != SQLITE_OK ||
        sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        ap_error_set(err, "%s: %s", s->tmp, sqlite3_errmsg(s->db));
        s->ok = false;
    }
    if (!s->ok) {
        store_close(s, false, NULL);
        return NULL;
    }
    return s;
}

static void *store_open(const char *where, FILE *out, ap_error *err)
{
    (void)out;
    char *table;
    store *s = store_new(where, &table);
    char *sql = g_strconcat(STORE_SCHEMA, table, NULL);
    s = store_begin(s, sql, err);
    g_free(sql);
    g_free(table);
    return s;
}

/* The last store, copied page by page (SQLite's backup API: the copy is
 * a consistent store whatever the file system offers), into the file
 * this run builds; false when there is none of this version to copy. */
static bool copy_last_store(store *s)
{
    ap_error ignored = {{0}};
    sqlite3 *from = ap_store_open_read(s->path, &ignored);
    sqlite3 *to = NULL;
    bool ok = from && sqlite3_open(s->tmp, &to) == SQLITE_OK;
    sqlite3_backup *b = ok ? sqlite3_backup_init(to, "main", from, "main") : NULL;
    ok = b && sqlite3_backup_step(b, -1) == SQLITE_DONE;
    if (b)
        sqlite3_backup_finish(b);
    sqlite3_close(to);
    sqlite3_close(from);
    if (!ok)
        g_unlink(s->tmp);
    return ok;
}

static void *store_update(const char *where, FILE *out, ap_error *err)
{
    (void)out;
    store *s = store_new(where, NULL);
    if (!copy_last_store(s)) {
        store_close(s, false, NULL);
        return NULL;
    }
    s->updating = true;
    /* the log is small and wholly handed again; the meetings, kept or
     * replaced one by one */
    return store_begin(s, STORE_BUILDING
                          " CREATE TEMP TABLE handed(id TEXT PRIMARY KEY); DELETE FROM files;",
                       err);
}

static bool store_close(void *state, bool commit, ap_error *err)
{
    store *s = state;
    s->err = err;
    s->ok &= commit;
    if (s->ok && s->updating)
        forget_the_rest(s);
    /* a store updated has its indexes and views already */
    if (s->ok && ((!s->updating && sqlite3_exec(s->db, STORE_VIEWS, NULL, NULL, NULL) != SQLITE_OK) ||
                  sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK ||
                  sqlite3_exec(s->db, STORE_FINISH, NULL, NULL, NULL) != SQLITE_OK)) {
        ap_error_set(err, "store: %s", sqlite3_errmsg(s->db));
        s->ok = false;
    }
    g_hash_table_destroy(s->statements);     /* finalized before the close */
    sqlite3_close(s->db);
    if (s->ok && g_rename(s->tmp, s->path) != 0) {
        ap_error_set(err, "%s: %s", s->path, g_strerror(errno));
        s->ok = false;
    }
    if (!s->ok)
        g_unlink(s->tmp);
    bool ok = s->ok;
    cJSON_Delete(s->scratch);
    g_free(s->meetings_insert);
    g_free(s->tmp);
    g_free(s->path);
    g_free(s);
    return ok;
}

const ap_sink_class ap_sink_sqlite = {
    .version = AP_SINK_VERSION,
    .name = "sqlite",
    .open = store_open,
    .update = store_update,
    .keep = store_keep,
    .file = store_file,
    .meeting = store_meeting,
    .document = store_document,
    .close = store_close,
};
