/*
 * drawn.c: rules, fills and arrows from a page's vector shapes.
 *
 * The PDF stage records every subpath a page strokes or fills, in page
 * space, with its colour, opacity, line width, clip box and paint order
 * (core/page_model.h), so what a table draws is read as the file states
 * it, not guessed from pixels. Borders come two ways: stroked lines (most
 * tools) or thin filled rectangles (Word), and mostly one piece per side
 * of a cell. Both become pieces; a piece is cut to what its clip lets
 * show and to what no later opaque fill covers; the pieces of one line
 * are joined. A rule is ink on paper, at most RULE_MAX_WIDTH thick and
 * RULE_MIN_LENGTH long: the bounds the rules read from a render used, so
 * the two readings agree where both see the same thing. Text never makes
 * a rule here (a render took a row of underscores for one).
 *
 * A mark is what a box shows where it prints no text: the colour on top
 * at a grid of points across it (its fill), and the shapes standing
 * clear of its edges in a colour apart from that fill (an arrow, its head
 * the wider end, from the shapes' cross-sections).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/drawing.h"
#include "core/page_model.h"
#include "pages/drawn.h"

/* A colour (over white, after its opacity) with a channel darker than
 * this is ink, as a render's rules were read. */
#define RULE_INK 170
#define RULE_MAX_WIDTH 4.0
#define RULE_MIN_LENGTH 14.0
/* A segment whose ends differ by this at most across an axis runs along it. */
#define AXIS_SLOP 0.5
/* Pieces this close across are one line; this close along, one rule. */
#define SAME_LINE 1.0
#define JOIN_GAP 2.0
/* A fill at least this opaque hides what it is painted over. */
#define OPAQUE 0.99
/* Points that can be told apart in page space. */
#define EPS 0.01

/* ---- shapes ---------------------------------------------------------------------------------- */

static const ap_point *shape_points(const ap_page *page, const ap_shape *s)
{
    return page->points + s->first;
}

/* The colour a shape puts on white paper, its opacity applied. */
static uint32_t on_paper(const ap_shape *s)
{
    double a = s->opacity < 0 ? 0 : s->opacity > 1 ? 1 : s->opacity;
    uint32_t out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        double c = (double)((s->rgb >> shift) & 0xff);
        out |= (uint32_t)lround(255 - a * (255 - c)) << shift;
    }
    return out;
}

static bool is_ink(uint32_t rgb)
{
    return ((rgb >> 16) & 0xff) < RULE_INK || ((rgb >> 8) & 0xff) < RULE_INK ||
           (rgb & 0xff) < RULE_INK;
}

static bool clip_empty(const ap_shape *s)
{
    return s->clip.x1 <= s->clip.x0 || s->clip.y1 <= s->clip.y0;
}

/* The box of a shape's points (its stroke's half width around them). */
static ap_bbox shape_box(const ap_page *page, const ap_shape *s)
{
    const ap_point *p = shape_points(page, s);
    ap_bbox b = {p[0].x, p[0].y, p[0].x, p[0].y};
    for (size_t k = 1; k < s->npoints; k++) {
        b.x0 = MIN(b.x0, p[k].x), b.y0 = MIN(b.y0, p[k].y);
        b.x1 = MAX(b.x1, p[k].x), b.y1 = MAX(b.y1, p[k].y);
    }
    double half = s->filled ? 0 : s->width / 2;
    return (ap_bbox){b.x0 - half, b.y0 - half, b.x1 + half, b.y1 + half};
}

/* Whether a filled shape is an upright rectangle: every side runs along
 * an axis (four corners, a fifth closing the path). *r is its box. */
static bool as_rectangle(const ap_page *page, const ap_shape *s, ap_bbox *r)
{
    if (!s->filled || s->curved || s->npoints < 4 || s->npoints > 5)
        return false;
    const ap_point *p = shape_points(page, s);
    for (size_t k = 0; k < s->npoints; k++) {
        const ap_point *a = &p[k], *b = &p[(k + 1) % s->npoints];
        if (fabs(a->x - b->x) > AXIS_SLOP && fabs(a->y - b->y) > AXIS_SLOP)
            return false;
    }
    *r = shape_box(page, s);
    return true;
}

