/*
 * join.c: the OUTDIRs of several runs joined into one (`agendapack merge`),
 * the reduce step of a sharded conversion (`batch --shard K/N` on N
 * machines or jobs).
 *
 * A run's OUTDIR is its log (files/SHA.json, one entry per content) and
 * the records each entry lists (records/SHA/); the meetings and the store
 * are derived from them (rebuild.c). So the join copies each entry and
 * its records into the target, records first and the entry last (as a
 * batch writes them: an entry whose copy was cut off by a kill is missing
 * and copied again by the next join, never present without its records),
 * then rebuilds. The merge of records into meetings does not depend on the
 * order they came in (merge.c), so the meetings equal those of one batch
 * over every input.
 *
 * An entry the target holds already, byte for byte, is not copied again:
 * a join run again after one more shard finished copies only that shard's
 * entries. Where two OUTDIRs hold the same content (the same PDF given to
 * two runs), a converted entry is kept over a failed one.
 */
#include <string.h>

#include <glib.h>

#include "agendapack.h"
#include "core/files.h"
#include "core/json_fields.h"
#include "core/json_files.h"
#include "run/outdir.h"
#include "run/rebuild.h"
#include "run/runlog.h"
#include "core/error.h"

typedef struct join {
    const ap_batch_options *o;
    ap_batch_totals *t;
    const char *from;       /* the OUTDIR being read */
    GHashTable *taken;      /* sha -> whether its entry, copied in this join, failed */
    bool changed;
    ap_error *err;
    bool ok;
} join;

static void report(join *j, const char *file, const char *status, const char *reason)
{
    if (j->o->report)
        j->o->report(j->t, file, status, reason, j->o->report_ctx);
}

static void on_damaged(const char *path, const char *why, void *ctx)
{
    report(ctx, path, "warning", why);
}

static bool failed(const cJSON *entry)
{
    return !g_strcmp0(ap_field_text(entry, "status"), "failed");
}

/* The records entry lists, copied from the OUTDIR being read. */
static bool copy_records(join *j, const char *sha, const cJSON *entry)
{
    char *from = ap_outdir_records_of(j->from, sha), *to = ap_outdir_records_of(j->o->outdir, sha);
    bool ok = ap_real_dir(to, j->err);
    if (ok)
        ap_outdir_clear_records(to);
    const cJSON *r;
    cJSON_ArrayForEach(r, ap_field(entry, "records")) {
        const char *name = ap_field_text(r, "file");
        if (!ok || !name || strchr(name, '/'))
            continue;
        char *src = g_build_filename(from, name, NULL), *dst = g_build_filename(to, name, NULL);
        size_t len = 0;
        char *text = ap_read_regular_file(src, false, &len, j->err);
        if (!text)
            ap_error_prefix(j->err, "%s", src);
        ok = text && ap_text_file_write_unsynced(dst, text, j->err);
        g_free(text);
        g_free(src);
        g_free(dst);
    }
    g_free(from);
    g_free(to);
    return ok;
}

/* A log entry of the OUTDIR being read (text, its bytes): copied with
 * its records unless the target holds it already, or holds the same
 * content converted by an OUTDIR read before. */
static void take(join *j, const char *sha, const cJSON *entry, const char *text)
{
    gpointer was_failed;
    if (g_hash_table_lookup_extended(j->taken, sha, NULL, &was_failed) &&
        (!GPOINTER_TO_INT(was_failed) || failed(entry)))
        return;
    char *target = ap_outdir_log_entry(j->o->outdir, sha);
    size_t len = 0;
    ap_error ignored = {{0}};
    char *there = ap_read_regular_file(target, false, &len, &ignored);
    bool copy = !there || strcmp(there, text) != 0;
    if (copy) {
        j->ok = copy_records(j, sha, entry) && ap_text_file_write_unsynced(target, text, j->err);
        j->changed |= j->ok;
    }
    g_hash_table_replace(j->taken, g_strdup(sha), GINT_TO_POINTER(failed(entry)));
    if (j->ok) {
        j->t->total++;
        ap_log_entry_count(j->t, entry, !copy);
        report(j, ap_field_text(entry, "path"), copy ? ap_field_text(entry, "status") : "skipped",
               copy ? ap_field_text(entry, "error") : "joined before");
    }
    g_free(there);
    g_free(target);
}

static bool join_entry(cJSON *entry, const char *path, const char *text, const ap_error *err,
                       void *ctx)
{
    join *j = ctx;
    char *base = g_path_get_basename(path);
    char *sha = g_strndup(base, strlen(base) - strlen(".json"));
    if (!entry || !ap_is_sha256_name(sha) || g_strcmp0(ap_field_text(entry, "sha256"), sha))
        on_damaged(path, entry ? "not a log entry of its content" : err->message, j);
    else
        take(j, sha, entry, text);
    cJSON_Delete(entry);
    g_free(sha);
    g_free(base);
    return j->ok;
}

bool ap_batch_join(char *const *outdirs, size_t n, const ap_batch_options *o,
                   ap_batch_totals *t, ap_error *err)
{
    *t = (ap_batch_totals){0};
    t->started = g_get_monotonic_time();
    int lock;
    if (!ap_outdir_prepare(o->outdir, &lock, err))
        return false;
    join j = {.o = o, .t = t, .err = err, .ok = true,
              .taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    char *target = g_canonicalize_filename(o->outdir, NULL);
    for (size_t i = 0; j.ok && i < n; i++) {
        char *from = g_canonicalize_filename(outdirs[i], NULL);
        char *log = ap_outdir_log(from);
        if (!strcmp(from, target)) {
            /* the target among the inputs: what it holds stays */
        } else if (!g_file_test(log, G_FILE_TEST_IS_DIR)) {
            ap_error_set(err, "%s: not the output folder of a run (no files/ log in it)",
                         outdirs[i]);
            j.ok = false;
        } else {
            j.from = from;
            ap_each_json_file(log, join_entry, &j);
        }
        g_free(log);
        g_free(from);
    }
    g_free(target);
    bool ok = j.ok && ap_rebuild(o->outdir, j.changed ? AP_REBUILD_CHANGED : AP_REBUILD_IF_CHANGED,
                                   t, on_damaged, &j, err);
    g_hash_table_destroy(j.taken);
    ap_outdir_release(lock);
    return ok;
}
