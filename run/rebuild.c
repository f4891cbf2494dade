/*
 * rebuild.c: what a batch derives from its OUTDIR's log and records at the
 * end of a run: one record per meeting (merge.c) written to
 * OUTDIR/meetings and OUTDIR/documents, and the store (store.c). Shared by
 * a batch and by the join of several OUTDIRs (join.c).
 */
#include <string.h>

#include <glib.h>

#include "agendapack.h"
#include "core/json_fields.h"
#include "core/json_files.h"
#include "run/merge.h"
#include "run/outdir.h"
#include "run/rebuild.h"
#include "run/runlog.h"
#include "sinks/sink.h"
#include "sinks/store.h"
#include "core/error.h"

static size_t count_json(char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    size_t n = 0;
    const char *name;
    while (d && (name = g_dir_read_name(d)))
        n += g_str_has_suffix(name, ".json");
    if (d)
        g_dir_close(d);
    g_free(dir);
    return n;
}

static bool count_linked(cJSON *meeting, const char *path, const char *text,
                         const ap_error *err, void *ctx)
{
    (void)path, (void)text, (void)err;
    size_t *n = ctx;
    const cJSON *d;
    cJSON_ArrayForEach(d, ap_field(meeting, "documents")) {
        const char *how = ap_field_text(d, "linked_by");
        *n += how && strcmp(how, "pack") != 0;
    }
    cJSON_Delete(meeting);
    return true;
}

/* What OUTDIR holds, for a run that rebuilt nothing. */
static void count_outdir(const char *outdir, ap_batch_totals *t)
{
    t->meetings = count_json(ap_outdir_meetings(outdir));
    t->unplaced = count_json(ap_outdir_documents(outdir));
    t->linked = 0;
    char *dir = ap_outdir_meetings(outdir);
    ap_each_json_file(dir, count_linked, &t->linked);
    g_free(dir);
}

/* ---- the sinks ------------------------------------------------------------------- */

/* The sinks a batch feeds: the meeting files, the unplaced documents'
 * files and the store. */
typedef struct sinks {
    ap_sink list[3];
    size_t n;
} sinks;

static bool sinks_open(sinks *s, const char *outdir, ap_error *err)
{
    static const char *const names[] = {"meetings", "documents", "sqlite"};
    char *where[] = {ap_outdir_meetings(outdir), ap_outdir_documents(outdir),
                     ap_outdir_store(outdir)};
    bool ok = true;
    s->n = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        ok = ok && ap_sink_open(&s->list[s->n], names[i], where[i], NULL, err);
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

typedef struct feeding {
    sinks *sinks;
    ap_error *err;
    bool ok;
} feeding;

static bool feed_entry(cJSON *entry, const char *path, const char *text, const ap_error *err,
                       void *ctx)
{
    (void)text;
    feeding *f = ctx;
    if (!entry) {
        ap_error_set(f->err, "%s: %s", path, err->message);
        f->ok = false;
    }
    for (size_t i = 0; f->ok && i < f->sinks->n; i++)
        f->ok = ap_sink_file(&f->sinks->list[i], entry, f->err);
    cJSON_Delete(entry);
    return f->ok;
}

static bool feed_meeting(const cJSON *meeting, const char *text, void *ctx, ap_error *err)
{
    sinks *s = ctx;
    for (size_t i = 0; i < s->n; i++)
        if (!ap_sink_record(&s->list[i], meeting, text, err))
            return false;
    return true;
}

/* The meetings and the store, rebuilt unless the run changed nothing and
 * the store was built from this very log: the log's entries, then the
 * merged meetings, fed to the sinks. */
bool ap_rebuild(const char *outdir, bool changed, ap_batch_totals *t, ap_notice_fn damaged,
                void *ctx, ap_error *err)
{
    char *store = ap_outdir_store(outdir), *hashes = ap_log_hashes(outdir);
    bool current = !changed && ap_store_built_from(store, hashes);
    g_free(hashes);
    g_free(store);
    if (current) {
        count_outdir(outdir, t);
        return true;
    }
    sinks s;
    bool ok = sinks_open(&s, outdir, err);
    if (ok) {
        feeding f = {&s, err, true};
        char *log = ap_outdir_log(outdir);
        ap_each_json_file(log, feed_entry, &f);
        g_free(log);
        ap_merge_counts counts;
        ok = f.ok && ap_merge_meetings(outdir, damaged, ctx, feed_meeting, &s, &counts, err);
        t->meetings = counts.meetings;
        t->linked = counts.linked;
        t->unplaced = counts.unplaced;
    }
    ok = sinks_close(&s, ok, err) && ok;
    /* durability, once a run: log entries, records and meetings are
     * renamed into place unsynced (a kill cannot lose them, and a sync a
     * file costs more than reading many small PDFs); one syncfs puts the
     * run on disk before it reports */
    ap_sync_filesystem(outdir);
    return ok;
}

