/*
 * rebuild.c: what a batch derives from its OUTDIR's log and records at the
 * end of a run: one record per meeting (merge.c) written to
 * OUTDIR/meetings and OUTDIR/documents, and the store (store.c). Shared by
 * a batch and by the join of several OUTDIRs (join.c).
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "agendapack.h"
#include "core/json_fields.h"
#include "core/files.h"
#include "core/json_files.h"
#include "record/record.h"
#include "run/merge.h"
#include "run/outdir.h"
#include "run/rebuild.h"
#include "run/runlog.h"
#include "sinks/sink.h"
#include "sinks/store.h"
#include "core/error.h"

/* ---- what the last rebuild built ------------------------------------------------ */

/* OUTDIR/built.json: each record the last whole rebuild made, by id, with
 * the digest of what it was made from (merge.h) and what it counts for:
 *
 *   {"agendapack": VERSION, "store": N,
 *    "records": {ID: {"digest": SHA256, "linked": N, "unplaced": true}}}
 *
 * It is written after every sink committed, and removed before a rebuild
 * starts to change them: a run that fails leaves none, and the next
 * rebuilds everything. */
static cJSON *built_read(const char *outdir)
{
    char *path = ap_outdir_built(outdir);
    size_t len = 0;
    char *text = ap_read_regular_file(path, false, &len, NULL);
    cJSON *built = text ? cJSON_ParseWithLength(text, len) : NULL;
    g_free(text);
    g_free(path);
    bool ours = !g_strcmp0(ap_field_text(built, "agendapack"), AP_VERSION) &&
                cJSON_IsNumber(ap_field(built, "store")) &&
                ap_field(built, "store")->valueint == AP_STORE_VERSION &&
                cJSON_IsObject(ap_field(built, "records"));
    if (!ours) {
        cJSON_Delete(built);
        return NULL;
    }
    return built;
}

/* What this program built: records, its own (by id). */
static cJSON *built_new(cJSON *records)
{
    cJSON *built = cJSON_CreateObject();
    cJSON_AddStringToObject(built, "agendapack", AP_VERSION);
    cJSON_AddNumberToObject(built, "store", AP_STORE_VERSION);
    cJSON_AddItemToObject(built, "records", records);
    return built;
}

/* Removed (and the removal made durable) before the sinks change. */
static void built_remove(const char *outdir)
{
    char *path = ap_outdir_built(outdir);
    if (g_unlink(path) == 0)
        ap_sync_filesystem(outdir);
    g_free(path);
}

static bool built_write(const char *outdir, cJSON *records, ap_error *err)
{
    cJSON *built = built_new(records);
    char *path = ap_outdir_built(outdir), *text = cJSON_PrintUnformatted(built);
    cJSON_Delete(built);
    bool ok = ap_text_file_write_unsynced(path, text, err);
    cJSON_free(text);
    g_free(path);
    return ok;
}

/* The documents of a meeting published on their own and tied to it. */
static size_t linked_documents(const cJSON *meeting)
{
    size_t n = 0;
    const cJSON *d;
    cJSON_ArrayForEach(d, ap_field(meeting, "documents")) {
        const char *how = ap_field_text(d, "linked_by");
        n += how && strcmp(how, "pack") != 0;
    }
    return n;
}

/* A record of built.json counted in t. */
static void count(ap_batch_totals *t, const cJSON *what)
{
    if (cJSON_IsTrue(ap_field(what, "unplaced"))) {
        t->unplaced++;
    } else {
        t->meetings++;
        t->linked += (size_t)ap_field_int(what, "linked");
    }
}

/* What OUTDIR holds, for a run that rebuilt nothing. */
static void count_built(const cJSON *built, ap_batch_totals *t)
{
    t->meetings = t->linked = t->unplaced = t->rebuilt = 0;
    const cJSON *what;
    cJSON_ArrayForEach(what, ap_field(built, "records")) count(t, what);
}

/* ---- the sinks ------------------------------------------------------------------- */

/* The sinks a batch feeds: the meeting files, the unplaced documents'
 * files and the store. */
typedef struct sinks {
    ap_sink list[3];
    size_t n;
} sinks;

/* Opened anew, or (update) on what they hold from the last build. */
static bool sinks_open(sinks *s, const char *outdir, bool update, ap_error *err)
{
    static const char *const names[] = {"meetings", "documents", "sqlite"};
    char *where[] = {ap_outdir_meetings(outdir), ap_outdir_documents(outdir),
                     ap_outdir_store(outdir)};
    bool ok = true;
    s->n = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        ok = ok && (update ? ap_sink_update(&s->list[s->n], names[i], where[i], err)
                           : ap_sink_open(&s->list[s->n], names[i], where[i], NULL, err));
        s->n += ok;
        g_free(where[i]);
    }
    return ok;
}

