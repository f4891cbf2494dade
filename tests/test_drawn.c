/*
 * test_drawn.c: what a page draws, read from its vectors (pages/drawn.c)
 * and from the PDF stage's one pass (parsers/pdf_core.cc): rules drawn as
 * strokes, as thin filled boxes, split at every cell; rules that do not
 * show (white, covered, clipped); RAG fills; arrows in four directions; a
 * mark inside a picture, read from a render; a page painted as a tiled
 * image; a colour profile (/OutputIntents) that changes nothing read.
 * Where text is involved, in three typefaces.
 */
#include <criterion/criterion.h>
#include <glib.h>
#include <lcms2.h>
#include <math.h>
#include <string.h>

#include "core/page_model.h"
#include "pages/drawn.h"
#include "pages/furniture.h"
#include "pages/layout.h"
#include "pages/table.h"
#include "parsers/pdf.h"
#include "tests/helpers.h"

static char *dir;
static void setup(void) { dir = scratch_dir(); }
static void teardown(void) { scratch_remove(dir); }
TestSuite(drawn, .init = setup, .fini = teardown);

static const char *const fonts[] = {NULL, "Liberation Serif", "Liberation Mono"};
#define FONT_NAME(f) (fonts[f] ? fonts[f] : "own font")

/* The fixture spec rendered in font and opened; its first page read. */
static ap_doc *open_spec(const char *spec, const char *font)
{
    static int n;
    char *name = g_strdup_printf("spec-%d.txt", n++);
    char *path = write_file(dir, name, spec, strlen(spec));
    char *pdf = render_fixture(dir, path, font);
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open(pdf, &err);
    cr_assert_not_null(doc, "%s", err.message);
    g_free(pdf);
    g_free(path);
    g_free(name);
    return doc;
}

/* ---- a ruled grid, drawn four ways ------------------------------------------------------ */

static const double XS[] = {50, 170, 330, 450, 545};    /* its vertical rules */
static const double YS[] = {100, 130, 176, 206};        /* its horizontal rules */
#define NX G_N_ELEMENTS(XS)
#define NY G_N_ELEMENTS(YS)

typedef enum style { STROKES, THIN_FILLS, STROKES_PER_CELL, THIN_FILLS_PER_CELL } style;
static const char *const STYLES[] = {"strokes", "thin filled boxes", "strokes cell by cell",
                                     "thin filled boxes cell by cell"};

/* A line from (x0, y0) to (x1, y1), one of them level or upright. */
static void line(GString *s, style st, double x0, double y0, double x1, double y1)
{
    if (st == STROKES || st == STROKES_PER_CELL)
        g_string_append_printf(s, "rule %g %g %g %g\n", x0, y0, x1, y1);
    else if (y0 == y1)  /* as Word draws a border: a box half a point thick */
        g_string_append_printf(s, "fill %g %g %g 0.5 000000\n", x0, y0 - 0.25, x1 - x0);
    else
        g_string_append_printf(s, "fill %g %g 0.5 %g 000000\n", x0 - 0.25, y0, y1 - y0);
}

static void grid(GString *s, style st)
{
    bool per_cell = st == STROKES_PER_CELL || st == THIN_FILLS_PER_CELL;
    for (size_t i = 0; i < NY; i++)
        for (size_t c = 0; c + 1 < NX; c++)
            if (per_cell || c == 0)
                line(s, st, XS[c], YS[i], per_cell ? XS[c + 1] : XS[NX - 1], YS[i]);
    for (size_t i = 0; i < NX; i++)
        for (size_t r = 0; r + 1 < NY; r++)
            if (per_cell || r == 0)
                line(s, st, XS[i], YS[r], XS[i], per_cell ? YS[r + 1] : YS[NY - 1]);
}

/* The cells, each line of each at its baseline: the second row's measure
 * wraps over two lines set far apart, which its text alone reads as two
 * rows. A paragraph below the grid is the document's running text. */
