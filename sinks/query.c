/*
 * query.c: reading the store (sinks/store.c builds it): opened read-only and
 * immutable, since it is only ever replaced whole; what it was built from;
 * full-text search with filters, a hit's outcome (its minute, resolutions
 * and votes), and a member's record.
 */
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "agendapack.h"
#include "core/error.h"
#include "core/json_fields.h"
#include "sinks/csv.h"
#include "sinks/store.h"

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

static int store_version(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int version = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return version;
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
    int version = store_version(db);
    if (version != AP_STORE_VERSION) {
        ap_error_set(err, "the store is of version %d, this agendapack reads version %d: a batch"
                          " run rebuilds it", version, AP_STORE_VERSION);
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

/* Whether c may stand in an FTS5 bareword: ASCII letters, digits, '_',
 * and every byte of a non-ASCII character. */
static bool bareword_char(unsigned char c)
{
    return g_ascii_isalnum(c) || c == '_' || c >= 0x80;
}

static bool is_operator(const char *w, size_t n)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "NEAR"};
    for (size_t i = 0; i < G_N_ELEMENTS(ops); i++)
        if (n == strlen(ops[i]) && !strncmp(w, ops[i], n))
            return true;
    return false;
}

/* The user's query for FTS5: its own syntax passed through (AND, OR, NOT,
 * NEAR(...), "phrases", prefix*, parentheses, title: or body: before a
 * term), and every other word that FTS5 could not take bare quoted, so
 * "children's" and "2018-19" are words, not syntax errors. A malformed
 * query ("(" alone, an unclosed phrase) is left for FTS5 to refuse. */
static char *fts_query(const char *words)
{
    GString *q = g_string_new(NULL);
    for (const char *p = words; *p;) {
        unsigned char c = (unsigned char)*p;
        if (g_ascii_isspace(c) || c == '(' || c == ')' || c == '*' || c == '+' || c == ':' ||
            c == '^') {
            g_string_append_c(q, (char)c);
            p++;
        } else if (c == '"') {    /* a phrase, as typed */
            const char *end = strchr(p + 1, '"');
            while (end && end[1] == '"')    /* "" inside a phrase */
                end = strchr(end + 2, '"');
            size_t n = end ? (size_t)(end - p + 1) : strlen(p);
            g_string_append_len(q, p, (gssize)n);
            p += n;
        } else {
            size_t n = 0;
            bool bare = true;
            while (p[n] && !g_ascii_isspace(p[n]) && !strchr("()\"*:", p[n])) {
                bare &= bareword_char((unsigned char)p[n]);
                n++;
            }
            if (bare || is_operator(p, n)) {
                g_string_append_len(q, p, (gssize)n);
            } else {
                g_string_append_c(q, '"');
                g_string_append_len(q, p, (gssize)n);
                g_string_append_c(q, '"');
            }
            p += n;
        }
    }
    char *out = g_strstrip(g_string_free(q, FALSE));
    return out;
}

static void add_column(cJSON *hit, const char *key, sqlite3_stmt *st, int col)
{
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_NULL:
        cJSON_AddNullToObject(hit, key);
        break;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
        cJSON_AddNumberToObject(hit, key, sqlite3_column_double(st, col));
        break;
    default:
        cJSON_AddStringToObject(hit, key, (const char *)sqlite3_column_text(st, col));
    }
}

/* A JSON array held in a text column, parsed; an empty array for none. */
static cJSON *json_column(sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    cJSON *v = t ? cJSON_Parse(t) : NULL;
    return v ? v : cJSON_CreateArray();
}

static const char *const KINDS[] = {"item", "minute", "resolution", "document", "vote"};

/* "2018" -> "2018-01-01" (since) or "2018-12-31" (until); "2018-06" the
 * same by month; a whole date as given; NULL for anything else. */
