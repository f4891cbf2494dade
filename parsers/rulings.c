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
#include <stdint.h>

#include <glib.h>

#include "agendapack.h"
#include "parsers/render.h"

#define RULE_SCALE 1.0
/* A pixel darker than this (0-255, any channel) is ink. */
#define RULE_INK 170
/* A rule is at least this many pixels long, and this thin. */
#define RULE_MIN_LENGTH 14
#define RULE_MAX_WIDTH 4

typedef struct run {
    int at;                 /* x of a vertical run, y of a horizontal one */
    int from, to;           /* along the run, inclusive */
} run;

/* Ink as one byte a pixel, read in memory order once. */
static guint8 *ink_mask(const unsigned char *data, int stride, int w, int h)
{
    guint8 *mask = g_malloc((size_t)w * (size_t)h);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        guint8 *out = mask + (size_t)y * (size_t)w;
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            out[x] = ((p >> 16) & 0xff) < RULE_INK || ((p >> 8) & 0xff) < RULE_INK ||
                     (p & 0xff) < RULE_INK;
        }
    }
    return mask;
}

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

/* Runs of ink, horizontal and vertical, in one pass down the rows (the
 * vertical ones kept open per column); both sorted by position. */
static void find_runs(const guint8 *mask, int w, int h, GArray *vertical,
                      GArray *horizontal)
{
    int *open = g_new(int, w);
    for (int x = 0; x < w; x++)
        open[x] = -1;
    for (int y = 0; y < h; y++) {
        const guint8 *row = mask + (size_t)y * (size_t)w;
        int start = -1;
        for (int x = 0; x < w; x++) {
            if (row[x]) {
                if (start < 0)
                    start = x;
                if (open[x] < 0)
                    open[x] = y;
            } else {
                if (start >= 0)
                    emit(horizontal, y, start, x - 1);
                start = -1;
                if (open[x] >= 0)
                    emit(vertical, x, open[x], y - 1);
                open[x] = -1;
            }
        }
        if (start >= 0)
            emit(horizontal, y, start, w - 1);
    }
    for (int x = 0; x < w; x++)
        if (open[x] >= 0)
            emit(vertical, x, open[x], h - 1);
    g_free(open);
    g_array_sort(vertical, by_at);
}

/* Runs side by side (a rule two pixels thick) become one rule; a block of
 * ink wider than a rule (a filled cell, an image) is not one. */
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
            if (!used[j] && q.at == hi + 1 && q.from <= to && q.to >= from) {
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

bool ap_page_rulings(const ap_doc *doc, size_t page, ap_rulings *out)
{
    *out = (ap_rulings){0};
    if (!doc->source || page >= doc->npages)
        return false;
    PopplerPage *pp = poppler_document_get_page(doc->source, (int)page);
    if (!pp)
        return false;
    cairo_surface_t *surface = ap_render_page(pp, RULE_SCALE);
    int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
    const unsigned char *data = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    GArray *vr = g_array_new(FALSE, FALSE, sizeof(run));
    GArray *hr = g_array_new(FALSE, FALSE, sizeof(run));
    guint8 *mask = ink_mask(data, stride, w, h);
    find_runs(mask, w, h, vr, hr);
    g_free(mask);
    GArray *v = merge(vr, true), *hz = merge(hr, false);
    out->nvertical = v->len;
    out->vertical = (ap_rule *)(void *)g_array_free(v, FALSE);
    out->nhorizontal = hz->len;
    out->horizontal = (ap_rule *)(void *)g_array_free(hz, FALSE);
    g_array_free(vr, TRUE);
    g_array_free(hr, TRUE);
    cairo_surface_destroy(surface);
    g_object_unref(pp);
    return true;
}

void ap_rulings_clear(ap_rulings *r)
{
    g_free(r->vertical);
    g_free(r->horizontal);
    *r = (ap_rulings){0};
}
