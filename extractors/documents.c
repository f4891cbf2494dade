/*
 * documents.c: the pack's documents as the segment stage cut them
 * (segment/documents.c): item, kind, title, printed and PDF pages, the
 * report cover sheet's fields, the file they are in and how they are tied
 * to the record's meeting.
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

/* How a document is tied to the pack's own record: inside its pack, or
 * by the meeting its cover or a heading names; null while no meeting is
 * known. */
static const char *linked_by(const ap_pack *pack)
{
    if (pack->kind != AP_PACK_DOCUMENTS)
        return "pack";
    const ap_meeting_ref *ref = &pack->printed_for;
    return ref->committee && *ref->date ? ref->how : NULL;
}

static cJSON *document_json(const ap_pack *pack, const ap_document *d)
{
    const ap_doc *doc = pack->doc;
    const ap_page *fp = &doc->pages[d->first], *lp = &doc->pages[d->last];
    cJSON *o = cJSON_CreateObject();
    ap_json_set_text(o, "item", d->item);
    cJSON_AddStringToObject(o, "kind", d->kind);
    ap_json_set_text(o, "title", d->title);
    ap_json_set_page(o, "page_start", fp->printed_page);
    ap_json_set_page(o, "page_end", lp->printed_page);
    cJSON_AddNumberToObject(o, "pdf_page_start", fp->pdf_page);
    cJSON_AddNumberToObject(o, "pdf_page_end", lp->pdf_page);
    cJSON_AddItemToObject(o, "cover", cover_json(d));
    cJSON_AddItemToObject(o, "source", ap_file_json(doc));
    ap_json_set_text(o, "linked_by", linked_by(pack));
    const ap_references *r = &d->refs;
    ap_json_set_text(o, "label", r->label);
    cJSON_AddItemToObject(o, "headings",
                          cJSON_CreateStringArray((const char *const *)r->headings, (int)r->nheadings));
    cJSON_AddItemToObject(o, "decision_refs",
                          cJSON_CreateStringArray((const char *const *)r->decision_refs,
                                                  (int)r->ndecision_refs));
    cJSON *cites = cJSON_AddArrayToObject(o, "cites");
    for (size_t i = 0; i < r->ncites; i++) {
        cJSON *c = cJSON_CreateObject();
        cJSON_AddStringToObject(c, "label", r->cites[i].label);
        cJSON_AddStringToObject(c, "context", r->cites[i].context);
        cJSON_AddItemToArray(cites, c);
    }
    return o;
}

static void extract_documents(const ap_pack *pack, cJSON *meeting)
{
    cJSON *docs = cJSON_GetObjectItemCaseSensitive(meeting, "documents");
    for (size_t i = 0; i < pack->ndocuments; i++)
        cJSON_AddItemToArray(docs, document_json(pack, &pack->documents[i]));
}

const ap_extractor ap_extract_documents = {
    .name = "documents",
    .fields = (const char *const[]){"documents", NULL},
    .run = extract_documents,
};