static char *date_bound(const char *v, bool until)
{
    int y, m, d;
    char tail;
    if (sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && strlen(v) == 10 &&
        g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
        return g_strdup(v);
    if (sscanf(v, "%4d-%2d%c", &y, &m, &tail) == 2 && strlen(v) == 7 && m >= 1 && m <= 12)
        return g_strdup_printf("%04d-%02d-%02d", y, m,
                               until ? g_date_get_days_in_month((GDateMonth)m, (GDateYear)y) : 1);
    if (sscanf(v, "%4d%c", &y, &tail) == 1 && strlen(v) == 4 && y > 0)
        return g_strdup_printf("%04d-%s", y, until ? "12-31" : "01-01");
    return NULL;
}

/* Whether snippets are made for the hits kept only (add_snippet), after
 * the sort: where a few hits of many are kept (a limit, or hits merged
 * by minute), since a snippet made in the sorted query is made for every
 * match (at 100,000 meetings 3.1 s against 0.96 s for 20 hits of
 * "budget"); where every hit is kept, in the query, which is then the
 * quicker (4.8 s against 11.6 s for all 230,000). */
static bool lazy_snippets(const ap_query *q)
{
    return q->limit > 0 || q->with_resolutions;
}

/* The parameters of a query, checked: NULL (err set) when one is wrong. */
typedef struct query_args {
    char *match;            /* the FTS5 query, NULL for all */
    char *since, *until;
} query_args;

static void query_args_clear(query_args *a)
{
    g_free(a->match);
    g_free(a->since);
    g_free(a->until);
}

static bool query_args_read(const ap_query *q, query_args *a, ap_error *err)
{
    *a = (query_args){0};
    if (q->words) {
        a->match = fts_query(q->words);
        if (!*a->match)
            g_clear_pointer(&a->match, g_free);
    }
    bool filtered = q->committee || q->council || q->since || q->until || q->kind;
    if (!a->match && !filtered) {
        ap_error_set(err, "nothing to search for");
        return false;
    }
    if (q->kind) {
        bool known = false;
        for (size_t i = 0; i < G_N_ELEMENTS(KINDS); i++)
            known |= !strcmp(q->kind, KINDS[i]);
        if (!known) {
            ap_error_set(err, "unknown kind '%s' (item, minute, resolution, document, vote)",
                         q->kind);
            query_args_clear(a);
            return false;
        }
    }
    if ((q->since && !(a->since = date_bound(q->since, false))) ||
        (q->until && !(a->until = date_bound(q->until, true)))) {
        ap_error_set(err, "a date is YYYY, YYYY-MM or YYYY-MM-DD, not '%s'",
                     q->since && !a->since ? q->since : q->until);
        query_args_clear(a);
        return false;
    }
    return true;
}

/* The search's SQL: only fixed text, every value of the user's bound as a
 * parameter (?1 the match, ?2 committee, ?3 council, ?4 since, ?5 until,
 * ?6 kind, ?7 limit). */
static char *query_sql(const ap_query *q, bool match)
{
    GString *sql = g_string_new(
        "SELECT m.date, m.council, m.committee, s.meeting_id, s.kind, s.number, s.title,");
    g_string_append(sql, !match         ? " substr(s.body, 1, 120),"
                         : lazy_snippets(q) ? " s.rowid,"
                                            : " snippet(search, 5, '[', ']', '...', 16),");
    g_string_append(sql, " s.minute FROM search s JOIN meetings m ON m.id = s.meeting_id WHERE ");
    g_string_append(sql, match ? "search MATCH ?1" : "?1 IS NULL");
    g_string_append(sql,
                    " AND (?2 IS NULL OR instr(lower(m.committee), lower(?2)) > 0)"
                    " AND (?3 IS NULL OR instr(lower(m.council), lower(?3)) > 0)"
                    " AND (?4 IS NULL OR m.date >= ?4) AND (?5 IS NULL OR m.date <= ?5)"
                    " AND (?6 IS NULL OR s.kind = ?6)");
    /* by meeting, then in the order its rows went in: the rowids of one
     * meeting's rows keep their order when the store is updated (store.c),
     * those of two meetings need not */
    g_string_append(sql, q->by_date || !match
                             ? " ORDER BY m.date, m.committee, s.meeting_id, s.rowid"
                             : " ORDER BY bm25(search), m.date, s.meeting_id, s.rowid");
    g_string_append(sql, " LIMIT ?7");
    return g_string_free(sql, FALSE);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* What a query's step failing means: FTS5's refusal of the query, in a
 * line, or damage. */
static void query_failed(sqlite3 *db, int rc, ap_error *err)
{
    const char *msg = sqlite3_errmsg(db);
    if (rc == SQLITE_ERROR && (strstr(msg, "fts5") || strstr(msg, "syntax") ||
                               strstr(msg, "unterminated") || strstr(msg, "no such column")))
        ap_error_set(err, "malformed query: %s", msg);
    else
        ap_error_set(err, "%s", ap_store_damage(db, rc));
}

/* ---- a hit's outcome -------------------------------------------------------------- */

/* The two lookups of a hit's outcome, prepared once for all the hits of
 * a query: an item by its number in item_outcomes (?1 meeting, ?2
 * number), anything else of a minute by the minute's place in
 * minute_outcomes (?1 meeting, ?2 position). Both give the same columns. */
typedef struct outcome_lookup {
    sqlite3_stmt *item, *minute;
} outcome_lookup;

static bool outcome_lookup_open(sqlite3 *db, outcome_lookup *l)
{
    static const char item_sql[] =
        "SELECT item_number, item_title, minute_number, minute_title, resolutions, votes,"
        " minutes_file, pdf_page FROM item_outcomes WHERE meeting_id = ?1"
        " AND item_number = ?2 LIMIT 1";
    static const char minute_sql[] =
        "SELECT o.agenda_number, a.title, o.minute_number, o.minute_title, o.resolutions,"
        " o.votes, (SELECT file FROM sources s WHERE s.meeting_id = o.meeting_id AND"
        " s.role = 'minutes'), o.pdf_page FROM minute_outcomes o"
        " LEFT JOIN agenda_items a ON a.meeting_id = o.meeting_id"
        " AND a.number = o.agenda_number WHERE o.meeting_id = ?1 AND o.minute_position = ?2"
        " LIMIT 1";
    *l = (outcome_lookup){NULL, NULL};
    return sqlite3_prepare_v2(db, item_sql, -1, &l->item, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(db, minute_sql, -1, &l->minute, NULL) == SQLITE_OK;
}

static void outcome_lookup_close(outcome_lookup *l)
{
    sqlite3_finalize(l->item);
    sqlite3_finalize(l->minute);
}

/* Adds to hit the minute it leads to, that minute's resolutions and
 * votes, from the store's views. */
static void add_outcome(const outcome_lookup *l, cJSON *hit, int minute_pos)
{
    const char *kind = ap_field_text(hit, "kind");
    bool item = !strcmp(kind, "item") || !strcmp(kind, "document");
    sqlite3_stmt *st = item ? l->item : l->minute;
    sqlite3_reset(st);
    bind_text(st, 1, ap_field_text(hit, "meeting_id"));
    if (item)
        bind_text(st, 2, ap_field_text(hit, "number"));
    else
        sqlite3_bind_int(st, 2, minute_pos);
    if (sqlite3_step(st) == SQLITE_ROW) {
        static const char *const keys[] = {"item_number", "item_title", "minute_number",
                                           "minute_title"};
        for (int c = 0; c < 4; c++)
            add_column(hit, keys[c], st, c);
        cJSON_AddItemToObject(hit, "resolutions", json_column(st, 4));
        cJSON_AddItemToObject(hit, "votes", json_column(st, 5));
        add_column(hit, "minutes_file", st, 6);
        add_column(hit, "pdf_page", st, 7);
    }
}

/* The key a hit's outcome is known by, so that an item, its minute and
 * its resolutions found by the same words are one answer. */
static char *outcome_key(const cJSON *hit)
{
    const char *m = ap_field_text(hit, "minute_number"), *t = ap_field_text(hit, "minute_title");
    if (!m && !t)    /* not minuted: the hit itself */
        return g_strdup_printf("%s\x1f%s\x1f%s\x1f%s", ap_field_text_or(hit, "meeting_id", ""),
                               ap_field_text_or(hit, "kind", ""),
                               ap_field_text_or(hit, "number", ""),
                               ap_field_text_or(hit, "title", ""));
    return g_strdup_printf("%s\x1fminute\x1f%s\x1f%s", ap_field_text_or(hit, "meeting_id", ""),
                           m ? m : "", t ? t : "");
}

/* ---- the search ------------------------------------------------------------------- */

/* The hit's snippet (a null in its place) set to that of the match in
 * row rowid of the search table, the words in brackets. */
static void add_snippet(sqlite3_stmt *snippet, cJSON *hit, sqlite3_int64 rowid)
{
    sqlite3_reset(snippet);
    sqlite3_bind_int64(snippet, 2, rowid);
    const unsigned char *t = sqlite3_step(snippet) == SQLITE_ROW
                                 ? sqlite3_column_text(snippet, 0)
                                 : NULL;
    if (t)
        cJSON_ReplaceItemInObjectCaseSensitive(hit, "snippet",
                                               cJSON_CreateString((const char *)t));
}

static cJSON *run_query(sqlite3 *db, const ap_query *q, const query_args *a, ap_error *err)
{
    char *sql = query_sql(q, a->match != NULL);
    sqlite3_stmt *st = NULL, *snippet = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    g_free(sql);
    if (rc == SQLITE_OK && a->match && lazy_snippets(q) &&
        (rc = sqlite3_prepare_v2(db, "SELECT snippet(search, 5, '[', ']', '...', 16) FROM search"
                                     " WHERE search MATCH ?1 AND rowid = ?2",
                                 -1, &snippet, NULL)) == SQLITE_OK)
        bind_text(snippet, 1, a->match);
    outcome_lookup outcomes = {NULL, NULL};
    if (rc == SQLITE_OK && q->with_resolutions && !outcome_lookup_open(db, &outcomes))
        rc = sqlite3_errcode(db);
    if (rc != SQLITE_OK) {
        ap_error_set(err, "%s", ap_store_damage(db, rc));
        outcome_lookup_close(&outcomes);
        sqlite3_finalize(snippet);
        sqlite3_finalize(st);
        return NULL;
    }
    const char *binds[] = {a->match, q->committee, q->council, a->since, a->until, q->kind};
    for (int i = 0; i < (int)G_N_ELEMENTS(binds); i++)
        bind_text(st, i + 1, binds[i]);
    sqlite3_bind_int(st, 7, q->limit > 0 && !q->with_resolutions ? q->limit : -1);
    cJSON *hits = cJSON_CreateArray();
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    static const char *const keys[] = {"date", "council", "committee", "meeting_id",
                                       "kind", "number", "title"};
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cJSON *hit = cJSON_CreateObject();
        for (int c = 0; c < (int)G_N_ELEMENTS(keys); c++)
            add_column(hit, keys[c], st, c);
        if (snippet)    /* its place; made below for the hits kept only */
            cJSON_AddNullToObject(hit, "snippet");
        else
            add_column(hit, "snippet", st, 7);
        if (q->with_resolutions) {
            add_outcome(&outcomes, hit, sqlite3_column_int(st, 8));
            char *key = outcome_key(hit);
            if (!g_hash_table_add(seen, key)) {
                cJSON_Delete(hit);
                continue;
            }
        }
        if (snippet)
            add_snippet(snippet, hit, sqlite3_column_int64(st, 7));
        cJSON_AddItemToArray(hits, hit);
        if (q->limit > 0 && cJSON_GetArraySize(hits) >= q->limit)
            break;
    }
    g_hash_table_destroy(seen);
    outcome_lookup_close(&outcomes);
    sqlite3_finalize(snippet);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        query_failed(db, rc, err);
        cJSON_Delete(hits);
        return NULL;
    }
    return hits;
}

cJSON *ap_store_query(const char *db_path, const ap_query *q, ap_error *err)
{
    query_args a;
    if (!query_args_read(q, &a, err))
        return NULL;
    sqlite3 *db = ap_store_open_read(db_path, err);
    cJSON *hits = db ? run_query(db, q, &a, err) : NULL;
    sqlite3_close(db);
    query_args_clear(&a);
    return hits;
}

/* ---- a member's record -------------------------------------------------------------- */

static const char *const TITLES[] = {"councillor", "cllr", "county", "district", "borough",
                                     "parish", "town", "city", "mr", "mrs", "ms", "miss",
                                     "mx", "dr", "prof", "professor", "rev", "sir", "dame"};

/* A name's words, lowered, titles and full stops dropped. */
static char **name_words(const char *name)
{
    char *low = g_utf8_strdown(name, -1);
    for (char *p = low; *p; p++)
        if (*p == '.' || *p == ',')
            *p = ' ';
    char **all = g_strsplit(low, " ", -1);
    GPtrArray *kept = g_ptr_array_new();
    for (char **w = all; *w; w++) {
        bool title = false;
        for (size_t i = 0; i < G_N_ELEMENTS(TITLES); i++)
            title |= !strcmp(*w, TITLES[i]);
        if (**w && !title)
            g_ptr_array_add(kept, g_strdup(*w));
    }
    g_strfreev(all);
    g_free(low);
    g_ptr_array_add(kept, NULL);
    return (char **)g_ptr_array_free(kept, FALSE);
}

char *ap_name_surname(const char *name)
{
    char **words = name_words(name ? name : "");
    guint n = g_strv_length(words);
    char *surname = n ? g_strdup(words[n - 1]) : NULL;
    g_strfreev(words);
    return surname;
}

/* Whether a name as printed may be the person asked for: the same
 * surname, and where both give a first name or initial, the same first
 * letter ("Mr Cole" and "D Cole" may be David Cole; "A Cole" is not). */
static bool same_person(char **want, const char *printed)
{
    char **got = name_words(printed);
    guint nw = g_strv_length(want), ng = g_strv_length(got);
    bool same = nw && ng && !strcmp(want[nw - 1], got[ng - 1]) &&
                (nw == 1 || ng == 1 || want[0][0] == got[0][0]);
    g_strfreev(got);
    return same;
}

/* Rows of sql (?1 the surname) whose column 0 names the person, as
 * objects of keys (the columns after it). */
static bool person_rows(sqlite3 *db, const char *sql, char **want, const char *const *keys,
                        int nkeys, cJSON *out, ap_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        bind_text(st, 1, want[g_strv_length(want) - 1]);
        rc = SQLITE_ROW;
    }
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (!name || !same_person(want, name))
            continue;
        cJSON *row = cJSON_CreateObject();
        add_column(row, "name", st, 0);
        for (int c = 0; c < nkeys; c++)
            add_column(row, keys[c], st, c + 1);
        cJSON_AddItemToArray(out, row);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        ap_error_set(err, "%s", ap_store_damage(db, rc));
        return false;
    }
    return true;
}

