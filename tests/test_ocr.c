/*
 * test_ocr.c: pages with no usable text layer, read by Tesseract into the
 * same page model (parsers/ocr.c): packs scanned (each page an image,
 * askew and speckled) against their text-layer versions; a text layer that
 * maps its characters to the wrong Unicode, found garbled and read by OCR;
 * which pages the modes take; and the judge of garbled text on pages
 * built by hand.
 *
 * Where Tesseract's English data is missing, the tests that need it say so
 * and are skipped.
 */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "core/page_model.h"
#include "parsers/ocr.h"
#include "parsers/pdf.h"
#include "tests/fixture_scan.h"
#include "tests/helpers.h"

static char *dir;
static void setup(void)
{
    dir = scratch_dir();
    ap_ocr_configure(AP_OCR_AUTO, "eng");
}
static void teardown(void) { scratch_remove(dir); }
TestSuite(ocr, .init = setup, .fini = teardown);

static bool have_english(void)
{
    return g_file_test("/usr/share/tesseract-ocr/5/tessdata/eng.traineddata",
                       G_FILE_TEST_EXISTS);
}

#define NEED_ENGLISH()                                                                   \
    do {                                                                                 \
        if (!have_english())                                                             \
            cr_skip_test("Tesseract's English data is not installed "                    \
                         "(Debian: tesseract-ocr-eng)");                                 \
    } while (0)

/* A fixture rendered, then scanned askew: its path. */
static char *scanned(const char *fixture, double skew)
{
    char *pdf = render_fixture(dir, fixture, NULL);
    char *out = g_strdup_printf("%s/%s-scanned.pdf", dir, fixture);
    char err[256] = "";
    cr_assert(fixture_scan(pdf, out, skew, err, sizeof err), "%s", err);
    g_free(pdf);
    return out;
}

/* Lower-cased words of a text, for comparing titles read two ways. */
static GHashTable *words_of(const char *text)
{
    GHashTable *w = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char *low = g_utf8_strdown(text ? text : "", -1);
    char **parts = g_regex_split_simple("[^[:alnum:]]+", low, 0, 0);
    for (char **p = parts; *p; p++)
        if (**p)
            g_hash_table_add(w, g_strdup(*p));
    g_strfreev(parts);
    g_free(low);
    return w;
}

/* Whether two titles are one: the same number, and four in five of the
 * words of the longer shared (a misread letter costs one word). */
static bool same_entry(const cJSON *a, const cJSON *b)
{
    const char *na = cJSON_GetStringValue(cJSON_GetObjectItem(a, "number"));
    const char *nb = cJSON_GetStringValue(cJSON_GetObjectItem(b, "number"));
    if (g_strcmp0(na, nb) != 0)
        return false;
    GHashTable *x = words_of(cJSON_GetStringValue(cJSON_GetObjectItem(a, "title")));
    GHashTable *y = words_of(cJSON_GetStringValue(cJSON_GetObjectItem(b, "title")));
    guint shared = 0, most = MAX(g_hash_table_size(x), g_hash_table_size(y));
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init(&it, x);
    while (g_hash_table_iter_next(&it, &k, NULL))
        shared += g_hash_table_contains(y, k);
    g_hash_table_destroy(x);
    g_hash_table_destroy(y);
    return most == 0 || shared * 5 >= most * 4;
}

/* F1 of the entries of `key` (agenda, minutes) of the records read from
 * the scan against those of the text layer, taken as truth. */