/* ---- rules ----------------------------------------------------------------------------------- */

typedef struct piece {
    double at;              /* y of a horizontal piece, x of a vertical one */
    double from, to;        /* along it */
    double half;            /* half its thickness */
    unsigned order;         /* its shape's paint order */
} piece;

/* An opaque filled rectangle wider than a rule: it hides what it covers. */
typedef struct cover {
    ap_bbox box;            /* within its clip */
    unsigned order;
} cover;

typedef struct pieces {
    GArray *horizontal, *vertical;  /* of piece */
    GArray *covers;                 /* of cover */
} pieces;

/* A piece of a shape, cut to its clip; dropped where the clip hides it. */
static void add_piece(pieces *ps, const ap_shape *s, bool horizontal, double at, double a,
                      double b, double thickness)
{
    ap_bbox c = s->clip;
    piece p = {at, MIN(a, b), MAX(a, b), thickness / 2, s->order};
    double lo = horizontal ? c.x0 : c.y0, hi = horizontal ? c.x1 : c.y1;
    double across_lo = horizontal ? c.y0 : c.x0, across_hi = horizontal ? c.y1 : c.x1;
    if (at < across_lo || at > across_hi)
        return;
    p.from = MAX(p.from, lo);
    p.to = MIN(p.to, hi);
    if (p.to - p.from > EPS)
        g_array_append_val(horizontal ? ps->horizontal : ps->vertical, p);
}

/* The sides of a stroked path that run along an axis. */
static void stroke_pieces(pieces *ps, const ap_page *page, const ap_shape *s)
{
    if (s->curved || s->width > RULE_MAX_WIDTH)
        return;
    const ap_point *p = shape_points(page, s);
    for (size_t k = 0; k + 1 < s->npoints; k++) {
        const ap_point *a = &p[k], *b = &p[k + 1];
        if (fabs(a->y - b->y) <= AXIS_SLOP && fabs(a->x - b->x) > EPS)
            add_piece(ps, s, true, (a->y + b->y) / 2, a->x, b->x, s->width);
        else if (fabs(a->x - b->x) <= AXIS_SLOP && fabs(a->y - b->y) > EPS)
            add_piece(ps, s, false, (a->x + b->x) / 2, a->y, b->y, s->width);
    }
}

/* A filled rectangle: a rule when thin one way, a cover when opaque and
 * wider than a rule both ways. */
static void fill_pieces(pieces *ps, const ap_page *page, const ap_shape *s, bool ink)
{
    ap_bbox r;
    if (!as_rectangle(page, s, &r))
        return;
    double w = r.x1 - r.x0, h = r.y1 - r.y0;
    if (ink && h <= RULE_MAX_WIDTH && w > h)
        add_piece(ps, s, true, (r.y0 + r.y1) / 2, r.x0, r.x1, h);
    else if (ink && w <= RULE_MAX_WIDTH && h > w)
        add_piece(ps, s, false, (r.x0 + r.x1) / 2, r.y0, r.y1, w);
    else if (w > RULE_MAX_WIDTH && h > RULE_MAX_WIDTH && s->opacity >= OPAQUE) {
        cover c = {ap_bbox_intersect(r, s->clip), s->order};
        if (c.box.x1 > c.box.x0 && c.box.y1 > c.box.y0)
            g_array_append_val(ps->covers, c);
    }
}

/* The first of covers (by paint order) painted after order. */
static guint first_after(const GArray *covers, unsigned order)
{
    guint lo = 0, hi = covers->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(covers, cover, mid).order <= order)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* What of piece p no later cover hides, added to out: a cover over its
 * whole thickness cuts its stretch out of it. */
