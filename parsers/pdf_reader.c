/*
 * pdf_reader.c: PDF bytes -> page model.
 *
 * Each page is read once, through poppler's core (pdf_core.cc): its text
 * in poppler's reading order (it finds columns and blocks, so two-column
 * slides come out column by column), one box per character of that text,
 * the font runs over the same characters, and the shapes it draws. Walking
 * the text, boxes and runs together gives lines with a bounding box and
 * font spans; positions are kept so later stages can rebuild tables.
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

#include "core/sha256.h"
#include "agendapack.h"
#include "parsers/pdf_core.h"
#include "parsers/ocr.h"
#include "parsers/render.h"
#include "core/files.h"
#include "core/page_model.h"
#include "parsers/pdf.h"
#include "core/error.h"

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

static font_run *read_font_runs(const ap_pdf_page *pp, size_t *nruns)
{
    font_run *runs = g_new0(font_run, pp->nruns ? pp->nruns : 1);
    for (size_t i = 0; i < pp->nruns; i++) {
        const char *name = pp->runs[i].font ? pp->runs[i].font : "";
        runs[i] = (font_run){
            .start = pp->runs[i].start, .end = pp->runs[i].end,
            .font = g_intern_string(name), .size = pp->runs[i].size,
            .bold = font_is_bold(name), .italic = font_is_italic(name),
        };
    }
    *nruns = pp->nruns;
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
                             bool space, const ap_pdf_box *rect,
                             const font_run *run)
{
    if (!space && rect) {
        ap_bbox r = {rect->x0, rect->y0, rect->x1, rect->y1};
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

static void read_page_lines(const ap_pdf_page *pp, ap_page *page)
{
    const char *text = pp->text;
    const ap_pdf_box *rects = pp->boxes;
    size_t nrects = pp->nboxes;
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
                         (size_t)ci < nrects ? &rects[ci] : NULL, fr);
    }
    builder_flush(&b, lines);

    g_string_free(b.text, TRUE);
    g_array_free(b.spans, TRUE);
    g_array_free(b.cells, TRUE);
    g_array_free(b.words, TRUE);
    g_free(runs);
    page->nlines = lines->len;
    page->lines = (ap_line *)g_array_free(lines, FALSE);
}

/* The document as pdf_reader.c keeps it: the core reader, the bytes it
 * reads, and, made only when a page must be rendered, poppler-glib's
 * document of the same bytes. */
typedef struct source {
    ap_pdf *pdf;
    GBytes *bytes;
    PopplerDocument *glib;
} source;

static void source_free(void *p)
{
    source *src = p;
    ap_pdf_free(src->pdf);
    if (src->glib)
        g_object_unref(src->glib);
    g_bytes_unref(src->bytes);
    g_free(src);
}

PopplerDocument *ap_doc_glib(const ap_doc *doc)
{
    source *src = doc->source;
    if (src && !src->glib)
        src->glib = poppler_document_new_from_bytes(src->bytes, NULL, NULL);
    return src ? src->glib : NULL;
}

/* A page paints something when it strokes or fills a shape in a colour
 * that shows on paper (a channel under 0xf0, as a render's ink test
 * would see it), and it is not wholly clipped away. */
#define INK_LEVEL 0xf0

static bool shape_shows(const ap_pdf_shape *s, const ap_pdf_page *pp)
{
    int r = (int)(s->rgb >> 16 & 0xff), g = (int)(s->rgb >> 8 & 0xff), b = (int)(s->rgb & 0xff);
    if (s->opacity <= 0 || (r >= INK_LEVEL && g >= INK_LEVEL && b >= INK_LEVEL) ||
        s->clip.x1 <= s->clip.x0 || s->clip.y1 <= s->clip.y0)
        return false;
    for (size_t k = s->first; k < s->first + s->npoints; k++) {
        const ap_pdf_point *p = &pp->points[k];
        if (p->x >= 0 && p->y >= 0 && p->x <= pp->width && p->y <= pp->height)
            return true;
    }
    return false;
}

static void copy_drawing(const ap_pdf_page *pp, ap_page *page)
{
    /* the same layout field for field (the core's structs are plain C
     * copies of the page model's, which the C++ file cannot include) */
    G_STATIC_ASSERT(sizeof(ap_pdf_shape) == sizeof(ap_shape));
    G_STATIC_ASSERT(sizeof(ap_pdf_point) == sizeof(ap_point));
    G_STATIC_ASSERT(sizeof(ap_pdf_box) == sizeof(ap_bbox));
    page->nshapes = pp->nshapes;
    page->shapes = pp->nshapes ? g_memdup2(pp->shapes, pp->nshapes * sizeof(ap_shape)) : NULL;
    page->npoints = pp->npoints;
    page->points = pp->npoints ? g_memdup2(pp->points, pp->npoints * sizeof(ap_point)) : NULL;
    page->nimages = pp->nimages;
    page->images = pp->nimages ? g_memdup2(pp->images, pp->nimages * sizeof(ap_bbox)) : NULL;
}

