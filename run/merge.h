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

/* Told of each merged meeting, checked against the schema, with the text
 * it is written as; false (err set) stops the merge. */
typedef bool (*ap_meeting_fn)(const cJSON *meeting, const char *text, void *ctx,
                              ap_error *err);

/* One record per meeting across files: every record under OUTDIR/records
 * merged by id and handed to emit, whatever order they were converted in.
 * A damaged record is left out and passed to damaged. */
bool ap_merge_meetings(const char *outdir, ap_notice_fn damaged, void *damaged_ctx,
                       ap_meeting_fn emit, void *emit_ctx, size_t *nmeetings, ap_error *err);

#endif
