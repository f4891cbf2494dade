/*
 * runlog.c: a batch's log (see runlog.h).
 *
 * Each record's SHA-256 is kept in its entry because a record can be lost
 * or damaged after its entry was written: the run is synced only at its
 * end, so a power cut can leave an entry whose records never reached the
 * disk, and a disk or a hand can damage one later. An entry whose records
 * are not as written is not taken, so its file is converted again, and
 * the caller is told which record was wrong.
 */
#define _POSIX_C_SOURCE 200809L  /* st_mtim */
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core/sha256.h"
#include "core/files.h"
#include "run/inputs.h"
#include "core/json_fields.h"
#include "core/json_files.h"
#include "run/outdir.h"
#include "run/runlog.h"

cJSON *ap_log_entry_new(const char *file, const char *sha, const char *status,
                        const char *error, int pages, int rendered, double seconds,
                        pid_t worker, const cJSON *records)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "path", file);
    cJSON_AddStringToObject(o, "sha256", sha);
    GStatBuf st;
    if (g_stat(file, &st) == 0) {
        /* what the file looked like: a rerun that finds it the same does
         * not read it again to hash it */
        cJSON_AddNumberToObject(o, "size", (double)st.st_size);
        cJSON_AddNumberToObject(o, "mtime_ns",
                                (double)st.st_mtim.tv_sec * 1e9 + (double)st.st_mtim.tv_nsec);
    }
    cJSON_AddStringToObject(o, "status", status);
    if (error)
        cJSON_AddStringToObject(o, "error", error);
    else
        cJSON_AddNullToObject(o, "error");
    cJSON_AddNumberToObject(o, "pages", pages);
    cJSON_AddNumberToObject(o, "rendered", rendered);
    cJSON_AddNumberToObject(o, "seconds", seconds);
    cJSON_AddNumberToObject(o, "worker", worker);
    cJSON_AddItemToObject(o, "records",
                          records ? cJSON_Duplicate(records, true) : cJSON_CreateArray());
    return o;
}

bool ap_log_entry_write(const char *outdir, const char *sha, const cJSON *entry, ap_error *err)
{
    char *path = ap_outdir_log_entry(outdir, sha);
    bool ok = ap_json_file_write(path, entry, err);
    g_free(path);
    return ok;
}

void ap_log_entry_count(ap_batch_totals *t, const cJSON *entry, bool skipped)
{
    const char *status = ap_field_text(entry, "status");
    bool failed = status && !strcmp(status, "failed");
    t->done++;
    t->failed += failed;
    if (skipped) {
        t->skipped++;
        return;
    }
    t->pages += ap_field_int(entry, "pages");
    t->ocr_pages += ap_field_int(entry, "ocr_pages");
    t->converted += !failed;
    t->no_data += status && !strcmp(status, "no-record");
}

bool ap_log_entry_same(const cJSON *a, const cJSON *b)
{
    static const char *const keys[] = {"path", "status", "error", "records"};
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
        if (!cJSON_Compare(ap_field(a, keys[i]), ap_field(b, keys[i]), true))
            return false;
    return true;
}

/* ---- the index ---------------------------------------------------------------- */

typedef struct reading {
    ap_log_index *log;
    const char *outdir;
    ap_notice_fn damaged;
    void *ctx;
} reading;

/* NULL when every record the entry lists is on disk as written; else why
 * not, and *where names the record. */
static char *records_wrong(const char *outdir, const char *sha, const cJSON *entry, char **where)
{
    const cJSON *r;
    cJSON_ArrayForEach(r, ap_field(entry, "records")) {
        const char *name = ap_field_text(r, "file"), *want = ap_field_text(r, "sha256");
        if (!name || !want || strchr(name, '/'))
            return g_strdup("an entry from another version of agendapack");
        char *dir = ap_outdir_records_of(outdir, sha);
        *where = g_build_filename(dir, name, NULL);
        g_free(dir);
        ap_error err = {{0}};
        size_t len = 0;
        char *text = ap_read_regular_file(*where, false, &len, &err);
        char *have = text ? ap_sha256_hex(text, len) : NULL;
        char *why = !text ? g_strdup(err.message)
                    : strcmp(have, want) ? g_strdup("damaged (not as it was written)") : NULL;
        g_free(have);
        g_free(text);
        if (why)
            return why;
        g_clear_pointer(where, g_free);
    }
    return NULL;
}

