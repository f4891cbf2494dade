/*
 * raster_marks.c: the mark of a box a raster image draws, read from a
 * render of the page.
 *
 * Rules, fills and drawn arrows are read from the page's vectors
 * (pages/drawn.c); only a mark inside a picture (a scorecard pasted as an
 * image, its ratings coloured pixels) needs the page drawn into pixels.
 * The page is rendered at one pixel per point; the fill is the RAG colour
 * most of the box shows, and an arrow the ink apart from it, its head the
 * wider end.
 */
#include <poppler.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "agendapack.h"
#include "core/drawing.h"
#include "core/page_model.h"
#include "parsers/raster_marks.h"
#include "parsers/render.h"

#define RENDER_SCALE 1.0

struct ap_page_image {
    cairo_surface_t *surface;
    const unsigned char *data;
    int w, h, stride;
};

ap_page_image *ap_page_image_new(const ap_doc *doc, size_t page)
{
    PopplerDocument *pd = page < doc->npages ? ap_doc_glib(doc) : NULL;
    PopplerPage *pp = pd ? poppler_document_get_page(pd, (int)page) : NULL;
    if (!pp)
        return NULL;
    cairo_surface_t *surface = ap_render_page(pp, RENDER_SCALE);
    g_object_unref(pp);
    if (!surface)
        return NULL;    /* too large to draw */
    ap_page_image *img = g_new0(ap_page_image, 1);
    img->surface = surface;
    img->data = cairo_image_surface_get_data(img->surface);
    img->w = cairo_image_surface_get_width(img->surface);
    img->h = cairo_image_surface_get_height(img->surface);
    img->stride = cairo_image_surface_get_stride(img->surface);
    return img;
}

void ap_page_image_free(ap_page_image *img)
{
    if (!img)
        return;
    cairo_surface_destroy(img->surface);
    g_free(img);
}

/* An arrow is this many pixels of ink at least, apart from the fill. */
#define ARROW_MIN_INK 12
/* Lines of pixels inked over most of the box: its rules, not a mark. */
#define RULE_SHARE 0.8

typedef struct pixbox {
    int x0, y0, x1, y1;     /* pixels, end exclusive */
} pixbox;

static bool is_ink(const ap_page_image *img, int x, int y, uint32_t ground)
{
    const uint32_t *row = (const uint32_t *)(const void *)(img->data + (size_t)y * (size_t)img->stride);
    uint32_t p = row[x] & 0xffffff;
    return p != ground && ap_rgb_distance(p, ground) > AP_INK_DISTANCE;
}

/* The ink of a box apart from its rules: *ink pixels within *out. */
static int ink_extent(const ap_page_image *img, pixbox b, uint32_t ground, pixbox *out)
{
    int w = b.x1 - b.x0, h = b.y1 - b.y0;
    int *row_ink = g_new0(int, h), *col_ink = g_new0(int, w);
    for (int y = b.y0; y < b.y1; y++)
        for (int x = b.x0; x < b.x1; x++)
            if (is_ink(img, x, y, ground)) {
                row_ink[y - b.y0]++;
                col_ink[x - b.x0]++;
            }
    int ink = 0;
    *out = (pixbox){b.x1, b.y1, b.x0, b.y0};
    for (int y = b.y0; y < b.y1; y++) {
        if (row_ink[y - b.y0] >= RULE_SHARE * w)
            continue;
        for (int x = b.x0; x < b.x1; x++)
            if (col_ink[x - b.x0] < RULE_SHARE * h && is_ink(img, x, y, ground)) {
                ink++;
                out->x0 = MIN(out->x0, x), out->x1 = MAX(out->x1, x + 1);
                out->y0 = MIN(out->y0, y), out->y1 = MAX(out->y1, y + 1);
            }
    }
    g_free(row_ink);
    g_free(col_ink);
    return ink;
}

/* The widest cross-section of the ink in the first or last quarter of the
 * extent, across rows (vertical) or down columns. */
static int widest_end(const ap_page_image *img, pixbox e, bool vertical, bool last,
                      uint32_t ground)
{
    int len = vertical ? e.y1 - e.y0 : e.x1 - e.x0;
    int start = vertical ? e.y0 : e.x0, span = MAX(1, len / 4);
    int from = last ? start + len - span : start, widest = 0;
    for (int i = from; i < from + span; i++) {
        int n = 0;
        if (vertical)
            for (int x = e.x0; x < e.x1; x++)
                n += is_ink(img, x, i, ground);
        else
            for (int y = e.y0; y < e.y1; y++)
                n += is_ink(img, i, y, ground);
        widest = MAX(widest, n);
    }
    return widest;
}

/* An arrow from the shape of the ink: a shape standing clear of the box's
 * edges (not a piece of text cut by it) with a wide end, its head, and a
 * narrow one, its tail. Head at the top: up; at the bottom: down; to a
 * side: "flat", as a "→" glyph is read. */
static const char *arrow_shape(const ap_page_image *img, pixbox b, uint32_t ground)
{
    pixbox e;
    if (ink_extent(img, b, ground, &e) < ARROW_MIN_INK)
        return NULL;
    if (e.x0 <= b.x0 + 1 || e.y0 <= b.y0 + 1 || e.x1 >= b.x1 - 1 || e.y1 >= b.y1 - 1)
        return NULL;
    int top = widest_end(img, e, true, false, ground);
    int bottom = widest_end(img, e, true, true, ground);
    int left = widest_end(img, e, false, false, ground);
    int right = widest_end(img, e, false, true, ground);
    return ap_arrow_direction(top, bottom, left, right);
}

ap_mark ap_image_mark(const ap_page_image *img, ap_bbox box)
{
    ap_mark mark = {NULL, NULL};
    int x0 = MAX(0, (int)((box.x0 + AP_MARK_INSET) * RENDER_SCALE));
    int y0 = MAX(0, (int)((box.y0 + AP_MARK_INSET) * RENDER_SCALE));
    int x1 = MIN(img->w, (int)((box.x1 - AP_MARK_INSET) * RENDER_SCALE));
    int y1 = MIN(img->h, (int)((box.y1 - AP_MARK_INSET) * RENDER_SCALE));
    if (x1 - x0 < 3 || y1 - y0 < 3)
        return mark;
    /* the fill: the colour most of the box shows */
    int counts[AP_RAG_NONE + 1] = {0}, total = 0;
    uint32_t fill_pixel[AP_RAG_NONE + 1] = {0};
    for (int y = y0; y < y1; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(img->data + (size_t)y * (size_t)img->stride);
        for (int x = x0; x < x1; x++, total++) {
            uint32_t p = row[x] & 0xffffff;
            ap_rag c = p == 0xffffff ? AP_RAG_NONE : ap_rag_of_rgb(p);  /* paper: most pixels */
            counts[c]++;
            fill_pixel[c] = p;
        }
    }
    ap_rag best = counts[AP_RAG_RED] >= counts[AP_RAG_AMBER] &&
                          counts[AP_RAG_RED] >= counts[AP_RAG_GREEN] ? AP_RAG_RED
                  : counts[AP_RAG_AMBER] >= counts[AP_RAG_GREEN]   ? AP_RAG_AMBER
                                                                   : AP_RAG_GREEN;
    uint32_t ground = 0xffffff;
    if (counts[best] >= AP_FILL_SHARE * total) {
        mark.fill = ap_rag_name(best);
        ground = fill_pixel[best];
    }
    mark.arrow = arrow_shape(img, (pixbox){x0, y0, x1, y1}, ground);
    return mark;
}
