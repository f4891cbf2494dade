/*
 * test_query.c: the store as researchers and analysts ask it: FTS5's own
 * query syntax, each filter, a malformed query, hits with their minute and
 * resolutions, a member's record, the store's views, and indicator
 * exports that link back to their file and page. The store is built by a
 * batch over fixture packs: a full council's minutes with recorded votes
 * and declarations, a cabinet's, a parish council's, and two packs with
 * scorecards.
 */
#include <criterion/criterion.h>
#include <glib.h>
#include <sqlite3.h>
#include <string.h>

#include "tests/helpers.h"

static char *dir, *db;

static const char *const FIXTURES[] = {"scorecard-pack", "minutes-votes", "minutes-extract",
                                       "minutes-parish", "sample-pack"};

static void setup(void)
{
    dir = scratch_dir();
    char *archive = g_build_filename(dir, "archive", NULL);
    cr_assert_eq(g_mkdir_with_parents(archive, 0755), 0);
    for (size_t i = 0; i < G_N_ELEMENTS(FIXTURES); i++)
        g_free(render_fixture(archive, FIXTURES[i], NULL));
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-q", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    db = g_build_filename(out, "agendapack.sqlite", NULL);
    g_free(out);
    g_free(archive);
}

static void teardown(void)
{
    g_free(db);
    scratch_remove(dir);
}

TestSuite(query, .init = setup, .fini = teardown);

