/*
 * documents.c: the pack's documents as the segment stage cut them
 * (segment/documents.c): item, kind, title, printed and PDF pages, and the
 * report cover sheet's fields.
 */
#include "extractors/extractor.h"
#include "core/page_model.h"

static cJSON *cover_json(const ap_document *d)
{
    if (!d->cover)
        return cJSON_CreateNull();
    cJSON *cover = cJSON_CreateObject();
    for (size_t i = 0; i < d->cover->n; i++)
        ap_json_set_text(cover, d->cover->fields[i].key, d->cover->fields[i].value);
    return cover;
}

static cJSON *document_json(const ap_doc *doc, const ap_document *d)
{
    const ap_page *fp = &doc->pages[d->first], *lp = &doc->pages[d->last];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "item", d->item);
    cJSON_AddStringToObject(o, "kind", d->kind);
    ap_json_set_text(o, "title", d->title);
    ap_json_set_page(o, "page_start", fp->printed_page);
    ap_json_set_page(o, "page_end", lp->printed_page);
    cJSON_AddNumberToObject(o, "pdf_page_start", fp->pdf_page);
    cJSON_AddNumberToObject(o, "pdf_page_end", lp->pdf_page);
    cJSON_AddItemToObject(o, "cover", cover_json(d));
    return o;
}

static void extract_documents(const ap_pack *pack, cJSON *meeting)
{
    cJSON *docs = cJSON_GetObjectItemCaseSensitive(meeting, "documents");
    for (size_t i = 0; i < pack->ndocuments; i++)
        cJSON_AddItemToArray(docs, document_json(pack->doc, &pack->documents[i]));
}

const ap_extractor ap_extract_documents = {
    .name = "documents",
    .fields = (const char *const[]){"documents", NULL},
    .run = extract_documents,
};
