/*
 * test_cli.c: the agendapack command as a user runs it: exit status, one
 * clear line per failed input, nothing written for a failed input, the
 * other inputs carrying on, and no temporary files left behind.
 */
#define _POSIX_C_SOURCE 200809L  /* sys/wait.h */
#include <criterion/criterion.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "tests/helpers.h"
#include "record/schema.h"

static char *dir;
static void setup(void) { dir = scratch_dir(); }
static void teardown(void) { scratch_remove(dir); }
TestSuite(cli, .init = setup, .fini = teardown);

static char *encrypted_pdf(void)
{
    char *pdf = render_fixture(dir, "sample-pack", NULL);
    char *locked = g_build_filename(dir, "locked.pdf", NULL);
    char *argv[] = {"qpdf", "--encrypt", "pw", "owner", "256", "--", pdf, locked, NULL};
    gint status = -1;
    cr_assert(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                           NULL, NULL, &status, NULL) && status == 0,
              "qpdf is needed for this test");
    g_free(pdf);
    return locked;
}

static char *truncated_pdf(void)
{
    char *pdf = render_fixture(dir, "sample-pack", NULL);
    gchar *data;
    gsize len;
    cr_assert(g_file_get_contents(pdf, &data, &len, NULL));
    char *cut = write_file(dir, "cut.pdf", data, len / 2);
    g_free(data);
    g_free(pdf);
    return cut;
}

static void expect_convert_fails(const char *input, const char *reason)
{
    char *out = g_build_filename(dir, "out-bad", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"convert", input, "-o", out, NULL});
    cr_expect_eq(r.status, 1, "%s: exit %d", input, r.status);
    cr_expect_eq(count_lines(r.err), 1, "stderr: %s", r.err);
    char *want = g_strdup_printf("agendapack: %s: %s", input, reason);
    cr_expect(g_str_has_prefix(r.err, want), "stderr '%s', want '%s'", r.err, want);
    GPtrArray *files = list_dir(out);
    cr_expect_eq(files->len, 0, "%s wrote output", input);
    g_ptr_array_free(files, TRUE);
    g_free(want);
    g_free(out);
    cli_result_free(&r);
}

Test(cli, bad_inputs_fail_with_one_line_each)
{
    char *missing = g_build_filename(dir, "missing.pdf", NULL);
    char *empty = write_file(dir, "empty.pdf", "", 0);
    char *text = write_file(dir, "text.pdf", "hello\n", 6);
    char *cut = truncated_pdf();
    char *locked = encrypted_pdf();
    expect_convert_fails(missing, "no such file");
    expect_convert_fails(empty, "not a PDF");
    expect_convert_fails(text, "not a PDF");
    expect_convert_fails(cut, "damaged PDF");
    expect_convert_fails(locked, "encrypted: a password is needed");
    g_free(missing);
    g_free(empty);
    g_free(text);
    g_free(cut);
    g_free(locked);
}

Test(cli, a_bad_file_does_not_stop_the_others)
{
    char *good = render_fixture(dir, "sample-pack", NULL);
    char *bad = write_file(dir, "bad.pdf", "junk", 4);
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"convert", bad, good, "-o", out, NULL});
    cr_expect_eq(r.status, 1);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cr_expect(strstr(r.err, "bad.pdf") != NULL);
    /* the pack's own meeting and the meeting its minutes record */
    GPtrArray *files = list_dir(out);
    cr_assert_eq(files->len, 2, "expected the pack's two records");
    cr_expect(g_str_has_suffix(files->pdata[0], ".json"), "%s", (char *)files->pdata[0]);
    g_ptr_array_free(files, TRUE);
    cli_result_free(&r);
    g_free(good);
    g_free(bad);
    g_free(out);
}