/* The hits of a query (args after DB, NULL-terminated) as JSON. */
static cJSON *hits_of(const char *const *args)
{
    const char *argv[24] = {"query", db, "--json"};
    int n = 3;
    for (; *args && n < 23; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    cli_result r = cli_run(NULL, argv);
    cr_assert_eq(r.status, 0, "query %s: %s", argv[3], r.err);
    cJSON *hits = cJSON_Parse(r.out);
    cr_assert(cJSON_IsArray(hits), "%s", r.out);
    cli_result_free(&r);
    return hits;
}

static const char *text(const cJSON *o, const char *key)
{
    return cJSON_GetStringValue(cJSON_GetObjectItem(o, key));
}

static int by_text(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "kind number" of each hit, sorted, joined by ";" (g_free it). */
static char *summary(const cJSON *hits)
{
    GPtrArray *all = g_ptr_array_new_with_free_func(g_free);
    const cJSON *h;
    cJSON_ArrayForEach(h, hits)
        g_ptr_array_add(all, g_strdup_printf("%s %s", text(h, "kind"),
                                             text(h, "number") ? text(h, "number") : "-"));
    g_ptr_array_sort(all, by_text);
    g_ptr_array_add(all, NULL);
    char *s = g_strjoinv(";", (char **)all->pdata);
    g_ptr_array_free(all, TRUE);
    return s;
}

static void expect_hits(const char *const *args, const char *want)
{
    cJSON *hits = hits_of(args);
    char *got = summary(hits);
    cr_expect_str_eq(got, want, "query '%s'", args[0]);
    g_free(got);
    cJSON_Delete(hits);
}

#define Q(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Each of FTS5's operators, as its documentation writes them. */
Test(query, fts5_operators)
{
    /* words: all must occur */
    expect_hits(Q("budget revenue"), "minute 14;resolution 14");
    /* OR: either (two councils' minutes) */
    expect_hits(Q("playground OR leisure"),
                "minute -;minute 12.24.02;minute 21.06.04;resolution 12.24.02;resolution 21.06.04");
    /* NOT: the minute that debates the amendment drops out */
    expect_hits(Q("budget NOT amendment"), "resolution 14;resolution 14;resolution 14;vote 14");
    /* a phrase */
    expect_hits(Q("\"capital programme\""), "minute 14;resolution 14");
    expect_hits(Q("\"programme capital\""), "");
    /* a prefix */
    expect_hits(Q("play*"), "minute -;minute 21.06.04;resolution 21.06.04");
    /* NEAR */
    expect_hits(Q("NEAR(leisure contract)"), "minute 12.24.02;resolution 12.24.02");
    expect_hits(Q("NEAR(leisure bidder, 2)"), "");
    /* a column: titles only */
    expect_hits(Q("title:playground"), "minute 21.06.04;resolution 21.06.04");
    /* the words in brackets in the snippet, made in the query for every
     * hit or after it for the hits kept */
    const char *const *const snippet_queries[] = {Q("contract", "--kind", "minute"),
                                                  Q("contract", "--kind", "minute", "--limit",
                                                    "1")};
    for (size_t i = 0; i < G_N_ELEMENTS(snippet_queries); i++) {
        cJSON *one = hits_of(snippet_queries[i]);
        cr_assert_eq(cJSON_GetArraySize(one), 1);
        cr_expect(strstr(text(cJSON_GetArrayItem(one, 0), "snippet"), "[contract]"), "%s",
                  text(cJSON_GetArrayItem(one, 0), "snippet"));
        cJSON_Delete(one);
    }
    /* words FTS5 cannot take bare are words, not syntax errors */
    cJSON *hits = hits_of(Q("£1,200"));
    cr_expect_eq(cJSON_GetArraySize(hits), 2);
    cJSON_Delete(hits);
}

Test(query, a_malformed_or_empty_query_says_so_in_one_line)
{
    static const char *const bad[] = {"(", "\"leisure", "budget AND", "NEAR(", "title:"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        cli_result r = cli_run(NULL, (const char *[]){"query", db, bad[i], NULL});
        cr_expect_eq(r.status, 1, "'%s': exit %d", bad[i], r.status);
        cr_expect_eq(count_lines(r.err), 1, "'%s': %s", bad[i], r.err);
        cr_expect(strstr(r.err, "malformed query"), "'%s': %s", bad[i], r.err);
        cr_expect_str_empty(r.out);
        cli_result_free(&r);
    }
    cli_result r = cli_run(NULL, (const char *[]){"query", db, "", NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "nothing to search for"), "%s", r.err);
    cli_result_free(&r);
}

Test(query, each_filter)
{
    /* the committee and council, any case, any part */
    cJSON *hits = hits_of(Q("minutes OR budget OR contract", "--committee", "cabinet"));
    const cJSON *h;
    cr_assert_gt(cJSON_GetArraySize(hits), 0);
    cJSON_ArrayForEach(h, hits)
        cr_expect_str_eq(text(h, "committee"), "Cabinet");
    cJSON_Delete(hits);
    hits = hits_of(Q("--council", "WESTMARSH", "--kind", "resolution"));
    cr_expect_eq(cJSON_GetArraySize(hits), 8);  /* the chair, 12, 14 (3), 15 (2), 16 */
    cJSON_ArrayForEach(h, hits)
        cr_expect_str_eq(text(h, "council"), "Westmarsh County Council");
    cJSON_Delete(hits);
    /* dates: a year, a month, a day, inclusive */
    expect_hits(Q("--since", "2024", "--until", "2024-12", "--kind", "resolution"),
                "resolution 12.24.02;resolution 12.24.02;resolution 12.24.04");
    expect_hits(Q("--until", "2021-06-07", "--kind", "resolution"), "resolution 21.06.04");
    expect_hits(Q("--since", "2026-01-16", "--kind", "minute", "--committee", "county"), "");
    /* each kind */
    expect_hits(Q("--kind", "vote"), "vote 14;vote 14;vote 16");
    hits = hits_of(Q("report", "--kind", "document"));
    cr_expect_gt(cJSON_GetArraySize(hits), 0);
    cJSON_ArrayForEach(h, hits)
        cr_expect_str_eq(text(h, "kind"), "document");
    cJSON_Delete(hits);
    hits = hits_of(Q("--kind", "item", "--committee", "harbourside"));
    cr_expect_gt(cJSON_GetArraySize(hits), 2);
    cJSON_Delete(hits);
    /* a cap */
    hits = hits_of(Q("--kind", "minute", "--limit", "2"));
    cr_expect_eq(cJSON_GetArraySize(hits), 2);
    cJSON_Delete(hits);
    /* by date */
    hits = hits_of(Q("--kind", "resolution", "--sort", "date"));
    const char *last = "";
    cJSON_ArrayForEach(h, hits) {
        cr_expect_geq(strcmp(text(h, "date"), last), 0, "%s after %s", text(h, "date"), last);
        last = text(h, "date");
    }
    cJSON_Delete(hits);
    /* what cannot be asked */
    static const char *const wrong[][2] = {
        {"--since", "last year"}, {"--until", "2024-13"}, {"--kind", "motion"}};
    for (size_t i = 0; i < G_N_ELEMENTS(wrong); i++) {
        cli_result r = cli_run(NULL, (const char *[]){"query", db, "budget", wrong[i][0],
                                                      wrong[i][1], NULL});
        cr_expect_eq(r.status, 1, "%s %s", wrong[i][0], wrong[i][1]);
        cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
        cli_result_free(&r);
    }
    cli_result r = cli_run(NULL, (const char *[]){"query", db, "budget", "--sort", "size", NULL});
    cr_expect_eq(r.status, 2);
    cli_result_free(&r);
}

/* "Every item on the budget, with its resolutions": each matching item or
 * minute once, with the minute that records it and that minute's
 * resolutions and votes. */
Test(query, with_resolutions)
{
    cJSON *hits = hits_of(Q("budget", "--committee", "county", "--with", "resolutions"));
    cr_assert_eq(cJSON_GetArraySize(hits), 1, "the minute, its resolutions and votes are one");
    const cJSON *h = cJSON_GetArrayItem(hits, 0);
    cr_expect_str_eq(text(h, "minute_number"), "14");
    cr_expect_str_eq(text(h, "minute_title"), "Budget 2026-27");
    const cJSON *res = cJSON_GetObjectItem(h, "resolutions");
    cr_assert_eq(cJSON_GetArraySize(res), 3);
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetArrayItem(res, 0)),
                     "Approves the revenue budget of £1,234.5m for 2026-27");
    const cJSON *votes = cJSON_GetObjectItem(h, "votes");
    cr_assert_eq(cJSON_GetArraySize(votes), 2);
    cr_expect_str_eq(text(cJSON_GetArrayItem(votes, 1), "result"), "carried");
    cJSON_Delete(hits);
    /* and as a person reads it */
    cli_result r = cli_run(NULL, (const char *[]){"query", db, "budget", "--committee", "county",
                                                  "--with", "resolutions", NULL});
    cr_expect(strstr(r.out, "minute 14  Budget 2026-27") &&
                  strstr(r.out, "RESOLVED Notes the risks set out in the report."),
              "%s", r.out);
    cli_result_free(&r);
    /* CSV: the resolutions in one cell */
    r = cli_run(NULL, (const char *[]){"query", db, "budget", "--committee", "county", "--with",
                                       "resolutions", "--csv", NULL});
    cr_expect(g_str_has_prefix(r.out, "date,council,committee,meeting_id,kind,number,title,"),
              "%s", r.out);
    cr_expect(strstr(r.out, "\"Approves the revenue budget of £1,234.5m for 2026-27\n"
                            "Approves the capital programme"), "%s", r.out);
    cli_result_free(&r);
}

