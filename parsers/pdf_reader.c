/*
 * pdf_reader.c: PDF bytes -> page model, with poppler-glib.
 *
 * For every page we ask poppler for three views of one cached text page:
 * the text in poppler's reading order (it finds columns and blocks, so
 * two-column slides come out column by column), one rectangle per character
 * of that text, and font runs over the same characters. Walking the three
 * together gives lines with a bounding box and font spans; positions are
 * kept so later stages can rebuild tables.
 *
 * Before poppler sees a file we check what poppler would only guess at: an
 * empty file, a file that is not a PDF at all, and a file cut short (no
 * %%EOF marker near its end; poppler would rebuild the cross-reference table
 * and quietly return fewer pages).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <cairo.h>
#include <poppler.h>

#include "agendapack.h"
#include "parsers/render.h"
#include "core/files.h"
#include "core/page_model.h"
#include "parsers/pdf.h"
#include "core/error.h"

/* Pages with at most this many text lines are checked for images (and,
 * with no text at all, for drawn content), so that a page with no text but
 * a picture is not mistaken for a blank page. */
#define FEW_LINES 3

static bool has_pdf_header(const char *data, gsize len)
{
    /* The spec allows junk before the header; readers accept it within the
     * first kilobyte. */
    gsize limit = len < 1024 ? len : 1024;
    for (gsize i = 0; i + 5 <= limit; i++)
        if (memcmp(data + i, "%PDF-", 5) == 0)
            return true;
    return false;
}

static bool has_eof_marker(const char *data, gsize len)
{
    /* Writers may append a little after the last %%EOF (newlines, NULs);
     * a file cut short has none in its tail at all. */
    gsize tail = len < 4096 ? len : 4096;
    const char *start = data + len - tail;
    for (gsize i = 0; i + 5 <= tail; i++)
        if (memcmp(start + i, "%%EOF", 5) == 0)
            return true;
    return false;
}

/* What poppler would only guess at, checked on the bytes: an empty file,
 * a file that is not a PDF at all, a file cut short. */
static bool check_pdf_bytes(const char *data, size_t len, ap_error *err)
{
    if (len == 0)
        ap_error_set(err, "not a PDF: the file is empty");
    else if (!has_pdf_header(data, len))
        ap_error_set(err, "not a PDF: no %%PDF- header");
    else if (!has_eof_marker(data, len))
        ap_error_set(err, "damaged PDF: truncated (no %%%%EOF marker at the end)");
    else
        return true;
    return false;
}

static GBytes *read_pdf_bytes(const char *path, ap_error *err)
{
    size_t len = 0;
    /* a regular file only: a FIFO or a device named as input is refused,
     * not read until it ends (which it may never do) */
    char *data = ap_read_regular_file(path, true, &len, err);
    if (!data)
        return NULL;
    if (!check_pdf_bytes(data, len, err)) {
        g_free(data);
        return NULL;
    }
    return g_bytes_new_take(data, len);
}

static PopplerDocument *open_poppler(GBytes *bytes, ap_error *err)
{
    GError *gerr = NULL;
    PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    if (pd)
        return pd;
    if (gerr && gerr->domain == POPPLER_ERROR &&
        gerr->code == POPPLER_ERROR_ENCRYPTED)
        ap_error_set(err, "encrypted: a password is needed");
    else
        ap_error_set(err, "damaged PDF: %s",
                     gerr ? gerr->message : "poppler could not open it");
    g_clear_error(&gerr);
    return NULL;
}

/* ---- lines from poppler's text, layout and attributes ------------------ */

typedef struct font_run {
    int start, end;        /* character indexes, end inclusive */
    const char *font;      /* interned */
    double size;
    bool bold, italic;
} font_run;

static bool contains_ci(const char *haystack, const char *needle)
{
    char *lower = g_ascii_strdown(haystack, -1);
    bool found = strstr(lower, needle) != NULL;
    g_free(lower);
    return found;
}

static bool name_has(const char *name, const char *const *words)
{
    for (; *words; words++)
        if (contains_ci(name, *words))
            return true;
    return false;
}

/* poppler-glib has no bold flag; the font name carries the weight and
 * slant ("Arial-BoldMT", "LiberationSans-BoldItalic", "Calibri,Bold"). */
static bool font_is_bold(const char *name)
{
    static const char *const words[] = {"bold", "black", "heavy", "demi",
                                        "semibold", NULL};
    return name && name_has(name, words);
}

static bool font_is_italic(const char *name)
{
    static const char *const words[] = {"italic", "oblique", NULL};
    return name && name_has(name, words);
}

