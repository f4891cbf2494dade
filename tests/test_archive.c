/*
 * test_archive.c: an archive as councils publish it, every paper a file of
 * its own (fixtures/archive-*.txt: two Cabinet frontsheets, a record of
 * decision, a report, its appendix, an impact assessment and a paper that
 * names nothing), run
 * through `agendapack batch`. Each linking route is shown where only it
 * can tie its document: the decision number, the item title and the
 * citation from the files' content alone, in one flat folder under
 * meaningless names; the folder where the archive keeps a meeting's papers
 * together.
 */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "tests/helpers.h"

static char *dir;
static void setup(void) { dir = scratch_dir(); }
static void teardown(void) { scratch_remove(dir); }
TestSuite(archive, .init = setup, .fini = teardown);

#define FEBRUARY "northshire__cabinet__2026-02-05.json"
#define MARCH "northshire__cabinet__2026-03-05.json"

/* fixture rendered (in font, or its own) into folder under a name that
 * says nothing of it */
static void publish_in(const char *folder, const char *fixture, const char *font,
                       const char *name)
{
    cr_assert_eq(g_mkdir_with_parents(folder, 0755), 0);
    char *pdf = render_fixture(dir, fixture, font);
    char *to = g_build_filename(folder, name, NULL);
    cr_assert_eq(g_rename(pdf, to), 0, "%s -> %s", pdf, to);
    g_free(to);
    g_free(pdf);
}

static void publish(const char *folder, const char *fixture, const char *name)
{
    publish_in(folder, fixture, NULL, name);
}

static cJSON *read_json(const char *out, const char *sub, const char *name)
{
    char *path = g_build_filename(out, sub, name, NULL), *text;
    cr_assert(g_file_get_contents(path, &text, NULL, NULL), "no %s", path);
    cJSON *o = cJSON_Parse(text);
    g_free(text);
    g_free(path);
    return o;
}

static char *run_batch(const char *archive)
{
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-q", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    return out;
}

/* The meeting's document whose title starts so, or NULL. */
static const cJSON *document(const cJSON *meeting, const char *title)
{
    const cJSON *d;
    cJSON_ArrayForEach(d, cJSON_GetObjectItem(meeting, "documents")) {
        const char *t = cJSON_GetStringValue(cJSON_GetObjectItem(d, "title"));
        if (t && g_str_has_prefix(t, title))
            return d;
    }
    return NULL;
}

static void expect_linked(const cJSON *meeting, const char *title, const char *how,
                          const char *item)
{
    const cJSON *d = document(meeting, title);
    cr_assert(d, "%s is not in %s", title,
              cJSON_GetStringValue(cJSON_GetObjectItem(meeting, "id")));
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(d, "linked_by")), how, "%s", title);
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(d, "item")), item, "%s", title);
}

static size_t count_files(const char *out, const char *sub)
{
    char *path = g_build_filename(out, sub, NULL);
    GPtrArray *names = list_dir(path);
    size_t n = names->len;
    g_ptr_array_free(names, TRUE);
    g_free(path);
    return n;
}

/* The one number a query of the batch's store gives. */
static long store_count(const char *out, const char *sql)
{
    char *path = g_build_filename(out, "agendapack.sqlite", NULL);
    sqlite3 *db;
    sqlite3_stmt *st;
    cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
    long n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    g_free(path);
    return n;
}

static const char *source_file(const cJSON *o)
{
    return cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "source"), "file"));
}

static const char *const papers[][2] = {
    {"archive-frontsheet", "3f9a0c.pdf"},   {"archive-frontsheet-march", "b71e22.pdf"},
    {"archive-decision", "04d5e8.pdf"},     {"archive-highways", "c2a913.pdf"},
    {"archive-appendix", "9e4b70.pdf"},     {"archive-consultation", "51dd0f.pdf"},
    {"archive-assessment", "e0b8a4.pdf"},   {"archive-districts", "5c6d1e.pdf"},
    {"archive-appendix-b", "a7f3c2.pdf"},
};

/* Every paper in one folder: only what the papers say ties them. The
 * February frontsheet is there twice (another typeset of it, as a pack
 * and its frontsheet both list the items): one item, not two that tie. */
