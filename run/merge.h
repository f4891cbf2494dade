/* merge.h: records of one meeting merged into one (merge.c). */
#ifndef AP_MERGE_H
#define AP_MERGE_H

#include <cjson/cJSON.h>
#include <glib.h>

/* One record from a group of records of one meeting id (cJSON
 * values), whatever their order: the group is sorted (the full pack
 * before a supplement, agendas before minutes, then by content hash) and
 * merged; the result is new (cJSON_Delete it). */
cJSON *ap_merge_records(GPtrArray *group);

#endif
