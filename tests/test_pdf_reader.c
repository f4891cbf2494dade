/*
 * test_pdf_reader.c: PDFs rendered at test time through the PDF stage and
 * the furniture stage, and every kind of bad input.
 */
#include <criterion/criterion.h>
#include <cairo-pdf.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "tests/helpers.h"
#include "parsers/pdf.h"
#include "pages/furniture.h"
#include "core/page_model.h"

static char *dir;

static void setup(void) { dir = scratch_dir(); }
static void teardown(void) { scratch_remove(dir); }

TestSuite(pdf_reader, .init = setup, .fini = teardown);

static ap_doc *open_fixture(const char *name, const char *font)
{
    char *pdf = render_fixture(dir, name, font);
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open(pdf, &err);
    cr_assert_not_null(doc, "%s: %s", pdf, err.message);
    g_free(pdf);
    ap_furniture_apply(doc);
    return doc;
}

static const ap_line *line_with(const ap_page *page, const char *text)
{
    int i = find_line(page, text);
    cr_assert_geq(i, 0, "no line '%s' on pdf page %d", text, page->pdf_page);
    return &page->lines[i];
}

/* What fixtures/sample-pack.txt prints, page by page. */
static void expect_sample_pack_pages(const ap_doc *doc)
{
    static const int printed[] = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    static const char *const items[] = {NULL, NULL, "3", "3", "4", "4", "4",
                                        "4", "5", "5"};
    static const bool blank[] = {0, 1, 0, 0, 0, 0, 0, 1, 0, 0};
    cr_assert_eq(doc->npages, 10);
    for (size_t p = 0; p < doc->npages; p++) {
        const ap_page *page = &doc->pages[p];
        cr_expect_eq(page->printed_page, printed[p], "pdf page %zu printed %d",
                     p + 1, page->printed_page);
        cr_expect(g_strcmp0(page->agenda_item, items[p]) == 0,
                  "pdf page %zu item %s", p + 1, page->agenda_item);
        cr_expect_eq(page->blank, blank[p], "pdf page %zu blank", p + 1);
    }
}

Test(pdf_reader, sample_pack_pages)
{
    ap_doc *doc = open_fixture("sample-pack", NULL);
    expect_sample_pack_pages(doc);
    cr_expect_eq(doc->nwarnings, 0);
    ap_doc_free(doc);
}

Test(pdf_reader, sample_pack_in_other_fonts)
{
    const char *fonts[] = {"Liberation Serif", "Liberation Mono"};
    for (size_t i = 0; i < G_N_ELEMENTS(fonts); i++) {
        ap_doc *doc = open_fixture("sample-pack", fonts[i]);
        expect_sample_pack_pages(doc);
        ap_doc_free(doc);
    }
}

static const ap_furniture *furniture_with(const ap_page *page, const char *text)
{
    for (size_t i = 0; i < page->nfurniture; i++)
        if (!strcmp(page->furniture[i].line.text, text))
            return &page->furniture[i];
    cr_assert_fail("no furniture '%s' on pdf page %d", text, page->pdf_page);
    return NULL;
}

Test(pdf_reader, furniture_leaves_the_text)
{
    ap_doc *doc = open_fixture("sample-pack", NULL);
    const ap_page *report = &doc->pages[4];
    cr_expect_eq(furniture_with(report, "Agenda Item 4")->kind, AP_FURN_ITEM_STAMP);
    cr_expect_eq(furniture_with(report, "Page 1 of 3")->kind, AP_FURN_DOC_FOOTER);
    const ap_furniture *number = furniture_with(report, "Page 3");
    cr_expect_eq(number->kind, AP_FURN_PAGE_NUMBER);
    cr_expect_eq(number->number, 3);
    cr_expect_eq(furniture_with(report, "Flood Resilience Plan - Harbourside Council")->kind,
                 AP_FURN_RUNNING);
    cr_expect_eq(furniture_with(&doc->pages[0], "Public Document Pack")->kind,
                 AP_FURN_PACK_STAMP);
    cr_expect_eq(furniture_with(&doc->pages[1],
                                "This page is intentionally left blank")->kind,
                 AP_FURN_BLANK_NOTICE);
    cr_expect_eq(find_line(report, "Agenda Item 4"), -1);
    cr_expect_eq(find_line(report, "Page 1 of 3"), -1);
    cr_expect_eq(find_line(report, "Page 3"), -1);
    cr_expect_eq(find_line(report, "Flood Resilience Plan - Harbourside Council"),
                 -1, "running header kept");
    line_with(report, "Flood Resilience Plan 2026-2030");
    ap_doc_free(doc);
}

