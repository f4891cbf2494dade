/*
 * chart.c: an indicator's values over time, drawn as inline SVG by the
 * program: no script draws it, so it shows in any browser, in print and
 * from disk. Periods stand at equal steps along the axis in the order
 * given (a quarter and a year-end are both periods a scorecard reports;
 * spacing them by date would crowd the quarters under the year).
 *
 * What the chart shows it also says: the <title> and <desc> read by a
 * screen reader, a <title> on each point (a tooltip), and the caption
 * under it in words (rating and direction are never colour alone).
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "site/siteInt.h"

/* The drawing's size (user units: the SVG scales to the page's width). */
#define WIDTH 640.0
#define HEIGHT 260.0
#define LEFT 64.0
#define RIGHT 28.0      /* room for the direction's arrowhead */
#define TOP 20.0
#define BOTTOM 56.0
#define MAX_LABELS 8    /* period labels along the axis, at most */
#define TICKS 4         /* steps up the value axis */

const char *ap_site_rag_word(const char *rag)
{
    if (!rag)
        return NULL;
    if (!strcmp(rag, "red"))
        return "Red";
    if (!strcmp(rag, "amber"))
        return "Amber";
    if (!strcmp(rag, "green"))
        return "Green";
    return rag;
}

const char *ap_site_direction_word(const char *direction)
{
    if (!direction)
        return NULL;
    if (!strcmp(direction, "up"))
        return "Up";
    if (!strcmp(direction, "down"))
        return "Down";
    if (!strcmp(direction, "flat"))
        return "No change";
    return direction;
}

/* A number as SVG wants it: a point for decimals whatever the locale. */
static const char *coord(char *buf, double v)
{
    return g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.1f", v);
}

/* A value as a reader wants it: "9536", "12.5". */
static const char *shown(char *buf, double v)
{
    return g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, "%.10g", v);
}

typedef struct scale {
    double lo, hi, step;
    size_t n;
} scale;

static double x_at(const scale *s, size_t i)
{
    double w = WIDTH - LEFT - RIGHT;
    return s->n < 2 ? LEFT + w / 2 : LEFT + w * (double)i / (double)(s->n - 1);
}

static double y_at(const scale *s, double v)
{
    double h = HEIGHT - TOP - BOTTOM;
    return TOP + h * (1.0 - (v - s->lo) / (s->hi - s->lo));
}

/* A step of 1, 2, 2.5 or 5 times a power of ten, at least raw: gridlines
 * at round numbers. */
static double nice_step(double raw)
{
    double power = pow(10, floor(log10(raw)));
    static const double steps[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < G_N_ELEMENTS(steps); i++)
        if (steps[i] * power >= raw)
            return steps[i] * power;
    return 10 * power;
}

/* The value axis: from 0 (or the lowest value, when below it) to the
 * highest of values and target, in TICKS round steps. */
static scale make_scale(const ap_chart *c)
{
    scale s = {.lo = 0, .hi = 0, .n = c->npoints};
    for (size_t i = 0; i < c->npoints; i++) {
        s.lo = fmin(s.lo, c->points[i].value);
        s.hi = fmax(s.hi, c->points[i].value);
    }
    if (c->has_target) {
        s.lo = fmin(s.lo, c->target);
        s.hi = fmax(s.hi, fmax(c->target, c->target_max));
    }
    double top = s.hi;
    if (!(top > s.lo))
        top = s.lo + 1;
    s.step = nice_step((top - s.lo) / TICKS);
    s.lo = floor(s.lo / s.step) * s.step;
    /* the lowest value rounded down may leave the highest above the
     * fourth step: a step more then */
    s.hi = s.lo + s.step * TICKS;
    while (s.hi < top)
        s.hi += s.step;
    return s;
}

static void line(ap_html *h, const char *cls, double x1, double y1, double x2, double y2)
{
    char a[4][G_ASCII_DTOSTR_BUF_SIZE];
    ap_html_elem(h, "line", NULL, "class", cls, "x1", coord(a[0], x1), "y1", coord(a[1], y1),
                 "x2", coord(a[2], x2), "y2", coord(a[3], y2), NULL);
}

