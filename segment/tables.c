/*
 * tables.c: every table of the pack, frontsheet included, rebuilt from
 * positioned text and drawn rules by pages/table.c, as grids: rows of cell
 * strings with their boxes, the agenda item and page they sit on, and the
 * marks (fills, drawn arrows) of cells that print no text. Computed once,
 * when an extractor first asks (ap_pack_tables): a pack that gives no
 * record never needs them.
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
#include "segment/cover.h"
#include "segment/measures.h"
#include "segment/segment.h"
#include "segment/tables.h"
#include "pages/drawn.h"
#include "parsers/raster_marks.h"

/* Where a continued table may start and its first part must end, as
 * shares of the page height; how many of its columns must match. */
#define TOP_SHARE 0.35
#define BOTTOM_SHARE 0.6
#define COLUMN_MATCH 0.7
#define COLUMN_SLACK 6.0
/* A table ending this many points below a cover's last value is in it. */
#define COVER_TOL 2.0

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

static ap_grid_row row_freeze(GArray *cells, GArray *boxes, size_t page)
{
    ap_grid_row row = {NULL, NULL, cells->len, page};
    row.cells = (char **)(void *)g_array_free(cells, FALSE);
    row.boxes = (ap_bbox *)(void *)g_array_free(boxes, FALSE);
    return row;
}

char *ap_grid_row_text(const ap_grid_row *row)
{
    GString *s = g_string_new(NULL);
    for (size_t c = 0; c < row->ncells; c++)
        if (*row->cells[c]) {
            if (s->len)
                g_string_append(s, " | ");
            g_string_append(s, row->cells[c]);
        }
    return g_string_free(s, FALSE);
}

static GArray *new_cells(void) { return g_array_new(FALSE, FALSE, sizeof(char *)); }
static GArray *new_boxes(void) { return g_array_new(FALSE, FALSE, sizeof(ap_bbox)); }

static ap_grid_row grid_row(const ap_table *t, size_t r, size_t page)
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
    return row_freeze(cells, boxes, page);
}

/* What a page draws in a cell that prints no text: a fill or a drawn
 * arrow (a RAG rating or a direction of travel given by colour or shape
 * only). */
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
        ap_grid_row row = grid_row(t, r, page);
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
 * cell goes to the column standing where its middle stands (numbers sit
 * centred or right in their column, not at its start), the next one
 * along where that is taken. */
static ap_grid_row grid_row_of(const ap_table_row *tr, const open_table *prev, size_t page)
{
    GPtrArray *slots = g_ptr_array_new();
    GArray *slot_boxes = new_boxes();
    for (size_t k = 0; k < prev->ncols; k++) {
        g_ptr_array_add(slots, NULL);
        g_array_append_val(slot_boxes, (ap_bbox){0});
    }
    size_t floor = 0;       /* cells keep their order */
    for (size_t i = 0; i < tr->ncells; i++) {
        const ap_bbox *box = &tr->cells[i].bbox;
        size_t best = column_at(prev, (box->x0 + box->x1) / 2, floor);
        while (best < prev->ncols && slots->pdata[best])
            best++;
        if (best >= prev->ncols) {
            g_ptr_array_add(slots, NULL);
            g_array_append_val(slot_boxes, (ap_bbox){0});
            best = slots->len - 1;
        }
        slots->pdata[best] = g_strdup(tr->cells[i].text);
        g_array_index(slot_boxes, ap_bbox, best) = *box;
        floor = best + 1;
    }
    GArray *cells = new_cells();
    for (guint k = 0; k < slots->len; k++) {
        char *text = slots->pdata[k] ? slots->pdata[k] : g_strdup("");
        g_array_append_val(cells, text);
    }
    g_ptr_array_free(slots, TRUE);
    return row_freeze(cells, slot_boxes, page);
}

/* A line of the page laid out the same way: its cells read as a table
 * row's (borrowed, not copied). */
