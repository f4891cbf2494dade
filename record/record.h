/*
 * record.h: the meeting record (record.c): built empty, filled by the
 * extractors, finished with its source and id; helpers for the values
 * they write.
 */
#ifndef AP_RECORD_H
#define AP_RECORD_H

#include <cjson/cJSON.h>

#include "agendapack.h"
#include "segment/segment.h"
#include "core/page_model.h"

/* The file a record of meeting id is written to: the id with "/" as "__",
 * then ".json"; an unplaced document's "document/HASH", "HASH.json" (in a
 * folder of its own). g_free it. */
char *ap_record_file_name(const char *id);
/* An unplaced document record's id: this, then its file's hash. */
#define AP_UNPLACED_ID_PREFIX "document/"
/* Whether record is an unplaced document's (not a meeting's). */
bool ap_record_unplaced(const cJSON *record);

/* A record with every contract field empty, of the given status. */
cJSON *ap_record_new(const char *status);

/* The pack's source and the id, made from the committee and date found. */
void ap_record_finish(cJSON *m, const ap_pack *pack);
/* The id, made again from the record's council, committee and date. */
void ap_record_set_id(cJSON *m);
/* The parts of an id: a council's slug without the kind of council
 * ("Kent County Council", "KENT" -> "kent"), a committee's ("Full
 * Council", "County Council" -> "council"). g_free them. */
char *ap_council_slug(const char *council);
char *ap_committee_slug(const char *committee);
/* The page model's and the segment stage's warnings go on the pack's own
 * record, where the pages they name are read. */
void ap_record_add_pack_warnings(cJSON *m, const ap_pack *pack);

/* Why the pack's own record, as filled so far, will not be written (no
 * agenda, committee or date), or NULL: costly extractors skip such packs. */
const char *ap_no_record_reason(const ap_pack *pack, const cJSON *meeting);

/* Appends a warning to the record's "warnings" array. */
void ap_meeting_warn(cJSON *meeting, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Sets a field the record has (replaces its empty value): text, or null. */
void ap_record_set_text(cJSON *record, const char *key, const char *text);

/* Values as the record writes them, into objects being built. */
void ap_json_set_page(cJSON *o, const char *key, int page);  /* 0: null */
void ap_json_set_text(cJSON *o, const char *key, const char *text);
cJSON *ap_evidence_json(const ap_doc *doc, size_t page, const ap_bbox *bbox,
                        const char *text);
/* {file, sha256}: the file something was read from. */
cJSON *ap_file_json(const ap_doc *doc);

/* A documents pack's record whose meeting is not known, turned into an
 * unplaced document record (schemas/document.schema.json): its documents,
 * tables, indicators and warnings, what it printed towards a meeting, its
 * source and id. m is consumed. */
cJSON *ap_unplaced_record(cJSON *m, const ap_pack *pack);
/* The other way, once a batch has tied the document to a meeting
 * (run/link.c): a documents record of that meeting (its id, council,
 * committee and date) holding d's sources, documents, tables, indicators
 * and warnings. d is consumed. */
cJSON *ap_record_placed(cJSON *d, const cJSON *meeting);

#endif