static font_run *read_font_runs(PopplerPage *pp, size_t *nruns)
{
    GList *attrs = poppler_page_get_text_attributes(pp);
    size_t n = g_list_length(attrs), i = 0;
    font_run *runs = g_new0(font_run, n ? n : 1);
    for (GList *l = attrs; l; l = l->next, i++) {
        PopplerTextAttributes *a = l->data;
        const char *name = a->font_name ? a->font_name : "";
        runs[i] = (font_run){
            .start = a->start_index, .end = a->end_index,
            .font = g_intern_string(name), .size = a->font_size,
            .bold = font_is_bold(name), .italic = font_is_italic(name),
        };
    }
    poppler_page_free_text_attributes(attrs);
    *nruns = n;
    return runs;
}

/* A horizontal gap wider than this many times the type size, and wider
 * than CELL_GAP_GLYPHS average glyphs of the line, splits a line into
 * cells. Word spaces stay under half an em in proportional type and one
 * glyph in monospaced type; table gutters and side-by-side blocks are
 * wider. */
#define CELL_GAP_EM 0.45
#define CELL_GAP_GLYPHS 1.15

typedef struct line_builder {
    GString *text;
    GArray *spans;          /* ap_span */
    GArray *cells;          /* ap_cell; len is set when the cell closes */
    GArray *words;          /* ap_cell; len is set when the word closes */
    bool word_open;
    ap_bbox box;
    bool has_box;
    const font_run *span_run;
    size_t glyph_end;       /* byte offset after the last non-space glyph */
    double glyph_widths;    /* sum over the line's non-space glyphs */
    int glyphs;
} line_builder;

static void builder_add_cell_glyph(line_builder *b, ap_bbox r, double size)
{
    ap_cell *cur = b->cells->len
                       ? &g_array_index(b->cells, ap_cell, b->cells->len - 1)
                       : NULL;
    b->glyph_widths += r.x1 - r.x0;
    b->glyphs++;
    double glyph = b->glyph_widths / b->glyphs;
    double gap = CELL_GAP_EM * size > CELL_GAP_GLYPHS * glyph
                     ? CELL_GAP_EM * size
                     : CELL_GAP_GLYPHS * glyph;
    if (cur && r.x0 - cur->bbox.x1 <= gap && r.x0 >= cur->bbox.x0) {
        cur->bbox = ap_bbox_union(cur->bbox, r);
        return;
    }
    if (cur)
        cur->len = b->glyph_end - cur->start;
    ap_cell c = {.start = b->text->len, .bbox = r};
    g_array_append_val(b->cells, c);
}

static void close_word(line_builder *b)
{
    if (b->word_open)
        g_array_index(b->words, ap_cell, b->words->len - 1).len =
            b->glyph_end - g_array_index(b->words, ap_cell, b->words->len - 1).start;
    b->word_open = false;
}

/* A word runs to the next space or the next cell. */
static void builder_add_word_glyph(line_builder *b, ap_bbox r, bool new_cell)
{
    if (new_cell)
        close_word(b);
    if (b->word_open) {
        ap_cell *w = &g_array_index(b->words, ap_cell, b->words->len - 1);
        w->bbox = ap_bbox_union(w->bbox, r);
        return;
    }
    ap_cell w = {.start = b->text->len, .bbox = r};
    g_array_append_val(b->words, w);
    b->word_open = true;
}

static void builder_add_char(line_builder *b, const char *utf8, gsize len,
                             bool space, const PopplerRectangle *rect,
                             const font_run *run)
{
    if (!space && rect) {
        ap_bbox r = {rect->x1, rect->y1, rect->x2, rect->y2};
        b->box = b->has_box ? ap_bbox_union(b->box, r) : r;
        b->has_box = true;
        guint cells = b->cells->len;
        builder_add_cell_glyph(b, r, run ? run->size : r.y1 - r.y0);
        builder_add_word_glyph(b, r, b->cells->len != cells);
    } else if (space) {
        close_word(b);
    }
    /* Spaces join the current span: poppler synthesises them between words
     * and their font says nothing. */
    bool new_span = b->spans->len == 0 || (!space && run && run != b->span_run);
    if (new_span && run) {
        ap_span s = {.start = b->text->len, .len = 0, .font = (char *)run->font,
                     .size = run->size, .bold = run->bold, .italic = run->italic};
        g_array_append_val(b->spans, s);
        b->span_run = run;
    }
    if (b->spans->len)
        g_array_index(b->spans, ap_span, b->spans->len - 1).len += len;
    g_string_append_len(b->text, utf8, len);
    if (!space)
        b->glyph_end = b->text->len;
}

