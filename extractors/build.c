/*
 * build.c: a document's meeting records: the pack segmented, every
 * registered extractor run over it (extractors/registry.c), the records
 * finished (record/record.c). A document without an agenda (a lone
 * report, a set of minutes none of which could be read) or without a
 * committee and date gives no record of its own; the reason goes to the
 * caller as a notice.
 */
#include <string.h>

#include <glib.h>

#include "core/json_fields.h"
#include "extractors/extractor.h"
#include "core/page_model.h"

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
    ap_record_add_pack_warnings(record, pack);
    for (const ap_extractor *const *x = ap_extractors; *x; x++)
        if ((*x)->run && !((*x)->costly && ap_no_record_reason(pack, record)))
            (*x)->run(pack, record);
    cJSON *more = cJSON_CreateArray();
    for (const ap_extractor *const *x = ap_extractors; *x; x++)
        if ((*x)->more)
            (*x)->more(pack, more);

    cJSON *records = cJSON_CreateArray();
    const char *why = ap_no_record_reason(pack, record);
    if (why) {
        cJSON_Delete(record);
    } else {
        ap_record_finish(record, pack);
        cJSON_AddItemToArray(records, record);
    }
    cJSON *m;
    while ((m = cJSON_DetachItemFromArray(more, 0))) {
        if (!complete(m)) {
            cJSON_Delete(m);
            continue;
        }
        ap_record_finish(m, pack);
        cJSON_AddItemToArray(records, m);
    }
    cJSON_Delete(more);
    number_repeated_ids(records);
    if (why && notice && cJSON_GetArraySize(records) == 0)
        *notice = g_strdup(why);
    ap_pack_free(pack);
    return records;
}