static ap_grid_row grid_row_of_line(const ap_row *line, const open_table *prev, size_t page)
{
    ap_table_row tr = {g_new0(ap_table_cell, line->ncells + 1), line->ncells, line->bbox};
    for (size_t i = 0; i < line->ncells; i++)
        tr.cells[i] = (ap_table_cell){line->cells[i].text, 0, line->cells[i].bbox, 0};
    ap_grid_row row = grid_row_of(&tr, prev, page);
    g_free(tr.cells);
    return row;
}

static void grid_row_clear(ap_grid_row *row)
{
    for (size_t i = 0; i < row->ncells; i++)
        g_free(row->cells[i]);
    g_free(row->cells);
    g_free(row->boxes);
}

/* Whether row, the first of a table's part on a new page, is the rest of
 * the last row's cells wrapped over the page break: each cell it prints
 * carries on a sentence (starts lower case) under a cell the last row
 * filled, one at least a phrase ("this alongside audit findings"), not a
 * word alone ("yes"). */
static bool carries_on(const ap_grid_row *last, const ap_grid_row *row)
{
    bool phrase = false;
    for (size_t c = 0; c < row->ncells; c++) {
        if (!*row->cells[c])
            continue;
        if (c >= last->ncells || !*last->cells[c] || !ap_carries_sentence(row->cells[c]))
            return false;
        phrase |= strchr(row->cells[c], ' ') != NULL;
    }
    return phrase;
}

/* row's cells appended to last's (row is cleared). */
static void carry_on(ap_grid_row *last, ap_grid_row *row)
{
    for (size_t c = 0; c < row->ncells; c++)
        if (*row->cells[c]) {
            char *joined = g_strconcat(last->cells[c], " ", row->cells[c], NULL);
            g_free(last->cells[c]);
            last->cells[c] = joined;
        }
    grid_row_clear(row);
}

/* The lines atop the page over the table's part that carry on the last
 * row's cells (the rest of a sentence wrapped over the page break, alone
 * in its column, too short to be a table row of its own), joined to it. */
static void carry_over_lines(open_table *prev, const ap_rows *lines, const ap_table *t,
                             size_t page)
{
    GArray *rows = prev->b->rows;
    if (!rows->len)
        return;
    ap_grid_row *last = &g_array_index(rows, ap_grid_row, rows->len - 1);
    for (size_t r = 0; r < lines->nrows && lines->rows[r].bbox.y1 <= t->bbox.y0; r++) {
        ap_grid_row line = grid_row_of_line(&lines->rows[r], prev, page);
        if (!carries_on(last, &line)) {
            grid_row_clear(&line);
            return;
        }
        carry_on(last, &line);
    }
}

