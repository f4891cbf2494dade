/*
 * tables.c: every table of the pack, frontsheet included, rebuilt from
 * positioned text by pipeline/table.c, as rows of cell strings with the
 * agenda item and PDF page they sit on.
 */
#include <glib.h>

#include "extractors/extractor.h"
#include "pipeline/table.h"

static cJSON *table_json(const ap_table *t, const char *item, size_t page)
{
    cJSON *o = cJSON_CreateObject();
    ap_json_set_text(o, "item", item);
    cJSON_AddNumberToObject(o, "pdf_page", (double)page + 1);
    cJSON *rows = cJSON_AddArrayToObject(o, "rows");
    for (size_t r = 0; r < t->nrows; r++) {
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
        cJSON_AddItemToArray(rows, row);
    }
    cJSON_AddFalseToObject(o, "continued");
    return o;
}

static void extract_tables(const ap_pack *pack, cJSON *meeting)
{
    cJSON *list = cJSON_GetObjectItemCaseSensitive(meeting, "tables");
    GHashTable *vocab = ap_vocabulary_new(pack->doc);
    for (size_t p = 0; p < pack->doc->npages; p++) {
        const ap_rows *front = ap_pack_rows(pack, p);
        ap_rows *own = front ? NULL : ap_rows_build(&pack->doc->pages[p]);
        size_t n;
        ap_table **tables = ap_tables_find(front ? front : own, vocab, &n);
        for (size_t i = 0; i < n; i++)
            cJSON_AddItemToArray(list, table_json(tables[i], ap_pack_page_item(pack, p), p));
        ap_tables_free(tables, n);
        ap_rows_free(own);
    }
    g_hash_table_unref(vocab);
}

const ap_extractor ap_extract_tables = {
    .name = "tables",
    .run = extract_tables,
};