static void read_page(ap_pdf *pdf, int index, ap_page *page)
{
    ap_pdf_page pp;
    page->pdf_page = index + 1;
    if (!ap_pdf_read_page(pdf, index, &pp))
        return;
    page->width = pp.width;
    page->height = pp.height;
    read_page_lines(&pp, page);
    copy_drawing(&pp, page);
    /* a page with no text but a picture or a drawing is not blank */
    bool ink = false;
    for (size_t i = 0; i < pp.nshapes && !ink && page->nlines == 0; i++)
        ink = shape_shows(&pp.shapes[i], &pp);
    page->has_graphics = pp.nimages > 0 || ink;
    ap_pdf_page_clear(&pp);
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

/* Page p read by OCR, its lines built from what Tesseract recognised by
 * the builder a text layer goes through; false (err) when it cannot be. */
static bool recognise_page(ap_doc *doc, size_t p, ap_error *err)
{
    ap_page *page = &doc->pages[p];
    gint64 start = g_get_monotonic_time();
    ap_pdf_page pp = {.width = page->width, .height = page->height};
    ap_ocr_result got = {0};
    bool ok = ap_ocr_read_page(doc, (int)p, &pp, &got, err);
    doc->ocr_seconds += (double)(g_get_monotonic_time() - start) / 1e6;
    if (ok) {
        for (size_t i = 0; i < page->nlines; i++)
            ap_line_clear(&page->lines[i]);
        g_free(page->lines);
        page->lines = NULL;
        page->nlines = 0;
        read_page_lines(&pp, page);
        page->ocr = true;
        page->ocr_confidence = got.confidence;
        page->ocr_words = got.words;
        page->nocr_words = got.nwords;
        got.words = NULL;
        doc->ocr_pages++;
    }
    g_free(got.words);
    ap_pdf_page_clear(&pp);
    return ok;
}

/* The pages the OCR mode takes (ocr.h) read by OCR. A page that cannot be
 * keeps what it had, and a warning says why; where the engine itself
 * cannot run (its language data missing), one warning says so. */
static void recognise_pages(ap_doc *doc)
{
    bool asked = false;
    for (size_t p = 0; p < doc->npages; p++) {
        if (!ap_ocr_wanted(&doc->pages[p]))
            continue;
        ap_error err = {{0}};
        if (!asked && !ap_ocr_ready(&err)) {
            ap_doc_warn(doc, "page %d: not read by OCR: %s", doc->pages[p].pdf_page,
                        err.message);
            return;
        }
        asked = true;
        if (!recognise_page(doc, p, &err))
            ap_doc_warn(doc, "page %d: not read by OCR: %s", doc->pages[p].pdf_page,
                        err.message);
    }
}

ap_doc *ap_doc_open(const char *path, ap_error *err)
{
    return ap_doc_open_hashed(path, NULL, err);
}

/* The page model of a PDF's bytes; name is what the document is called
 * (its path, or "-" for standard input). */
static ap_doc *open_bytes(const char *name, GBytes *bytes, const char *sha256, ap_error *err)
{
    gsize len;
    const void *data = g_bytes_get_data(bytes, &len);
    ap_pdf *pdf = ap_pdf_open(data, len, err);
    int npages = pdf ? ap_pdf_npages(pdf) : 0;
    if (pdf && npages <= 0) {
        ap_error_set(err, "damaged PDF: it has no pages");
        ap_pdf_free(pdf);
        return NULL;
    }
    if (!pdf)
        return NULL;
    ap_doc *doc = g_new0(ap_doc, 1);
    doc->path = g_strdup(name);
    doc->sha256 = sha256 ? g_strdup(sha256)
                         : ap_sha256_hex(data, len);
    doc->npages = (size_t)npages;
    doc->pages = g_new0(ap_page, doc->npages);
    for (int i = 0; i < npages; i++)
        read_page(pdf, i, &doc->pages[i]);
    /* kept open: a page may yet be rendered, for OCR or for a mark an
     * image carries */
    source *src = g_new0(source, 1);
    *src = (source){pdf, g_bytes_ref(bytes), NULL};
    doc->source = src;
    doc->source_free = source_free;
    recognise_pages(doc);
    warn_textless_pages(doc);
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