static const char *const CELLS[][4] = {
    {"Ref", "Measure", "Value", "Lead"},
    {"A1", "Referrals received in the month", "214", "Head of Service"},
    {"A2", "Assessments on time", "93.7%", "Panel Chair"},
};

static char *grid_spec(style st)
{
    GString *s = g_string_new("page\n");
    for (size_t r = 0; r < G_N_ELEMENTS(CELLS); r++)
        for (size_t c = 0; c < 4; c++) {
            double y = YS[r] + 18;
            if (r == 1 && c == 1) {     /* wrapped: "Referrals received" / "in the month" */
                g_string_append_printf(s, "at %g %g 8 regular Referrals received\n", XS[c] + 4, y);
                g_string_append_printf(s, "at %g %g 8 regular in the month\n", XS[c] + 4, y + 20);
            } else {
                g_string_append_printf(s, "at %g %g 8 regular %s\n", XS[c] + 4, y, CELLS[r][c]);
            }
        }
    /* running text: the words a wrapped cell's lines are told apart by */
    g_string_append(s, "at 50 260 10 regular Referrals received in the month rose, and "
                       "assessments on time held steady this quarter.\n");
    grid(s, st);
    return g_string_free(s, FALSE);
}

static bool near(double a, double b, double slack) { return fabs(a - b) <= slack; }

Test(drawn, a_grid_drawn_any_way_gives_the_same_rules)
{
    for (style st = STROKES; st <= THIN_FILLS_PER_CELL; st++) {
        char *spec = grid_spec(st);
        ap_doc *doc = open_spec(spec, NULL);
        ap_rulings r = {0};
        ap_drawn_rulings(&doc->pages[0], &r);
        cr_assert_eq(r.nvertical, NX, "[%s] %zu vertical rules", STYLES[st], r.nvertical);
        cr_assert_eq(r.nhorizontal, NY, "[%s] %zu horizontal rules", STYLES[st], r.nhorizontal);
        for (size_t i = 0; i < NX; i++) {
            const ap_rule *v = &r.vertical[i];
            cr_expect(near(v->x0, XS[i], 0.01) && near(v->y0, YS[0], 0.5) &&
                          near(v->y1, YS[NY - 1], 0.5),
                      "[%s] vertical %zu: x %.2f from %.2f to %.2f", STYLES[st], i, v->x0, v->y0,
                      v->y1);
        }
        for (size_t i = 0; i < NY; i++) {
            const ap_rule *h = &r.horizontal[i];
            cr_expect(near(h->y0, YS[i], 0.01) && near(h->x0, XS[0], 0.5) &&
                          near(h->x1, XS[NX - 1], 0.5),
                      "[%s] horizontal %zu: y %.2f from %.2f to %.2f", STYLES[st], i, h->y0,
                      h->x0, h->x1);
        }
        ap_rulings_clear(&r);
        ap_doc_free(doc);
        g_free(spec);
    }
}

/* The table under the grid, read with its rules, in each typeface. */
static ap_table **read_grid(ap_doc *doc, size_t *n)
{
    ap_furniture_apply(doc);
    GHashTable *vocab = ap_vocabulary_new(doc);
    ap_rows *rows = ap_rows_build(&doc->pages[0]);
    ap_rulings r = {0};
    ap_drawn_rulings(&doc->pages[0], &r);
    ap_table **tables = ap_tables_find(rows, vocab, r.nvertical ? &r : NULL, n);
    ap_rulings_clear(&r);
    ap_rows_free(rows);
    g_hash_table_unref(vocab);
    return tables;
}