Test(cli, convert_then_validate)
{
    char *good = render_fixture(dir, "sample-pack", NULL);
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"convert", good, "-o", out, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_str_empty(r.err);
    cr_expect(strstr(r.out, ": 10 pages (") && strstr(r.out, " rendered), 3 documents, 0 warnings\n  wrote "),
              "%s", r.out);
    cli_result_free(&r);
    /* converting again replaces the files: still two, no temporaries */
    r = cli_run(NULL, (const char *[]){"convert", "-q", good, "-o", out, NULL});
    cr_assert_eq(r.status, 0);
    cr_expect_str_empty(r.out);
    cli_result_free(&r);
    GPtrArray *files = list_dir(out);
    cr_assert_eq(files->len, 2);
    char *json = g_build_filename(out, files->pdata[0], NULL);
    r = cli_run(NULL, (const char *[]){"validate", json, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "valid") != NULL);
    cli_result_free(&r);
    /* a broken record is reported, with where it breaks */
    gchar *text;
    g_file_get_contents(json, &text, NULL, NULL);
    cJSON *rec = cJSON_Parse(text);
    cJSON_ReplaceItemInObject(rec, "status", cJSON_CreateString("draft"));
    char *broken = cJSON_Print(rec);
    char *bad = write_file(dir, "broken.json", broken, strlen(broken));
    r = cli_run(NULL, (const char *[]){"validate", bad, NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "#/status") != NULL, "%s", r.err);
    cli_result_free(&r);
    cJSON_free(broken);
    cJSON_Delete(rec);
    g_free(text);
    g_free(bad);
    g_free(json);
    g_ptr_array_free(files, TRUE);
    g_free(good);
    g_free(out);
}

Test(cli, text_json_is_one_object_per_page)
{
    char *good = render_fixture(dir, "sample-pack", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"text", "--json", good, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cJSON *pages = cJSON_Parse(r.out);
    cr_assert(cJSON_IsArray(pages));
    cr_expect_eq(cJSON_GetArraySize(pages), 10);
    const cJSON *p3 = cJSON_GetArrayItem(pages, 2);
    cr_expect_eq(cJSON_GetObjectItem(p3, "pdf_page")->valueint, 3);
    cr_expect_eq(cJSON_GetObjectItem(p3, "printed_page")->valueint, 1);
    cr_expect_str_eq(cJSON_GetObjectItem(p3, "agenda_item")->valuestring, "3");
    cr_expect(cJSON_IsFalse(cJSON_GetObjectItem(p3, "blank")));
    cr_expect(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(pages, 0),
                                               "printed_page")));
    const cJSON *line = cJSON_GetArrayItem(cJSON_GetObjectItem(p3, "lines"), 0);
    const char *keys[] = {"text", "bbox", "font", "size", "bold", "spans"};
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
        cr_expect_not_null(cJSON_GetObjectItem(line, keys[i]), "line lacks %s", keys[i]);
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(line, "bbox")), 4);
    cJSON_Delete(pages);
    cli_result_free(&r);
    g_free(good);
}

Test(cli, plain_text_has_a_header_per_page_and_no_furniture)
{
    char *good = render_fixture(dir, "sample-pack", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"text", good, NULL});
    cr_assert_eq(r.status, 0);
    cr_expect(strstr(r.out, "=== pdf page 2, blank ===\n") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "=== pdf page 5, printed page 3, agenda item 4 ===\n") != NULL);
    cr_expect(strstr(r.out, "Agenda Item") == NULL);
    cr_expect(strstr(r.out, "intentionally") == NULL);
    cli_result_free(&r);
    g_free(good);
}

Test(cli, usage_errors)
{
    const char *const *cases[] = {
        (const char *[]){NULL},
        (const char *[]){"frobnicate", NULL},
        (const char *[]){"convert", "x.pdf", NULL},
        (const char *[]){"text", NULL},
        (const char *[]){"text", "--bogus", "x.pdf", NULL},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        cli_result r = cli_run(NULL, cases[i]);
        cr_expect_eq(r.status, 2, "case %zu: exit %d", i, r.status);
        cr_expect(strstr(r.err, "Try 'agendapack") && strstr(r.err, "--help'."), "%s", r.err);
        cli_result_free(&r);
    }
    cli_result r = cli_run(NULL, (const char *[]){"--help", NULL});
    cr_expect_eq(r.status, 0);
    cr_expect(strstr(r.out, "convert PDF... -o OUTDIR") != NULL);
    cli_result_free(&r);
}

