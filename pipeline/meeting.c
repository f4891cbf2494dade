/*
 * meeting.c: the meeting record a pack yields, as the contract shapes it.
 *
 * The record starts with every contract field present and empty (null
 * scalars, empty lists), carries the source file and the page model's
 * warnings, and is then filled by the registered extractors. Until the
 * agenda extractor reads the frontsheet, council, committee and date stay
 * null and the id falls back to "unknown/unknown/undated-<sha256 prefix>".
 */
#include <stdarg.h>
#include <string.h>

#include <glib.h>

#include "extractors/extractor.h"
#include "pipeline/page_model.h"

void ap_meeting_warn(cJSON *meeting, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(meeting, "warnings"),
                         cJSON_CreateString(msg));
    g_free(msg);
}

static bool doc_has_furniture(const ap_doc *doc, ap_furniture_kind kind)
{
    for (size_t p = 0; p < doc->npages; p++)
        for (size_t i = 0; i < doc->pages[p].nfurniture; i++)
            if (doc->pages[p].furniture[i].kind == kind)
                return true;
    return false;
}

static cJSON *source_json(const ap_doc *doc)
{
    cJSON *s = cJSON_CreateObject();
    char *base = g_path_get_basename(doc->path);
    cJSON_AddStringToObject(s, "file", base);
    g_free(base);
    cJSON_AddStringToObject(s, "sha256", doc->sha256);
    cJSON_AddNumberToObject(s, "pdf_pages", (double)doc->npages);
    bool pack = doc_has_furniture(doc, AP_FURN_PACK_STAMP) ||
                doc_has_furniture(doc, AP_FURN_ITEM_STAMP);
    cJSON_AddStringToObject(s, "role", pack ? "agenda_pack" : "other");
    return s;
}

static cJSON *empty_record(const ap_doc *doc)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "schema", AP_SCHEMA_ID);
    char *id = g_strdup_printf("unknown/unknown/undated-%.12s", doc->sha256);
    cJSON_AddStringToObject(m, "id", id);
    g_free(id);
    static const char *const nulls[] = {"council", "committee", "date",
                                        "start_time", "venue", NULL};
    for (const char *const *k = nulls; *k; k++)
        cJSON_AddNullToObject(m, *k);
    cJSON_AddStringToObject(m, "status", "agenda");
    cJSON_AddFalseToObject(m, "supplement");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(m, "sources"), source_json(doc));
    cJSON_AddArrayToObject(m, "agenda");
    cJSON_AddNullToObject(m, "commenced");
    cJSON_AddNullToObject(m, "terminated");
    static const char *const lists[] = {"attendance", "minutes", "documents",
                                        "tables", "indicators", "warnings", NULL};
    for (const char *const *k = lists; *k; k++)
        cJSON_AddArrayToObject(m, *k);
    for (size_t i = 0; i < doc->nwarnings; i++)
        ap_meeting_warn(m, "%s", doc->warnings[i]);
    return m;
}

cJSON *ap_meeting_build(const ap_doc *doc, ap_error *err)
{
    (void)err;  /* extractors warn, they do not fail; kept for later stages */
    cJSON *record = empty_record(doc);
    for (const ap_extractor *const *x = ap_extractors; *x; x++)
        (*x)->run(doc, record);
    cJSON *records = cJSON_CreateArray();
    cJSON_AddItemToArray(records, record);
    return records;
}