Test(drawn, a_table_under_a_grid_drawn_any_way_reads_the_same)
{
    for (style st = STROKES; st <= THIN_FILLS_PER_CELL; st++)
        for (int f = 0; f < 3; f++) {
            char *spec = grid_spec(st);
            ap_doc *doc = open_spec(spec, fonts[f]);
            size_t n;
            ap_table **tables = read_grid(doc, &n);
            cr_assert_eq(n, 1, "[%s, %s] %zu tables", STYLES[st], FONT_NAME(f), n);
            cr_assert_eq(tables[0]->nrows, G_N_ELEMENTS(CELLS), "[%s, %s] %zu rows", STYLES[st],
                         FONT_NAME(f), tables[0]->nrows);
            for (size_t r = 0; r < G_N_ELEMENTS(CELLS); r++)
                for (size_t c = 0; c < 4; c++)
                    cr_expect_str_eq(ap_table_text(tables[0], r, c), CELLS[r][c],
                                     "[%s, %s] %zu,%zu: %s", STYLES[st], FONT_NAME(f), r, c,
                                     ap_table_text(tables[0], r, c));
            ap_tables_free(tables, n);
            ap_doc_free(doc);
            g_free(spec);
        }
}

/* ---- what does not show ----------------------------------------------------------------- */

Test(drawn, rules_that_do_not_show_are_not_rules)
{
    static const char spec[] =
        "page\n"
        "rule 50 100 300 100\n"                 /* shows: the one rule kept whole */
        "rule 50 120 300 120 0.5 ffffff\n"      /* white */
        "rule 50 140 300 140 0.5 e0e0e0\n"      /* too light to be ink */
        "rule 50 160 300 160 6\n"               /* a bar, not a rule */
        "rule 50 180 300 180\n"
        "fill 40 170 280 20 ffffff\n"           /* painted over the rule before it */
        "fill 40 90 280 20 ffffff\n"            /* ...but not over the first: */
        "rule 50 100 300 100\n"                 /* drawn again after it */
        "rule 50 200 300 200\n"
        "fill 150 190 200 20 ffffff\n"          /* covers the rule's right part */
        "clip 0 215 100 30\n"
        "rule 50 220 300 220\n"                 /* half clipped */
        "unclip\n"
        "clip 400 0 100 100\n"
        "rule 50 240 300 240\n"                 /* wholly clipped */
        "unclip\n";
    ap_doc *doc = open_spec(spec, NULL);
    ap_rulings r = {0};
    ap_drawn_rulings(&doc->pages[0], &r);
    cr_expect_eq(r.nvertical, 0);
    cr_assert_eq(r.nhorizontal, 3, "%zu rules", r.nhorizontal);
    static const ap_rule want[] = {{50, 100, 300, 100}, {50, 200, 150, 200}, {50, 220, 100, 220}};
    for (size_t i = 0; i < 3; i++)
        cr_expect(near(r.horizontal[i].x0, want[i].x0, 0.5) &&
                      near(r.horizontal[i].x1, want[i].x1, 0.5) &&
                      near(r.horizontal[i].y0, want[i].y0, 0.01),
                  "rule %zu: %.1f,%.1f to %.1f", i, r.horizontal[i].x0, r.horizontal[i].y0,
                  r.horizontal[i].x1);
    ap_rulings_clear(&r);
    ap_doc_free(doc);
}

/* ---- marks ------------------------------------------------------------------------------- */

static ap_bbox cell(double x, double y) { return (ap_bbox){x, y, x + 70, y + 24}; }

Test(drawn, cell_fills_read_as_ratings_by_colour_and_paint_order)
{
    static const struct {
        const char *colour, *want;
    } fills[] = {
        {"e02020", "red"}, {"ffb000", "amber"}, {"20a040", "green"}, {"00ff00", "green"},
        {"bf0000", "red"}, {"d0d0d0", NULL},    {"ffffff", NULL},
    };
    GString *s = g_string_new("page\n");
    for (size_t i = 0; i < G_N_ELEMENTS(fills); i++)
        g_string_append_printf(s, "fill 50 %zu 70 24 %s\n", 100 + 30 * i, fills[i].colour);
    /* a green cell painted over in white, and one a quarter filled */
    g_string_append(s, "fill 200 100 70 24 20a040\nfill 200 100 70 24 ffffff\n"
                       "fill 200 130 17 24 20a040\n");
    ap_doc *doc = open_spec(s->str, NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(fills); i++) {
        ap_mark m = ap_drawn_mark(&doc->pages[0], cell(50, 100 + 30 * (double)i));
        cr_expect(g_strcmp0(m.fill, fills[i].want) == 0, "#%s read as %s", fills[i].colour,
                  m.fill ? m.fill : "no fill");
        cr_expect_null(m.arrow);
    }
    cr_expect_null(ap_drawn_mark(&doc->pages[0], cell(200, 100)).fill, "a covered fill");
    cr_expect_null(ap_drawn_mark(&doc->pages[0], cell(200, 130)).fill, "a quarter filled");
    ap_doc_free(doc);
    g_string_free(s, TRUE);
}