cJSON *ap_store_person(const char *db_path, const char *name, ap_error *err)
{
    char **want = name_words(name);
    if (!*want) {
        g_strfreev(want);
        ap_error_set(err, "no name to look for");
        return NULL;
    }
    sqlite3 *db = ap_store_open_read(db_path, err);
    if (!db) {
        g_strfreev(want);
        return NULL;
    }
    /* the surname narrows by index; same_person decides */
    static const char attended[] =
        "SELECT a.name, m.date, m.council, m.committee, a.meeting_id, a.status, a.role"
        " FROM attendance a JOIN meetings m ON m.id = a.meeting_id"
        " WHERE instr(lower(a.name), ?1) > 0 ORDER BY m.date, m.committee, m.id, a.rowid";
    static const char declared[] =
        "SELECT d.member, m.date, m.committee, d.meeting_id, d.minute_number, d.item, d.kind,"
        " d.text FROM declarations d JOIN meetings m ON m.id = d.meeting_id"
        " WHERE instr(lower(d.member), ?1) > 0"
        " ORDER BY m.date, m.id, d.minute_position, d.rowid";
    static const char voted[] =
        "SELECT mv.name, m.date, m.committee, v.meeting_id, v.minute_number, v.motion,"
        " v.result, mv.option FROM member_votes mv JOIN votes v ON v.id = mv.vote_id"
        " JOIN meetings m ON m.id = v.meeting_id WHERE instr(lower(mv.name), ?1) > 0"
        " ORDER BY m.date, m.id, v.minute_position, v.position, mv.rowid";
    static const char *const attended_keys[] = {"date", "council", "committee", "meeting_id",
                                                "status", "role"};
    static const char *const declared_keys[] = {"date", "committee", "meeting_id",
                                                "minute_number", "item", "kind", "text"};
    static const char *const voted_keys[] = {"date", "committee", "meeting_id",
                                             "minute_number", "motion", "result", "option"};
    cJSON *person = cJSON_CreateObject();
    cJSON_AddStringToObject(person, "name", name);
    bool ok = person_rows(db, attended, want, attended_keys, 6,
                          cJSON_AddArrayToObject(person, "attendance"), err) &&
              person_rows(db, declared, want, declared_keys, 7,
                          cJSON_AddArrayToObject(person, "declarations"), err) &&
              person_rows(db, voted, want, voted_keys, 7, cJSON_AddArrayToObject(person, "votes"),
                          err);
    sqlite3_close(db);
    g_strfreev(want);
    if (!ok)
        g_clear_pointer(&person, cJSON_Delete);
    return person;
}

