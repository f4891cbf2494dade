/*
 * page_view.c: the page model as JSON (`agendapack text --json`) and as
 * cleaned text with one header line per page (`agendapack text`), the
 * debugging views every later stage is checked with.
 */
#include <math.h>

#include <glib.h>

#include "core/page_model.h"
#include "parsers/pdf.h"
#include "pages/page_view.h"
#include "pages/furniture.h"
#include "pages/stages.h"

/* Two decimals are finer than any glyph; more only makes the JSON noisy. */
static double round2(double v) { return round(v * 100) / 100; }

static cJSON *bbox_json(ap_bbox b)
{
    double v[4] = {round2(b.x0), round2(b.y0), round2(b.x1), round2(b.y1)};
    return cJSON_CreateDoubleArray(v, 4);
}

static cJSON *span_json(const ap_line *line, const ap_span *s)
{
    cJSON *o = cJSON_CreateObject();
    char *text = g_strndup(line->text + s->start, s->len);
    cJSON_AddStringToObject(o, "text", text);
    g_free(text);
    cJSON_AddStringToObject(o, "font", s->font);
    cJSON_AddNumberToObject(o, "size", round2(s->size));
    cJSON_AddBoolToObject(o, "bold", s->bold);
    cJSON_AddBoolToObject(o, "italic", s->italic);
    return o;
}

/* Cells are listed only where a line has more than one. */
static void add_cells_json(cJSON *o, const ap_line *line)
{
    if (line->ncells < 2)
        return;
    cJSON *cells = cJSON_AddArrayToObject(o, "cells");
    for (size_t i = 0; i < line->ncells; i++) {
        const ap_cell *c = &line->cells[i];
        cJSON *co = cJSON_CreateObject();
        char *text = g_strndup(line->text + c->start, c->len);
        cJSON_AddStringToObject(co, "text", text);
        g_free(text);
        cJSON_AddItemToObject(co, "bbox", bbox_json(c->bbox));
        cJSON_AddItemToArray(cells, co);
    }
}

static cJSON *line_json(const ap_line *line)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "text", line->text);
    cJSON_AddItemToObject(o, "bbox", bbox_json(line->bbox));
    const ap_span *main = ap_line_main_span(line);
    if (main) {
        cJSON_AddStringToObject(o, "font", main->font);
        cJSON_AddNumberToObject(o, "size", round2(main->size));
        cJSON_AddBoolToObject(o, "bold", main->bold);
        cJSON_AddBoolToObject(o, "italic", main->italic);
    } else {
        cJSON_AddNullToObject(o, "font");
        cJSON_AddNullToObject(o, "size");
        cJSON_AddFalseToObject(o, "bold");
        cJSON_AddFalseToObject(o, "italic");
    }
    cJSON *spans = cJSON_AddArrayToObject(o, "spans");
    for (size_t i = 0; i < line->nspans; i++)
        cJSON_AddItemToArray(spans, span_json(line, &line->spans[i]));
    add_cells_json(o, line);
    return o;
}

static cJSON *furniture_json(const ap_furniture *f)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", ap_furniture_kind_name(f->kind));
    cJSON_AddStringToObject(o, "text", f->line.text);
    cJSON_AddItemToObject(o, "bbox", bbox_json(f->line.bbox));
    if (f->kind == AP_FURN_PAGE_NUMBER)
        cJSON_AddNumberToObject(o, "number", f->number);
    if (f->item)
        cJSON_AddStringToObject(o, "item", f->item);
    return o;
}

static cJSON *page_json(const ap_page *page)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "pdf_page", page->pdf_page);
    if (page->printed_page > 0)
        cJSON_AddNumberToObject(o, "printed_page", page->printed_page);
    else
        cJSON_AddNullToObject(o, "printed_page");
    if (page->agenda_item)
        cJSON_AddStringToObject(o, "agenda_item", page->agenda_item);
    else
        cJSON_AddNullToObject(o, "agenda_item");
    cJSON_AddBoolToObject(o, "blank", page->blank);
    if (page->ocr) {
        cJSON_AddTrueToObject(o, "ocr");
        cJSON_AddNumberToObject(o, "ocr_confidence", round(page->ocr_confidence));
    }
    cJSON_AddNumberToObject(o, "width", round2(page->width));
    cJSON_AddNumberToObject(o, "height", round2(page->height));
    cJSON *lines = cJSON_AddArrayToObject(o, "lines");
    for (size_t i = 0; i < page->nlines; i++)
        cJSON_AddItemToArray(lines, line_json(&page->lines[i]));
    cJSON *furniture = cJSON_AddArrayToObject(o, "furniture");
    for (size_t i = 0; i < page->nfurniture; i++)
        cJSON_AddItemToArray(furniture, furniture_json(&page->furniture[i]));
    return o;
}

cJSON *ap_doc_pages_json(const ap_doc *doc)
{
    cJSON *pages = cJSON_CreateArray();
    for (size_t p = 0; p < doc->npages; p++)
        cJSON_AddItemToArray(pages, page_json(&doc->pages[p]));
    return pages;
}

static void append_page_header(GString *out, const ap_page *page)
{
    g_string_append_printf(out, "=== pdf page %d", page->pdf_page);
    if (page->printed_page > 0)
        g_string_append_printf(out, ", printed page %d", page->printed_page);
    if (page->agenda_item)
        g_string_append_printf(out, ", agenda item %s", page->agenda_item);
    if (page->blank)
        g_string_append(out, ", blank");
    if (page->ocr)
        g_string_append_printf(out, ", read by OCR (confidence %.0f)", page->ocr_confidence);
    g_string_append(out, " ===\n");
}

char *ap_doc_plain_text(const ap_doc *doc)
{
    GString *out = g_string_new(NULL);
    for (size_t p = 0; p < doc->npages; p++) {
        const ap_page *page = &doc->pages[p];
        append_page_header(out, page);
        for (size_t i = 0; i < page->nlines; i++) {
            g_string_append(out, page->lines[i].text);
            g_string_append_c(out, '\n');
        }
    }
    return g_string_free(out, FALSE);
}

char *ap_page_text(const char *name, const void *data, size_t len, bool json, ap_error *err)
{
    ap_doc *doc = data ? ap_doc_open_data(name, data, len, NULL, err) : ap_doc_open(name, err);
    if (!doc)
        return NULL;
    ap_page_stages_run(doc);
    char *text;
    if (json) {
        cJSON *pages = ap_doc_pages_json(doc);
        char *printed = cJSON_PrintUnformatted(pages);
        text = g_strconcat(printed, "\n", NULL);
        cJSON_free(printed);
        cJSON_Delete(pages);
    } else {
        text = ap_doc_plain_text(doc);
    }
    ap_doc_free(doc);
    return text;
}
