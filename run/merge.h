/* merge.h: records of one meeting merged into one (merge.c). */
#ifndef AP_MERGE_H
#define AP_MERGE_H

#include <cjson/cJSON.h>
#include <glib.h>

#include "agendapack.h"
#include "core/json_files.h"

/* One record from a group of records of one meeting id (cJSON
 * values), whatever their order: the group is sorted (the full pack
 * before a supplement, agendas before minutes, then by content hash) and
 * merged; the result is new (cJSON_Delete it). */
cJSON *ap_merge_records(GPtrArray *group);

/* Told of each merged meeting, and each unplaced document record,
 * checked against its schema, with the text it is written as; false (err
 * set) stops the merge. */
typedef bool (*ap_meeting_fn)(const cJSON *record, const char *text, void *ctx,
                              ap_error *err);

typedef struct ap_merge_counts {
    size_t meetings;        /* merged meeting records */
    size_t linked;          /* documents published on their own, in them */
    size_t unplaced;        /* unplaced document records */
} ap_merge_counts;

/* One record per meeting across files: every record under OUTDIR/records
 * merged by id and handed to emit, whatever order they were converted in;
 * then each unplaced document record. A damaged record is left out and
 * passed to damaged. */
bool ap_merge_meetings(const char *outdir, ap_notice_fn damaged, void *damaged_ctx,
                       ap_meeting_fn emit, void *emit_ctx, ap_merge_counts *counts,
                       ap_error *err);

#endif
