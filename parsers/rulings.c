/*
 * rulings.c: the ruling lines of a page, found by rendering it.
 *
 * Poppler-glib hands out text and images but not the paths a page draws,
 * so a table's rules are found in pixels: the page is rendered at one
 * pixel per point and long straight runs of dark pixels, vertical and
 * horizontal, become rules. Text makes only short runs; a rule runs the
 * height of a row at least. Only pages that hold a table are rendered.
 */
#include <poppler.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "agendapack.h"
#include "parsers/render.h"
#include "parsers/rulings.h"
#include "core/page_model.h"

#define RULE_SCALE 1.0
/* A pixel darker than this (0-255, any channel) is ink. */
#define RULE_INK 170
/* A rule is at least this many pixels long, and this thin. */
#define RULE_MIN_LENGTH 14
#define RULE_MAX_WIDTH 4
/* Pixels by which the two edges of one stroke's runs may differ. */
#define SAME_STRETCH 2

typedef struct run {
    int at;                 /* x of a vertical run, y of a horizontal one */
    int from, to;           /* along the run, inclusive */
} run;

static void emit(GArray *out, int at, int from, int to)
{
    if (to - from + 1 >= RULE_MIN_LENGTH) {
        run r = {at, from, to};
        g_array_append_val(out, r);
    }
}

static int by_at(const void *a, const void *b)
{
    const run *x = a, *y = b;
    if (x->at != y->at)
        return (x->at > y->at) - (x->at < y->at);
    return (x->from > y->from) - (x->from < y->from);
}

/* Runs of ink, horizontal and vertical, in one pass down the rows; both
 * sorted by position. A page is mostly paper, so each row is first made a
 * byte mask in a loop the compiler vectorises; horizontal runs are then
 * found by skipping to the next ink with memchr, and each column keeps the
 * length of the vertical run it is in, read only on a row where some run
 * of rule length ends. */
static void find_runs(const unsigned char *data, int stride, int w, int h,
                      GArray *vertical, GArray *horizontal)
{
    guint8 *mask = g_malloc((size_t)w + 1);
    uint32_t *len = g_new0(uint32_t, (size_t)w);
    mask[w] = 0;            /* ends the last horizontal run */
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++)
            mask[x] = ap_pixel_ink(row[x], RULE_INK);
        for (size_t x = 0; x < (size_t)w;) {
            const guint8 *hit = memchr(mask + x, 1, (size_t)w - x);
            if (!hit)
                break;
            size_t from = (size_t)(hit - mask);
            for (x = from; mask[x]; x++)
                ;
            emit(horizontal, y, (int)from, (int)x - 1);
        }
        int ended = 0;
        for (int x = 0; x < w; x++)
            ended |= !mask[x] & (len[x] >= RULE_MIN_LENGTH);
        for (int x = 0; ended && x < w; x++)
            if (!mask[x] && len[x] >= RULE_MIN_LENGTH)
                emit(vertical, x, y - (int)len[x], y - 1);
        for (int x = 0; x < w; x++)
            len[x] = mask[x] ? len[x] + 1 : 0;
    }
    for (int x = 0; x < w; x++)
        if (len[x])
            emit(vertical, x, h - (int)len[x], h - 1);
    g_free(len);
    g_free(mask);
    g_array_sort(vertical, by_at);
}

/* Runs side by side over the same stretch (a rule two pixels thick) become
 * one rule; a block of ink wider than a rule (a filled cell, an image) is
 * not one, and a rule running beside or through a filled cell stays one. */
static GArray *merge(GArray *runs, bool vertical)
{
    GArray *rules = g_array_new(FALSE, FALSE, sizeof(ap_rule));
    gboolean *used = g_new0(gboolean, runs->len ? runs->len : 1);
    for (guint i = 0; i < runs->len; i++) {
        if (used[i])
            continue;
        run r = g_array_index(runs, run, i);
        int lo = r.at, hi = r.at, from = r.from, to = r.to;
        for (guint j = i + 1; j < runs->len; j++) {
            run q = g_array_index(runs, run, j);
            if (q.at > hi + 1)
                break;
            /* the next line of pixels of the same stroke spans the same
             * stretch; a fill beside or across a rule spans another */
            if (!used[j] && q.at == hi + 1 && abs(q.from - r.from) <= SAME_STRETCH &&
                abs(q.to - r.to) <= SAME_STRETCH) {
                used[j] = TRUE;
                hi = q.at;
                from = MIN(from, q.from);
                to = MAX(to, q.to);
            }
        }
        if (hi - lo + 1 > RULE_MAX_WIDTH)
            continue;
        double mid = (lo + hi + 1) / 2.0 / RULE_SCALE;
        double a = from / RULE_SCALE, b = (to + 1) / RULE_SCALE;
        ap_rule rule = vertical ? (ap_rule){mid, a, mid, b} : (ap_rule){a, mid, b, mid};
        g_array_append_val(rules, rule);
    }
    g_free(used);
    return rules;
}

struct ap_page_image {
    cairo_surface_t *surface;
    const unsigned char *data;
    int w, h, stride;
};