/* How did Mrs Bell vote: her attendance, declarations and votes, found by
 * surname and initial across the forms minutes print names in. */
Test(query, a_members_record)
{
    cli_result r = cli_run(NULL, (const char *[]){"person", db, "Mrs", "Bell", "--json", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cJSON *p = cJSON_Parse(r.out);
    cr_assert_not_null(p, "%s", r.out);
    const cJSON *att = cJSON_GetObjectItem(p, "attendance");
    cr_assert_eq(cJSON_GetArraySize(att), 1);
    cr_expect_str_eq(text(cJSON_GetArrayItem(att, 0), "name"), "C Bell");
    cr_expect_str_eq(text(cJSON_GetArrayItem(att, 0), "status"), "present");
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p, "declarations")), 1);
    const cJSON *votes = cJSON_GetObjectItem(p, "votes");
    cr_assert_eq(cJSON_GetArraySize(votes), 2);
    cr_expect_str_eq(text(cJSON_GetArrayItem(votes, 0), "option"), "for");
    cr_expect_str_eq(text(cJSON_GetArrayItem(votes, 0), "result"), "lost");
    cJSON_Delete(p);
    cli_result_free(&r);
    /* Mrs Ford voted against the substantive motion; "F Ford-Jones" is not
     * "Mrs Ford" (another surname); "A Bell" is not "C Bell" */
    r = cli_run(NULL, (const char *[]){"person", db, "Mrs Ford", "--json", NULL});
    p = cJSON_Parse(r.out);
    votes = cJSON_GetObjectItem(p, "votes");
    cr_assert_eq(cJSON_GetArraySize(votes), 2);
    cr_expect_str_eq(text(cJSON_GetArrayItem(votes, 1), "option"), "against");
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p, "attendance")), 0);
    cJSON_Delete(p);
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"person", db, "A Bell", "--json", NULL});
    p = cJSON_Parse(r.out);
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p, "attendance")), 0);
    cJSON_Delete(p);
    cli_result_free(&r);
    /* the table a person reads */
    r = cli_run(NULL, (const char *[]){"person", db, "Bell", NULL});
    cr_expect(strstr(r.out, "votes (2)") && strstr(r.out, "declarations (1)"), "%s", r.out);
    cli_result_free(&r);
}

