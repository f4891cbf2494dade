/*
 * measures.c: measures printed one to a section (a KPI detail block): a
 * heading naming the measure, then three or more lines, each a label at
 * one left edge with its value in one column to its right ("Latest
 * (Sep-25) | 85.6%", "Target | 85%", "RAG rating | GREEN", "Direction of
 * travel" with an arrow drawn where its value would stand), often beside
 * a chart whose axis labels share those lines.
 *
 * A block is found by its geometry (labels starting at one edge, lines at
 * most two line heights apart, values in one column) and by its labels
 * being what a scorecard's column headings are (lexicon/figures.c): a
 * value, and a target, a rating or a direction. Such a block is not a
 * table (segment/tables.c drops the tables it would otherwise give).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "lexicon/figures.h"
#include "pages/drawn.h"
#include "segment/measures.h"

/* A block has this many fields at least. */
#define MIN_FIELDS 3
/* Labels start within this many points of one another. */
#define ALIGN_TOL 3.0
/* Lines of a block lie at most this many line heights apart. */
#define FIELD_GAP_LINES 2.0
/* A label is short: a cell of more bytes is a line of text. */
#define MAX_LABEL 48
/* The heading is one of the few rows over the first field, no further
 * than this many line heights above it. */
#define HEADING_ROWS 3
#define HEADING_GAP_LINES 3.0
/* Cells of the heading's row this many line heights apart or less are
 * one heading ("CS01" and its name set at a tab). */
#define HEADING_JOIN_LINES 3.0
/* A mark where a value would be may reach this many line heights past
 * the values' column (an arrow centred under wider values). */
#define MARK_REACH_LINES 3.0

static double line_height(const ap_row *r)
{
    double h = r->bbox.y1 - r->bbox.y0;
    return h > 0 ? h : 10;
}

static ap_column_role label_role(const ap_row *row)
{
    if (!row->ncells || strlen(row->cells[0].text) > MAX_LABEL)
        return AP_ROLE_NONE;
    char *period;
    ap_column_role role = ap_label_role(row->cells[0].text, &period);
    g_free(period);
    return role;
}

static bool continues(const ap_row *above, const ap_row *row, double x0)
{
    return row->ncells && fabs(row->cells[0].bbox.x0 - x0) <= ALIGN_TOL &&
           row->bbox.y0 - above->bbox.y1 <= FIELD_GAP_LINES * line_height(above) &&
           label_role(row) != AP_ROLE_NONE;
}

/* A block's rows: its fields' lines, by index into the page's rows. */
typedef struct block {
    const ap_rows *rows;
    size_t *at;
    size_t n;
} block;

static const ap_row *field_row(const block *b, size_t i)
{
    return &b->rows->rows[b->at[i]];
}

/* A measure's block gives a value, and a target, a rating or a direction. */
static bool is_measure(const block *b)
{
    int values = 0, judged = 0;
    for (size_t i = 0; i < b->n; i++) {
        ap_column_role r = label_role(field_row(b, i));
        values += r == AP_ROLE_VALUE || r == AP_ROLE_PERIOD;
        judged += r == AP_ROLE_TARGET || r == AP_ROLE_RAG || r == AP_ROLE_DIRECTION;
    }
    return values && judged;
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The column the values stand in, x0..x1: the extent of the cells after
 * the labels that start near where most of them start (a chart's axis
 * labels further right are no values). False when no line has one. */
static bool value_column(const block *b, double *x0, double *x1)
{
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(double));
    for (size_t i = 0; i < b->n; i++)
        if (field_row(b, i)->ncells > 1)
            g_array_append_val(starts, field_row(b, i)->cells[1].bbox.x0);
    bool any = starts->len > 0;
    if (any) {
        g_array_sort(starts, by_double);
        double mid = g_array_index(starts, double, starts->len / 2);
        *x0 = G_MAXDOUBLE;
        *x1 = -G_MAXDOUBLE;
        for (size_t i = 0; i < b->n; i++) {
            const ap_row *r = field_row(b, i);
            if (r->ncells > 1 && fabs(r->cells[1].bbox.x0 - mid) <= line_height(r)) {
                *x0 = MIN(*x0, r->cells[1].bbox.x0);
                *x1 = MAX(*x1, r->cells[1].bbox.x1);
            }
        }
    }
    g_array_free(starts, TRUE);
    return any;
}

/* The line above the block that names it: its first cells, starting no
 * further right than the labels (a chart's title beside is not it). */