Test(drawn, arrows_read_by_their_heads_in_four_directions)
{
    static const struct {
        const char *dir, *want;
    } arrows[] = {{"up", "up"}, {"down", "down"}, {"left", "flat"}, {"right", "flat"}};
    GString *s = g_string_new("page\n");
    for (size_t i = 0; i < 4; i++) {
        double y = 100 + 30 * (double)i;
        g_string_append_printf(s, "arrow 78 %g 14 %s\n", y + 5, arrows[i].dir);
        /* the same on a green cell, in black */
        g_string_append_printf(s, "fill 200 %g 70 24 20a040\narrow 228 %g 14 %s 000000\n", y,
                               y + 5, arrows[i].dir);
    }
    /* no head: a square; and a rule across the cell: no mark */
    g_string_append(s, "fill 78 225 14 14 000000\nrule 200 232 270 232\n");
    ap_doc *doc = open_spec(s->str, NULL);
    for (size_t i = 0; i < 4; i++) {
        double y = 100 + 30 * (double)i;
        ap_mark plain = ap_drawn_mark(&doc->pages[0], cell(50, y));
        ap_mark on_green = ap_drawn_mark(&doc->pages[0], cell(200, y));
        cr_expect(g_strcmp0(plain.arrow, arrows[i].want) == 0, "%s read as %s", arrows[i].dir,
                  plain.arrow ? plain.arrow : "none");
        cr_expect_null(plain.fill);
        cr_expect(g_strcmp0(on_green.arrow, arrows[i].want) == 0, "%s on green read as %s",
                  arrows[i].dir, on_green.arrow ? on_green.arrow : "none");
        cr_expect_str_eq(on_green.fill, "green");
    }
    cr_expect_null(ap_drawn_mark(&doc->pages[0], cell(50, 220)).arrow, "a square");
    ap_mark ruled = ap_drawn_mark(&doc->pages[0], cell(200, 220));
    cr_expect(!ruled.arrow && !ruled.fill, "a rule");
    ap_doc_free(doc);
    g_string_free(s, TRUE);
}

/* The county scorecard with its ratings pasted in as pictures: the
 * vectors show nothing there, so that one page is rendered and read. */
Test(drawn, a_rating_inside_a_picture_is_read_from_one_render)
{
    static const char *const want[] = {"green", "red", "amber", "green"};
    for (int f = 0; f < 3; f++) {
        cJSON *r = record_of_status(dir, "scorecard-pictures", fonts[f], "agenda", NULL);
        cr_assert_not_null(r, "[%s]", FONT_NAME(f));
        const cJSON *inds = cJSON_GetObjectItem(r, "indicators");
        cr_assert_eq(cJSON_GetArraySize(inds), 4, "[%s]", FONT_NAME(f));
        for (int i = 0; i < 4; i++) {
            const char *rag = cJSON_GetStringValue(
                cJSON_GetObjectItem(cJSON_GetArrayItem(inds, i), "rag"));
            cr_expect(g_strcmp0(rag, want[i]) == 0, "[%s] %d: %s", FONT_NAME(f), i,
                      rag ? rag : "null");
        }
        cJSON_Delete(r);
        char *pdf = render_fixture(dir, "scorecard-pictures", fonts[f]);
        char *out = g_build_filename(dir, "pictures-out", NULL);
        ap_convert_summary sum;
        ap_error err = {{0}};
        cr_assert(ap_convert_file(pdf, out, &sum, &err), "%s", err.message);
        cr_expect_eq(sum.rendered, 1, "[%s] %d pages rendered", FONT_NAME(f), sum.rendered);
        ap_convert_summary_clear(&sum);
        g_free(out);
        g_free(pdf);
    }
}