static double f1(const cJSON *truth, const cJSON *got, const char *key)
{
    size_t n_truth = 0, n_got = 0, hits = 0;
    const cJSON *rt, *rg, *e, *f;
    cJSON_ArrayForEach(rt, truth) n_truth += (size_t)cJSON_GetArraySize(cJSON_GetObjectItem(rt, key));
    cJSON_ArrayForEach(rg, got) {
        cJSON_ArrayForEach(e, cJSON_GetObjectItem(rg, key)) {
            n_got++;
            bool hit = false;
            cJSON_ArrayForEach(rt, truth)
                cJSON_ArrayForEach(f, cJSON_GetObjectItem(rt, key)) hit |= same_entry(e, f);
            hits += hit;
        }
    }
    if (!n_truth && !n_got)
        return 1;
    double p = n_got ? (double)hits / (double)n_got : 0, r = n_truth ? (double)hits / (double)n_truth : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/* The printed page and item stamp of each page. */
static char *page_map(const ap_doc *doc)
{
    GString *s = g_string_new(NULL);
    for (size_t p = 0; p < doc->npages; p++)
        g_string_append_printf(s, "%d:%s ", doc->pages[p].printed_page,
                               doc->pages[p].agenda_item ? doc->pages[p].agenda_item : "-");
    return g_string_free(s, FALSE);
}

/* Packs with agenda items and minutes, scanned 0.8 degrees askew: the
 * agenda and the minutes read from the scans score against the text
 * layer's at least 0.95 and 0.9, the page map is the same, every page is
 * marked as OCR'd, and evidence read from one says so. */
Test(ocr, scanned_packs_read_as_their_text_layers)
{
    NEED_ENGLISH();
    static const char *const fixtures[] = {"sample-pack", "minutes-votes", "agenda-table"};
    for (size_t i = 0; i < G_N_ELEMENTS(fixtures); i++) {
        char *text_pdf = render_fixture(dir, fixtures[i], NULL);
        ap_doc *text_doc, *scan_doc;
        cJSON *truth = records_of_pdf(text_pdf, &text_doc, NULL);
        char *scan = scanned(fixtures[i], 0.8);
        cJSON *got = records_of_pdf(scan, &scan_doc, NULL);
        double agenda = f1(truth, got, "agenda"), minutes = f1(truth, got, "minutes");
        cr_expect_geq(agenda, 0.95, "%s: agenda F1 %.3f", fixtures[i], agenda);
        cr_expect_geq(minutes, 0.9, "%s: minutes F1 %.3f", fixtures[i], minutes);
        char *map_text = page_map(text_doc), *map_scan = page_map(scan_doc);
        cr_expect_str_eq(map_scan, map_text, "%s: the page map", fixtures[i]);
        for (size_t p = 0; p < scan_doc->npages; p++) {
            cr_expect(scan_doc->pages[p].ocr, "%s: page %zu not OCR'd", fixtures[i], p + 1);
            cr_expect(!text_doc->pages[p].ocr, "%s: text page %zu OCR'd", fixtures[i], p + 1);
        }
        cJSON *e = cJSON_GetObjectItem(
            cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(got, 0),
                                                   cJSON_GetArrayItem(got, 0) &&
                                                   cJSON_GetArraySize(cJSON_GetObjectItem(
                                                       cJSON_GetArrayItem(got, 0), "agenda"))
                                                       ? "agenda" : "minutes"), 0),
            "evidence");
        cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(e, "ocr")), "%s: evidence not marked: %s",
                  fixtures[i], e ? cJSON_PrintUnformatted(e) : "none");
        /* a title printed clean: its words recognised surely */
        cr_expect_geq(cJSON_GetNumberValue(cJSON_GetObjectItem(e, "ocr_confidence")), 80,
                      "%s: %s", fixtures[i], cJSON_PrintUnformatted(e));
        g_free(map_text);
        g_free(map_scan);
        ap_doc_free(text_doc);
        ap_doc_free(scan_doc);
        cJSON_Delete(truth);
        cJSON_Delete(got);
        g_free(scan);
        g_free(text_pdf);
    }
}

/* --ocr never leaves a scan unread and says why; always reads a page
 * with a text layer too. */
Test(ocr, the_modes_choose_the_pages)
{
    NEED_ENGLISH();
    char *scan = scanned("harbourside-january", 0.5);
    ap_ocr_configure(AP_OCR_NEVER, "eng");
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open(scan, &err);
    cr_assert_not_null(doc);
    cr_expect_eq(doc->pages[0].nlines, 0);
    cr_expect_eq(doc->ocr_pages, 0);
    cr_expect_eq(doc->nwarnings, 1);
    cr_expect(doc->nwarnings && strstr(doc->warnings[0], "no text layer"), "%s",
              doc->nwarnings ? doc->warnings[0] : "");
    ap_doc_free(doc);

    char *text_pdf = render_fixture(dir, "harbourside-january", NULL);
    ap_ocr_configure(AP_OCR_ALWAYS, "eng");
    doc = ap_doc_open(text_pdf, &err);
    cr_assert_not_null(doc);
    cr_expect(doc->pages[0].ocr);
    cr_expect_eq(doc->ocr_pages, 1);
    bool found = false;
    for (size_t i = 0; i < doc->pages[0].nlines; i++)
        found |= strstr(doc->pages[0].lines[i].text, "HARBOURSIDE ENVIRONMENT") != NULL;
    cr_expect(found, "the title read by OCR");
    ap_doc_free(doc);

    ap_ocr_configure(AP_OCR_AUTO, "eng");
    doc = ap_doc_open(text_pdf, &err);
    cr_expect(!doc->pages[0].ocr, "a good text layer is read, not recognised");
    ap_doc_free(doc);

    /* a language with no model: the page is left, and one warning says
     * which and where it comes from */
    ap_ocr_configure(AP_OCR_AUTO, "eng+zzz");
    doc = ap_doc_open(scan, &err);
    cr_assert_not_null(doc);
    cr_expect(!doc->pages[0].ocr);
    cr_expect_eq(doc->nwarnings, 2, "the language, then the page with no text");
    cr_expect(doc->nwarnings && strstr(doc->warnings[0], "no Tesseract data for language 'zzz'"),
              "%s", doc->nwarnings ? doc->warnings[0] : "");
    ap_doc_free(doc);
    g_free(text_pdf);
    g_free(scan);
}

