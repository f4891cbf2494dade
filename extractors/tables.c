/*
 * tables.c: every table of the pack, as the segment stage found it
 * (segment/tables.c): the agenda item and PDF page it sits on, its rows
 * of cell strings, whether it carries on from the page before, and the
 * marks of its cells that print no text (a fill or a drawn arrow).
 */
#include "extractors/extractor.h"
#include "segment/tables.h"

static cJSON *row_json(const ap_grid_row *row)
{
    cJSON *o = cJSON_CreateArray();
    for (size_t c = 0; c < row->ncells; c++)
        cJSON_AddItemToArray(o, cJSON_CreateString(row->cells[c]));
    return o;
}

static cJSON *mark_json(const ap_grid_mark *m)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "row", (double)m->row);
    cJSON_AddNumberToObject(o, "col", (double)m->col);
    ap_json_set_text(o, "fill", m->fill);
    ap_json_set_text(o, "arrow", m->arrow);
    return o;
}

static cJSON *table_json(const ap_grid *t)
{
    cJSON *o = cJSON_CreateObject();
    ap_json_set_text(o, "item", t->item);
    cJSON_AddNumberToObject(o, "pdf_page", (double)t->page + 1);
    cJSON *rows = cJSON_AddArrayToObject(o, "rows");
    for (size_t r = 0; r < t->nrows; r++)
        cJSON_AddItemToArray(rows, row_json(&t->rows[r]));
    cJSON_AddBoolToObject(o, "continued", t->continued);
    if (t->nmarks) {
        cJSON *marks = cJSON_AddArrayToObject(o, "marks");
        for (size_t i = 0; i < t->nmarks; i++)
            cJSON_AddItemToArray(marks, mark_json(&t->marks[i]));
    }
    return o;
}

static void extract_tables(const ap_pack *pack, cJSON *meeting)
{
    cJSON *list = cJSON_GetObjectItemCaseSensitive(meeting, "tables");
    const ap_grids *tables = ap_pack_tables(pack);
    for (size_t i = 0; i < tables->n; i++)
        cJSON_AddItemToArray(list, table_json(&tables->grids[i]));
}

const ap_extractor ap_extract_tables = {
    .name = "tables",
    .fields = (const char *const[]){"tables", NULL},
    .run = extract_tables,
    .costly = true,
};
