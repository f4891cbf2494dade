/*
 * batch.c: many PDFs converted by worker processes, resumably.
 *
 * The supervisor walks the inputs (inputs.c), hashes each file, skips a
 * content its log (runlog.c) holds, and hands the rest to a pool of
 * workers (pool.c) forked from it, largest files first. A worker converts
 * its file into OUTDIR/records/SHA256/ and answers with what the log
 * entry is to say; the supervisor writes the entry, the one writer of the
 * log. Files are known by the SHA-256 of their bytes, so a renamed file
 * is not converted again. A worker killed mid-file leaves no entry, so
 * the next run converts that file again; a file that failed is tried
 * again unless told not to. At the end the records are merged into one
 * record per meeting and the store is rebuilt (rebuild.c), unless the run
 * changed nothing.
 *
 * An error writing OUTDIR (a full disk, a read-only folder) is not the
 * input's fault and would be every later file's too: the run stops
 * handing out files, lets the workers finish, and fails with the path
 * and the reason. A rerun once there is room converts what is missing.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core/sha256.h"
#include "agendapack.h"
#include "run/convert.h"
#include "run/inputs.h"
#include "core/json_fields.h"
#include "core/json_files.h"
#include "run/outdir.h"
#include "run/pool.h"
#include "run/rebuild.h"
#include "run/runlog.h"
#include "record/schema.h"
#include "record/record.h"
#include "core/error.h"

/* A worker retires after this many files, so that what a long life leaves
 * fragmented in its heap does not count against later files. */
#define WORKER_FILES 64

typedef struct run {
    const ap_batch_options *o;
    ap_batch_totals *t;
    GPtrArray *files;
    ap_log_index log;
    GHashTable *seen;       /* content hash -> the first file with it */
    bool changed;           /* a log entry was written */
    bool stopped;           /* OUTDIR could not be written: err says why */
    ap_error err;
} run;

static void report(run *r, const char *file, const char *status, const char *reason)
{
    if (r->o->report)
        r->o->report(r->t, file, status, reason, r->o->report_ctx);
}

static void on_damaged(const char *path, const char *why, void *ctx)
{
    run *r = ctx;
    char *what = g_strdup_printf("%s; its file is converted again when given", why);
    report(r, path, "warning", what);
    g_free(what);
}

/* ---- in a worker ------------------------------------------------------------ */

/* The records written into dir, each with the hash of its bytes, for the
 * log; false (err: the path and why) when OUTDIR cannot take them. */
static bool write_records(const char *dir, const cJSON *records, cJSON *list, ap_error *err)
{
    if (!ap_real_dir(dir, err))
        return false;
    const cJSON *record;
    cJSON_ArrayForEach(record, records) {
        char *name = ap_record_file_name(ap_field_text(record, "id"));
        char *path = g_build_filename(dir, name, NULL), *text = cJSON_Print(record);
        bool ok = ap_text_file_write(path, text, err);
        if (ok) {
            cJSON *r = cJSON_CreateObject();
            cJSON_AddStringToObject(r, "file", name);
            char *sha = ap_sha256_hex(text, strlen(text));
            cJSON_AddStringToObject(r, "sha256", sha);
            g_free(sha);
            cJSON_AddItemToArray(list, r);
        }
        cJSON_free(text);
        g_free(path);
        g_free(name);
        if (!ok)
            return false;
    }
    return true;
}

/* A worker's answer: {status, error, pages, rendered, ocr_pages,
 * ocr_seconds, seconds, records},
 * or {outdir_error} when OUTDIR could not take the records. */
static char *convert_job(size_t task, const char *sha, void *ctx)
{
    run *r = ctx;
    const char *file = r->files->pdata[task];
    /* for the tests: a worker that crashes mid-file */
    const char *crash = getenv("AGENDAPACK_TEST_CRASH");
    if (crash && g_str_has_suffix(file, crash))
        abort();    /* not SIGSEGV: a sanitizer build catches that itself */
    gint64 t0 = g_get_monotonic_time();
    char *dir = ap_outdir_records_of(r->o->outdir, sha);
    ap_outdir_clear_records(dir);   /* what an earlier conversion left */
    ap_error err = {{0}};
    ap_convert_summary sum;
    cJSON *records = ap_convert_records(file, NULL, 0, sha, &sum, &err);
    cJSON *answer = cJSON_CreateObject(), *list = cJSON_CreateArray();
    ap_error out_err = {{0}};
    if (records && !write_records(dir, records, list, &out_err)) {
        cJSON_AddStringToObject(answer, "outdir_error", out_err.message);
    } else {
        cJSON_AddStringToObject(answer, "status", !records ? "failed"
                                                  : sum.notice ? "no-record" : "converted");
        cJSON_AddStringToObject(answer, "error", records ? sum.notice : err.message);
    }
    cJSON_AddNumberToObject(answer, "pages", sum.pages);
    cJSON_AddNumberToObject(answer, "rendered", sum.rendered);
    cJSON_AddNumberToObject(answer, "ocr_pages", sum.ocr_pages);
    cJSON_AddNumberToObject(answer, "ocr_seconds", sum.ocr_seconds);
    cJSON_AddNumberToObject(answer, "seconds", (double)(g_get_monotonic_time() - t0) / 1e6);
    cJSON_AddItemToObject(answer, "records", list);
    char *text = cJSON_PrintUnformatted(answer);
    cJSON_Delete(answer);
    cJSON_Delete(records);
    ap_convert_summary_clear(&sum);
    g_free(dir);
    return text;
}