/* A PDF with nothing to read (here only a blank page) gives no record: a
 * warning naming it, not a failure, and the files after it convert. */
Test(cli, a_pdf_with_nothing_to_read_is_a_warning_not_a_failure)
{
    static const char spec[] = "page\nblank\n";
    char *spec_path = write_file(dir, "empty.txt", spec, sizeof spec - 1);
    char *empty = render_fixture(dir, spec_path, NULL);
    char *pack = render_fixture(dir, "sample-pack", NULL);
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"convert", "-q", empty, pack, "-o", out, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cr_expect(strstr(r.err, "empty.pdf: warning: no text to read") != NULL, "%s", r.err);
    GPtrArray *files = list_dir(out);
    cr_expect_eq(files->len, 2);
    g_ptr_array_free(files, TRUE);
    cli_result_free(&r);
    g_free(empty);
    g_free(spec_path);
    g_free(pack);
    g_free(out);
}

/* A report published on its own whose meeting is not known is data all
 * the same: an unplaced document record in OUTDIR/documents. */
Test(cli, a_report_on_its_own_gives_an_unplaced_document_record)
{
    char *report = render_fixture(dir, "lone-report", NULL);
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"convert", "-q", report, "-o", out, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(count_lines(r.err), 0, "%s", r.err);
    char *docs = g_build_filename(out, "documents", NULL);
    GPtrArray *files = list_dir(docs);
    cr_assert_eq(files->len, 1);
    char *path = g_build_filename(docs, files->pdata[0], NULL), *text = NULL;
    cr_assert(g_file_get_contents(path, &text, NULL, NULL));
    cr_expect(ap_record_validate(text, strlen(text), &(ap_error){{0}}));
    cr_expect(strstr(text, "\"agendapack.document/1\"") != NULL);
    g_free(text);
    g_free(path);
    g_ptr_array_free(files, TRUE);
    g_free(docs);
    cli_result_free(&r);
    g_free(report);
    g_free(out);
}

/* A file read in a process that converts many (patterns compiled to
 * machine code, PCRE2's JIT) gives the same record, byte for byte, as the
 * same file converted alone (patterns interpreted). */