/* The line's words with offsets moved past the lead trimmed off its text. */
static ap_cell *builder_words(line_builder *b, size_t lead, size_t *nwords)
{
    close_word(b);
    for (guint i = 0; i < b->words->len; i++)
        g_array_index(b->words, ap_cell, i).start -= lead;
    *nwords = b->words->len;
    return g_memdup2(b->words->data, b->words->len * sizeof(ap_cell));
}

/* The line's cells with offsets moved past the lead trimmed off its text. */
static ap_cell *builder_cells(line_builder *b, size_t lead, size_t *ncells)
{
    if (b->cells->len)
        g_array_index(b->cells, ap_cell, b->cells->len - 1).len =
            b->glyph_end -
            g_array_index(b->cells, ap_cell, b->cells->len - 1).start;
    for (guint i = 0; i < b->cells->len; i++)
        g_array_index(b->cells, ap_cell, i).start -= lead;
    *ncells = b->cells->len;
    return g_memdup2(b->cells->data, b->cells->len * sizeof(ap_cell));
}

static void builder_flush(line_builder *b, GArray *lines)
{
    const char *s = b->text->str;
    size_t len = b->text->len, lead = 0, trail = 0;
    while (lead < len && g_ascii_isspace(s[lead]))
        lead++;
    while (trail < len - lead && g_ascii_isspace(s[len - 1 - trail]))
        trail++;
    size_t keep = len - lead - trail;
    if (keep > 0 && b->has_box) {
        ap_line line = {.text = g_strndup(s + lead, keep), .bbox = b->box};
        GArray *spans = g_array_new(FALSE, FALSE, sizeof(ap_span));
        for (guint i = 0; i < b->spans->len; i++) {
            ap_span sp = g_array_index(b->spans, ap_span, i);
            size_t a = sp.start > lead ? sp.start - lead : 0;
            size_t z = sp.start + sp.len - lead;
            if (sp.start + sp.len <= lead || a >= keep)
                continue;
            sp.start = a;
            sp.len = (z > keep ? keep : z) - a;
            if (sp.len)
                g_array_append_val(spans, sp);
        }
        line.nspans = spans->len;
        line.spans = (ap_span *)g_array_free(spans, FALSE);
        line.cells = builder_cells(b, lead, &line.ncells);
        line.words = builder_words(b, lead, &line.nwords);
        g_array_append_val(lines, line);
    }
    g_string_truncate(b->text, 0);
    g_array_set_size(b->spans, 0);
    g_array_set_size(b->cells, 0);
    g_array_set_size(b->words, 0);
    b->word_open = false;
    b->glyph_end = 0;
    b->glyph_widths = 0;
    b->glyphs = 0;
    b->has_box = false;
    b->span_run = NULL;
}

static void read_page_lines(PopplerPage *pp, ap_page *page)
{
    char *text = poppler_page_get_text(pp);
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    poppler_page_get_text_layout(pp, &rects, &nrects);
    size_t nruns = 0;
    font_run *runs = read_font_runs(pp, &nruns);

    GArray *lines = g_array_new(FALSE, FALSE, sizeof(ap_line));
    line_builder b = {.text = g_string_new(NULL),
                      .spans = g_array_new(FALSE, FALSE, sizeof(ap_span)),
                      .cells = g_array_new(FALSE, FALSE, sizeof(ap_cell)),
                      .words = g_array_new(FALSE, FALSE, sizeof(ap_cell))};
    size_t run = 0;
    int ci = 0;
    for (const char *p = text ? text : ""; *p; p = g_utf8_next_char(p), ci++) {
        gunichar c = g_utf8_get_char(p);
        gsize clen = g_utf8_next_char(p) - p;
        if (c == '\n') {
            builder_flush(&b, lines);
            continue;
        }
        while (run < nruns && runs[run].end < ci)
            run++;
        const font_run *fr =
            run < nruns && runs[run].start <= ci ? &runs[run] : NULL;
        builder_add_char(&b, p, clen, g_unichar_isspace(c),
                         (guint)ci < nrects ? &rects[ci] : NULL, fr);
    }
    builder_flush(&b, lines);

    g_string_free(b.text, TRUE);
    g_array_free(b.spans, TRUE);
    g_array_free(b.cells, TRUE);
    g_array_free(b.words, TRUE);
    g_free(runs);
    g_free(rects);
    g_free(text);
    page->nlines = lines->len;
    page->lines = (ap_line *)g_array_free(lines, FALSE);
}

static bool page_has_images(PopplerPage *pp)
{
    GList *images = poppler_page_get_image_mapping(pp);
    bool any = images != NULL;
    poppler_page_free_image_mapping(images);
    return any;
}