/* ---- in the supervisor --------------------------------------------------------- */

/* The log entry a worker's result makes: from its answer, or, when it died,
 * a failure saying how. NULL when the answer is an OUTDIR error. */
static cJSON *entry_of(run *r, const ap_pool_result *res, const char *sha)
{
    const char *file = r->files->pdata[res->task];
    cJSON *answer = res->answer ? cJSON_Parse(res->answer) : NULL;
    const char *outdir_error = ap_field_text(answer, "outdir_error");
    if (outdir_error) {
        if (!r->stopped)
            ap_error_set(&r->err, "%s", outdir_error);
        r->stopped = true;
        cJSON_Delete(answer);
        return NULL;
    }
    const char *status = answer ? ap_field_text(answer, "status") : "failed";
    const char *error = answer ? ap_field_text(answer, "error")
                        : res->why ? res->why : "worker gave no answer";
    const cJSON *seconds = ap_field(answer, "seconds");
    cJSON *entry = ap_log_entry_new(file, sha, status ? status : "failed", error,
                                    ap_field_int(answer, "pages"), ap_field_int(answer, "rendered"),
                                    cJSON_IsNumber(seconds) ? seconds->valuedouble : 0,
                                    res->worker, ap_field(answer, "records"));
    /* only where there were any: the log of a text-layer archive stays as
     * it was */
    if (ap_field_int(answer, "ocr_pages") > 0) {
        cJSON_AddNumberToObject(entry, "ocr_pages", ap_field_int(answer, "ocr_pages"));
        cJSON_AddItemToObject(entry, "ocr_seconds",
                              cJSON_Duplicate(ap_field(answer, "ocr_seconds"), false));
    }
    cJSON_Delete(answer);
    return entry;
}

/* A file a worker is done with: logged, counted and reported. An entry
 * that would say again what it says (a file that failed before, tried
 * again, failing the same way) is not written again, unless forced: a
 * rerun that changes nothing writes nothing. */
static void finish(run *r, const ap_pool_result *res, const char *sha)
{
    const char *file = r->files->pdata[res->task];
    cJSON *entry = entry_of(r, res, sha);
    if (!entry)
        return;
    const cJSON *before = g_hash_table_lookup(r->log.by_sha, sha);
    ap_error err = {{0}};
    if (r->o->force || !(before && ap_log_entry_same(before, entry))) {
        if (!ap_log_entry_write(r->o->outdir, sha, entry, &err)) {
            if (!r->stopped)
                r->err = err;
            r->stopped = true;
            cJSON_Delete(entry);
            return;
        }
        r->changed = true;
    }
    ap_log_entry_count(r->t, entry, false);
    report(r, file, ap_field_text(entry, "status"), ap_field_text(entry, "error"));
    cJSON_Delete(entry);
}

/* Whether the file is to be converted now; reports it when not. */
static bool wanted(run *r, const char *file, const char *sha)
{
    const char *first = g_hash_table_lookup(r->seen, sha);
    if (first) {
        r->t->done++;
        r->t->skipped++;
        char *why = g_strdup_printf("same content as %s", first);
        report(r, file, "skipped", why);
        g_free(why);
        return false;
    }
    g_hash_table_insert(r->seen, g_strdup(sha), g_strdup(file));
    if (r->o->shards > 1 && ap_shard_of(sha, r->o->shards) != r->o->shard) {
        r->t->done++;
        r->t->skipped++;
        r->t->other_shards++;
        report(r, file, "skipped", "another shard's");
        return false;
    }
    const cJSON *entry = r->o->force ? NULL : g_hash_table_lookup(r->log.by_sha, sha);
    const char *status = ap_field_text(entry, "status");
    if (!entry || (r->o->retry_failed && status && !strcmp(status, "failed")))
        return true;
    ap_log_entry_count(r->t, entry, true);
    report(r, file, "skipped", ap_field_text(entry, "error"));
    return false;
}

