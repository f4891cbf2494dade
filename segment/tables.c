/*
 * tables.c: every table of the pack, frontsheet included, rebuilt from
 * positioned text and drawn rules by pages/table.c, as grids: rows of cell
 * strings with their boxes, the agenda item and page they sit on, and the
 * marks (fills, drawn arrows) of cells that print no text. Computed once,
 * when an extractor first asks (ap_pack_tables): most of a pack's pages
 * are never rendered, and a pack that gives no record never needs them.
 *
 * A table that carries on over a page break is joined to the one before
 * it and marked "continued": the first table of a page, starting near its
 * top, whose columns stand where the columns of the last table of the
 * page before stood, that one ending near its bottom. A header row the
 * printer repeated on the new page is dropped.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "core/page_model.h"
#include "lexicon/figures.h"
#include "pages/table.h"
#include "segment/segment.h"
#include "segment/tables.h"
#include "parsers/rulings.h"

/* Where a continued table may start and its first part must end, as
 * shares of the page height; how many of its columns must match. */
#define TOP_SHARE 0.35
#define BOTTOM_SHARE 0.6
#define COLUMN_MATCH 0.7
#define COLUMN_SLACK 6.0

/* A grid being built: its rows and marks grow while it may be continued. */
typedef struct building {
    ap_grid grid;
    GArray *rows, *marks;   /* of ap_grid_row, ap_grid_mark */
} building;

/* The last table of the page before, kept to join the next page's first. */
typedef struct open_table {
    building *b;            /* owned by the list of grids */
    double *col_x;
    size_t ncols;
    bool near_bottom;
} open_table;

static void row_add(GArray *cells, GArray *boxes, const char *text, ap_bbox box)
{
    char *t = g_strdup(text);
    g_array_append_val(cells, t);
    g_array_append_val(boxes, box);
}

static ap_grid_row row_freeze(GArray *cells, GArray *boxes)
{
    ap_grid_row row = {NULL, NULL, cells->len};
    row.cells = (char **)(void *)g_array_free(cells, FALSE);
    row.boxes = (ap_bbox *)(void *)g_array_free(boxes, FALSE);
    return row;
}

static GArray *new_cells(void) { return g_array_new(FALSE, FALSE, sizeof(char *)); }
static GArray *new_boxes(void) { return g_array_new(FALSE, FALSE, sizeof(ap_bbox)); }

static ap_grid_row grid_row(const ap_table *t, size_t r)
{
    /* column by column, "" for an empty one; two cells that share a
     * column in one row both stay, in reading order */
    GArray *cells = new_cells(), *boxes = new_boxes();
    const ap_table_row *tr = &t->rows[r];
    for (size_t c = 0, k = 0; c < t->ncols; c++) {
        bool any = false;
        for (; k < tr->ncells && tr->cells[k].col == c; k++, any = true)
            row_add(cells, boxes, tr->cells[k].text, tr->cells[k].bbox);
        if (!any)
            row_add(cells, boxes, "", (ap_bbox){0});
    }
    return row_freeze(cells, boxes);
}

/* What a rendered page shows in a cell that prints no text: a fill or a
 * drawn arrow (a RAG rating or a direction of travel given by colour or
 * shape only). */
typedef struct cell_mark {
    size_t row, col;
    double mid;             /* x of the cell's middle */
    ap_mark mark;
} cell_mark;

static void add_mark(building *b, size_t row, size_t col, const ap_mark *m)
{
    ap_grid_mark gm = {row, col, m->fill, m->arrow};
    g_array_append_val(b->marks, gm);
}

static building *new_grid(const ap_table *t, const GArray *marks, const char *item,
                          size_t page)
{
    building *b = g_new0(building, 1);
    b->grid.item = item;
    b->grid.page = page;
    b->rows = g_array_new(FALSE, FALSE, sizeof(ap_grid_row));
    b->marks = g_array_new(FALSE, FALSE, sizeof(ap_grid_mark));
    for (size_t r = 0; r < t->nrows; r++) {
        ap_grid_row row = grid_row(t, r);
        g_array_append_val(b->rows, row);
    }
    for (guint i = 0; marks && i < marks->len; i++) {
        const cell_mark *m = &g_array_index(marks, cell_mark, i);
        add_mark(b, m->row, m->col, &m->mark);
    }
    return b;
}