static int rows_of(sqlite3 *s, const char *sql)
{
    sqlite3_stmt *st;
    cr_assert_eq(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK, "%s: %s", sql,
                 sqlite3_errmsg(s));
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s", sql);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

Test(query, the_stores_views_and_indexes)
{
    sqlite3 *s;
    cr_assert_eq(sqlite3_open_v2(db, &s, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    /* item_outcomes: the Westmarsh minutes have no agenda: each minute a
     * row without an item, with its resolutions and votes */
    cr_expect_eq(rows_of(s, "SELECT count(*) FROM item_outcomes WHERE meeting_id ="
                            " 'westmarsh/council/2026-01-15'"), 7);
    cr_expect_eq(rows_of(s, "SELECT json_array_length(resolutions) FROM item_outcomes WHERE"
                            " minute_number = '14' AND meeting_id LIKE 'westmarsh%'"), 3);
    cr_expect_eq(rows_of(s, "SELECT json_array_length(votes) FROM item_outcomes WHERE"
                            " minute_number = '14' AND meeting_id LIKE 'westmarsh%'"), 2);
    /* a number printed twice is two minutes, each with its own resolution */
    cr_expect_eq(rows_of(s, "SELECT count(*) FROM item_outcomes WHERE minute_number ="
                            " '12.24.02' AND json_array_length(resolutions) = 1"), 2);
    /* agenda items come first, each once, minuted or not */
    cr_expect_eq(rows_of(s, "SELECT count(*) FROM item_outcomes WHERE item_number IS NOT NULL"),
                 rows_of(s, "SELECT count(*) FROM agenda_items"));
    /* indicator_series: a row a value, one latest per indicator, the
     * rating on that row only, the kind of period, the file and page */
    cr_expect_eq(rows_of(s, "SELECT count(*) FROM indicator_series"),
                 rows_of(s, "SELECT count(*) FROM indicator_values"));
    cr_expect_eq(rows_of(s, "SELECT sum(latest) FROM indicator_series"),
                 rows_of(s, "SELECT count(*) FROM indicators"));
    cr_expect_eq(rows_of(s, "SELECT count(*) FROM indicator_series WHERE NOT latest AND"
                            " (rag IS NOT NULL OR target IS NOT NULL)"), 0);
    cr_expect_eq(rows_of(s, "SELECT count(*) FROM indicator_series WHERE ref = 'MV1' AND latest"
                            " AND period = '2025-10' AND period_kind = 'month' AND rag = 'amber'"
                            " AND source_file = 'scorecard-pack.pdf' AND pdf_page = 2"), 1);
    /* attendance_by_member */
    cr_expect_eq(rows_of(s, "SELECT present FROM attendance_by_member WHERE name = 'C Bell'"), 1);
    cr_expect_eq(rows_of(s, "SELECT apologies FROM attendance_by_member WHERE name = 'M North'"),
                 1);
    cr_expect_eq(rows_of(s, "SELECT substitute FROM attendance_by_member WHERE name = 'E Fox'"),
                 1);
    /* declarations as a table */
    cr_expect_eq(rows_of(s, "SELECT count(*) FROM declarations WHERE member = 'Shah' AND"
                            " kind = 'prejudicial'"), 1);
    /* the filters and joins use indexes */
    static const char *const plans[][2] = {
        {"EXPLAIN QUERY PLAN SELECT * FROM meetings WHERE date >= '2024-01-01'", "meetings_date"},
        {"EXPLAIN QUERY PLAN SELECT * FROM member_votes WHERE name = 'Mrs Bell' COLLATE NOCASE",
         "member_votes_name"},
        {"EXPLAIN QUERY PLAN SELECT * FROM resolutions WHERE meeting_id = 'x' AND"
         " minute_position = 1", "resolutions_minute"}};
    for (size_t i = 0; i < G_N_ELEMENTS(plans); i++) {
        sqlite3_stmt *st;
        cr_assert_eq(sqlite3_prepare_v2(s, plans[i][0], -1, &st, NULL), SQLITE_OK);
        GString *plan = g_string_new(NULL);
        while (sqlite3_step(st) == SQLITE_ROW)
            g_string_append(plan, (const char *)sqlite3_column_text(st, 3));
        cr_expect(strstr(plan->str, plans[i][1]), "%s: %s", plans[i][0], plan->str);
        g_string_free(plan, TRUE);
        sqlite3_finalize(st);
    }
    sqlite3_close(s);
}

/* Each indicator's latest value alone, for a dashboard's tiles. */
Test(query, export_of_the_latest_values)
{
    cli_result r = cli_run(NULL, (const char *[]){"export", db, "--indicators", "--latest",
                                                  "--format", "ndjson", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    sqlite3 *s;
    cr_assert_eq(sqlite3_open_v2(db, &s, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    cr_expect_eq(count_lines(r.out), rows_of(s, "SELECT count(*) FROM indicators"));
    sqlite3_close(s);
    char **lines = g_strsplit(r.out, "\n", -1);
    for (char **l = lines; *l && **l; l++) {
        cJSON *row = cJSON_Parse(*l);
        cr_assert_not_null(row, "%s", *l);
        cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(row, "latest")), "%s", *l);
        cr_expect_not_null(text(row, "meeting_id"), "%s", *l);
        cr_expect_not_null(text(row, "source_file"), "%s", *l);
        cr_expect(cJSON_IsNumber(cJSON_GetObjectItem(row, "pdf_page")), "%s", *l);
        cJSON_Delete(row);
    }
    g_strfreev(lines);
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"export", db, "--meetings", "--latest", NULL});
    cr_expect_eq(r.status, 2, "--latest is for indicators");
    cli_result_free(&r);
}

/* A store of another layout (an older agendapack's) is refused in one
 * line, and the next batch run rebuilds it though no file is new. */
Test(query, a_store_of_another_version_is_rebuilt)
{
    sqlite3 *s;
    cr_assert_eq(sqlite3_open(db, &s), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(s, "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(s);
    cli_result r = cli_run(NULL, (const char *[]){"query", db, "budget", NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "version 1") && strstr(r.err, "rebuilds it"), "%s", r.err);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cli_result_free(&r);
    char *archive = g_build_filename(dir, "archive", NULL), *out = g_path_get_dirname(db);
    r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-q", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"query", db, "budget", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    /* the top of a target range is kept (the site draws the band) */
    cr_assert_eq(sqlite3_open_v2(db, &s, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    cr_expect_gt(rows_of(s, "SELECT count(*) FROM indicators WHERE target_max > target_value"),
                 0);
    sqlite3_close(s);
    g_free(out);
    g_free(archive);
}