Test(archive, content_alone_links_documents_in_a_flat_folder)
{
    char *flat = g_build_filename(dir, "flat", NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(papers); i++)
        publish(flat, papers[i][0], papers[i][1]);
    publish_in(flat, "archive-frontsheet", "Liberation Serif", "77c01a.pdf");
    char *out = run_batch(flat);
    cJSON *feb = read_json(out, "meetings", FEBRUARY);
    /* 26/00012 is item 4's decision number on the February frontsheet */
    expect_linked(feb, "Adoption of the plan for school places", "decision_ref", "4");
    /* the report's title is item 5's */
    expect_linked(feb, "Highway Maintenance Programme", "item_title", "5");
    /* "appendices A and B (Resurfacing Schemes List and Footway Schemes
     * List)" in that report; each appendix says what it is only in its
     * running header */
    expect_linked(feb, "Resurfacing Schemes List", "citation", "5");
    expect_linked(feb, "Footway Schemes List", "citation", "5");
    /* "Appendices C to E": the range, each label once */
    const cJSON *report = document(feb, "Highway Maintenance Programme");
    GString *labels = g_string_new(NULL);
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(report, "cites"))
        g_string_append_printf(labels, "%s;",
                               cJSON_GetStringValue(cJSON_GetObjectItem(c, "label")));
    cr_expect_str_eq(labels->str, "Appendix A;Appendix B;Appendix C;Appendix D;Appendix E;");
    g_string_free(labels, TRUE);
    /* the assessment names item 5 on a line of its title block */
    expect_linked(feb, "Equality Impact Assessment", "item_title", "5");
    /* each paper's kind is what it says it is */
    const struct { const char *title, *kind; } kinds[] = {
        {"Adoption of the plan for school places", "decision_record"},
        {"Equality Impact Assessment", "impact_assessment"},
        {"Resurfacing Schemes List", "appendix"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++)
        cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(document(feb, kinds[i].title),
                                                                   "kind")),
                         kinds[i].kind, "%s", kinds[i].title);
    /* nothing ties the consultation paper to either meeting, nor the
     * sheet headed with three words of a ten-word item's title */
    cJSON *march = read_json(out, "meetings", MARCH);
    cr_expect_null(document(march, "Consultation"));
    cr_expect_null(document(feb, "Consultation"));
    cr_expect_null(document(march, "Eastbury"));
    cr_expect_eq(count_files(out, "documents"), 2);
    cr_expect_eq(count_files(out, "meetings"), 2);
    /* the appendix's table goes with it to the item */
    const cJSON *t;
    int on_item = 0;
    cJSON_ArrayForEach(t, cJSON_GetObjectItem(feb, "tables"))
        on_item += !g_strcmp0(cJSON_GetStringValue(cJSON_GetObjectItem(t, "item")), "5") &&
                   !g_strcmp0(source_file(t), "9e4b70.pdf");
    cr_expect_geq(on_item, 1);
    /* every item names the file it was read from (here, either typeset of
     * the frontsheet) */
    const cJSON *item;
    cJSON_ArrayForEach(item, cJSON_GetObjectItem(feb, "agenda"))
        cr_expect(!g_strcmp0(source_file(item), "3f9a0c.pdf") ||
                  !g_strcmp0(source_file(item), "77c01a.pdf"));
    /* the store holds both kinds, each document with its file and route */
    cr_expect_eq(store_count(out, "SELECT count(*) FROM unplaced_documents WHERE title LIKE "
                                  "'Consultation%' AND file = '51dd0f.pdf'"), 1);
    cr_expect_eq(store_count(out, "SELECT count(*) FROM documents WHERE linked_by = "
                                  "'decision_ref' AND item = '4' AND file = '04d5e8.pdf'"), 1);
    cJSON_Delete(march);
    cJSON_Delete(feb);
    g_free(out);
    g_free(flat);
}

/* A folder a meeting: the paper that names nothing joins the meeting whose
 * frontsheet sits in its folder, not the other. */
Test(archive, a_paper_beside_a_frontsheet_joins_its_meeting)
{
    char *archive = g_build_filename(dir, "cabinet", NULL);
    char *feb_dir = g_build_filename(archive, "2026-02-05", NULL);
    char *march_dir = g_build_filename(archive, "2026-03-05", NULL);
    publish(feb_dir, "archive-frontsheet", "agenda.pdf");
    publish(feb_dir, "archive-consultation", "paper.pdf");
    publish(march_dir, "archive-frontsheet-march", "agenda.pdf");
    char *out = run_batch(archive);
    cJSON *feb = read_json(out, "meetings", FEBRUARY);
    const cJSON *d = document(feb, "Consultation Responses Summary");
    cr_assert(d);
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(d, "linked_by")), "folder");
    cr_expect(cJSON_IsNull(cJSON_GetObjectItem(d, "item")));
    cr_expect_eq(count_files(out, "documents"), 0);
    cJSON_Delete(feb);
    g_free(out);
    g_free(march_dir);
    g_free(feb_dir);
    g_free(archive);
}