static void uncovered(const piece *p, bool horizontal, const GArray *covers, GArray *out)
{
    GArray *left = g_array_new(FALSE, FALSE, sizeof(piece));
    g_array_append_val(left, *p);
    for (guint i = first_after(covers, p->order); i < covers->len && left->len; i++) {
        const cover *c = &g_array_index(covers, cover, i);
        double across_lo = horizontal ? c->box.y0 : c->box.x0;
        double across_hi = horizontal ? c->box.y1 : c->box.x1;
        if (across_lo > p->at - p->half + EPS || across_hi < p->at + p->half - EPS)
            continue;
        double lo = horizontal ? c->box.x0 : c->box.y0, hi = horizontal ? c->box.x1 : c->box.y1;
        for (guint k = 0; k < left->len;) {
            piece q = g_array_index(left, piece, k);
            if (hi <= q.from || lo >= q.to) {
                k++;
                continue;
            }
            g_array_remove_index_fast(left, k);
            piece before = q, after = q;
            before.to = lo;
            after.from = hi;
            if (before.to - before.from > EPS)
                g_array_append_val(left, before);
            if (after.to - after.from > EPS)
                g_array_append_val(left, after);
        }
    }
    g_array_append_vals(out, left->data, left->len);
    g_array_free(left, TRUE);
}

static int by_at_then_from(const void *a, const void *b)
{
    const piece *x = a, *y = b;
    if (x->at != y->at)
        return (x->at > y->at) - (x->at < y->at);
    return (x->from > y->from) - (x->from < y->from);
}

static int by_from(const void *a, const void *b)
{
    const piece *x = a, *y = b;
    return (x->from > y->from) - (x->from < y->from);
}

static void emit(GArray *rules, bool horizontal, double at, double from, double to)
{
    if (to - from < RULE_MIN_LENGTH)
        return;
    ap_rule r = horizontal ? (ap_rule){from, at, to, at} : (ap_rule){at, from, at, to};
    g_array_append_val(rules, r);
}

/* Pieces on one line (their positions within SAME_LINE of the line's
 * first) joined where they touch or nearly do, as rules. */
static ap_rule *join(GArray *ps, bool horizontal, size_t *n)
{
    GArray *rules = g_array_new(FALSE, FALSE, sizeof(ap_rule));
    g_array_sort(ps, by_at_then_from);
    for (guint i = 0; i < ps->len;) {
        guint end = i + 1;
        double first = g_array_index(ps, piece, i).at, sum = first;
        while (end < ps->len && g_array_index(ps, piece, end).at - first <= SAME_LINE)
            sum += g_array_index(ps, piece, end++).at;
        double at = sum / (end - i);
        piece *line = &g_array_index(ps, piece, i);
        qsort(line, end - i, sizeof(piece), by_from);
        double from = line[0].from, to = line[0].to;
        for (guint k = 1; k < end - i; k++) {
            if (line[k].from > to + JOIN_GAP) {
                emit(rules, horizontal, at, from, to);
                from = line[k].from;
            }
            to = MAX(to, line[k].to);
        }
        emit(rules, horizontal, at, from, to);
        i = end;
    }
    *n = rules->len;
    return (ap_rule *)(void *)g_array_free(rules, FALSE);
}

static int by_order(const void *a, const void *b)
{
    const cover *x = a, *y = b;
    return (x->order > y->order) - (x->order < y->order);
}