Test(pdf_reader, page_sizes_and_boxes)
{
    ap_doc *doc = open_fixture("sample-pack", NULL);
    const ap_page *portrait = &doc->pages[0], *landscape = &doc->pages[8];
    cr_expect_float_eq(portrait->width, 595.276, 0.01);
    cr_expect_float_eq(portrait->height, 841.89, 0.01);
    cr_expect_gt(landscape->width, landscape->height);
    for (size_t p = 0; p < doc->npages; p++)
        for (size_t i = 0; i < doc->pages[p].nlines; i++) {
            ap_bbox b = doc->pages[p].lines[i].bbox;
            cr_expect(b.x0 >= 0 && b.x0 < b.x1 && b.x1 <= doc->pages[p].width &&
                      b.y0 >= 0 && b.y0 < b.y1 && b.y1 <= doc->pages[p].height,
                      "box of '%s'", doc->pages[p].lines[i].text);
        }
    /* the title is drawn at the left margin, 16 pt: its box says so */
    const ap_line *title = line_with(&doc->pages[4], "Flood Resilience Plan 2026-2030");
    cr_expect_float_eq(title->bbox.x0, 56, 2);
    cr_expect_float_eq(title->bbox.y1 - title->bbox.y0, 16 * 1.16, 4);
    ap_doc_free(doc);
}

Test(pdf_reader, fonts_sizes_and_weights)
{
    ap_doc *doc = open_fixture("sample-pack", NULL);
    const ap_page *minutes = &doc->pages[2];
    const ap_line *heading = line_with(minutes, "14. DECLARATIONS OF INTEREST");
    const ap_line *plain = line_with(minutes, "There were no declarations of interest.");
    cr_assert_eq(heading->nspans, 1);
    cr_expect(heading->spans[0].bold);
    cr_expect(strstr(heading->spans[0].font, "Bold") != NULL, "%s",
              heading->spans[0].font);
    cr_expect_float_eq(heading->spans[0].size, 11, 0.01);
    cr_expect(!plain->spans[0].bold && !plain->spans[0].italic);
    const ap_line *title = line_with(&doc->pages[2],
        "Harbourside Environment Scrutiny Panel 13 January 2026");
    cr_expect_float_eq(title->spans[0].size, 16, 0.01);
    ap_doc_free(doc);
}

Test(pdf_reader, spans_split_a_line_by_font)
{
    char *spec = g_strdup_printf("%s/spans.txt", dir);
    const char *text = "page\n"
                       "at 56 100 11 bold Title:\n"
                       "at 92 100 11 regular plain words\n"
                       "at 56 130 11 italic Slanted\n";
    g_file_set_contents(spec, text, -1, NULL);
    char *pdf = render_fixture(dir, spec, NULL);
    ap_error err;
    ap_doc *doc = ap_doc_open(pdf, &err);
    cr_assert_not_null(doc, "%s", err.message);
    const ap_line *mixed = line_with(&doc->pages[0], "Title: plain words");
    cr_assert_eq(mixed->nspans, 2);
    cr_expect(mixed->spans[0].bold && !mixed->spans[1].bold);
    cr_expect_eq(mixed->spans[0].start, 0);
    cr_expect(strncmp(mixed->text + mixed->spans[1].start, "plain", 5) == 0);
    cr_expect(line_with(&doc->pages[0], "Slanted")->spans[0].italic);
    ap_doc_free(doc);
    g_free(pdf);
    g_free(spec);
}