Test(cli, many_files_in_one_process_read_as_one_alone)
{
    static const char *const packs[] = {"sample-pack", "scorecard-county", "minutes-prose"};
    char *pdfs[3];
    for (int i = 0; i < 3; i++)
        pdfs[i] = render_fixture(dir, packs[i], NULL);
    char *together = g_build_filename(dir, "together", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"convert", "-q", pdfs[0], pdfs[1], pdfs[2], "-o",
                                                  together, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    char *alone = g_build_filename(dir, "alone", NULL);
    for (int i = 0; i < 3; i++) {
        r = cli_run(NULL, (const char *[]){"convert", "-q", pdfs[i], "-o", alone, NULL});
        cr_assert_eq(r.status, 0, "%s", r.err);
        cli_result_free(&r);
    }
    GPtrArray *names = list_dir(alone);
    cr_expect_geq(names->len, 3);
    for (guint i = 0; i < names->len; i++) {
        char *a = g_build_filename(alone, names->pdata[i], NULL);
        char *t = g_build_filename(together, names->pdata[i], NULL);
        char *x = NULL, *y = NULL;
        cr_assert(g_file_get_contents(a, &x, NULL, NULL));
        cr_assert(g_file_get_contents(t, &y, NULL, NULL), "%s", t);
        cr_expect_str_eq(x, y, "%s", (char *)names->pdata[i]);
        g_free(x);
        g_free(y);
        g_free(a);
        g_free(t);
    }
    g_ptr_array_free(names, TRUE);
    for (int i = 0; i < 3; i++)
        g_free(pdfs[i]);
    g_free(alone);
    g_free(together);
}

/* ---- Unix manners ----------------------------------------------------------- */

static const char *const subcommands[] = {"convert", "batch", "query", "export", "text",
                                          "validate"};

Test(cli, every_command_has_help_and_refuses_unknown_options)
{
    for (size_t i = 0; i < G_N_ELEMENTS(subcommands); i++) {
        const char *const forms[] = {"--help", "-h"};
        for (size_t f = 0; f < G_N_ELEMENTS(forms); f++) {
            cli_result r = cli_run(NULL, (const char *[]){subcommands[i], forms[f], NULL});
            cr_expect_eq(r.status, 0, "%s %s: exit %d", subcommands[i], forms[f], r.status);
            char *want = g_strdup_printf("usage: agendapack %s", subcommands[i]);
            cr_expect(g_str_has_prefix(r.out, want), "%s %s: %s", subcommands[i], forms[f], r.out);
            cr_expect_str_empty(r.err);
            g_free(want);
            cli_result_free(&r);
        }
        cli_result r = cli_run(NULL, (const char *[]){subcommands[i], "--bogus", "x", NULL});
        cr_expect_eq(r.status, 2, "%s --bogus: exit %d", subcommands[i], r.status);
        cr_expect(strstr(r.err, "unknown option --bogus") != NULL, "%s", r.err);
        cli_result_free(&r);
    }
    /* an option another command has is still refused here */
    cli_result r = cli_run(NULL, (const char *[]){"query", "db.sqlite", "words", "-q", NULL});
    cr_expect_eq(r.status, 2, "query -q: exit %d", r.status);
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"batch", "x", "-o", NULL});
    cr_expect_eq(r.status, 2);
    cr_expect(strstr(r.err, "option -o needs an argument") != NULL, "%s", r.err);
    cli_result_free(&r);
}

Test(cli, options_take_their_values_in_every_form)
{
    char *archive = g_build_filename(dir, "archive", NULL);
    cr_assert_eq(g_mkdir_with_parents(archive, 0755), 0);
    g_free(render_fixture(archive, "sample-pack", NULL));
    const char *const forms[][3] = {{"--jobs=2", "--output=%s/a", NULL},
                                    {"-j2", "-o%s/b", NULL},
                                    {"--jobs", "2", "--output"}};
    for (size_t i = 0; i < G_N_ELEMENTS(forms); i++) {
        char *out = g_strdup_printf("%s/%c", dir, 'a' + (int)i);
        char *first = g_strdup_printf(forms[i][1], dir);
        cli_result r = i < 2
            ? cli_run(NULL, (const char *[]){"batch", forms[i][0], archive, first, "-q", NULL})
            : cli_run(NULL, (const char *[]){"batch", archive, "--jobs", "2", "--output", out,
                                             "-q", NULL});
        cr_expect_eq(r.status, 0, "form %zu: %s", i, r.err);
        char *meetings = g_build_filename(out, "meetings", NULL);
        GPtrArray *files = list_dir(meetings);
        cr_expect_eq(files->len, 2, "form %zu wrote %u meetings into %s", i, files->len, out);
        g_ptr_array_free(files, TRUE);
        cli_result_free(&r);
        g_free(meetings);
        g_free(first);
        g_free(out);
    }
    g_free(archive);
}

/* A JSON text per line, each a valid record; returns how many. */
static int expect_record_lines(const char *out)
{
    char **lines = g_strsplit(out, "\n", -1);
    int n = 0;
    for (char **l = lines; *l; l++) {
        if (!**l)
            continue;
        cJSON *record = cJSON_Parse(*l);
        ap_error err = {{0}};
        cr_expect(record && ap_schema_validate(ap_schema_meeting(), record, &err),
                  "line %d: %s", n + 1, err.message);
        cJSON_Delete(record);
        n++;
    }
    g_strfreev(lines);
    return n;
}