/* ---- the PDF stage ------------------------------------------------------------------------ */

/* Some scanners paint the page as a pattern of tiles holding the scan:
 * the page is a picture with no text, not a blank page. */
Test(drawn, a_page_painted_as_tiled_image_is_a_picture_not_a_blank)
{
    ap_doc *doc = open_spec("page\ntext Report\npage\ntiled 20 30 400 500 808080\n", NULL);
    const ap_page *p = &doc->pages[1];
    cr_assert_geq(p->nimages, 1, "no image found under the pattern");
    ap_bbox all = p->images[0];
    for (size_t i = 1; i < p->nimages; i++)
        all = ap_bbox_union(all, p->images[i]);
    cr_expect(near(all.x0, 20, 0.5) && near(all.y0, 30, 0.5) && near(all.x1, 420, 0.5) &&
                  near(all.y1, 530, 0.5),
              "the tiles cover %.1f,%.1f to %.1f,%.1f", all.x0, all.y0, all.x1, all.y1);
    cr_expect(p->has_graphics);
    ap_furniture_apply(doc);
    cr_expect_not(doc->pages[1].blank);
    bool warned = false;
    for (size_t i = 0; i < doc->nwarnings; i++)
        warned |= strstr(doc->warnings[i], "page 2: no text layer") != NULL;
    cr_expect(warned, "no warning that page 2 has no text");
    ap_doc_free(doc);
}

/* A PDF written by hand: one page of text in a standard font and a box
 * filled in an ICC colour space; with intent, the catalog names
 * intent_icc as its /OutputIntents profile. */
