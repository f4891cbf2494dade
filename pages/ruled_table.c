/*
 * ruled_table.c: tables whose rules are drawn (see table.h).
 *
 * Where a page draws a grid, the grid is the table: its vertical rules are
 * the column boundaries and its horizontal rules the row boundaries, so
 * narrow columns that poppler ran together ("A – 21 Optimise an ...") come
 * apart word by word, and a cell's wrapped lines stay in it however the
 * lines are spaced. A cell merged over several rows (no rule crosses its
 * column there) stays one cell, in the row where it starts; one merged
 * across columns (no rule between them there) stays one cell, in its
 * first column.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/page_model.h"
#include "pages/table.h"
#include "core/drawing.h"

/* A rule shorter than this is a dash or an underline, not a table rule. */
#define MIN_RULE 20.0
/* Rules this close are one. */
#define SAME_RULE 3.0
/* A grid has at least this many vertical rules (two columns). */
#define MIN_VERTICALS 3

typedef struct grid {
    double *xs;             /* vertical rules, left to right */
    size_t nxs;
    GArray *vs;             /* ap_rule: the vertical rules drawn, each stretch */
    double top, bottom;
    GArray *hs;             /* ap_rule: horizontal rules inside */
} grid;

static int by_x0(const void *a, const void *b)
{
    const ap_rule *x = a, *y = b;
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static bool overlaps(double a0, double a1, double b0, double b1)
{
    return MIN(a1, b1) - MAX(a0, b0) > SAME_RULE;
}

/* Sorted distinct values, those within SAME_RULE merged. */
static void dedup(GArray *values)
{
    g_array_sort(values, by_value);
    for (guint i = 1; i < values->len;)
        if (g_array_index(values, double, i) - g_array_index(values, double, i - 1) <= SAME_RULE)
            g_array_remove_index(values, i);
        else
            i++;
}

/* Vertical rules that share a stretch of the page make one grid. */
static GPtrArray *find_grids(const ap_rulings *r)
{
    GArray *vs = g_array_new(FALSE, FALSE, sizeof(ap_rule));
    for (size_t i = 0; i < r->nvertical; i++)
        if (r->vertical[i].y1 - r->vertical[i].y0 >= MIN_RULE)
            g_array_append_val(vs, r->vertical[i]);
    g_array_sort(vs, by_x0);
    GPtrArray *grids = g_ptr_array_new();
    gboolean *used = g_new0(gboolean, vs->len ? vs->len : 1);
    for (guint i = 0; i < vs->len; i++) {
        if (used[i])
            continue;
        ap_rule first = g_array_index(vs, ap_rule, i);
        double top = first.y0, bottom = first.y1;
        GArray *xs = g_array_new(FALSE, FALSE, sizeof(double));
        g_array_append_val(xs, first.x0);
        used[i] = TRUE;
        for (bool grew = true; grew;) {
            grew = false;
            for (guint j = 0; j < vs->len; j++) {
                ap_rule v = g_array_index(vs, ap_rule, j);
                if (!used[j] && overlaps(v.y0, v.y1, top, bottom)) {
                    used[j] = TRUE;
                    top = MIN(top, v.y0);
                    bottom = MAX(bottom, v.y1);
                    g_array_append_val(xs, v.x0);
                    grew = true;
                }
            }
        }
        dedup(xs);
        if (xs->len < MIN_VERTICALS) {
            g_array_free(xs, TRUE);
            continue;
        }
        grid *g = g_new0(grid, 1);
        g->vs = g_array_new(FALSE, FALSE, sizeof(ap_rule));
        /* short stretches too: a header cell's border is one line high */
        for (size_t j = 0; j < r->nvertical; j++) {
            ap_rule v = r->vertical[j];
            if (overlaps(v.y0, v.y1, top, bottom))
                g_array_append_val(g->vs, v);
        }
        g->top = top;
        g->bottom = bottom;
        g->nxs = xs->len;
        g->xs = (double *)(void *)g_array_free(xs, FALSE);
        g->hs = g_array_new(FALSE, FALSE, sizeof(ap_rule));
        for (size_t k = 0; k < r->nhorizontal; k++) {
            ap_rule h = r->horizontal[k];
            if (h.y0 >= top - SAME_RULE && h.y0 <= bottom + SAME_RULE &&
                h.x1 - h.x0 >= MIN_RULE && overlaps(h.x0, h.x1, g->xs[0], g->xs[g->nxs - 1]))
                g_array_append_val(g->hs, h);
        }
        g_ptr_array_add(grids, g);
    }
    g_free(used);
    g_array_free(vs, TRUE);
    return grids;
}

static void grid_free(grid *g)
{
    g_free(g->xs);
    g_array_free(g->vs, TRUE);
    g_array_free(g->hs, TRUE);
    g_free(g);
}

/* The row boundaries a column sees: the rules crossing its middle. */
static GArray *column_bounds(const grid *g, size_t col)
{
    double mid = (g->xs[col] + g->xs[col + 1]) / 2;
    GArray *ys = g_array_new(FALSE, FALSE, sizeof(double));
    g_array_append_val(ys, g->top);
    g_array_append_val(ys, g->bottom);
    for (guint k = 0; k < g->hs->len; k++) {
        ap_rule h = g_array_index(g->hs, ap_rule, k);
        if (h.x0 - SAME_RULE <= mid && h.x1 + SAME_RULE >= mid)
            g_array_append_val(ys, h.y0);
    }
    dedup(ys);
    return ys;
}

static size_t band_of(const GArray *ys, double y)
{
    size_t band = 0;
    for (guint k = 0; k + 1 < ys->len; k++)
        if (g_array_index(ys, double, k) <= y)
            band = k;
    return band;
}

/* A word of the grid, in its column. */
typedef struct gword {
    const char *text;
    size_t len;
    ap_bbox bbox;
    size_t col;
} gword;

/* Whether the grid's k-th vertical rule is drawn at height y. */
static bool drawn_at(const grid *g, size_t k, double y)
{
    for (guint j = 0; j < g->vs->len; j++) {
        ap_rule v = g_array_index(g->vs, ap_rule, j);
        if (fabs(v.x0 - g->xs[k]) <= SAME_RULE && v.y0 - SAME_RULE <= y &&
            v.y1 + SAME_RULE >= y)
            return true;
    }
    return false;
}

static size_t column_of(const grid *g, double x0, double x1)
{
    double mid = (x0 + x1) / 2;
    size_t col = 0;
    for (size_t k = 0; k + 1 < g->nxs; k++)
        if (g->xs[k] <= mid)
            col = k;
    return col;
}

/* A line's cell whose words stand in several columns with no rule drawn
 * between them at its height is one cell merged across those columns
 * ("RAG rating" centred over "Latest | Previous", a section heading across
 * the table): it goes whole into the first. Where a rule is drawn between
 * them, the rule parts them (poppler ran narrow columns together). A rule
 * merely missing between words in their own columns proves nothing:
 * spreadsheets draw the borders of the cells they were told to. */
static void add_words(const grid *g, const ap_rcell *rc, GArray *out)
{
    const ap_line *line = rc->line;
    guint first = out->len;
    size_t lo = G_MAXSIZE, hi = 0;
    for (size_t w = 0; w < line->nwords; w++) {
        const ap_cell *word = &line->words[w];
        if (word->start < rc->start || word->start >= rc->start + rc->len)
            continue;
        size_t col = column_of(g, word->bbox.x0, word->bbox.x1);
        gword gw = {line->text + word->start, word->len, word->bbox, col};
        g_array_append_val(out, gw);
        lo = MIN(lo, col);
        hi = MAX(hi, col);
    }
    if (out->len == first) {    /* a line built by hand: the cell is one word */
        gword gw = {rc->text, strlen(rc->text), rc->bbox,
                    column_of(g, rc->bbox.x0, rc->bbox.x1)};
        g_array_append_val(out, gw);
        return;
    }
    double y = (rc->bbox.y0 + rc->bbox.y1) / 2;
    for (size_t k = lo + 1; k <= hi; k++)
        if (drawn_at(g, k, y))
            return;
    for (guint i = first; i < out->len; i++)
        g_array_index(out, gword, i).col = lo;
}

/* A column this many line heights wide or less breaks its words anywhere
 * ("A" / "cti" / "o" / "n" / "R" / "ef"): a line starting lowercase
 * carries on the word before. */
#define NARROW_LINES 4.0

/* Whether t is one letter: a heading stacked a letter a line ("R" / "A"
 * / "G") in a column too narrow for the word. */
static bool one_letter(const char *t)
{
    return g_unichar_isalpha(g_utf8_get_char(t)) && !*g_utf8_next_char(t);
}

/* The words of one cell, line by line: words on one line with spaces,
 * lines joined as wrapped lines are; in a narrow column, a word broken
 * over lines joined tight. */
static char *cell_text(GArray *words, GHashTable *vocab, double width)
{
    GString *s = g_string_new(NULL);
    size_t tail = 0;
    double line_y = -1;
    bool letter_a_line = false;     /* every line so far one letter */
    for (guint i = 0; i < words->len; i++) {
        gword *w = &g_array_index(words, gword, i);
        char *t = g_strndup(w->text, w->len);
        double y = (w->bbox.y0 + w->bbox.y1) / 2;
        bool same_line = line_y >= 0 && fabs(y - line_y) < (w->bbox.y1 - w->bbox.y0) / 2;
        if (!s->len) {
            g_string_append(s, t);
            letter_a_line = one_letter(t);
        } else if (same_line) {
            g_string_append_c(s, ' ');
            g_string_append(s, t);
            letter_a_line = false;
        } else if (width <= NARROW_LINES * (w->bbox.y1 - w->bbox.y0) &&
                   (g_unichar_islower(g_utf8_get_char(t)) || (letter_a_line && one_letter(t)))) {
            /* unless both sides are words: "Direction" / "of Travel" */
            if (!letter_a_line && ap_both_words(s->str, t, vocab))
                g_string_append_c(s, ' ');
            tail = s->len;
            g_string_append(s, t);
            letter_a_line &= one_letter(t);
        } else {
            letter_a_line = false;
            char *joined = ap_join_line(s->str, tail, t, vocab, &tail);
            g_string_assign(s, joined);
            g_free(joined);
        }
        if (!same_line)
            line_y = y;
        g_free(t);
    }
    return g_string_free(s, FALSE);
}

static int by_reading(const void *a, const void *b)
{
    const gword *x = a, *y = b;
    double xm = (x->bbox.y0 + x->bbox.y1) / 2, ym = (y->bbox.y0 + y->bbox.y1) / 2;
    double h = MIN(x->bbox.y1 - x->bbox.y0, y->bbox.y1 - y->bbox.y0) / 2;
    if (fabs(xm - ym) > h)
        return (xm > ym) - (xm < ym);
    return (x->bbox.x0 > y->bbox.x0) - (x->bbox.x0 < y->bbox.x0);
}

static ap_table *build(const grid *g, GArray *words, GHashTable *vocab)
{
    size_t ncols = g->nxs - 1;
    GArray *rows_y = g_array_new(FALSE, FALSE, sizeof(double));
    g_array_append_val(rows_y, g->top);
    g_array_append_val(rows_y, g->bottom);
    for (guint k = 0; k < g->hs->len; k++)
        g_array_append_val(rows_y, g_array_index(g->hs, ap_rule, k).y0);
    dedup(rows_y);
    size_t nbands = rows_y->len > 1 ? rows_y->len - 1 : 1;
    GArray **bands = g_new0(GArray *, nbands);     /* ap_table_cell */
    g_array_sort(words, by_reading);
    for (size_t c = 0; c < ncols; c++) {
        GArray *ys = column_bounds(g, c);
        size_t nown = ys->len > 1 ? ys->len - 1 : 1;
        GArray **cells = g_new0(GArray *, nown);
        for (guint i = 0; i < words->len; i++) {
            gword *w = &g_array_index(words, gword, i);
            if (w->col != c)
                continue;
            size_t b = band_of(ys, (w->bbox.y0 + w->bbox.y1) / 2);
            if (!cells[b])
                cells[b] = g_array_new(FALSE, FALSE, sizeof(gword));
            g_array_append_val(cells[b], *w);
        }
        for (size_t b = 0; b < nown; b++) {
            if (!cells[b])
                continue;
            gword *first = &g_array_index(cells[b], gword, 0);
            ap_table_cell tc = {cell_text(cells[b], vocab, g->xs[c + 1] - g->xs[c]), c,
                                first->bbox, 0};
            for (guint i = 1; i < cells[b]->len; i++)
                tc.bbox = ap_bbox_union(tc.bbox, g_array_index(cells[b], gword, i).bbox);
            /* the cell sits in the row where it starts */
            size_t row = band_of(rows_y, g_array_index(ys, double, b) + SAME_RULE);
            if (!bands[row])
                bands[row] = g_array_new(FALSE, FALSE, sizeof(ap_table_cell));
            g_array_append_val(bands[row], tc);
            g_array_free(cells[b], TRUE);
        }
        g_free(cells);
        g_array_free(ys, TRUE);
    }
    GArray *out = g_array_new(FALSE, FALSE, sizeof(ap_table_row));
    for (size_t b = 0; b < nbands; b++) {
        if (!bands[b])
            continue;
        ap_table_row row = {.ncells = bands[b]->len};
        row.cells = (ap_table_cell *)(void *)g_array_free(bands[b], FALSE);
        /* the row is its band of the grid, where a cell's fill or drawn
         * mark stands as well as its text */
        row.bbox = (ap_bbox){g->xs[0], g_array_index(rows_y, double, b), g->xs[g->nxs - 1],
                             g_array_index(rows_y, double, b + 1)};
        g_array_append_val(out, row);
    }
    g_free(bands);
    g_array_free(rows_y, TRUE);
    ap_table *t = g_new0(ap_table, 1);
    t->nrows = out->len;
    t->rows = (ap_table_row *)(void *)g_array_free(out, FALSE);
    t->ncols = ncols;
    t->col_x = g_memdup2(g->xs, ncols * sizeof(double));
    t->bbox = (ap_bbox){g->xs[0], g->top, g->xs[g->nxs - 1], g->bottom};
    return t;
}

GPtrArray *ap_ruled_tables(const ap_rows *rows, const ap_rulings *rulings,
                           GHashTable *vocab, bool *inside)
{
    GPtrArray *out = g_ptr_array_new();
    GPtrArray *grids = find_grids(rulings);
    for (guint i = 0; i < grids->len; i++) {
        grid *g = grids->pdata[i];
        GArray *words = g_array_new(FALSE, FALSE, sizeof(gword));
        for (size_t r = 0; r < rows->nrows; r++) {
            const ap_row *row = &rows->rows[r];
            double mid = (row->bbox.y0 + row->bbox.y1) / 2;
            if (mid < g->top || mid > g->bottom)
                continue;
            bool in = false;
            for (size_t c = 0; c < row->ncells; c++) {
                const ap_rcell *rc = &row->cells[c];
                double x = (rc->bbox.x0 + rc->bbox.x1) / 2;
                if (x >= g->xs[0] && x <= g->xs[g->nxs - 1]) {
                    add_words(g, rc, words);
                    in = true;
                }
            }
            inside[r] |= in;
        }
        if (words->len)
            g_ptr_array_add(out, build(g, words, vocab));
        g_array_free(words, TRUE);
        grid_free(g);
    }
    g_ptr_array_free(grids, TRUE);
    return out;
}
