/*
 * documents.c: the pack's documents, from the page model.
 *
 * An agenda item's pages (from its stamp to the next) hold one or more
 * documents. Committee systems pad each document to start on an odd page,
 * so a blank padding page ends a document. Each stretch of non-blank pages
 * becomes a document with its printed and PDF page span; its title is the
 * largest type in the top part of its first page, where reports, slides and
 * appendices put theirs. Telling report from slides from scorecard, and
 * reading report cover sheets, belongs to the agenda issue; until then every
 * document is of kind "other".
 */
#include <glib.h>

#include "extractors/extractor.h"
#include "pipeline/page_model.h"

/* A document's title sits in the top 40% of its first page. */
#define TITLE_ZONE 0.4

static const ap_line *title_line(const ap_page *page)
{
    const ap_line *best = NULL;
    double best_size = 0;
    for (size_t i = 0; i < page->nlines; i++) {
        const ap_line *line = &page->lines[i];
        const ap_span *span = ap_line_main_span(line);
        if (!span || line->bbox.y0 > page->height * TITLE_ZONE)
            continue;
        /* strictly larger wins, so among equals the first in reading order */
        if (span->size > best_size + 0.1) {
            best = line;
            best_size = span->size;
        }
    }
    return best;
}

static void add_page_or_null(cJSON *o, const char *key, int page)
{
    if (page > 0)
        cJSON_AddNumberToObject(o, key, page);
    else
        cJSON_AddNullToObject(o, key);
}

static cJSON *document_json(const char *item, const ap_page *first,
                            const ap_page *last)
{
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "item", item);
    cJSON_AddStringToObject(d, "kind", "other");
    const ap_line *title = title_line(first);
    if (title)
        cJSON_AddStringToObject(d, "title", title->text);
    else
        cJSON_AddNullToObject(d, "title");
    add_page_or_null(d, "page_start", first->printed_page);
    add_page_or_null(d, "page_end", last->printed_page);
    cJSON_AddNumberToObject(d, "pdf_page_start", first->pdf_page);
    cJSON_AddNumberToObject(d, "pdf_page_end", last->pdf_page);
    cJSON_AddNullToObject(d, "cover");
    return d;
}

/* The item a page belongs to: its stamp, else the item whose PDF span,
 * read from the frontsheet's page ranges, holds it. */
static const char *page_item(const ap_pack *pack, size_t p)
{
    if (pack->doc->pages[p].agenda_item)
        return pack->doc->pages[p].agenda_item;
    for (size_t i = 0; i < pack->nitems; i++)
        if (pack->items[i].pdf_start && (int)p + 1 >= pack->items[i].pdf_start &&
            (int)p + 1 <= pack->items[i].pdf_end)
            return pack->items[i].number;
    return NULL;
}

static void extract_documents(const ap_pack *pack, cJSON *meeting)
{
    const ap_doc *doc = pack->doc;
    cJSON *docs = cJSON_GetObjectItemCaseSensitive(meeting, "documents");
    const ap_page *first = NULL, *last = NULL;
    const char *item = NULL;
    for (size_t p = pack->front_pages; p < doc->npages; p++) {
        const ap_page *page = &doc->pages[p];
        const char *this_item = page_item(pack, p);
        if (first && (page->blank || g_strcmp0(item, this_item) != 0)) {
            cJSON_AddItemToArray(docs, document_json(item, first, last));
            first = NULL;
        }
        if (!first && this_item && !page->blank) {
            first = page;
            item = this_item;
        }
        if (first)
            last = page;
    }
    if (first)
        cJSON_AddItemToArray(docs, document_json(item, first, last));
}

const ap_extractor ap_extract_documents = {
    .name = "documents",
    .run = extract_documents,
};