static GBytes *pdf_with_profile(const char *font, const void *icc, size_t icc_len,
                                const void *intent_icc, size_t intent_len)
{
    GString *pdf = g_string_new("%PDF-1.7\n");
    gsize offsets[8] = {0};
    offsets[1] = pdf->len;
    if (intent_icc)
        g_string_append(pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OutputIntents [<< /Type "
                             "/OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (test) "
                             "/DestOutputProfile 5 0 R >>] >>\nendobj\n");
    else
        g_string_append(pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    offsets[2] = pdf->len;
    g_string_append(pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
    offsets[3] = pdf->len;
    g_string_append(pdf, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                         "/Resources << /Font << /F1 6 0 R >> /ColorSpace << /CS0 [/ICCBased 7 "
                         "0 R] >> >> /Contents 4 0 R >>\nendobj\n");
    static const char content[] = "BT /F1 12 Tf 72 770 Td (Budget monitoring report) Tj ET\n"
                                  "/CS0 cs 0 0.8 0 sc 72 600 100 40 re f\n";
    offsets[4] = pdf->len;
    g_string_append_printf(pdf, "4 0 obj\n<< /Length %zu >>\nstream\n%sendstream\nendobj\n",
                           sizeof content - 1, content);
    const void *streams[] = {intent_icc ? intent_icc : icc, icc};
    size_t lens[] = {intent_icc ? intent_len : icc_len, icc_len};
    for (int k = 0; k < 2; k++) {
        int obj = k == 0 ? 5 : 7;
        offsets[obj] = pdf->len;
        g_string_append_printf(pdf, "%d 0 obj\n<< /N 3 /Length %zu >>\nstream\n", obj, lens[k]);
        g_string_append_len(pdf, streams[k], (gssize)lens[k]);
        g_string_append(pdf, "\nendstream\nendobj\n");
    }
    offsets[6] = pdf->len;
    g_string_append_printf(pdf, "6 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /%s "
                                "/Encoding /WinAnsiEncoding >>\nendobj\n", font);
    gsize xref = pdf->len;
    g_string_append(pdf, "xref\n0 8\n0000000000 65535 f \n");
    for (int i = 1; i < 8; i++)
        g_string_append_printf(pdf, "%010zu 00000 n \n", offsets[i]);
    g_string_append_printf(pdf, "trailer\n<< /Size 8 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                           xref);
    return g_string_free_to_bytes(pdf);
}

static GBytes *profile_bytes(cmsHPROFILE profile)
{
    cmsUInt32Number len = 0;
    cr_assert(cmsSaveProfileToMem(profile, NULL, &len));
    void *data = g_malloc(len);
    cr_assert(cmsSaveProfileToMem(profile, data, &len));
    cmsCloseProfile(profile);
    return g_bytes_new_take(data, len);
}

/* An RGB profile whose red and green primaries are swapped: a colour
 * converted into it changes from green to red. */
static GBytes *swapped_profile(void)
{
    cmsCIExyY white;
    cmsWhitePointFromTemp(&white, 6504);
    cmsCIExyYTRIPLE primaries = {{0.30, 0.60, 1.0}, {0.64, 0.33, 1.0}, {0.15, 0.06, 1.0}};
    cmsToneCurve *gamma = cmsBuildGamma(NULL, 2.2);
    cmsToneCurve *curves[3] = {gamma, gamma, gamma};
    cmsHPROFILE p = cmsCreateRGBProfile(&white, &primaries, curves);
    cmsFreeToneCurve(gamma);
    return profile_bytes(p);
}

/* The first filled shape of a page's first page, read from bytes. */
static ap_doc *open_bytes_named(GBytes *bytes, const char *name)
{
    gsize len;
    const void *data = g_bytes_get_data(bytes, &len);
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open_data(name, data, len, NULL, &err);
    cr_assert_not_null(doc, "%s: %s", name, err.message);
    return doc;
}

static const ap_shape *first_fill(const ap_page *p)
{
    for (size_t i = 0; i < p->nshapes; i++)
        if (p->shapes[i].filled)
            return &p->shapes[i];
    return NULL;
}

Test(drawn, a_colour_profile_for_output_changes_no_text_and_no_colour)
{
    static const char *const standard_fonts[] = {"Helvetica", "Times-Roman", "Courier"};
    GBytes *srgb = profile_bytes(cmsCreate_sRGBProfile());
    GBytes *swapped = swapped_profile();
    gsize srgb_len, swapped_len;
    const void *srgb_data = g_bytes_get_data(srgb, &srgb_len);
    const void *swapped_data = g_bytes_get_data(swapped, &swapped_len);
    for (int f = 0; f < 3; f++) {
        GBytes *plain = pdf_with_profile(standard_fonts[f], srgb_data, srgb_len, NULL, 0);
        GBytes *intent = pdf_with_profile(standard_fonts[f], srgb_data, srgb_len, swapped_data,
                                          swapped_len);
        ap_doc *a = open_bytes_named(plain, "plain.pdf");
        ap_doc *b = open_bytes_named(intent, "intent.pdf");
        cr_assert_eq(a->pages[0].nlines, 1);
        cr_assert_eq(b->pages[0].nlines, 1, "[%s]", standard_fonts[f]);
        cr_expect_str_eq(b->pages[0].lines[0].text, "Budget monitoring report", "[%s]",
                         standard_fonts[f]);
        cr_expect_str_eq(a->pages[0].lines[0].text, b->pages[0].lines[0].text);
        const ap_shape *fa = first_fill(&a->pages[0]), *fb = first_fill(&b->pages[0]);
        cr_assert(fa && fb);
        cr_expect_eq(fb->rgb, fa->rgb, "[%s] the box is #%06x under the profile, #%06x without",
                     standard_fonts[f], fb->rgb, fa->rgb);
        ap_mark m = ap_drawn_mark(&b->pages[0], (ap_bbox){72, 842 - 640, 172, 842 - 600});
        cr_expect_str_eq(m.fill, "green", "[%s]", standard_fonts[f]);
        ap_doc_free(a);
        ap_doc_free(b);
        g_bytes_unref(plain);
        g_bytes_unref(intent);
    }
    g_bytes_unref(srgb);
    g_bytes_unref(swapped);
}