/* Papers the archive keeps above any one meeting's folder, or in a folder
 * of two meetings, are not given to either by their place. */
Test(archive, a_folder_of_two_meetings_ties_nothing_by_place)
{
    char *both = g_build_filename(dir, "both", NULL);
    publish(both, "archive-frontsheet", "a.pdf");
    publish(both, "archive-frontsheet-march", "b.pdf");
    publish(both, "archive-consultation", "c.pdf");
    char *out = run_batch(both);
    cr_expect_eq(count_files(out, "documents"), 1);
    g_free(out);
    g_free(both);
}

static const char *role_of(const cJSON *meeting, const char *file)
{
    const cJSON *s;
    cJSON_ArrayForEach(s, cJSON_GetObjectItem(meeting, "sources"))
        if (!g_strcmp0(cJSON_GetStringValue(cJSON_GetObjectItem(s, "file")), file))
            return cJSON_GetStringValue(cJSON_GetObjectItem(s, "role"));
    return NULL;
}

/* A later dispatch that says only that its papers "were not available
 * when the main agenda was first published" is a supplement: merged after
 * the frontsheet, its report added to item 5; the frontsheet is one; the
 * supplement, which prints no council, takes the frontsheet's. */
Test(archive, a_later_dispatch_is_a_supplement_and_a_frontsheet_a_frontsheet)
{
    char *feb_dir = g_build_filename(dir, "cabinet", "2026-02-05", NULL);
    publish(feb_dir, "archive-frontsheet", "agenda.pdf");
    publish(feb_dir, "archive-supplement", "later.pdf");
    char *out = run_batch(feb_dir);
    cJSON *feb = read_json(out, "meetings", FEBRUARY);
    cr_expect_str_eq(role_of(feb, "agenda.pdf"), "frontsheet");
    cr_expect_str_eq(role_of(feb, "later.pdf"), "supplement");
    cr_expect(cJSON_IsFalse(cJSON_GetObjectItem(feb, "supplement")));
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(feb, "agenda")), 5);
    const cJSON *report = document(feb, "Highway Maintenance Programme");
    cr_assert(report);
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(report, "item")), "5");
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(feb, "council")),
                     "Northshire County Council");
    cr_expect_eq(count_files(out, "meetings"), 1);
    cJSON_Delete(feb);
    g_free(out);
    g_free(feb_dir);
}

/* Every record of a batch names a council found in it */
static void expect_council(const char *out, const char *name, const char *council)
{
    cJSON *m = read_json(out, "meetings", name);
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(m, "council")), council, "%s",
                     name);
    cJSON_Delete(m);
}

/* One council, one name: printed in capitals (the Cabinet frontsheet),
 * only in a logo (the full council's), or not at all (the report); a
 * report to "Full Council" joins the "County Council" meeting; the report
 * is a report (no agenda of "Recommendations" and "Background Documents")
 * and its prose's "Eastmoor Council Leaders" is no council. */
Test(archive, one_council_one_name_and_a_report_is_never_a_frontsheet)
{
    char *archive = g_build_filename(dir, "northshire", NULL);
    publish(archive, "archive-frontsheet", "cabinet.pdf");
    publish(archive, "archive-council-logo", "council.pdf");
    publish(archive, "archive-council-report", "pay.pdf");
    publish(archive, "archive-questions", "questions.pdf");
    char *out = run_batch(archive);
    cr_expect_eq(count_files(out, "meetings"), 2);
    cr_expect_eq(count_files(out, "documents"), 0);
    expect_council(out, FEBRUARY, "Northshire County Council");
    const char *council = "northshire__council__2026-03-19.json";
    expect_council(out, council, "Northshire County Council");
    cJSON *m = read_json(out, "meetings", council);
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(m, "agenda")), 3);
    cr_expect_str_eq(role_of(m, "pay.pdf"), "document");
    expect_linked(m, "Pay Policy Statement", "cover", "3");
    /* the questions name the meeting over two heading lines */
    const cJSON *q = document(m, "Question 1");
    cr_assert(q);
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(q, "linked_by")), "heading");
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(q, "kind")), "questions");
    char *text = cJSON_PrintUnformatted(m);
    cr_expect_null(strstr(text, "Eastmoor Council\""));
    const cJSON *item;
    cJSON_ArrayForEach(item, cJSON_GetObjectItem(m, "agenda"))
        cr_expect_null(strstr(cJSON_GetStringValue(cJSON_GetObjectItem(item, "title")),
                              "Recommendations"));
    g_free(text);
    cJSON_Delete(m);
    g_free(out);
    g_free(archive);
}