static bool sinks_close(sinks *s, bool commit, ap_error *err)
{
    bool ok = true;
    for (size_t i = 0; i < s->n; i++)
        ok = ap_sink_close(&s->list[i], commit && ok, err) && ok;
    return ok;
}

/* ---- the rebuild ----------------------------------------------------------------- */

typedef struct rebuild {
    sinks sinks;
    const cJSON *before;    /* built.json's records of the last build, or NULL */
    cJSON *after;           /* this one's */
    ap_batch_totals *t;
    ap_error *err;
    bool ok;
} rebuild;

static bool feed_entry(cJSON *entry, const char *path, const char *text, const ap_error *err,
                       void *ctx)
{
    (void)text;
    rebuild *r = ctx;
    if (!entry) {
        ap_error_set(r->err, "%s: %s", path, err->message);
        r->ok = false;
    }
    for (size_t i = 0; r->ok && i < r->sinks.n; i++)
        r->ok = ap_sink_file(&r->sinks.list[i], entry, r->err);
    cJSON_Delete(entry);
    return r->ok;
}

/* A record built last time from records of this digest is kept when every
 * sink holds it. Where one does not (its file was removed by hand, the
 * store was), it is made and handed to all (emit): a sink handed a record
 * it kept replaces it with the same. */
static bool keep(const char *id, const char *digest, void *ctx)
{
    rebuild *r = ctx;
    const cJSON *was = cJSON_GetObjectItemCaseSensitive(r->before, id);
    if (!was || g_strcmp0(ap_field_text(was, "digest"), digest) != 0)
        return false;
    bool document = cJSON_IsTrue(ap_field(was, "unplaced"));
    for (size_t i = 0; i < r->sinks.n; i++)
        if (!ap_sink_keep(&r->sinks.list[i], id, document))
            return false;
    cJSON_AddItemToObject(r->after, id, cJSON_Duplicate(was, true));
    count(r->t, was);
    return true;
}

static bool emit(const cJSON *record, const char *text, const char *digest, void *ctx,
                 ap_error *err)
{
    rebuild *r = ctx;
    bool ok = true;
    for (size_t i = 0; ok && i < r->sinks.n; i++)
        ok = ap_sink_record(&r->sinks.list[i], record, text, err);
    bool unplaced = ap_record_unplaced(record);
    cJSON *what = cJSON_CreateObject();
    cJSON_AddStringToObject(what, "digest", digest);
    if (unplaced)
        cJSON_AddTrueToObject(what, "unplaced");
    else
        cJSON_AddNumberToObject(what, "linked", (double)linked_documents(record));
    cJSON_AddItemToObject(r->after, ap_field_text(record, "id"), what);
    count(r->t, what);
    r->t->rebuilt += !unplaced;
    return ok;
}

/* The meetings and the store, rebuilt unless the run changed nothing and
 * the store was built from this very log: the log's entries, then the
 * merged meetings, fed to the sinks. Where the last rebuild's built.json
 * is there, the sinks are updated: a meeting whose records are those it
 * was built from is kept as it is. */
bool ap_rebuild(const char *outdir, ap_rebuild_mode mode, ap_batch_totals *t,
                ap_notice_fn damaged, void *ctx, ap_error *err)
{
    cJSON *before = mode == AP_REBUILD_ALL ? NULL : built_read(outdir);
    bool current = false;
    if (before && mode == AP_REBUILD_IF_CHANGED) {
        char *store = ap_outdir_store(outdir), *hashes = ap_log_hashes(outdir);
        current = ap_store_built_from(store, hashes);
        g_free(hashes);
        g_free(store);
    }
    if (current) {
        count_built(before, t);
        cJSON_Delete(before);
        return true;
    }
    built_remove(outdir);
    t->meetings = t->linked = t->unplaced = t->rebuilt = 0;
    rebuild r = {.before = ap_field(before, "records"), .after = cJSON_CreateObject(), .t = t,
                 .err = err, .ok = true};
    r.ok = sinks_open(&r.sinks, outdir, before != NULL, err);
    if (r.ok) {
        char *log = ap_outdir_log(outdir);
        ap_each_json_file(log, feed_entry, &r);
        g_free(log);
    }
    ap_merge_target to = {before ? keep : NULL, emit, &r};
    r.ok = r.ok && ap_merge_meetings(outdir, damaged, ctx, &to, err);
    r.ok = sinks_close(&r.sinks, r.ok, err) && r.ok;
    if (r.ok)
        r.ok = built_write(outdir, r.after, err);
    else
        cJSON_Delete(r.after);
    cJSON_Delete(before);
    /* durability, once a run: log entries, records and meetings are
     * renamed into place unsynced (a kill cannot lose them, and a sync a
     * file costs more than reading many small PDFs); one syncfs puts the
     * run on disk before it reports */
    ap_sync_filesystem(outdir);
    return r.ok;
}