Test(pdf_reader, two_columns_read_column_by_column)
{
    ap_doc *doc = open_fixture("sample-pack", NULL);
    const ap_page *slide = &doc->pages[8];
    int left_last = find_line(slide, "Contamination rate down");
    int right_first = find_line(slide, "What needs work");
    int left_first = find_line(slide, "What went well");
    cr_assert(left_last >= 0 && right_first >= 0 && left_first >= 0);
    cr_expect_lt(left_first, left_last);
    cr_expect_lt(left_last, right_first, "right column read before the left ended");
    ap_doc_free(doc);
}

/* A watermark set across the page leaves no lines, and takes none of
 * the words drawn after it (the heading under the banner). */
Test(pdf_reader, a_diagonal_watermark_is_no_text)
{
    for (int f = 0; f < 3; f++) {
        static const char *const fonts[] = {NULL, "Liberation Serif", "Liberation Mono"};
        ap_doc *doc = open_fixture("minutes-extract", fonts[f]);
        const ap_page *page = &doc->pages[0];
        line_with(page, "Minutes extract from Cabinet – 13 December 2024");
        /* no line of the watermark's letters alone, and no word of two or
         * more of them (single letters are initials: "A Reed") */
        for (size_t i = 0; i < page->nlines; i++) {
            char **words = g_strsplit(page->lines[i].text, " ", -1);
            int theirs = 0, n = 0;
            for (; words[n]; n++) {
                bool letters = *words[n] && strspn(words[n], "DRAFT") == strlen(words[n]);
                theirs += letters;
                cr_expect(!letters || strlen(words[n]) < 2, "[%d] a watermark's letters: '%s'",
                          f, page->lines[i].text);
            }
            cr_expect_lt(theirs, n, "[%d] a watermark's letters: '%s'", f, page->lines[i].text);
            g_strfreev(words);
        }
        ap_doc_free(doc);
    }
}

Test(pdf_reader, table_cells_keep_their_positions)
{
    ap_doc *doc = open_fixture("sample-pack", NULL);
    const ap_page *page = &doc->pages[5];
    /* cells may come as separate lines or joined; either way the first
     * cell of the row starts at its tab stop */
    const ap_line *found = NULL;
    for (size_t i = 0; i < page->nlines; i++)
        if (strstr(page->lines[i].text, "North Brook"))
            found = &page->lines[i];
    cr_assert_not_null(found);
    cr_expect_float_eq(found->bbox.x0, 56, 1);
    bool value_at_stop = false;
    for (size_t i = 0; i < page->nlines; i++)
        if (!strcmp(page->lines[i].text, "1,204") ||
            strstr(page->lines[i].text, "1,204"))
            value_at_stop |= page->lines[i].bbox.x0 <= 261;
    cr_expect(value_at_stop);
    ap_doc_free(doc);
}

Test(pdf_reader, checksum_is_the_files_sha256)
{
    char *pdf = render_fixture(dir, "sample-pack", NULL);
    gchar *data;
    gsize len;
    cr_assert(g_file_get_contents(pdf, &data, &len, NULL));
    char *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (guchar *)data, len);
    ap_error err;
    ap_doc *doc = ap_doc_open(pdf, &err);
    cr_assert_not_null(doc);
    cr_expect_str_eq(doc->sha256, want);
    ap_doc_free(doc);
    g_free(want);
    g_free(data);
    g_free(pdf);
}

/* A batch has hashed the file to know it: the digest it hands over is the
 * document's, and a bad file is refused all the same. */
Test(pdf_reader, a_digest_known_already_is_taken)
{
    char *pdf = render_fixture(dir, "sample-pack", NULL);
    char *given = g_strnfill(64, 'c');
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open_hashed(pdf, given, &err);
    cr_assert_not_null(doc, "%s", err.message);
    cr_expect_str_eq(doc->sha256, given);
    ap_doc_free(doc);
    char *empty = write_file(dir, "empty.pdf", "", 0);
    cr_expect_null(ap_doc_open_hashed(empty, given, &err));
    cr_expect(strstr(err.message, "empty") != NULL, "%s", err.message);
    g_free(empty);
    g_free(given);
    g_free(pdf);
}