/* A text layer whose font maps every character to the private-use area:
 * judged garbled, and read by OCR instead. */
Test(ocr, a_garbled_text_layer_is_found_and_read_by_ocr)
{
    NEED_ENGLISH();
    static const char *const lines[] = {
        "HARBOURSIDE PARISH COUNCIL", "Agenda for the meeting of the Council",
        "to be held on Tuesday 13 January 2026 at 7.00 pm", "1. Apologies for absence",
        "2. Declarations of interest", "3. Minutes of the previous meeting", NULL};
    char *path = g_build_filename(dir, "garbled.pdf", NULL);
    char err_text[256] = "";
    cr_assert(fixture_garbled(lines, path, err_text, sizeof err_text), "%s", err_text);
    ap_ocr_configure(AP_OCR_NEVER, "eng");
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open(path, &err);
    cr_assert_not_null(doc, "%s", err.message);
    cr_assert_gt(doc->pages[0].nlines, 0, "the text layer is there");
    cr_expect(ap_text_layer_garbled(&doc->pages[0]), "judged garbled: %s",
              doc->pages[0].lines[0].text);
    ap_doc_free(doc);

    ap_ocr_configure(AP_OCR_AUTO, "eng");
    doc = ap_doc_open(path, &err);
    cr_assert_not_null(doc);
    cr_expect(doc->pages[0].ocr);
    GString *all = g_string_new(NULL);
    for (size_t i = 0; i < doc->pages[0].nlines; i++)
        g_string_append_printf(all, "%s\n", doc->pages[0].lines[i].text);
    cr_expect(strstr(all->str, "HARBOURSIDE PARISH COUNCIL") &&
                  strstr(all->str, "Declarations of interest"),
              "read by OCR:\n%s", all->str);
    cr_expect(!ap_text_layer_garbled(&doc->pages[0]), "what OCR read is not garbled");
    g_string_free(all, TRUE);
    ap_doc_free(doc);
    g_free(path);
}

/* The judge alone, on pages built by hand: symbol soup, private-use code
 * points, words with no vowel are garbled; English and Welsh prose, a
 * table of figures, a short page of names are not. */
