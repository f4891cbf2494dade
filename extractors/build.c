/*
 * build.c: a PDF's records: the pack segmented, every registered
 * extractor run over it (extractors/registry.c), the records finished
 * (record/record.c). An agenda pack gives its meeting's record, and one for
 * each set of minutes it carries; printed minutes, a record for each
 * meeting they minute; documents published on their own (a report, an
 * appendix), their meeting's record when their cover names it, else an
 * unplaced document record. A frontsheet without a committee and date,
 * minutes none of which could be read, and a PDF with no text give none;
 * the reason goes to the caller as a notice.
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

/* The records of one reading of the PDF; *why (static) when its own
 * record is not written. */
static cJSON *build(ap_pack *pack, const char **why_out)
{
    cJSON *record = ap_record_new(pack->kind == AP_PACK_DOCUMENTS ? "documents" : "agenda");
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
    } else if (pack->kind == AP_PACK_DOCUMENTS && !complete(record)) {
        cJSON_AddItemToArray(records, ap_unplaced_record(record, pack));
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
    *why_out = why;
    return records;
}

cJSON *ap_meeting_build(const ap_doc *doc, char **notice, ap_error *err)
{
    (void)err;  /* extractors warn, they do not fail; kept for later stages */
    ap_pack *pack = ap_pack_segment(doc);
    const char *why = NULL;
    cJSON *records = build(pack, &why);
    if (!cJSON_GetArraySize(records) && pack->kind != AP_PACK_DOCUMENTS) {
        /* read as a frontsheet or as minutes it gave nothing (numbered
         * paragraphs with no committee or date, a list of names): read as
         * the documents it is */
        ap_pack_free(pack);
        cJSON_Delete(records);
        pack = ap_pack_segment_documents(doc);
        records = build(pack, &why);
    }
    if (why && notice && cJSON_GetArraySize(records) == 0)
        *notice = g_strdup(why);
    ap_pack_free(pack);
    return records;
}