static bool add_entry(cJSON *entry, const char *path, const char *text, const ap_error *err,
                      void *ctx)
{
    (void)text;
    reading *rd = ctx;
    const char *sha = ap_field_text(entry, "sha256");
    char *where = NULL, *why = NULL;
    if (!entry)
        why = g_strdup(err->message);
    else if (!sha)
        why = g_strdup("an entry with no content hash");
    else
        why = records_wrong(rd->outdir, sha, entry, &where);
    if (why) {
        rd->damaged(where ? where : path, why, rd->ctx);
        g_free(why);
        g_free(where);
        cJSON_Delete(entry);
        return true;
    }
    g_hash_table_insert(rd->log->by_sha, g_strdup(sha), entry);
    const char *file = ap_field_text(entry, "path");
    if (file)
        g_hash_table_insert(rd->log->by_path, g_strdup(file), entry);
    return true;
}

void ap_log_index_read(const char *outdir, ap_log_index *log, ap_notice_fn damaged,
                       void *ctx)
{
    *log = (ap_log_index){
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)cJSON_Delete),
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    reading rd = {log, outdir, damaged, ctx};
    char *dir = ap_outdir_log(outdir);
    ap_each_json_file(dir, add_entry, &rd);
    g_free(dir);
}

void ap_log_index_clear(ap_log_index *log)
{
    g_hash_table_destroy(log->by_path);
    g_hash_table_destroy(log->by_sha);
}

char *ap_log_content_hash(const ap_log_index *log, const char *file, ap_error *err)
{
    const cJSON *e = g_hash_table_lookup(log->by_path, file);
    GStatBuf st;
    if (e && g_stat(file, &st) == 0 && S_ISREG(st.st_mode)) {
        const cJSON *size = ap_field(e, "size"), *mtime = ap_field(e, "mtime_ns");
        double now = (double)st.st_mtim.tv_sec * 1e9 + (double)st.st_mtim.tv_nsec;
        if (cJSON_IsNumber(size) && cJSON_IsNumber(mtime) &&
            size->valuedouble == (double)st.st_size && mtime->valuedouble == now)
            return g_strdup(ap_field_text(e, "sha256"));
    }
    return ap_file_sha256(file, err);
}

char *ap_log_hashes(const char *outdir)
{
    char *dir = ap_outdir_log(outdir);
    GPtrArray *names = ap_json_file_names(dir);
    for (guint i = 0; i < names->len; i++)
        ((char *)names->pdata[i])[strlen(names->pdata[i]) - 5] = '\0';  /* SHA256.json */
    g_ptr_array_add(names, NULL);
    char *joined = g_strjoinv(",", (char **)names->pdata);
    g_ptr_array_free(names, TRUE);
    g_free(dir);
    return joined;
}

static bool add_path(cJSON *entry, const char *path, const char *text, const ap_error *err,
                     void *ctx)
{
    (void)path, (void)text, (void)err;
    const char *sha = ap_field_text(entry, "sha256"), *file = ap_field_text(entry, "path");
    if (sha && file)
        g_hash_table_replace(ctx, g_strdup(sha), g_strdup(file));
    cJSON_Delete(entry);
    return true;
}

GHashTable *ap_log_paths(const char *outdir)
{
    GHashTable *paths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    char *dir = ap_outdir_log(outdir);
    ap_each_json_file(dir, add_path, paths);
    g_free(dir);
    return paths;
}