Test(ocr, the_judge_of_garbled_text)
{
    static const struct {
        const char *lines[5];
        bool garbled;
    } cases[] = {
        {{"!\"#$%&'()*+,-./0!\"#$%&'()*+,-./0!\"#$%&'()", "*+,-./0!\"#$%&'()*+,-./0!\"#$%",
          NULL}, true},
        {{"\xee\x80\xa1\xee\x80\xa2\xee\x80\xa3\xee\x80\xa4\xee\x80\xa5 \xee\x80\xa6\xee\x80\xa7"
          "\xee\x80\xa8\xee\x80\xa9 \xee\x80\xaa\xee\x80\xab\xee\x80\xac\xee\x80\xad\xee\x80\xae"
          "\xee\x80\xaf \xee\x80\xb0\xee\x80\xb1\xee\x80\xb2\xee\x80\xb3\xee\x80\xb4\xee\x80\xb5"
          "\xee\x80\xb6\xee\x80\xb7\xee\x80\xb8\xee\x80\xb9\xee\x80\xba\xee\x80\xbb\xee\x80\xbc"
          "\xee\x80\xbd\xee\x80\xbe\xee\x80\xbf\xee\x81\x80\xee\x81\x81\xee\x81\x82\xee\x81\x83",
          "\xee\x80\xb0\xee\x80\xb1\xee\x80\xb2\xee\x80\xb3\xee\x80\xb4\xee\x80\xb5"
          "\xee\x80\xb6\xee\x80\xb7\xee\x80\xb8\xee\x80\xb9 1 2", NULL}, true},
        {{"Xqnfmq gstd Pkmnnkrt Cmmttss rghts whrld", "Tvxd bcdfg hjklm npqrs tvxz bcdf",
          "Mnbv cxzl kjhg fdsq wrtp lkjh", NULL}, true},
        {{"The Committee considered the report of the Director of Children's",
          "Services on the provision of special educational needs and resolved",
          "that the recommendations be approved, subject to the amendments.", NULL}, false},
        {{"Cofnodion cyfarfod y Pwyllgor Craffu a gynhaliwyd yn Siambr y Cyngor",
          "Yn bresennol: y Cynghorydd Rhys Jones (Cadeirydd) a'r Cynghorwyr",
          "Penderfynwyd derbyn yr adroddiad a chymeradwyo'r argymhellion.", NULL}, false},
        {{"2024/25 12,345 13,210 -865 96.4% 97.0% 4.2", "1,204 1,198 6 0.5% 88.1% 90.0% 3.1",
          "Q1 Q2 Q3 Q4 2023/24 2024/25 RAG KPI 17 18 19", NULL}, false},
        {{"Cllr J Smith", "Cllr K Brown", "Page 3", NULL}, false},
        {{"Contents", "1 | Introduction ......................................... 4",
          "2 | Recommendations ...................................... 5",
          "3 | Revenue Budget Forecast ______________________________ 6"}, false},
    };
    for (size_t c = 0; c < G_N_ELEMENTS(cases); c++) {
        ap_doc *doc = synthetic_doc(1);
        double y = 100;
        for (int l = 0; cases[c].lines[l]; l++, y += 14)
            add_line(doc, 1, 72, y, cases[c].lines[l]);
        cr_expect_eq(ap_text_layer_garbled(&doc->pages[0]), cases[c].garbled, "case %zu: %s",
                     c, cases[c].lines[0]);
        ap_doc_free(doc);
    }
}

/* The command line: --ocr takes three words, --lang Tesseract's names. */
Test(ocr, the_options_are_checked)
{
    cli_result r = cli_run(NULL, (const char *[]){"convert", "--ocr", "sometimes", "x.pdf",
                                                 "-o", dir, NULL});
    cr_expect_eq(r.status, 2);
    cr_expect(strstr(r.err, "--ocr takes auto, never or always"), "%s", r.err);
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"text", "--lang", "../eng", "x.pdf", NULL});
    cr_expect_eq(r.status, 2);
    cr_expect(strstr(r.err, "--lang takes"), "%s", r.err);
    cli_result_free(&r);
}

/* DIR/NAME, a folder holding the fixture scanned as FIXTURE-scanned.pdf. */
static char *archive_of_scan(const char *name, const char *fixture)
{
    char *archive = g_build_filename(dir, name, NULL);
    cr_assert_eq(g_mkdir(archive, 0755), 0);
    char *scan = scanned(fixture, 0.5);
    char *base = g_path_get_basename(scan);
    char *moved = g_build_filename(archive, base, NULL);
    cr_assert_eq(rename(scan, moved), 0);
    g_free(moved);
    g_free(base);
    g_free(scan);
    return archive;
}

/* A batch counts the pages it read by OCR apart (its summary line and each
 * file's log entry, with their seconds), and a file's time limit holds
 * while its pages are recognised: a scan of ten pages (some 6 s) given two
 * seconds fails, in one line with the reason. */