static void label(ap_html *h, const char *cls, double x, double y, const char *text)
{
    char a[2][G_ASCII_DTOSTR_BUF_SIZE];
    ap_html_elem(h, "text", text, "class", cls, "x", coord(a[0], x), "y", coord(a[1], y), NULL);
}

/* Gridlines and their values, a step apart up the value axis; "%" after
 * them when the values are percentages. */
static void axes(ap_html *h, const ap_chart *c, const scale *s)
{
    char v[G_ASCII_DTOSTR_BUF_SIZE];
    bool percent = c->unit && !strcmp(c->unit, "percent");
    int steps = (int)lround((s->hi - s->lo) / s->step);
    for (int i = 0; i <= steps; i++) {
        double value = s->lo + s->step * i;
        double y = y_at(s, value);
        line(h, i == 0 ? "axis" : "grid", LEFT, y, WIDTH - RIGHT, y);
        char *text = g_strconcat(g_ascii_formatd(v, sizeof v, "%.6g", value), percent ? "%" : "",
                                 NULL);
        label(h, "tick", LEFT - 6, y + 4, text);
        g_free(text);
    }
}

static void target(ap_html *h, const ap_chart *c, const scale *s)
{
    char a[4][G_ASCII_DTOSTR_BUF_SIZE];
    char *text = g_strdup_printf("Target %s", c->target_text ? c->target_text : "");
    if (c->target_max > c->target) {
        double top = y_at(s, c->target_max), bottom = y_at(s, c->target);
        ap_html_open(h, "rect", "class", "target", "x", coord(a[0], LEFT), "y", coord(a[1], top),
                     "width", coord(a[2], WIDTH - LEFT - RIGHT), "height",
                     coord(a[3], bottom - top), NULL);
        ap_html_elem(h, "title", text, NULL);
        ap_html_close(h);
        label(h, "target-label", WIDTH - RIGHT, top - 4, text);
    } else {
        double y = y_at(s, c->target);
        ap_html_open(h, "line", "class", "target", "x1", coord(a[0], LEFT), "y1", coord(a[1], y),
                     "x2", coord(a[2], WIDTH - RIGHT), "y2", coord(a[3], y), NULL);
        ap_html_elem(h, "title", text, NULL);
        ap_html_close(h);
        label(h, "target-label", WIDTH - RIGHT, y - 4, text);
    }
    g_free(text);
}

/* The line through the points, then the points: each with its period
 * and value as a tooltip, the latest larger and in its rating's colour. */
static void series(ap_html *h, const ap_chart *c, const scale *s)
{
    char a[3][G_ASCII_DTOSTR_BUF_SIZE];
    GString *path = g_string_new(NULL);
    for (size_t i = 0; i < c->npoints; i++)
        g_string_append_printf(path, "%s%s,%s", i ? " " : "", coord(a[0], x_at(s, i)),
                               coord(a[1], y_at(s, c->points[i].value)));
    if (c->npoints > 1)
        ap_html_elem(h, "polyline", NULL, "class", "series", "points", path->str, NULL);
    g_string_free(path, TRUE);

    size_t every = (c->npoints + MAX_LABELS - 1) / MAX_LABELS;
    for (size_t i = 0; i < c->npoints; i++) {
        const ap_chart_point *p = &c->points[i];
        bool latest = i + 1 == c->npoints;
        char *cls = latest && c->rag ? g_strdup_printf("point latest rag-%s", c->rag)
                                     : g_strdup(latest ? "point latest" : "point");
        ap_html_open(h, "circle", "class", cls, "cx", coord(a[0], x_at(s, i)), "cy",
                     coord(a[1], y_at(s, p->value)), "r", latest ? "6" : "4", NULL);
        char *tip = g_strdup_printf("%s: %s%s%s", p->label, shown(a[2], p->value),
                                    p->meeting ? ", reported " : "", p->meeting ? p->meeting : "");
        ap_html_elem(h, "title", tip, NULL);
        ap_html_close(h);
        g_free(tip);
        g_free(cls);
        /* the first and last labels set inwards, not cut at the edges */
        if (i % (every ? every : 1) == 0 || latest)
            label(h, c->npoints < 2 ? "period" : i == 0 ? "period first" : latest ? "period last"
                                                                                 : "period",
                  x_at(s, i), HEIGHT - BOTTOM + 18, p->label);
    }
}

