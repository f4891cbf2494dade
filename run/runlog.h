/*
 * runlog.h: a batch's log, OUTDIR/files/SHA256.json, one entry per input
 * content: its path, size and time, status (converted, no-record,
 * failed), error, pages, pages rendered, seconds, the worker's pid, and
 * the records it gave, each with the SHA-256 of its bytes. An entry is
 * written last, once its records are: a content is done once its entry
 * exists and every record it lists is on disk as written.
 */
#ifndef AP_RUNLOG_H
#define AP_RUNLOG_H

#include <stdbool.h>
#include <sys/types.h>

#include <cjson/cJSON.h>
#include <glib.h>

#include "agendapack.h"
#include "core/json_files.h"

/* An entry (cJSON_Delete it). records: [{file, sha256}] or NULL. */
cJSON *ap_log_entry_new(const char *file, const char *sha, const char *status,
                        const char *error, int pages, int rendered, double seconds,
                        pid_t worker, const cJSON *records);
bool ap_log_entry_write(const char *outdir, const char *sha, const cJSON *entry,
                        ap_error *err);
/* Whether two entries say the same of their file (status, error, records):
 * an entry that would say again what it says is not written again. */
bool ap_log_entry_same(const cJSON *a, const cJSON *b);
/* A finished file counted in t from its log entry: done, failed, and
 * skipped (when it was not converted by this run) or its pages,
 * converted and no-data. */
void ap_log_entry_count(ap_batch_totals *t, const cJSON *entry, bool skipped);

/* The log as it stood when the run began, read once: each entry by
 * content hash (owning it) and by path. */
typedef struct ap_log_index {
    GHashTable *by_sha, *by_path;
} ap_log_index;

/* damaged is told of an entry that is not taken: its log file or one of
 * its records is damaged or missing (why says which); its content is then
 * converted again as if never logged. */
void ap_log_index_read(const char *outdir, ap_log_index *log, ap_notice_fn damaged,
                       void *ctx);
void ap_log_index_clear(ap_log_index *log);

/* The file's content hash: the log's when the file has the size and time
 * it had then, else read and hashed. */
char *ap_log_content_hash(const ap_log_index *log, const char *file, ap_error *err);

/* Where each content the log holds was read from: SHA-256 -> path (a
 * new table; g_hash_table_destroy it). A damaged entry is left out. */
GHashTable *ap_log_paths(const char *outdir);

/* The contents the log holds: their hashes, sorted, comma-joined. */
char *ap_log_hashes(const char *outdir);

#endif
