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
#include "pipeline/json_fields.h"
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

static cJSON *source_json(const ap_doc *doc, const char *status, bool supplement)
{
    cJSON *s = cJSON_CreateObject();
    char *base = g_path_get_basename(doc->path);
    cJSON_AddStringToObject(s, "file", base);
    g_free(base);
    cJSON_AddStringToObject(s, "sha256", doc->sha256);
    cJSON_AddNumberToObject(s, "pdf_pages", (double)doc->npages);
    bool pack = doc_has_furniture(doc, AP_FURN_PACK_STAMP) ||
                doc_has_furniture(doc, AP_FURN_ITEM_STAMP);
    bool minutes = strcmp(status, "minutes") == 0;
    cJSON_AddStringToObject(s, "role", supplement ? "supplement"
                                       : pack     ? "agenda_pack"
                                       : minutes  ? "minutes"
                                                  : "other");
    return s;
}

cJSON *ap_record_new(const char *status)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "schema", AP_SCHEMA_ID);
    cJSON_AddStringToObject(m, "id", "");     /* set by set_id() */
    static const char *const nulls[] = {"council", "committee", "date",
                                        "start_time", "venue", NULL};
    for (const char *const *k = nulls; *k; k++)
        cJSON_AddNullToObject(m, *k);
    cJSON_AddStringToObject(m, "status", status);
    cJSON_AddFalseToObject(m, "supplement");
    cJSON_AddArrayToObject(m, "sources");
    cJSON_AddArrayToObject(m, "agenda");
    cJSON_AddNullToObject(m, "commenced");
    cJSON_AddNullToObject(m, "terminated");
    static const char *const lists[] = {"attendance", "minutes", "documents",
                                        "tables", "indicators", "warnings", NULL};
    for (const char *const *k = lists; *k; k++)
        cJSON_AddArrayToObject(m, *k);
    return m;
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

/* A slug of at most MAX_SLUG bytes. The id becomes a file name
 * (council__committee__date.json, at most 2 * 80 + 19 bytes, far inside
 * the 255 a file system allows), and a name read from a damaged or
 * hostile page may be any length. A longer slug is cut at a dash and
 * given the first 8 hex digits of its SHA-256, so two long names that
 * share their first 70 bytes still give two ids. */
#define MAX_SLUG 80
#define SLUG_HASH 8

static char *bounded_slug(char *slug)
{
    if (strlen(slug) <= MAX_SLUG)
        return slug;
    char *sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, slug, -1);
    size_t keep = MAX_SLUG - SLUG_HASH - 1;
    while (keep > 1 && slug[keep] != '-')
        keep--;     /* at a word's end */
    char *cut = g_strdup_printf("%.*s-%.*s", (int)keep, slug, SLUG_HASH, sha);
    g_free(sha);
    g_free(slug);
    return cut;
}

/* council-slug/committee-slug/date: a record has a committee and a date,
 * or it is not written (ap_no_record_reason). */
static void set_id(cJSON *m)
{
    const char *council = ap_field_text(m, "council");
    char *cs = bounded_slug(council ? council_slug(council) : g_strdup("unknown"));
    char *ms = bounded_slug(ap_slug(ap_field_text(m, "committee")));
    char *id = g_strdup_printf("%s/%s/%s", cs, ms, ap_field_text(m, "date"));
    cJSON_ReplaceItemInObjectCaseSensitive(m, "id", cJSON_CreateString(id));
    g_free(id);
    g_free(ms);
    g_free(cs);
}

/* The page model's and the segment stage's warnings go on the pack's own
 * record, where the pages they name are read. */
static void add_pack_warnings(cJSON *m, const ap_pack *pack)
{
    for (size_t i = 0; i < pack->doc->nwarnings; i++)
        ap_meeting_warn(m, "%s", pack->doc->warnings[i]);
    for (size_t i = 0; i < pack->nwarnings; i++)
        ap_meeting_warn(m, "%s", pack->warnings[i]);
}

static void finish_record(cJSON *m, const ap_pack *pack)
{
    bool supplement = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "supplement"));
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(m, "sources"),
                         source_json(pack->doc, ap_field_text(m, "status"), supplement));
    set_id(m);
}

/* Why a document gives no record, or NULL when it gives one. */
const char *ap_no_record_reason(const ap_pack *pack, const cJSON *m)
{
    if (pack->minutes_only)
        return "a set of minutes, not an agenda, and none could be read: no "
               "meeting record written";
    if (!pack->nitems)
        return "no agenda found (not a frontsheet or agenda pack): no meeting "
               "record written";
    if (!ap_field_text(m, "committee"))
        return "no committee name found on the frontsheet: no meeting record "
               "written";
    if (!ap_field_text(m, "date"))
        return "no meeting date found on the frontsheet: no meeting record "
               "written";
    return NULL;
}

/* Two meetings of one committee on one day (an annual meeting, then the
 * ordinary one) would share an id and a file: the later ones get -2, -3. */
static void number_repeated_ids(cJSON *records)
{
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    cJSON *r;
    cJSON_ArrayForEach(r, records) {
        const char *id = ap_field_text(r, "id");
        guint n = GPOINTER_TO_UINT(g_hash_table_lookup(seen, id)) + 1;
        g_hash_table_insert(seen, g_strdup(id), GUINT_TO_POINTER(n));
        if (n > 1 && n < 10) {
            char *numbered = g_strdup_printf("%s-%u", id, n);
            cJSON_ReplaceItemInObjectCaseSensitive(r, "id", cJSON_CreateString(numbered));
            g_free(numbered);
        }
    }
    g_hash_table_destroy(seen);
}

/* A further record needs a committee and a date like the pack's own. */
static bool complete(const cJSON *m)
{
    return ap_field_text(m, "committee") && ap_field_text(m, "date");
}

cJSON *ap_meeting_build(const ap_doc *doc, char **notice, ap_error *err)
{
    (void)err;  /* extractors warn, they do not fail; kept for later stages */
    ap_pack *pack = ap_pack_segment(doc);
    cJSON *record = ap_record_new("agenda");
    add_pack_warnings(record, pack);
    for (const ap_extractor *const *x = ap_extractors; *x; x++)
        if ((*x)->run)
            (*x)->run(pack, record);
    cJSON *more = cJSON_CreateArray();
    for (const ap_extractor *const *x = ap_extractors; *x; x++)
        if ((*x)->more)
            (*x)->more(pack, record, more);

    cJSON *records = cJSON_CreateArray();
    const char *why = ap_no_record_reason(pack, record);
    if (why) {
        cJSON_Delete(record);
    } else {
        finish_record(record, pack);
        cJSON_AddItemToArray(records, record);
    }
    cJSON *m;
    while ((m = cJSON_DetachItemFromArray(more, 0))) {
        if (!complete(m)) {
            cJSON_Delete(m);
            continue;
        }
        finish_record(m, pack);
        cJSON_AddItemToArray(records, m);
    }
    cJSON_Delete(more);
    number_repeated_ids(records);
    if (why && notice && cJSON_GetArraySize(records) == 0)
        *notice = g_strdup(why);
    ap_pack_free(pack);
    return records;
}