static void join(open_table *prev, const ap_table *t, const GArray *marks, size_t page)
{
    GArray *rows = prev->b->rows;
    const ap_grid_row *header = rows->len ? &g_array_index(rows, ap_grid_row, 0) : NULL;
    bool first = true;      /* the part's first row not yet seen */
    for (size_t r = 0; r < t->nrows; r++) {
        ap_grid_row row = grid_row_of(&t->rows[r], prev, page);
        if (r == 0 && header && same_row(header, &row)) {
            grid_row_clear(&row);   /* the header repeated */
            continue;
        }
        ap_grid_row *last = rows->len ? &g_array_index(rows, ap_grid_row, rows->len - 1) : NULL;
        if (first && last && carries_on(last, &row)) {
            carry_on(last, &row);
            first = false;
            continue;
        }
        first = false;
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

/* A render of a page, for the marks the vectors cannot give: a cell
 * inside a raster image (a scorecard pasted as a picture) is read from
 * pixels. Made once, on first need, and only for a column headed as a
 * RAG rating or a direction of travel: a render costs several times the
 * page's reading, and a cell over a logo or a letterhead shows nothing a
 * record keeps. */
typedef struct picture {
    const ap_doc *doc;
    size_t page;
    ap_page_image *render;  /* NULL until needed, or when it cannot be had */
    bool rendered;
} picture;

static bool under_picture(const ap_page *page, ap_bbox box)
{
    for (size_t i = 0; i < page->nimages; i++)
        if (ap_bbox_overlaps(page->images[i], box))
            return true;
    return false;
}

static ap_mark picture_mark(picture *pic, ap_bbox box)
{
    if (!pic->rendered) {
        pic->render = ap_page_image_new(pic->doc, pic->page);
        pic->rendered = true;
    }
    return pic->render ? ap_image_mark(pic->render, box) : (ap_mark){NULL, NULL};
}

static bool marked_column(const ap_table *t, size_t c)
{
    ap_column_role role = ap_column_role_of(ap_table_text(t, 0, c));
    return role == AP_ROLE_RAG || role == AP_ROLE_DIRECTION;
}

/* The marks of t's cells that print no text: from the page's shapes, or
 * from a render where a picture lies under a cell the shapes leave bare
 * in a column of ratings or directions. */
static GArray *table_marks(const ap_table *t, const ap_page *page, picture *pic)
{
    GArray *marks = g_array_new(FALSE, FALSE, sizeof(cell_mark));
    bool *marked = g_new0(bool, t->ncols + 1);
    for (size_t c = 0; c < t->ncols; c++)
        marked[c] = marked_column(t, c);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            if (*ap_table_text(t, r, c))
                continue;
            ap_bbox box = cell_box(t, r, c);
            ap_mark m = ap_drawn_mark(page, box);
            if (!m.fill && !m.arrow && marked[c] && under_picture(page, box))
                m = picture_mark(pic, box);
            if (m.fill || m.arrow) {
                cell_mark cm = {r, c, (box.x0 + box.x1) / 2, m};
                g_array_append_val(marks, cm);
            }
        }
    g_free(marked);
    return marks;
}

/* A cover sheet's labels and values read as a table ("By | Deputy
 * Leader", "To | Cabinet – 30 January 2025") are the cover, which the
 * segment stage read: tables lying within a cover are dropped. */
static void drop_cover_blocks(const ap_pack *pack, size_t p, ap_table **tables, size_t *n)
{
    double bottom = -1;
    for (size_t d = 0; d < pack->ndocuments; d++)
        if (pack->documents[d].first == p && pack->documents[d].cover)
            bottom = pack->documents[d].cover->bottom;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++)
        if (tables[i]->bbox.y1 <= bottom + COVER_TOL)
            ap_table_free(tables[i]);
        else
            tables[kept++] = tables[i];
    *n = kept;
}

/* A row found alone at a page's top (pages/table.c) is the end of a
 * table carried over; but one that prints only headings ("Dec-24 |
 * Mar-25 | Jun-25", a chart's axis) holds no data and is no table. (A
 * lone row on a document's first page can be a table: a work programme's
 * dates in a row of boxes.) */
static bool headings_only(const ap_table *t)
{
    for (size_t c = 0; c < t->ncols; c++) {
        const char *text = ap_table_text(t, 0, c);
        if (*text && ap_column_role_of(text) == AP_ROLE_NONE)
            return false;
    }
    return true;
}

/* A measure's block of labels and values (segment/measures.c) is the
 * measure, not a table: tables lying across one are dropped. */
static void drop_measure_blocks(const ap_measure *measures, size_t nmeasures,
                                ap_table **tables, size_t *n)
{
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        bool within = false;
        for (size_t k = 0; k < nmeasures && !within; k++)
            within = ap_bbox_overlaps(tables[i]->bbox, measures[k].bbox);
        if (within)
            ap_table_free(tables[i]);
        else
            tables[kept++] = tables[i];
    }
    *n = kept;
}

/* The tables of page p: from its text, under its drawn rules where it
 * draws some, with the marks of their empty cells (*marks: one array a
 * table). Reading the drawing costs little beside reading the text (the
 * shapes came with it), so every page with a table is read with it: a
 * grid decides rows and columns the text leaves in doubt, and finds the
 * tables whose text alone does not look like one. */
