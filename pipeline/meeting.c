/*
 * meeting.c: the meeting record a pack yields, as the contract shapes it.
 *
 * The record starts with every contract field present and empty (null
 * scalars, empty lists), carries the source file and the page model's
 * warnings, and is then filled by the registered extractors, which read
 * the pack as the segment stage cut it. The id is made last, from what
 * they found. A document without an agenda (a lone report, a set of
 * minutes: later issues read those) or without a committee and date gives
 * no record; the reason goes to the caller as a notice.
 */
#include <stdarg.h>
#include <string.h>

#include <glib.h>

#include "extractors/extractor.h"
#include "pipeline/normalise.h"
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

void ap_json_set_page(cJSON *o, const char *key, int page)
{
    if (page > 0)
        cJSON_AddNumberToObject(o, key, page);
    else
        cJSON_AddNullToObject(o, key);
}

void ap_json_set_text(cJSON *o, const char *key, const char *text)
{
    if (text)
        cJSON_AddStringToObject(o, key, text);
    else
        cJSON_AddNullToObject(o, key);
}

cJSON *ap_evidence_json(const ap_doc *doc, size_t page, const ap_bbox *bbox,
                        const char *text)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddNumberToObject(e, "pdf_page", (double)page + 1);
    ap_json_set_page(e, "page", doc->pages[page].printed_page);
    if (bbox) {
        const double v[4] = {bbox->x0, bbox->y0, bbox->x1, bbox->y1};
        cJSON *b = cJSON_AddArrayToObject(e, "bbox");
        for (int i = 0; i < 4; i++)
            cJSON_AddItemToArray(b, cJSON_CreateNumber((double)(long)(v[i] * 100 + 0.5) / 100));
    } else {
        cJSON_AddNullToObject(e, "bbox");
    }
    cJSON_AddStringToObject(e, "text", text);
    return e;
}

static bool doc_has_furniture(const ap_doc *doc, ap_furniture_kind kind)
{
    for (size_t p = 0; p < doc->npages; p++)
        for (size_t i = 0; i < doc->pages[p].nfurniture; i++)
            if (doc->pages[p].furniture[i].kind == kind)
                return true;
    return false;
}

static cJSON *source_json(const ap_doc *doc, bool supplement)
{
    cJSON *s = cJSON_CreateObject();
    char *base = g_path_get_basename(doc->path);
    cJSON_AddStringToObject(s, "file", base);
    g_free(base);
    cJSON_AddStringToObject(s, "sha256", doc->sha256);
    cJSON_AddNumberToObject(s, "pdf_pages", (double)doc->npages);
    bool pack = doc_has_furniture(doc, AP_FURN_PACK_STAMP) ||
                doc_has_furniture(doc, AP_FURN_ITEM_STAMP);
    cJSON_AddStringToObject(s, "role", supplement ? "supplement"
                                       : pack     ? "agenda_pack"
                                                  : "other");
    return s;
}

static cJSON *empty_record(const ap_doc *doc)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "schema", AP_SCHEMA_ID);
    cJSON_AddStringToObject(m, "id", "");     /* set by set_id() */
    static const char *const nulls[] = {"council", "committee", "date",
                                        "start_time", "venue", NULL};
    for (const char *const *k = nulls; *k; k++)
        cJSON_AddNullToObject(m, *k);
    cJSON_AddStringToObject(m, "status", "agenda");
    cJSON_AddFalseToObject(m, "supplement");
    cJSON_AddArrayToObject(m, "sources");
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

static const char *string_field(const cJSON *m, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The council's slug without the kind of council, so "Tameside", printed
 * in one pack, and "Tameside Council", inferred in the next, file the same
 * meeting under one id: "tameside". */
static char *council_slug(const char *council)
{
    static const char *const kinds[] = {"council", "borough", "county",
                                        "city", "district", "metropolitan",
                                        NULL};
    char *slug = ap_slug(council);
    for (bool cut = true; cut;) {
        cut = false;
        char *dash = strrchr(slug, '-');
        for (const char *const *k = kinds; dash && *k; k++)
            if (strcmp(dash + 1, *k) == 0) {
                *dash = '\0';
                cut = true;
                break;
            }
    }
    return slug;
}

/* council-slug/committee-slug/date: a record has a committee and a date,
 * or it is not written (no_record_reason). */
static void set_id(cJSON *m)
{
    const char *council = string_field(m, "council");
    char *cs = council ? council_slug(council) : g_strdup("unknown");
    char *ms = ap_slug(string_field(m, "committee"));
    char *id = g_strdup_printf("%s/%s/%s", cs, ms, string_field(m, "date"));
    cJSON_ReplaceItemInObjectCaseSensitive(m, "id", cJSON_CreateString(id));
    g_free(id);
    g_free(ms);
    g_free(cs);
}

static void finish_record(cJSON *m, const ap_pack *pack)
{
    for (size_t i = 0; i < pack->nwarnings; i++)
        ap_meeting_warn(m, "%s", pack->warnings[i]);
    bool supplement = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "supplement"));
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(m, "sources"),
                         source_json(pack->doc, supplement));
    set_id(m);
}

/* Why a document gives no record, or NULL when it gives one. */
static const char *no_record_reason(const ap_pack *pack, const cJSON *m)
{
    if (pack->minutes_only)
        return "a set of minutes, not an agenda: no meeting record written";
    if (!pack->nitems)
        return "no agenda found (not a frontsheet or agenda pack): no meeting "
               "record written";
    if (!string_field(m, "committee"))
        return "no committee name found on the frontsheet: no meeting record "
               "written";
    if (!string_field(m, "date"))
        return "no meeting date found on the frontsheet: no meeting record "
               "written";
    return NULL;
}

cJSON *ap_meeting_build(const ap_doc *doc, char **notice, ap_error *err)
{
    (void)err;  /* extractors warn, they do not fail; kept for later stages */
    ap_pack *pack = ap_pack_segment(doc);
    cJSON *record = empty_record(doc);
    for (const ap_extractor *const *x = ap_extractors; *x; x++)
        (*x)->run(pack, record);
    cJSON *records = cJSON_CreateArray();
    const char *why = no_record_reason(pack, record);
    if (why) {
        if (notice)
            *notice = g_strdup(why);
        cJSON_Delete(record);
    } else {
        finish_record(record, pack);
        cJSON_AddItemToArray(records, record);
    }
    ap_pack_free(pack);
    return records;
}