static char *heading_of(const ap_rows *rows, size_t first, double x0)
{
    const ap_row *below = &rows->rows[first];
    for (size_t k = first; k-- > 0 && first - k <= HEADING_ROWS;) {
        const ap_row *r = &rows->rows[k];
        double h = line_height(r);
        if (below->bbox.y0 - r->bbox.y1 > HEADING_GAP_LINES * h)
            return NULL;
        if (r->ncells && r->cells[0].bbox.x0 <= x0 + ALIGN_TOL) {
            if (label_role(r) != AP_ROLE_NONE)
                return NULL;
            GString *s = g_string_new(r->cells[0].text);
            for (size_t c = 1; c < r->ncells &&
                               r->cells[c].bbox.x0 - r->cells[c - 1].bbox.x1 <=
                                   HEADING_JOIN_LINES * h;
                 c++)
                g_string_append_printf(s, " %s", r->cells[c].text);
            return g_string_free(s, FALSE);
        }
        below = r;
    }
    return NULL;
}

/* Where the mark of field i's value stands when it prints none: across
 * the values' column (x0..x1), down to halfway to the fields above and
 * below (a drawn arrow is often taller than the type), widened by the
 * inset ap_drawn_mark takes off. */
static ap_bbox mark_box(const block *b, size_t i, double x0, double x1)
{
    const ap_row *r = field_row(b, i);
    double above = i > 0 ? (r->bbox.y0 - field_row(b, i - 1)->bbox.y1) / 2 : -1;
    double below = i + 1 < b->n ? (field_row(b, i + 1)->bbox.y0 - r->bbox.y1) / 2 : -1;
    if (above < 0)
        above = below >= 0 ? below : line_height(r) / 2;
    if (below < 0)
        below = above;
    return (ap_bbox){x0 - AP_MARK_INSET, r->bbox.y0 - above - AP_MARK_INSET,
                     x1 + AP_MARK_INSET, r->bbox.y1 + below + AP_MARK_INSET};
}

static ap_measure build(const block *b, double x0)
{
    ap_measure m = {.heading = heading_of(b->rows, b->at[0], x0),
                    .fields = g_new0(ap_measure_field, b->n),
                    .nfields = b->n};
    double vx0 = 0, vx1 = 0;
    bool column = value_column(b, &vx0, &vx1);
    m.bbox = field_row(b, 0)->cells[0].bbox;
    for (size_t i = 0; i < b->n; i++) {
        const ap_row *r = field_row(b, i);
        const ap_rcell *label = &r->cells[0], *value = NULL;
        double em = line_height(r);
        if (!column) {      /* no line prints a value: look just after the labels */
            vx0 = label->bbox.x1 + em;
            vx1 = vx0 + 4 * em;
        }
        for (size_t c = 1; c < r->ncells && !value; c++)
            if (r->cells[c].bbox.x1 >= vx0 - em && r->cells[c].bbox.x0 <= vx1 + em)
                value = &r->cells[c];
        ap_measure_field *f = &m.fields[i];
        f->label = g_strdup(label->text);
        f->value = g_strdup(value ? value->text : "");
        m.bbox = ap_bbox_union(m.bbox, label->bbox);
        if (value)
            m.bbox = ap_bbox_union(m.bbox, value->bbox);
        else        /* short of the next thing on the line (a chart's label) */
            f->mark = ap_drawn_mark(
                b->rows->page,
                mark_box(b, i, MAX(vx0 - em, label->bbox.x1),
                         MIN(vx1 + MARK_REACH_LINES * em,
                             r->ncells > 1 ? r->cells[1].bbox.x0 : G_MAXDOUBLE)));
    }
    return m;
}

/* Whether row prints nothing where the labels start (x0): a line of the
 * chart beside the block ("84" on its axis), which the block passes by. */
static bool beside(const ap_row *row, double x0)
{
    return row->ncells && row->cells[0].bbox.x0 > x0 + ALIGN_TOL + line_height(row);
}

void ap_measures_find(const ap_rows *rows, GArray *out)
{
    size_t *at = g_new(size_t, rows->nrows ? rows->nrows : 1);
    for (size_t i = 0; i < rows->nrows;) {
        const ap_row *r = &rows->rows[i];
        if (label_role(r) == AP_ROLE_NONE) {
            i++;
            continue;
        }
        double x0 = r->cells[0].bbox.x0;
        block b = {rows, at, 0};
        at[b.n++] = i;
        size_t next = i + 1;
        for (; next < rows->nrows; next++) {
            const ap_row *last = field_row(&b, b.n - 1), *row = &rows->rows[next];
            if (continues(last, row, x0))
                at[b.n++] = next;
            else if (!beside(row, x0) ||
                     row->bbox.y0 - last->bbox.y1 > FIELD_GAP_LINES * line_height(last))
                break;
        }
        if (b.n >= MIN_FIELDS && is_measure(&b)) {
            ap_measure m = build(&b, x0);
            g_array_append_val(out, m);
        }
        i = b.at[b.n - 1] + 1;
    }
    g_free(at);
}

void ap_measure_clear(ap_measure *m)
{
    for (size_t i = 0; i < m->nfields; i++) {
        g_free(m->fields[i].label);
        g_free(m->fields[i].value);
    }
    g_free(m->fields);
    g_free(m->heading);
}

void ap_measures_free(ap_measures *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++)
        ap_measure_clear(&m->list[i]);
    g_free(m->list);
    g_free(m);
}