void ap_drawn_rulings(const ap_page *page, ap_rulings *out)
{
    pieces ps = {g_array_new(FALSE, FALSE, sizeof(piece)),
                 g_array_new(FALSE, FALSE, sizeof(piece)),
                 g_array_new(FALSE, FALSE, sizeof(cover))};
    for (size_t i = 0; i < page->nshapes; i++) {
        const ap_shape *s = &page->shapes[i];
        if (!s->npoints || clip_empty(s))
            continue;
        bool ink = is_ink(on_paper(s));
        if (s->filled)
            fill_pieces(&ps, page, s, ink);
        else if (ink)
            stroke_pieces(&ps, page, s);
    }
    /* covers by paint order, so each piece looks only at those after it */
    g_array_sort(ps.covers, by_order);
    GArray *seen[2] = {g_array_new(FALSE, FALSE, sizeof(piece)),
                       g_array_new(FALSE, FALSE, sizeof(piece))};
    GArray *from[2] = {ps.horizontal, ps.vertical};
    for (int h = 0; h < 2; h++)
        for (guint i = 0; i < from[h]->len; i++)
            uncovered(&g_array_index(from[h], piece, i), h == 0, ps.covers, seen[h]);
    out->horizontal = join(seen[0], true, &out->nhorizontal);
    out->vertical = join(seen[1], false, &out->nvertical);
    for (int h = 0; h < 2; h++) {
        g_array_free(seen[h], TRUE);
        g_array_free(from[h], TRUE);
    }
    g_array_free(ps.covers, TRUE);
}

/* ---- marks ----------------------------------------------------------------------------------- */

/* Points sampled across a box, each way, for its fill. */
#define FILL_SAMPLES 12
/* An arrow is this much ink at least (square points), apart from the fill. */
#define ARROW_MIN_INK 12.0
/* A thin shape over this share of the box is one of its rules. */
#define RULE_SHARE 0.8
/* Cross-sections taken in each end quarter of an arrow. */
#define SECTIONS 6
/* A shape at most this opaque lets what is under it show. */
#define SEE_THROUGH 0.5

/* Whether (x, y) is inside the polygon of a shape's points (even-odd). */
static bool contains(const ap_point *p, size_t n, double x, double y)
{
    bool in = false;
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        if ((p[i].y > y) != (p[j].y > y) &&
            x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x)
            in = !in;
    return in;
}

typedef struct candidate {
    const ap_shape *shape;
    ap_bbox box;            /* what shows of it: its points' box in its clip */
} candidate;

static int by_order_down(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    return (x->shape->order < y->shape->order) - (x->shape->order > y->shape->order);
}

/* The shapes that paint inside box, topmost first. */
static GArray *shapes_in(const ap_page *page, ap_bbox box, bool filled_only)
{
    GArray *found = g_array_new(FALSE, FALSE, sizeof(candidate));
    for (size_t i = 0; i < page->nshapes; i++) {
        const ap_shape *s = &page->shapes[i];
        if (!s->npoints || clip_empty(s) || s->opacity <= SEE_THROUGH ||
            (filled_only && !s->filled))
            continue;
        ap_bbox b = ap_bbox_intersect(shape_box(page, s), s->clip);
        if (ap_bbox_overlaps(b, box)) {
            candidate c = {s, b};
            g_array_append_val(found, c);
        }
    }
    g_array_sort(found, by_order_down);
    return found;
}

/* The topmost fill holding (x, y); NULL where paper shows. */
static const ap_shape *fill_at(const ap_page *page, const GArray *fills, double x, double y)
{
    for (guint i = 0; i < fills->len; i++) {
        const candidate *c = &g_array_index(fills, candidate, i);
        if (x < c->box.x0 || x > c->box.x1 || y < c->box.y0 || y > c->box.y1)
            continue;
        if (contains(shape_points(page, c->shape), c->shape->npoints, x, y))
            return c->shape;
    }
    return NULL;
}

/* What a box shows under any arrow: its colour, and the paint order
 * of the topmost shape that shows it (what is painted before that is
 * hidden under it). */
typedef struct ground {
    uint32_t rgb;
    unsigned order;
    bool painted;
} ground;

/* The RAG colour most of box shows, as a render's pixels were counted:
 * *g is that colour's ground (paper when none). */
