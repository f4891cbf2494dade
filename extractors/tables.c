/*
 * tables.c: every table of the pack, as the segment stage found it
 * (segment/tables.c): the agenda item and PDF page it sits on, its rows
 * of cell strings with the evidence of each (its page and box, so a
 * reader can check a figure against the page), whether it carries on from
 * the page before, and the marks of its cells that print no text (a fill
 * or a drawn arrow).
 */
#include <glib.h>

#include "extractors/extractor.h"
#include "core/page_model.h"
#include "segment/tables.h"

static cJSON *row_json(const ap_grid_row *row)
{
    cJSON *o = cJSON_CreateArray();
    for (size_t c = 0; c < row->ncells; c++)
        cJSON_AddItemToArray(o, cJSON_CreateString(row->cells[c]));
    return o;
}

/* A row's evidence: its page, the box round its cells, its cells' text. */
static cJSON *row_evidence(const ap_doc *doc, const ap_grid_row *row)
{
    ap_bbox box = {0};
    bool any = false;
    for (size_t c = 0; c < row->ncells; c++)
        if (*row->cells[c]) {
            box = any ? ap_bbox_union(box, row->boxes[c]) : row->boxes[c];
            any = true;
        }
    char *text = ap_grid_row_text(row);
    cJSON *e = ap_evidence_json(doc, row->page, any ? &box : NULL, text);
    g_free(text);
    return e;
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

static cJSON *table_json(const ap_doc *doc, const ap_grid *t)
{
    cJSON *o = cJSON_CreateObject();
    ap_json_set_text(o, "item", t->item);
    cJSON_AddNumberToObject(o, "pdf_page", (double)t->page + 1);
    cJSON *rows = cJSON_AddArrayToObject(o, "rows");
    for (size_t r = 0; r < t->nrows; r++)
        cJSON_AddItemToArray(rows, row_json(&t->rows[r]));
    cJSON *evidence = cJSON_AddArrayToObject(o, "evidence");
    for (size_t r = 0; r < t->nrows; r++)
        cJSON_AddItemToArray(evidence, row_evidence(doc, &t->rows[r]));
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
        cJSON_AddItemToArray(list, table_json(pack->doc, &tables->grids[i]));
}

const ap_extractor ap_extract_tables = {
    .name = "tables",
    .fields = (const char *const[]){"tables", NULL},
    .run = extract_tables,
    .costly = true,
};