/* ---- bad input --------------------------------------------------------- */

static void expect_refused(const char *path, const char *reason)
{
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open(path, &err);
    cr_expect_null(doc, "%s opened", path);
    cr_expect(strstr(err.message, reason) != NULL, "%s: got '%s', want '%s'",
              path, err.message, reason);
    ap_doc_free(doc);
}

Test(pdf_reader, missing_file)
{
    char *path = g_build_filename(dir, "nowhere.pdf", NULL);
    expect_refused(path, "no such file");
    g_free(path);
}

Test(pdf_reader, empty_file)
{
    char *path = write_file(dir, "empty.pdf", "", 0);
    expect_refused(path, "not a PDF: the file is empty");
    g_free(path);
}

Test(pdf_reader, text_file_named_pdf)
{
    const char *text = "Minutes of the meeting\nnot a PDF at all\n";
    char *path = write_file(dir, "notes.pdf", text, strlen(text));
    expect_refused(path, "not a PDF");
    g_free(path);
}

Test(pdf_reader, random_bytes)
{
    GRand *rand = g_rand_new_with_seed(7);
    guint8 bytes[4096];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (guint8)g_rand_int_range(rand, 0, 256);
    g_rand_free(rand);
    char *path = write_file(dir, "noise.pdf", bytes, sizeof bytes);
    expect_refused(path, "not a PDF");
    g_free(path);
}

Test(pdf_reader, random_bytes_behind_a_pdf_header)
{
    GRand *rand = g_rand_new_with_seed(11);
    guint8 bytes[4096];
    memcpy(bytes, "%PDF-1.5\n", 9);
    for (size_t i = 9; i < sizeof bytes - 6; i++)
        bytes[i] = (guint8)g_rand_int_range(rand, 0, 256);
    memcpy(bytes + sizeof bytes - 6, "%%EOF\n", 6);
    g_rand_free(rand);
    char *path = write_file(dir, "garbage.pdf", bytes, sizeof bytes);
    expect_refused(path, "damaged PDF");
    g_free(path);
}

static void expect_truncation_refused(double fraction)
{
    char *pdf = render_fixture(dir, "sample-pack", NULL);
    gchar *data;
    gsize len;
    cr_assert(g_file_get_contents(pdf, &data, &len, NULL));
    char *cut = write_file(dir, "cut.pdf", data, (size_t)(len * fraction));
    expect_refused(cut, "damaged PDF");
    g_free(cut);
    g_free(data);
    g_free(pdf);
}

Test(pdf_reader, truncated_files)
{
    expect_truncation_refused(0.5);
    expect_truncation_refused(0.98);
    expect_truncation_refused(0.02);
}

Test(pdf_reader, directory)
{
    expect_refused(dir, "not a regular file (a directory)");
}

Test(pdf_reader, encrypted_with_a_user_password)
{
    char *pdf = render_fixture(dir, "sample-pack", NULL);
    char *locked = g_build_filename(dir, "locked.pdf", NULL);
    char *argv[] = {"qpdf", "--encrypt", "secret", "owner", "256", "--", pdf,
                    locked, NULL};
    gint status = -1;
    GError *gerr = NULL;
    cr_assert(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                           NULL, NULL, &status, &gerr),
              "qpdf is needed for this test (make deps installs it)");
    cr_assert_eq(status, 0, "qpdf failed");
    expect_refused(locked, "encrypted: a password is needed");
    g_free(locked);
    g_free(pdf);
}

Test(pdf_reader, owner_password_only_opens)
{
    char *pdf = render_fixture(dir, "sample-pack", NULL);
    char *locked = g_build_filename(dir, "owner-only.pdf", NULL);
    char *argv[] = {"qpdf", "--encrypt", "", "owner", "256", "--", pdf, locked,
                    NULL};
    gint status = -1;
    cr_assert(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                           NULL, NULL, &status, NULL));
    cr_assert_eq(status, 0);
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open(locked, &err);
    cr_assert_not_null(doc, "%s", err.message);
    cr_expect_eq(doc->npages, 10);
    ap_doc_free(doc);
    g_free(locked);
    g_free(pdf);
}

