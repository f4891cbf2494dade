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

/* Where the merge hands what it makes (run/rebuild.c). */
typedef struct ap_merge_target {
    /* Whether the record of this id, as last built from records of this
     * digest, is kept as it is: not merged, checked nor emitted. NULL:
     * every record is made. */
    bool (*keep)(const char *id, const char *digest, void *ctx);
    /* Each merged meeting, and each unplaced document record, checked
     * against its schema, with the text it is written as and the digest
     * of what it was made from; false (err set) stops the merge. */
    bool (*emit)(const cJSON *record, const char *text, const char *digest, void *ctx,
                 ap_error *err);
    void *ctx;
} ap_merge_target;

/* One record per meeting across files: every record under OUTDIR/records
 * merged by id, whatever order they were converted in, and handed to the
 * target in the order of the records' file names, each unplaced document
 * record too. A damaged record is left out and passed to damaged.
 *
 * A record is a function of its digest: the SHA-256 of this program's
 * merge version and of the records of its id as the merge reads them
 * (after the councils are reconciled and documents linked across the
 * batch), in the order merged. A record whose digest is the one it was
 * last built from need not be made again. */
bool ap_merge_meetings(const char *outdir, ap_notice_fn damaged, void *damaged_ctx,
                       const ap_merge_target *to, ap_error *err);

#endif