/* ---- hits as CSV ---------------------------------------------------------------- */

bool ap_hits_write_csv(const cJSON *hits, FILE *out)
{
    static const char *const columns[] = {
        "date", "council", "committee", "meeting_id", "kind", "number", "title", "snippet",
        "item_number", "item_title", "minute_number", "minute_title", "resolutions",
        "minutes_file", "pdf_page"};
    GString *line = g_string_new(NULL);
    for (size_t c = 0; c < G_N_ELEMENTS(columns); c++)
        g_string_append_printf(line, "%s%s", c ? "," : "", columns[c]);
    g_string_append_c(line, '\n');
    const cJSON *hit;
    cJSON_ArrayForEach(hit, hits) {
        for (size_t c = 0; c < G_N_ELEMENTS(columns); c++) {
            if (c)
                g_string_append_c(line, ',');
            const cJSON *v = ap_field(hit, columns[c]);
            if (cJSON_IsArray(v)) {    /* resolutions: one cell, a line each */
                GString *joined = g_string_new(NULL);
                const cJSON *r;
                cJSON_ArrayForEach(r, v)
                    g_string_append_printf(joined, "%s%s", joined->len ? "\n" : "",
                                           cJSON_GetStringValue(r) ? r->valuestring : "");
                ap_csv_field(line, joined->str);
                g_string_free(joined, TRUE);
            } else {
                ap_csv_json_field(line, v);
            }
        }
        g_string_append_c(line, '\n');
    }
    bool ok = fwrite(line->str, 1, line->len, out) == line->len;
    g_string_free(line, TRUE);
    return ok;
}
