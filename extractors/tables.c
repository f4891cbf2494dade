/*
 * tables.c: every table of the pack, frontsheet included, rebuilt from
 * positioned text by pipeline/table.c, as rows of cell strings with the
 * agenda item and PDF page they sit on.
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

#include "extractors/extractor.h"
#include "pipeline/table.h"

/* Where a continued table may start and its first part must end, as
 * shares of the page height; how many of its columns must match. */
#define TOP_SHARE 0.35
#define BOTTOM_SHARE 0.6
#define COLUMN_MATCH 0.7
#define COLUMN_SLACK 6.0

/* The last table of the page before, kept to join the next page's first. */
typedef struct open_table {
    cJSON *json;            /* owned by the record */
    double *col_x;
    size_t ncols;
    bool near_bottom;
} open_table;

static cJSON *row_json(const ap_table *t, size_t r)
{
    /* column by column, "" for an empty one; two cells that share a
     * column in one row both stay, in reading order */
    cJSON *row = cJSON_CreateArray();
    const ap_table_row *tr = &t->rows[r];
    for (size_t c = 0, k = 0; c < t->ncols; c++) {
        bool any = false;
        for (; k < tr->ncells && tr->cells[k].col == c; k++, any = true)
            cJSON_AddItemToArray(row, cJSON_CreateString(tr->cells[k].text));
        if (!any)
            cJSON_AddItemToArray(row, cJSON_CreateString(""));
    }
    return row;
}

static cJSON *table_json(const ap_table *t, const char *item, size_t page)
{
    cJSON *o = cJSON_CreateObject();
    ap_json_set_text(o, "item", item);
    cJSON_AddNumberToObject(o, "pdf_page", (double)page + 1);
    cJSON *rows = cJSON_AddArrayToObject(o, "rows");
    for (size_t r = 0; r < t->nrows; r++)
        cJSON_AddItemToArray(rows, row_json(t, r));
    cJSON_AddFalseToObject(o, "continued");
    return o;
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

static bool same_row(const cJSON *a, const cJSON *b)
{
    char *x = cJSON_PrintUnformatted(a), *y = cJSON_PrintUnformatted(b);
    bool same = strcmp(x, y) == 0;
    cJSON_free(x);
    cJSON_free(y);
    return same;
}

/* Row r of t laid out in the columns of the table it continues: each
 * cell goes to the column standing where its own column stands. */
static cJSON *row_json_in(const ap_table *t, size_t r, const open_table *prev)
{
    GPtrArray *slots = g_ptr_array_new();
    for (size_t k = 0; k < prev->ncols; k++)
        g_ptr_array_add(slots, NULL);
    const ap_table_row *tr = &t->rows[r];
    size_t floor = 0;       /* cells keep their order */
    for (size_t i = 0; i < tr->ncells; i++) {
        /* the column whose stretch holds the cell's middle: numbers sit
         * centred or right in their column, not at its start */
        double mid = (tr->cells[i].bbox.x0 + tr->cells[i].bbox.x1) / 2;
        size_t best = floor;
        for (size_t k = floor; k < prev->ncols; k++)
            if (prev->col_x[k] <= mid)
                best = k;
        while (best < prev->ncols && slots->pdata[best])
            best++;             /* taken: the next column along */
        if (best >= prev->ncols) {
            g_ptr_array_add(slots, NULL);
            best = slots->len - 1;
        }
        slots->pdata[best] = g_strdup(tr->cells[i].text);
        floor = best + 1;
    }
    cJSON *row = cJSON_CreateArray();
    for (guint k = 0; k < slots->len; k++) {
        cJSON_AddItemToArray(row, cJSON_CreateString(slots->pdata[k] ? slots->pdata[k] : ""));
        g_free(slots->pdata[k]);
    }
    g_ptr_array_free(slots, TRUE);
    return row;
}

static void join(open_table *prev, const ap_table *t)
{
    cJSON *rows = cJSON_GetObjectItem(prev->json, "rows");
    const cJSON *header = cJSON_GetArrayItem(rows, 0);
    for (size_t r = 0; r < t->nrows; r++) {
        cJSON *row = row_json_in(t, r, prev);
        if (r == 0 && header && same_row(header, row)) {
            cJSON_Delete(row);      /* the header repeated */
            continue;
        }
        cJSON_AddItemToArray(rows, row);
    }
    cJSON_ReplaceItemInObjectCaseSensitive(prev->json, "continued", cJSON_CreateTrue());
}

static void keep_open(open_table *prev, cJSON *json, const ap_table *t,
                      const ap_page *page)
{
    g_free(prev->col_x);
    prev->json = json;
    prev->col_x = g_memdup2(t->col_x, t->ncols * sizeof(double));
    prev->ncols = t->ncols;
    prev->near_bottom = t->bbox.y1 >= page->height * BOTTOM_SHARE;
}

static void extract_tables(const ap_pack *pack, cJSON *meeting)
{
    cJSON *list = cJSON_GetObjectItemCaseSensitive(meeting, "tables");
    GHashTable *vocab = ap_vocabulary_new(pack->doc);
    open_table prev = {0};
    for (size_t p = 0; p < pack->doc->npages; p++) {
        const ap_page *page = &pack->doc->pages[p];
        const ap_rows *front = ap_pack_rows(pack, p);
        ap_rows *own = front ? NULL : ap_rows_build(page);
        size_t n;
        ap_table **tables = ap_tables_find(front ? front : own, vocab, &n);
        bool carried = false;
        for (size_t i = 0; i < n; i++) {
            const ap_table *t = tables[i];
            if (i == 0 && prev.json && prev.near_bottom &&
                t->bbox.y0 <= page->height * TOP_SHARE && columns_match(&prev, t)) {
                join(&prev, t);
                carried = true;
                if (n == 1)
                    prev.near_bottom = t->bbox.y1 >= page->height * BOTTOM_SHARE;
                continue;
            }
            cJSON *json = table_json(t, ap_pack_page_item(pack, p), p);
            cJSON_AddItemToArray(list, json);
            keep_open(&prev, json, t, page);
        }
        if (!n || (!carried && n == 0))
            prev.json = NULL;
        ap_tables_free(tables, n);
        ap_rows_free(own);
    }
    g_free(prev.col_x);
    g_hash_table_unref(vocab);
}

const ap_extractor ap_extract_tables = {
    .name = "tables",
    .run = extract_tables,
};