static ap_table **page_tables(const ap_pack *pack, size_t p, const ap_rows *rows,
                              GHashTable *vocab, const ap_measure *measures,
                              size_t nmeasures, size_t *n, GArray ***marks)
{
    const ap_page *page = &pack->doc->pages[p];
    ap_rulings rulings = {0};
    ap_drawn_rulings(page, &rulings);
    ap_table **tables = ap_tables_find(rows, vocab, rulings.nvertical ? &rulings : NULL, n);
    ap_rulings_clear(&rulings);
    drop_cover_blocks(pack, p, tables, n);
    drop_measure_blocks(measures, nmeasures, tables, n);
    picture pic = {.doc = pack->doc, .page = p};
    *marks = g_new0(GArray *, *n + 1);
    for (size_t i = 0; i < *n; i++)
        (*marks)[i] = table_marks(tables[i], page, &pic);
    ap_page_image_free(pic.render);
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

/* The pack's tables and measure blocks, page by page. */
static void find_grids(const ap_pack *pack, ap_grids **grids_out, ap_measures **measures_out)
{
    GPtrArray *found = g_ptr_array_new();
    GArray *measures = g_array_new(FALSE, FALSE, sizeof(ap_measure));
    GHashTable *vocab = ap_vocabulary_new(pack->doc);
    open_table prev = {0};
    for (size_t p = 0; p < pack->doc->npages; p++) {
        const ap_page *page = &pack->doc->pages[p];
        const ap_rows *front = ap_pack_rows(pack, p);
        ap_rows *own = front ? NULL : ap_rows_build(page);
        const ap_rows *rows = front ? front : own;
        size_t n, kept = 0, first_measure = measures->len;
        ap_measures_find(rows, measures);
        for (guint k = first_measure; k < measures->len; k++) {
            ap_measure *m = &g_array_index(measures, ap_measure, k);
            m->page = p;
            m->item = ap_pack_page_item(pack, p);
        }
        GArray **marks;
        size_t nmeasures = measures->len - first_measure;
        const ap_measure *page_measures =
            nmeasures ? &g_array_index(measures, ap_measure, first_measure) : NULL;
        ap_table **tables = page_tables(pack, p, rows, vocab, page_measures, nmeasures, &n,
                                        &marks);
        for (size_t i = 0; i < n; i++) {
            const ap_table *t = tables[i];
            const GArray *tm = marks ? marks[i] : NULL;
            if (i == 0 && prev.b && prev.near_bottom &&
                t->bbox.y0 <= page->height * TOP_SHARE && columns_match(&prev, t)) {
                carry_over_lines(&prev, rows, t, p);
                join(&prev, t, tm, p);
                kept++;
                if (n == 1)
                    prev.near_bottom = t->bbox.y1 >= page->height * BOTTOM_SHARE;
                continue;
            }
            if (t->nrows < 2 && headings_only(t))
                continue;
            building *b = new_grid(t, tm, ap_pack_page_item(pack, p), p);
            g_ptr_array_add(found, b);
            keep_open(&prev, b, t, page);
            kept++;
        }
        if (!kept)
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
    *grids_out = grids;
    *measures_out = g_new0(ap_measures, 1);
    (*measures_out)->n = measures->len;
    (*measures_out)->list = (ap_measure *)(void *)g_array_free(measures, FALSE);
}

const ap_grids *ap_pack_tables(const ap_pack *pack)
{
    /* computed on first asking, kept with the pack (pack->cache is the
     * pack's own memo: reading the pack does not change what it says) */
    if (!pack->cache->grids)
        find_grids(pack, &pack->cache->grids, &pack->cache->measures);
    return pack->cache->grids;
}

const ap_measures *ap_pack_measures(const ap_pack *pack)
{
    ap_pack_tables(pack);
    return pack->cache->measures;
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