static bool columns_match(const open_table *prev, const ap_table *t)
{
    size_t matched = 0;
    for (size_t c = 0; c < t->ncols; c++)
        for (size_t k = 0; k < prev->ncols; k++)
            if (fabs(t->col_x[c] - prev->col_x[k]) <= COLUMN_SLACK) {
                matched++;
                break;
            }
    return t->ncols > 0 && matched >= COLUMN_MATCH * (double)t->ncols;
}

static bool same_row(const ap_grid_row *a, const ap_grid_row *b)
{
    if (a->ncells != b->ncells)
        return false;
    for (size_t i = 0; i < a->ncells; i++)
        if (strcmp(a->cells[i], b->cells[i]) != 0)
            return false;
    return true;
}

/* The column of prev whose stretch holds x, from column floor on. */
static size_t column_at(const open_table *prev, double x, size_t floor)
{
    size_t best = floor;
    for (size_t k = floor; k < prev->ncols; k++)
        if (prev->col_x[k] <= x)
            best = k;
    return best;
}

/* Row r of t laid out in the columns of the table it continues: each
 * cell goes to the column standing where its own column stands. */
static ap_grid_row grid_row_in(const ap_table *t, size_t r, const open_table *prev)
{
    GPtrArray *slots = g_ptr_array_new();
    GArray *slot_boxes = new_boxes();
    for (size_t k = 0; k < prev->ncols; k++) {
        g_ptr_array_add(slots, NULL);
        g_array_append_val(slot_boxes, (ap_bbox){0});
    }
    const ap_table_row *tr = &t->rows[r];
    size_t floor = 0;       /* cells keep their order */
    for (size_t i = 0; i < tr->ncells; i++) {
        /* the column whose stretch holds the cell's middle: numbers sit
         * centred or right in their column, not at its start */
        double mid = (tr->cells[i].bbox.x0 + tr->cells[i].bbox.x1) / 2;
        size_t best = column_at(prev, mid, floor);
        while (best < prev->ncols && slots->pdata[best])
            best++;             /* taken: the next column along */
        if (best >= prev->ncols) {
            g_ptr_array_add(slots, NULL);
            g_array_append_val(slot_boxes, (ap_bbox){0});
            best = slots->len - 1;
        }
        slots->pdata[best] = g_strdup(tr->cells[i].text);
        g_array_index(slot_boxes, ap_bbox, best) = tr->cells[i].bbox;
        floor = best + 1;
    }
    GArray *cells = new_cells();
    for (guint k = 0; k < slots->len; k++) {
        char *text = slots->pdata[k] ? slots->pdata[k] : g_strdup("");
        g_array_append_val(cells, text);
    }
    g_ptr_array_free(slots, TRUE);
    return row_freeze(cells, slot_boxes);
}

static void grid_row_clear(ap_grid_row *row)
{
    for (size_t i = 0; i < row->ncells; i++)
        g_free(row->cells[i]);
    g_free(row->cells);
    g_free(row->boxes);
}

static void join(open_table *prev, const ap_table *t, const GArray *marks)
{
    GArray *rows = prev->b->rows;
    const ap_grid_row *header = rows->len ? &g_array_index(rows, ap_grid_row, 0) : NULL;
    for (size_t r = 0; r < t->nrows; r++) {
        ap_grid_row row = grid_row_in(t, r, prev);
        if (r == 0 && header && same_row(header, &row)) {
            grid_row_clear(&row);   /* the header repeated */
            continue;
        }
        size_t at = rows->len;
        g_array_append_val(rows, row);
        header = &g_array_index(rows, ap_grid_row, 0);
        for (guint i = 0; marks && i < marks->len; i++) {
            const cell_mark *m = &g_array_index(marks, cell_mark, i);
            if (m->row == r)
                add_mark(prev->b, at, column_at(prev, m->mid, 0), &m->mark);
        }
    }
    prev->b->grid.continued = true;
}

static void keep_open(open_table *prev, building *b, const ap_table *t,
                      const ap_page *page)
{
    g_free(prev->col_x);
    prev->b = b;
    prev->col_x = g_memdup2(t->col_x, t->ncols * sizeof(double));
    prev->ncols = t->ncols;
    prev->near_bottom = t->bbox.y1 >= page->height * BOTTOM_SHARE;
}

/* Rendering a page costs more than reading it (poppler interprets the
 * page again and draws its images), so a page is rendered only where its
 * text leaves a table in doubt (in_doubt) or shows a column a colour or a
 * drawn shape may fill (empty_column). One document's tables are drawn
 * one way throughout, so a document whose renders, twice running, show
 * no rule that changes its tables and no mark is taken to need none: its
 * later pages are rendered for marks only. */