Test(cli, dash_is_standard_input_and_standard_output)
{
    char *pack = render_fixture(dir, "sample-pack", NULL);
    /* a PDF on stdin, the records on stdout */
    cli_result r = cli_run_stdin(NULL, pack, (const char *[]){"convert", "-", "-o", "-", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(expect_record_lines(r.out), 2, "%s", r.out);
    cr_expect(!g_file_test("-", G_FILE_TEST_EXISTS), "a folder named '-' was made");
    char *first_line = g_strndup(r.out, strcspn(r.out, "\n"));
    char *json = write_file(dir, "one.json", first_line, strlen(first_line));
    cli_result_free(&r);
    /* a file and stdin together, into a folder */
    char *out = g_build_filename(dir, "out", NULL);
    r = cli_run_stdin(NULL, pack, (const char *[]){"convert", "-", "-o", out, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(g_str_has_prefix(r.out, "-: 10 pages"), "%s", r.out);
    cli_result_free(&r);
    /* text and validate read stdin too */
    r = cli_run_stdin(NULL, pack, (const char *[]){"text", "-", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "=== pdf page 2, blank ===") != NULL, "%s", r.out);
    cli_result_free(&r);
    r = cli_run_stdin(NULL, json, (const char *[]){"validate", "-", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "-: valid\n");
    cli_result_free(&r);
    g_free(json);
    g_free(first_line);
    g_free(out);
    g_free(pack);
}

/* The minutes sample-pack carries record the Harbourside meeting of 13
 * January, whose own pack is harbourside-january: one meeting, two files. */
Test(cli, convert_merges_one_meeting_from_two_files_and_never_overwrites_silently)
{
    char *agenda = render_fixture(dir, "harbourside-january", NULL);
    char *minutes = render_fixture(dir, "sample-pack", NULL);
    char *together = g_build_filename(dir, "together", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"convert", agenda, minutes, "-o", together,
                                                  "-q", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    char *merged = g_build_filename(together,
                                    "unknown__harbourside-environment-scrutiny-panel__2026-01-13.json",
                                    NULL);
    gchar *text = NULL;
    cr_assert(g_file_get_contents(merged, &text, NULL, NULL), "no record of 13 January");
    cJSON *m = cJSON_Parse(text);
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(m, "status")), "agenda+minutes");
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(m, "sources")), 2);
    cr_expect_gt(cJSON_GetArraySize(cJSON_GetObjectItem(m, "agenda")), 0);
    cr_expect_gt(cJSON_GetArraySize(cJSON_GetObjectItem(m, "minutes")), 0);
    cJSON_Delete(m);
    g_free(text);
    /* one at a time into one folder: the second would lose the first */
    char *apart = g_build_filename(dir, "apart", NULL);
    r = cli_run(NULL, (const char *[]){"convert", agenda, "-o", apart, "-q", NULL});
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"convert", minutes, "-o", apart, "-q", NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "holds this meeting from harbourside-january.pdf") != NULL, "%s",
              r.err);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cli_result_free(&r);
    /* the same file again replaces its own record */
    r = cli_run(NULL, (const char *[]){"convert", agenda, "-o", apart, "-q", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    g_free(apart);
    g_free(merged);
    g_free(together);
    g_free(minutes);
    g_free(agenda);
}

Test(cli, export_writes_the_file_it_is_given)
{
    char *archive = g_build_filename(dir, "archive", NULL);
    cr_assert_eq(g_mkdir_with_parents(archive, 0755), 0);
    g_free(render_fixture(archive, "scorecard-pack", NULL));
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-q", NULL});
    cli_result_free(&r);
    char *db = g_build_filename(out, "agendapack.sqlite", NULL);
    char *csv = g_build_filename(dir, "x.csv", NULL);
    r = cli_run(NULL, (const char *[]){"export", db, "--indicators", "--format=csv", "-o", csv,
                                       NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_empty(r.out);
    gchar *text = NULL;
    cr_expect(g_file_get_contents(csv, &text, NULL, NULL) &&
              g_str_has_prefix(text, "meeting_id,council,committee,"), "%s",
              text ? text : "no file");
    g_free(text);
    cli_result_free(&r);
    g_free(csv);
    g_free(db);
    g_free(out);
    g_free(archive);
}