ap_page_image *ap_page_image_new(const ap_doc *doc, size_t page)
{
    if (!doc->source || page >= doc->npages)
        return NULL;
    PopplerPage *pp = poppler_document_get_page(doc->source, (int)page);
    if (!pp)
        return NULL;
    cairo_surface_t *surface = ap_render_page(pp, RULE_SCALE);
    g_object_unref(pp);
    if (!surface)
        return NULL;    /* too large to draw: read without rules */
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

void ap_image_rulings(const ap_page_image *img, ap_rulings *out)
{
    GArray *vr = g_array_new(FALSE, FALSE, sizeof(run));
    GArray *hr = g_array_new(FALSE, FALSE, sizeof(run));
    find_runs(img->data, img->stride, img->w, img->h, vr, hr);
    GArray *v = merge(vr, true), *hz = merge(hr, false);
    out->nvertical = v->len;
    out->vertical = (ap_rule *)(void *)g_array_free(v, FALSE);
    out->nhorizontal = hz->len;
    out->horizontal = (ap_rule *)(void *)g_array_free(hz, FALSE);
    g_array_free(vr, TRUE);
    g_array_free(hr, TRUE);
}

bool ap_page_rulings(const ap_doc *doc, size_t page, ap_rulings *out)
{
    *out = (ap_rulings){0};
    ap_page_image *img = ap_page_image_new(doc, page);
    if (!img)
        return false;
    ap_image_rulings(img, out);
    ap_page_image_free(img);
    return true;
}

/* ---- marks ---------------------------------------------------------------- */

/* A fill is a saturated colour over this share of a box at least. */
#define FILL_SHARE 0.4
#define SATURATED 80
/* An arrow is this many pixels of ink at least, apart from the fill. */
#define ARROW_MIN_INK 12
#define INK_DISTANCE 120
/* An arrow's head is wider than its tail by a share of its width. */
#define HEAD_RATIO 4
/* Pixels left out at a box's edges, where its rules run. */
#define MARK_INSET 3

static int channel(uint32_t p, int shift) { return (int)((p >> shift) & 0xff); }

enum { RED, AMBER, GREEN, NOT_RAG };
static const char *const RAG_NAMES[] = {"red", "amber", "green"};

/* RED, AMBER or GREEN by hue, for a saturated pixel; NOT_RAG otherwise. */
static int rag_colour(uint32_t p)
{
    int r = channel(p, 16), g = channel(p, 8), b = channel(p, 0);
    int hi = MAX(r, MAX(g, b)), lo = MIN(r, MIN(g, b));
    if (hi - lo < SATURATED)
        return NOT_RAG;
    double d = hi - lo, hue;
    if (hi == r)
        hue = fmod((g - b) / d + 6, 6) * 60;
    else if (hi == g)
        hue = ((b - r) / d + 2) * 60;
    else
        hue = ((r - g) / d + 4) * 60;
    return hue < 20 || hue >= 330 ? RED : hue < 65 ? AMBER : hue < 170 ? GREEN : NOT_RAG;
}

static int distance(uint32_t a, uint32_t b)
{
    return abs(channel(a, 16) - channel(b, 16)) + abs(channel(a, 8) - channel(b, 8)) +
           abs(channel(a, 0) - channel(b, 0));
}

typedef struct pixbox {
    int x0, y0, x1, y1;     /* pixels, end exclusive */
} pixbox;

static bool is_ink(const ap_page_image *img, int x, int y, uint32_t ground)
{
    const uint32_t *row = (const uint32_t *)(const void *)(img->data + (size_t)y * (size_t)img->stride);
    uint32_t p = row[x] & 0xffffff;
    return p != ground && distance(p, ground) > INK_DISTANCE;
}

/* Lines of pixels inked over most of the box: its rules, not a mark. */
#define RULE_SHARE 0.8

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
    int vertical = abs(top - bottom), across = abs(left - right);
    if (MAX(vertical, across) * HEAD_RATIO < MAX(MAX(top, bottom), MAX(left, right)))
        return NULL;        /* no end much wider than the other: a blob */
    if (vertical > across)
        return top > bottom ? "up" : "down";
    return "flat";
}

ap_mark ap_image_mark(const ap_page_image *img, ap_bbox box)
{
    ap_mark mark = {NULL, NULL};
    int x0 = MAX(0, (int)(box.x0 * RULE_SCALE) + MARK_INSET), y0 = MAX(0, (int)(box.y0 * RULE_SCALE) + MARK_INSET);
    int x1 = MIN(img->w, (int)(box.x1 * RULE_SCALE) - MARK_INSET), y1 = MIN(img->h, (int)(box.y1 * RULE_SCALE) - MARK_INSET);
    if (x1 - x0 < 3 || y1 - y0 < 3)
        return mark;
    /* the fill: the colour most of the box shows */
    int counts[NOT_RAG + 1] = {0}, total = 0;
    uint32_t fill_pixel[NOT_RAG + 1] = {0};
    for (int y = y0; y < y1; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(img->data + (size_t)y * (size_t)img->stride);
        for (int x = x0; x < x1; x++, total++) {
            if ((row[x] & 0xffffff) == 0xffffff) {
                counts[NOT_RAG]++;      /* paper, the most of any page */
                continue;
            }
            int c = rag_colour(row[x]);
            counts[c]++;
            fill_pixel[c] = row[x] & 0xffffff;
        }
    }
    int best = counts[RED] >= counts[AMBER] && counts[RED] >= counts[GREEN] ? RED
               : counts[AMBER] >= counts[GREEN]                          ? AMBER
                                                                         : GREEN;
    uint32_t ground = 0xffffff;
    if (counts[best] >= FILL_SHARE * total) {
        mark.fill = RAG_NAMES[best];
        ground = fill_pixel[best];
    }
    mark.arrow = arrow_shape(img, (pixbox){x0, y0, x1, y1}, ground);
    return mark;
}

void ap_rulings_clear(ap_rulings *r)
{
    g_free(r->vertical);
    g_free(r->horizontal);
    *r = (ap_rulings){0};
}