#define RENDER_MIN_ROWS 2
#define RENDER_MIN_COLS 2
#define USELESS_RENDERS 2

typedef struct render_policy {
    const ap_pack *pack;    /* its documents, with their pages */
    int document;           /* index of the current one; -1 outside all */
    size_t useless;         /* its last renders in a row that changed nothing */
} render_policy;

/* Whether the text alone leaves t's cells in doubt: a cell wrapped over
 * lines (where a row ends is a guess) or a row short of cells (merged or
 * empty cells, or columns the text ran together). A table every row of
 * which fills every column on one line is read the same with rules. */
static bool in_doubt(const ap_table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const ap_table_row *row = &t->rows[r];
        if (row->ncells != t->ncols)
            return true;
        for (size_t c = 0; c < row->ncells; c++)
            if (row->cells[c].tail)
                return true;
    }
    return false;
}

/* Whether a column headed in t's first row as a RAG rating or a
 * direction of travel is empty in most rows below: a rating or direction
 * given by colour or a drawn shape only. */
static bool empty_column(const ap_table *t)
{
    if (t->nrows < 3)
        return false;
    for (size_t c = 0; c < t->ncols; c++) {
        ap_column_role role = ap_column_role_of(ap_table_text(t, 0, c));
        if (role != AP_ROLE_RAG && role != AP_ROLE_DIRECTION)
            continue;
        size_t empty = 0;
        for (size_t r = 1; r < t->nrows; r++)
            empty += !*ap_table_text(t, r, c);
        if (3 * empty >= 2 * (t->nrows - 1))
            return true;
    }
    return false;
}

static int document_at(const ap_pack *pack, size_t page)
{
    for (size_t i = 0; i < pack->ndocuments; i++)
        if (page >= pack->documents[i].first && page <= pack->documents[i].last)
            return (int)i;
    return -1;
}

static bool worth_rendering(render_policy *policy, size_t page,
                            ap_table *const *tables, size_t n)
{
    int document = document_at(policy->pack, page);
    if (document != policy->document)
        *policy = (render_policy){policy->pack, document, 0};
    bool rules_wanted = policy->useless < USELESS_RENDERS;
    for (size_t i = 0; i < n; i++) {
        if (empty_column(tables[i]))
            return true;
        if (rules_wanted && tables[i]->nrows >= RENDER_MIN_ROWS &&
            tables[i]->ncols >= RENDER_MIN_COLS && in_doubt(tables[i]))
            return true;
    }
    return false;
}

/* Whether two readings of a page give the same tables, cell for cell. */
static bool same_tables(ap_table *const *a, size_t na, ap_table *const *b, size_t nb)
{
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++) {
        if (a[i]->nrows != b[i]->nrows || a[i]->ncols != b[i]->ncols)
            return false;
        for (size_t r = 0; r < a[i]->nrows; r++)
            for (size_t c = 0; c < a[i]->ncols; c++)
                if (strcmp(ap_table_text(a[i], r, c), ap_table_text(b[i], r, c)) != 0)
                    return false;
    }
    return true;
}

/* Where cell (r, c) stands: from its column's start to the next, and
 * halfway to the rows above and below (its own height beyond it at the
 * table's ends). */
static ap_bbox cell_box(const ap_table *t, size_t r, size_t c)
{
    const ap_bbox *row = &t->rows[r].bbox;
    double height = row->y1 - row->y0;
    double y0 = r ? (t->rows[r - 1].bbox.y1 + row->y0) / 2 : row->y0 - height;
    double y1 = r + 1 < t->nrows ? (row->y1 + t->rows[r + 1].bbox.y0) / 2 : row->y1 + height;
    double x1 = c + 1 < t->ncols ? t->col_x[c + 1] : t->bbox.x1;
    return (ap_bbox){t->col_x[c], y0, x1, y1};
}

/* The marks of t's cells that print no text, on the rendered page. */
static GArray *table_marks(const ap_table *t, const ap_page_image *img)
{
    GArray *marks = g_array_new(FALSE, FALSE, sizeof(cell_mark));
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            if (*ap_table_text(t, r, c))
                continue;
            ap_bbox box = cell_box(t, r, c);
            ap_mark m = ap_image_mark(img, box);
            if (m.fill || m.arrow) {
                cell_mark cm = {r, c, (box.x0 + box.x1) / 2, m};
                g_array_append_val(marks, cm);
            }
        }
    return marks;
}

/* The tables of page p: from its text, and again under its drawn rules
 * where the policy finds that worth a render, with the marks of their
 * empty cells then (*marks: one array a table, or NULL). */