/* Whether anything is drawn on a page that has no text and no image, such
 * as a scan stored as vector paths. poppler-glib does not expose paths, so
 * we render the page small onto white and look for a pixel that is not
 * white. Only textless pages pay for this. */
#define INK_SCALE 0.2
#define INK_LEVEL 0xf0

static bool page_has_vector_ink(PopplerPage *pp)
{
    /* a huge page is looked at smaller; one that cannot be drawn at all is
     * taken to have ink, so it is never called blank */
    double scale = ap_render_scale_to_fit(pp, INK_SCALE);
    cairo_surface_t *surface = scale > 0 ? ap_render_page(pp, scale) : NULL;
    if (!surface)
        return true;
    int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
    const unsigned char *data = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    bool ink = false;
    for (int y = 0; y < h && !ink; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
        for (int x = 0; x < w && !ink; x++)
            ink = ap_pixel_ink(row[x], INK_LEVEL);
    }
    cairo_surface_destroy(surface);
    return ink;
}

static void read_page(PopplerDocument *pd, int index, ap_page *page)
{
    PopplerPage *pp = poppler_document_get_page(pd, index);
    page->pdf_page = index + 1;
    if (!pp)
        return;
    poppler_page_get_size(pp, &page->width, &page->height);
    read_page_lines(pp, page);
    if (page->nlines <= FEW_LINES)
        page->has_graphics = page_has_images(pp) ||
            (page->nlines == 0 &&
             page_has_vector_ink(pp));
    g_object_unref(pp);
}

/* A page with graphics and no text at all is a scan (or a picture of a
 * slide): say so, since nothing on it can be read without OCR. */
static bool is_textless(const ap_page *page)
{
    return page->nlines == 0 && page->has_graphics;
}

static void warn_textless_pages(ap_doc *doc)
{
    size_t textless = 0;
    for (size_t p = 0; p < doc->npages; p++)
        textless += is_textless(&doc->pages[p]);
    if (textless == doc->npages) {
        ap_doc_warn(doc, "pages 1-%zu: no text layer, only graphics (a "
                    "scan needs OCR before it can be read)", doc->npages);
        return;
    }
    for (size_t p = 0; p < doc->npages && textless; p++)
        if (is_textless(&doc->pages[p]))
            ap_doc_warn(doc, "page %d: no text layer, only graphics",
                        doc->pages[p].pdf_page);
}

ap_doc *ap_doc_open(const char *path, ap_error *err)
{
    return ap_doc_open_hashed(path, NULL, err);
}

/* The page model of a PDF's bytes; name is what the document is called
 * (its path, or "-" for standard input). */
static ap_doc *open_bytes(const char *name, GBytes *bytes, const char *sha256, ap_error *err)
{
    PopplerDocument *pd = open_poppler(bytes, err);
    int npages = pd ? poppler_document_get_n_pages(pd) : 0;
    if (pd && npages <= 0)
        ap_error_set(err, "damaged PDF: it has no pages");

    ap_doc *doc = NULL;
    if (pd && npages > 0) {
        doc = g_new0(ap_doc, 1);
        doc->path = g_strdup(name);
        doc->sha256 = sha256 ? g_strdup(sha256)
                             : g_compute_checksum_for_bytes(G_CHECKSUM_SHA256, bytes);
        doc->npages = (size_t)npages;
        doc->pages = g_new0(ap_page, doc->npages);
        for (int i = 0; i < npages; i++)
            read_page(pd, i, &doc->pages[i]);
        warn_textless_pages(doc);
        /* kept open: the table stage renders pages to find ruling lines */
        doc->source = g_object_ref(pd);
        doc->source_free = g_object_unref;
    }
    if (pd)
        g_object_unref(pd);
    return doc;
}

ap_doc *ap_doc_open_hashed(const char *path, const char *sha256, ap_error *err)
{
    GBytes *bytes = read_pdf_bytes(path, err);
    if (!bytes)
        return NULL;
    ap_doc *doc = open_bytes(path, bytes, sha256, err);
    g_bytes_unref(bytes);
    return doc;
}

ap_doc *ap_doc_open_data(const char *name, const void *data, size_t len, const char *sha256,
                         ap_error *err)
{
    if (!check_pdf_bytes(data, len, err))
        return NULL;
    /* poppler keeps the bytes while the document is open: its own copy */
    GBytes *bytes = g_bytes_new(data, len);
    ap_doc *doc = open_bytes(name, bytes, sha256, err);
    g_bytes_unref(bytes);
    return doc;
}