static const char *fill_of(const ap_page *page, ap_bbox box, ground *g)
{
    GArray *fills = shapes_in(page, box, true);
    int counts[AP_RAG_NONE + 1] = {0};
    ground seen[AP_RAG_NONE + 1] = {{0}};
    for (int i = 0; i < FILL_SAMPLES; i++)
        for (int j = 0; j < FILL_SAMPLES; j++) {
            double x = box.x0 + (box.x1 - box.x0) * (i + 0.5) / FILL_SAMPLES;
            double y = box.y0 + (box.y1 - box.y0) * (j + 0.5) / FILL_SAMPLES;
            const ap_shape *s = fill_at(page, fills, x, y);
            uint32_t c = s ? on_paper(s) : 0xffffff;
            ap_rag rag = c == 0xffffff ? AP_RAG_NONE : ap_rag_of_rgb(c);
            counts[rag]++;
            if (s && (!seen[rag].painted || s->order > seen[rag].order))
                seen[rag] = (ground){c, s->order, true};
        }
    g_array_free(fills, TRUE);
    ap_rag best = counts[AP_RAG_RED] >= counts[AP_RAG_AMBER] &&
                          counts[AP_RAG_RED] >= counts[AP_RAG_GREEN] ? AP_RAG_RED
                  : counts[AP_RAG_AMBER] >= counts[AP_RAG_GREEN]   ? AP_RAG_AMBER
                                                                   : AP_RAG_GREEN;
    *g = (ground){0xffffff, 0, false};
    if (counts[best] < AP_FILL_SHARE * FILL_SAMPLES * FILL_SAMPLES)
        return NULL;
    *g = seen[best];
    return ap_rag_name(best);
}

/* The length of line `at` (y when across, else x) inside a polygon, from
 * lo to hi along it (even-odd). */
static double polygon_section(const ap_point *p, size_t n, bool across, double at, double lo,
                              double hi)
{
    double xs[64];
    size_t m = 0;
    for (size_t i = 0, j = n - 1; i < n && m < G_N_ELEMENTS(xs); j = i++) {
        double ai = across ? p[i].y : p[i].x, aj = across ? p[j].y : p[j].x;
        double bi = across ? p[i].x : p[i].y, bj = across ? p[j].x : p[j].y;
        if ((ai > at) != (aj > at))
            xs[m++] = bi + (bj - bi) * (at - ai) / (aj - ai);
    }
    for (size_t i = 1; i < m; i++)      /* insertion sort: a handful of crossings */
        for (size_t k = i; k > 0 && xs[k - 1] > xs[k]; k--) {
            double t = xs[k];
            xs[k] = xs[k - 1];
            xs[k - 1] = t;
        }
    double len = 0;
    for (size_t i = 0; i + 1 < m; i += 2)
        len += MAX(0, MIN(xs[i + 1], hi) - MAX(xs[i], lo));
    return len;
}

/* The length of line `at` a stroked path covers: its width where a side
 * crosses the line, the side's length where one runs along it. */
static double stroke_section(const ap_point *p, size_t n, double width, bool across, double at,
                             double lo, double hi)
{
    double len = 0;
    for (size_t k = 0; k + 1 < n; k++) {
        double a0 = across ? p[k].y : p[k].x, a1 = across ? p[k + 1].y : p[k + 1].x;
        double b0 = across ? p[k].x : p[k].y, b1 = across ? p[k + 1].x : p[k + 1].y;
        if (fabs(a1 - a0) <= width && fabs(at - (a0 + a1) / 2) <= width / 2)
            len += MAX(0, MIN(MAX(b0, b1), hi) - MAX(MIN(b0, b1), lo));
        else if ((a0 > at) != (a1 > at))
            len += width;
    }
    return len;
}

static double section(const ap_page *page, const GArray *ink, bool across, double at, double lo,
                      double hi)
{
    double len = 0;
    for (guint i = 0; i < ink->len; i++) {
        const ap_shape *s = g_array_index(ink, candidate, i).shape;
        const ap_point *p = shape_points(page, s);
        len += s->filled ? polygon_section(p, s->npoints, across, at, lo, hi)
                         : stroke_section(p, s->npoints, s->width, across, at, lo, hi);
    }
    return len;
}