Test(ocr, a_batch_counts_ocr_pages_and_keeps_its_time_limit)
{
    NEED_ENGLISH();
    char *archive = archive_of_scan("scans", "harbourside-january");
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "1 of them by OCR"), "%s", r.out);
    cli_result_free(&r);
    char *log_dir = g_build_filename(out, "files", NULL);
    GPtrArray *entries = list_dir(log_dir);
    cr_assert_eq(entries->len, 1);
    char *entry_path = g_build_filename(log_dir, entries->pdata[0], NULL), *text;
    cr_assert(g_file_get_contents(entry_path, &text, NULL, NULL));
    cJSON *entry = cJSON_Parse(text);
    cr_expect_eq(cJSON_GetNumberValue(cJSON_GetObjectItem(entry, "ocr_pages")), 1);
    cr_expect_gt(cJSON_GetNumberValue(cJSON_GetObjectItem(entry, "ocr_seconds")), 0);
    cJSON_Delete(entry);
    g_free(text);

    /* ten pages against two seconds */
    char *long_archive = archive_of_scan("long", "sample-pack");
    char *out2 = g_build_filename(dir, "out2", NULL);
    r = cli_run(NULL, (const char *[]){"batch", long_archive, "-o", out2, "--timeout", "2",
                                      "-q", NULL});
    cr_expect_eq(r.status, 1, "%s", r.out);
    cr_expect(strstr(r.err, "sample-pack-scanned.pdf") && strstr(r.err, "time"), "%s", r.err);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cli_result_free(&r);
    g_free(out2);
    g_free(long_archive);
    g_free(entry_path);
    g_ptr_array_free(entries, TRUE);
    g_free(log_dir);
    g_free(out);
    g_free(archive);
}

/* Welsh minutes scanned, read with the Welsh and English models
 * (--lang cym+eng): the minutes of the text layer, the Welsh words read
 * with their accents. */
Test(ocr, welsh_minutes_read_with_the_welsh_model)
{
    NEED_ENGLISH();
    if (!g_file_test("/usr/share/tesseract-ocr/5/tessdata/cym.traineddata", G_FILE_TEST_EXISTS))
        cr_skip_test("Tesseract's Welsh data is not installed (Debian: tesseract-ocr-cym)");
    char *text_pdf = render_fixture(dir, "minutes-welsh", NULL);
    cJSON *truth = records_of_pdf(text_pdf, NULL, NULL);
    char *scan = scanned("minutes-welsh", 0.8);
    ap_ocr_configure(AP_OCR_AUTO, "cym+eng");
    ap_doc *doc;
    cJSON *got = records_of_pdf(scan, &doc, NULL);
    cr_expect(doc->pages[0].ocr);
    double minutes = f1(truth, got, "minutes");
    cr_expect_geq(minutes, 0.9, "minutes F1 %.3f", minutes);
    char *t = cJSON_PrintUnformatted(truth), *g = cJSON_PrintUnformatted(got);
    cr_assert(strstr(t, "PENDERFYNWYD"), "the fixture's resolution");
    cr_expect(strstr(g, "PENDERFYNWYD") && strstr(g, "cymeradwyo'r gyllideb"),
              "the Welsh read: %s", g);
    cJSON_free(t);
    cJSON_free(g);
    ap_doc_free(doc);
    cJSON_Delete(truth);
    cJSON_Delete(got);
    g_free(scan);
    g_free(text_pdf);
}

/* A value is as sure as its least sure word: the confidence evidence
 * carries is the lowest of the words recognised inside its box, the
 * page's mean where none is, and none on a page read from its text. */
Test(ocr, a_value_is_as_sure_as_its_least_sure_word)
{
    ap_doc *doc = synthetic_doc(1);
    ap_page *page = &doc->pages[0];
    cr_expect_eq(ap_page_ocr_confidence(page, &(ap_bbox){0, 0, 600, 800}), -1);
    page->ocr = true;
    page->ocr_confidence = 88;
    page->nocr_words = 3;
    page->ocr_words = g_new(ap_ocr_word, 3);
    page->ocr_words[0] = (ap_ocr_word){{72, 100, 120, 112}, 96};   /* "7," */
    page->ocr_words[1] = (ap_ocr_word){{125, 100, 160, 112}, 23};  /* a scrawl */
    page->ocr_words[2] = (ap_ocr_word){{72, 200, 160, 212}, 91};
    cr_expect_eq(ap_page_ocr_confidence(page, &(ap_bbox){70, 98, 165, 114}), 23);
    cr_expect_eq(ap_page_ocr_confidence(page, &(ap_bbox){70, 98, 122, 114}), 96);
    cr_expect_eq(ap_page_ocr_confidence(page, &(ap_bbox){70, 190, 165, 214}), 91);
    cr_expect_eq(ap_page_ocr_confidence(page, &(ap_bbox){300, 300, 400, 400}), 88);
    cr_expect_eq(ap_page_ocr_confidence(page, NULL), 88);
    ap_doc_free(doc);
}