/* The direction of travel as an arrowhead beside the latest point (up,
 * down, or level for flat), with its word as a tooltip. */
static void direction(ap_html *h, const ap_chart *c, const scale *s)
{
    if (!c->direction)
        return;
    const ap_chart_point *last = &c->points[c->npoints - 1];
    double x = x_at(s, c->npoints - 1) + 12, y = y_at(s, last->value);
    /* the arrowhead's three corners, 10 units across, about (x, y) */
    double up[] = {x - 5, y + 4, x + 5, y + 4, x, y - 6};
    double down[] = {x - 5, y - 4, x + 5, y - 4, x, y + 6};
    double level[] = {x - 4, y - 5, x - 4, y + 5, x + 6, y};
    const double *pts = !strcmp(c->direction, "up") ? up
                        : !strcmp(c->direction, "down") ? down : level;
    char a[6][G_ASCII_DTOSTR_BUF_SIZE];
    char *d = g_strdup_printf("M%s %sL%s %sL%s %sZ", coord(a[0], pts[0]), coord(a[1], pts[1]),
                              coord(a[2], pts[2]), coord(a[3], pts[3]), coord(a[4], pts[4]),
                              coord(a[5], pts[5]));
    char *tip = g_strdup_printf("Direction of travel: %s", ap_site_direction_word(c->direction));
    ap_html_open(h, "path", "class", "direction", "d", d, NULL);
    ap_html_elem(h, "title", tip, NULL);
    ap_html_close(h);
    g_free(tip);
    g_free(d);
}

/* What the chart shows, in a sentence for its <desc>. */
static char *describe(const ap_chart *c)
{
    char v[G_ASCII_DTOSTR_BUF_SIZE];
    GString *d = g_string_new(NULL);
    const ap_chart_point *first = &c->points[0], *last = &c->points[c->npoints - 1];
    g_string_append_printf(d, "%zu value%s", c->npoints, c->npoints == 1 ? "" : "s");
    if (c->npoints > 1)
        g_string_append_printf(d, " from %s to %s", first->label, last->label);
    g_string_append_printf(d, "; latest %s (%s)", shown(v, last->value), last->label);
    if (c->has_target)
        g_string_append_printf(d, "; target %s", c->target_text ? c->target_text : "");
    if (c->rag)
        g_string_append_printf(d, "; rated %s", ap_site_rag_word(c->rag));
    if (c->direction)
        g_string_append_printf(d, "; direction %s", ap_site_direction_word(c->direction));
    g_string_append_c(d, '.');
    return g_string_free(d, FALSE);
}

void ap_chart_write(ap_html *h, const ap_chart *c)
{
    if (c->npoints == 0)
        return;
    scale s = make_scale(c);
    char viewbox[64];
    g_snprintf(viewbox, sizeof viewbox, "0 0 %d %d", (int)WIDTH, (int)HEIGHT);
    /* an <svg> of role img is named by its <title> and described by its
     * <desc> (SVG-AAM), which a screen reader reads in place of drawing */
    ap_html_open(h, "svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart", "viewBox",
                 viewbox, "role", "img", NULL);
    ap_html_elem(h, "title", c->name, NULL);
    char *desc = describe(c);
    ap_html_elem(h, "desc", desc, NULL);
    g_free(desc);
    axes(h, c, &s);
    if (c->has_target)
        target(h, c, &s);
    series(h, c, &s);
    direction(h, c, &s);
    ap_html_close(h);
}