/* The next file's content hash, taken ahead: the supervisor hashes it
 * while its workers convert, instead of leaving a worker idle while it
 * hashes. Taken once; the file's turn takes it and clears it. */
typedef struct hashed {
    bool taken;
    char *sha;              /* NULL when it could not be read: err says why */
    ap_error err;
} hashed;

static void hash_next(run *r, hashed *h, const char *path)
{
    if (h->taken)
        return;
    h->taken = true;
    h->sha = r->o->force ? ap_file_sha256(path, &h->err)
                         : ap_log_content_hash(&r->log, path, &h->err);
}

/* The hashes of the files in hand, by task: a result names its task. */
static void wait_one(run *r, ap_pool *pool, char **in_hand)
{
    ap_pool_result res;
    if (!ap_pool_wait(pool, &res))
        return;
    finish(r, &res, in_hand[res.task]);
    g_clear_pointer(&in_hand[res.task], g_free);
    ap_pool_result_clear(&res);
}

static void convert_all(run *r)
{
    ap_pool_options po = {
        .workers = r->o->jobs > 0 ? r->o->jobs : 1, .timeout_s = r->o->timeout_s,
        .memory_mb = r->o->memory_mb, .tasks_per_worker = WORKER_FILES,
        .job = convert_job, .ctx = r};
    ap_pool *pool = ap_pool_new(&po);
    char **in_hand = g_new0(char *, r->files->len + 1);
    hashed ahead = {0};
    for (size_t next = 0; (next < r->files->len && !r->stopped) || ap_pool_busy(pool);) {
        if (r->stopped || next >= r->files->len || !ap_pool_has_idle(pool)) {
            if (next < r->files->len && !r->stopped)
                hash_next(r, &ahead, r->files->pdata[next]);
            wait_one(r, pool, in_hand);
            continue;
        }
        const char *file = r->files->pdata[next];
        hash_next(r, &ahead, file);
        char *sha = ahead.sha;
        ap_error ferr = ahead.err;
        ahead = (hashed){0};
        if (sha && !wanted(r, file, sha)) {
            g_free(sha);
        } else if (!sha || !ap_pool_submit(pool, next, sha, &ferr)) {
            /* unreadable, or no process to read it in: this file only */
            r->t->done++;
            r->t->failed++;
            report(r, file, "failed", ferr.message);
            g_free(sha);
        } else {
            in_hand[next] = sha;
        }
        next++;
    }
    g_free(ahead.sha);
    r->t->peak_kb = ap_pool_free(pool);
    g_free(in_hand);
}

unsigned ap_shard_of(const char *sha256, unsigned n)
{
    guint32 head = 0;
    for (int i = 0; i < 8 && g_ascii_isxdigit(sha256[i]); i++)
        head = head << 4 | (guint32)g_ascii_xdigit_value(sha256[i]);
    return n ? head % n : 0;
}

bool ap_batch_run(char *const *inputs, size_t ninputs, const ap_batch_options *o,
                  ap_batch_totals *t, ap_error *err)
{
    *t = (ap_batch_totals){0};
    int lock;
    if (!ap_outdir_prepare(o->outdir, &lock, err))
        return false;
    /* workers convert many files each: the patterns they compile are
     * worth JIT-compiling; the schema is loaded once here, not once per
     * worker */
    ap_tune_for_many_files();
    ap_schema_meeting();
    run r = {.o = o, .t = t, .files = ap_inputs_collect(inputs, ninputs),
             .seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free)};
    t->total = r.files->len;
    t->started = g_get_monotonic_time();
    ap_log_index_read(o->outdir, &r.log, on_damaged, &r);
    convert_all(&r);
    bool ok = !r.stopped;
    if (r.stopped)
        *err = r.err;
    else
        ok = ap_rebuild(o->outdir,
                        o->force     ? AP_REBUILD_ALL
                        : r.changed ? AP_REBUILD_CHANGED
                                    : AP_REBUILD_IF_CHANGED,
                        t, on_damaged, &r, err);
    ap_log_index_clear(&r.log);
    g_hash_table_destroy(r.seen);
    g_ptr_array_free(r.files, TRUE);
    ap_outdir_release(lock);
    return ok;
}