/* Writes DIR/NAME with cairo, one draw call per page; a page with nothing
 * drawn is still emitted. */
typedef void (*draw_page)(cairo_t *cr);

static char *drawn_pdf(const char *name, const draw_page *pages, int npages)
{
    char *path = g_build_filename(dir, name, NULL);
    cairo_surface_t *pdf = cairo_pdf_surface_create(path, 595.276, 841.89);
    cairo_t *cr = cairo_create(pdf);
    for (int p = 0; p < npages; p++) {
        if (pages[p])
            pages[p](cr);
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(pdf);
    return path;
}

/* A picture and no text: a 64 x 64 black image. */
static void draw_image(cairo_t *cr)
{
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 64);
    cairo_set_source_surface(cr, img, 100, 100);
    cairo_paint(cr);
    cairo_surface_destroy(img);
}

/* A drawn "line of text": a filled path, no image, no text. */
static void draw_path(cairo_t *cr)
{
    cairo_rectangle(cr, 100, 100, 200, 20);
    cairo_fill(cr);
}

Test(pdf_reader, scans_are_not_blank_and_are_reported)
{
    char *path = drawn_pdf("scan.pdf", (draw_page[]){draw_image, draw_image}, 2);
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open(path, &err);
    cr_assert_not_null(doc, "%s", err.message);
    ap_furniture_apply(doc);
    cr_expect(doc->pages[0].has_graphics && !doc->pages[0].blank);
    cr_assert_eq(doc->nwarnings, 1);
    cr_expect(strstr(doc->warnings[0], "no text layer") != NULL, "%s",
              doc->warnings[0]);
    ap_doc_free(doc);
    g_free(path);
}

Test(pdf_reader, a_page_drawn_with_paths_is_not_blank)
{
    char *path = drawn_pdf("vector.pdf", (draw_page[]){draw_path, NULL}, 2);
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open(path, &err);
    cr_assert_not_null(doc, "%s", err.message);
    ap_furniture_apply(doc);
    cr_assert_eq(doc->npages, 2);
    cr_expect(!doc->pages[0].blank && doc->pages[0].has_graphics);
    cr_expect(doc->pages[1].blank && !doc->pages[1].has_graphics);
    cr_assert_eq(doc->nwarnings, 1);
    cr_expect(strstr(doc->warnings[0], "page 1: no text layer") != NULL, "%s",
              doc->warnings[0]);
    ap_doc_free(doc);
    g_free(path);
}

/* Table cells: a wide gutter splits a line, word spaces never do, in
 * proportional and monospaced type alike; where poppler runs two table
 * rows into one line, the step back to the left starts a new cell. */
Test(pdf_reader, lines_split_into_cells_at_gutters_only)
{
    const char *fonts[] = {NULL, "Liberation Serif", "Liberation Mono"};
    for (int f = 0; f < 3; f++) {
        char *pdf = render_fixture(dir, "agenda-table", fonts[f]);
        ap_error err = {{0}};
        ap_doc *doc = ap_doc_open(pdf, &err);
        cr_assert_not_null(doc, "%s", err.message);
        const ap_line *found = NULL;
        for (size_t i = 0; i < doc->pages[0].nlines; i++)
            if (strstr(doc->pages[0].lines[i].text, "MINUTES To approve"))
                found = &doc->pages[0].lines[i];
        cr_assert_not_null(found);
        bool number = false, title = false, pages = false;
        for (size_t c = 0; c < found->ncells; c++) {
            char *t = g_strndup(found->text + found->cells[c].start,
                                found->cells[c].len);
            number |= strcmp(t, "2.") == 0;
            title |= strcmp(t, "MINUTES To approve the minutes of 8 January 2026.") == 0;
            pages |= strcmp(t, "1 - 4") == 0 || strcmp(t, "1-4") == 0;
            g_free(t);
        }
        cr_expect(number && title && pages, "[%s] cells of '%s'",
                  fonts[f] ? fonts[f] : "own font", found->text);
        ap_doc_free(doc);
        g_free(pdf);
    }
}