/* The widest cross-section of the ink in the first or last quarter of
 * extent e, along rows (across) or down columns. */
static double widest_end(const ap_page *page, const GArray *ink, ap_bbox e, bool across,
                         bool last)
{
    double start = across ? e.y0 : e.x0, len = across ? e.y1 - e.y0 : e.x1 - e.x0;
    double from = last ? start + len * 3 / 4 : start, widest = 0;
    for (int i = 0; i < SECTIONS; i++) {
        double at = from + len / 4 * (i + 0.5) / SECTIONS;
        widest = MAX(widest, section(page, ink, across, at, across ? e.x0 : e.y0,
                                     across ? e.x1 : e.y1));
    }
    return widest;
}

static double polygon_area(const ap_point *p, size_t n)
{
    double a = 0;
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        a += (p[j].x + p[i].x) * (p[j].y - p[i].y);
    return fabs(a) / 2;
}

static double ink_area(const ap_page *page, const ap_shape *s)
{
    const ap_point *p = shape_points(page, s);
    if (s->filled)
        return polygon_area(p, s->npoints);
    double len = 0;
    for (size_t k = 0; k + 1 < s->npoints; k++)
        len += hypot(p[k + 1].x - p[k].x, p[k + 1].y - p[k].y);
    return len * s->width;
}

/* Whether a candidate is one of the box's rules: thin, over most of it. */
static bool is_rule_of(const candidate *c, ap_bbox box)
{
    double w = c->box.x1 - c->box.x0, h = c->box.y1 - c->box.y0;
    return (h <= RULE_MAX_WIDTH && w >= RULE_SHARE * (box.x1 - box.x0)) ||
           (w <= RULE_MAX_WIDTH && h >= RULE_SHARE * (box.y1 - box.y0));
}

/* An arrow from the shapes in box apart from its ground: standing clear
 * of the box's edges (not a piece of something larger cut by it), with
 * ink enough, and a head. */
static const char *arrow_of(const ap_page *page, ap_bbox box, const ground *g)
{
    GArray *all = shapes_in(page, box, false);
    GArray *ink = g_array_new(FALSE, FALSE, sizeof(candidate));
    ap_bbox e = {0, 0, 0, 0};   /* the ink's extent, from the first shape on */
    double area = 0;
    for (guint i = 0; i < all->len; i++) {
        const candidate *c = &g_array_index(all, candidate, i);
        if ((g->painted && c->shape->order <= g->order) ||
            ap_rgb_distance(on_paper(c->shape), g->rgb) <= AP_INK_DISTANCE || is_rule_of(c, box))
            continue;
        g_array_append_val(ink, *c);
        e = ink->len == 1 ? c->box : ap_bbox_union(e, c->box);
        area += ink_area(page, c->shape);
    }
    const char *arrow = NULL;
    if (ink->len && area >= ARROW_MIN_INK && e.x0 > box.x0 + 1 && e.y0 > box.y0 + 1 &&
        e.x1 < box.x1 - 1 && e.y1 < box.y1 - 1)
        arrow = ap_arrow_direction(widest_end(page, ink, e, true, false),
                                   widest_end(page, ink, e, true, true),
                                   widest_end(page, ink, e, false, false),
                                   widest_end(page, ink, e, false, true));
    g_array_free(ink, TRUE);
    g_array_free(all, TRUE);
    return arrow;
}

ap_mark ap_drawn_mark(const ap_page *page, ap_bbox box)
{
    ap_mark mark = {NULL, NULL};
    ap_bbox in = {box.x0 + AP_MARK_INSET, box.y0 + AP_MARK_INSET, box.x1 - AP_MARK_INSET,
                  box.y1 - AP_MARK_INSET};
    if (in.x1 - in.x0 < 3 || in.y1 - in.y0 < 3 || !page->nshapes)
        return mark;
    ground g;
    mark.fill = fill_of(page, in, &g);
    mark.arrow = arrow_of(page, in, &g);
    return mark;
}