static ap_table **page_tables(const ap_pack *pack, size_t p, const ap_rows *rows,
                              GHashTable *vocab, render_policy *policy, size_t *n,
                              GArray ***marks)
{
    ap_table **tables = ap_tables_find(rows, vocab, NULL, n);
    *marks = NULL;
    ap_page_image *img = worth_rendering(policy, p, tables, *n)
                             ? ap_page_image_new(pack->doc, p) : NULL;
    if (!img)
        return tables;
    ap_rulings rulings = {0};
    ap_image_rulings(img, &rulings);
    bool useful = false;
    if (rulings.nvertical) {
        size_t nruled;
        ap_table **ruled = ap_tables_find(rows, vocab, &rulings, &nruled);
        useful = !same_tables(tables, *n, ruled, nruled);
        ap_tables_free(tables, *n);
        tables = ruled;
        *n = nruled;
    }
    ap_rulings_clear(&rulings);
    *marks = g_new0(GArray *, *n + 1);
    for (size_t i = 0; i < *n; i++) {
        (*marks)[i] = table_marks(tables[i], img);
        useful |= (*marks)[i]->len > 0;
    }
    ap_page_image_free(img);
    policy->useless = useful ? 0 : policy->useless + 1;
    return tables;
}

static void marks_free(GArray **marks, size_t n)
{
    for (size_t i = 0; marks && i < n; i++)
        g_array_free(marks[i], TRUE);
    g_free(marks);
}

static ap_grid freeze(building *b)
{
    ap_grid g = b->grid;
    g.nrows = b->rows->len;
    g.rows = (ap_grid_row *)(void *)g_array_free(b->rows, FALSE);
    g.nmarks = b->marks->len;
    g.marks = (ap_grid_mark *)(void *)g_array_free(b->marks, FALSE);
    g_free(b);
    return g;
}

static ap_grids *find_grids(const ap_pack *pack)
{
    GPtrArray *found = g_ptr_array_new();
    GHashTable *vocab = ap_vocabulary_new(pack->doc);
    render_policy policy = {pack, -1, 0};
    open_table prev = {0};
    for (size_t p = 0; p < pack->doc->npages; p++) {
        const ap_page *page = &pack->doc->pages[p];
        const ap_rows *front = ap_pack_rows(pack, p);
        ap_rows *own = front ? NULL : ap_rows_build(page);
        size_t n;
        GArray **marks;
        ap_table **tables = page_tables(pack, p, front ? front : own, vocab, &policy, &n,
                                        &marks);
        for (size_t i = 0; i < n; i++) {
            const ap_table *t = tables[i];
            const GArray *tm = marks ? marks[i] : NULL;
            if (i == 0 && prev.b && prev.near_bottom &&
                t->bbox.y0 <= page->height * TOP_SHARE && columns_match(&prev, t)) {
                join(&prev, t, tm);
                if (n == 1)
                    prev.near_bottom = t->bbox.y1 >= page->height * BOTTOM_SHARE;
                continue;
            }
            building *b = new_grid(t, tm, ap_pack_page_item(pack, p), p);
            g_ptr_array_add(found, b);
            keep_open(&prev, b, t, page);
        }
        if (!n)
            prev.b = NULL;
        marks_free(marks, n);
        ap_tables_free(tables, n);
        ap_rows_free(own);
    }
    g_free(prev.col_x);
    g_hash_table_unref(vocab);
    ap_grids *grids = g_new0(ap_grids, 1);
    grids->n = found->len;
    grids->grids = g_new0(ap_grid, found->len ? found->len : 1);
    for (guint i = 0; i < found->len; i++)
        grids->grids[i] = freeze(found->pdata[i]);
    g_ptr_array_free(found, TRUE);
    return grids;
}

const ap_grids *ap_pack_tables(const ap_pack *pack)
{
    /* computed on first asking, kept with the pack (pack->cache is the
     * pack's own memo: reading the pack does not change what it says) */
    if (!pack->cache->grids)
        pack->cache->grids = find_grids(pack);
    return pack->cache->grids;
}

void ap_grids_free(ap_grids *grids)
{
    if (!grids)
        return;
    for (size_t i = 0; i < grids->n; i++) {
        for (size_t r = 0; r < grids->grids[i].nrows; r++)
            grid_row_clear(&grids->grids[i].rows[r]);
        g_free(grids->grids[i].rows);
        g_free(grids->grids[i].marks);
    }
    g_free(grids->grids);
    g_free(grids);
}
