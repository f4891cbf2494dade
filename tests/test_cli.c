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

Test(cli, a_document_without_an_agenda_is_a_warning_not_a_failure)
{
    char *report = render_fixture(dir, "lone-report", NULL);
    char *pack = render_fixture(dir, "sample-pack", NULL);
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"convert", "-q", report, pack, "-o", out, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    /* one line on stderr naming the file; the pack after it still converts */
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cr_expect(strstr(r.err, "lone-report.pdf: warning: no agenda found") != NULL,
              "%s", r.err);
    GPtrArray *files = list_dir(out);
    cr_expect_eq(files->len, 2);
    g_ptr_array_free(files, TRUE);
    cli_result_free(&r);
    g_free(report);
    g_free(pack);
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
