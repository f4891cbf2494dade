/*
 * convert_run.c: `agendapack convert FILE... -o OUTDIR`: the files named,
 * in order, each converted in a worker process (pool.c) under the same
 * time and memory limits as a batch, so a hostile file costs its own
 * conversion and no more.
 *
 * One meeting may be spread over the files given (a frontsheet, then the
 * printed minutes): the records of one id are merged as a batch merges
 * them (merge.c) and the file rewritten as each arrives. A record file
 * already in OUTDIR whose sources are not all among this run's inputs is
 * not overwritten: the run would lose what those other files gave.
 * OUTDIR "-" (outdir NULL here) writes the records to a stream instead,
 * one JSON text per line, merged, once every file is read.
 */
#include <errno.h>
#include <string.h>

#include <glib.h>

#include "core/sha256.h"
#include "agendapack.h"
#include "run/convert.h"
#include "core/files.h"
#include "run/inputs.h"
#include "core/json_fields.h"
#include "core/json_files.h"
#include "run/merge.h"
#include "run/pool.h"
#include "record/schema.h"
#include "record/record.h"
#include "core/error.h"

typedef struct conversion {
    const ap_convert_options *o;
    char *const *files;
    char **shas;            /* each input's content hash, NULL if unreadable */
    GHashTable *by_id;      /* id -> GPtrArray of this run's records */
    GPtrArray *ids;         /* in the order first seen */
    GPtrArray *unplaced;    /* unplaced document records, in order */
} conversion;

static bool is_stdin(const char *file)
{
    return !strcmp(file, "-");
}

/* ---- in the worker ---------------------------------------------------------- */

static char *convert_job(size_t task, const char *sha, void *ctx)
{
    conversion *c = ctx;
    const char *file = c->files[task];
    ap_convert_summary sum;
    ap_error err = {{0}};
    cJSON *records = is_stdin(file)
        ? ap_convert_records(file, c->o->stdin_data, c->o->stdin_len, sha, &sum, &err)
        : ap_convert_records(file, NULL, 0, sha, &sum, &err);
    cJSON *answer = cJSON_CreateObject();
    if (!records) {
        cJSON_AddStringToObject(answer, "error", err.message);
    } else {
        cJSON_AddNumberToObject(answer, "pages", sum.pages);
        cJSON_AddNumberToObject(answer, "rendered", sum.rendered);
        cJSON_AddNumberToObject(answer, "ocr_pages", sum.ocr_pages);
        cJSON_AddNumberToObject(answer, "ocr_seconds", sum.ocr_seconds);
        cJSON_AddNumberToObject(answer, "documents", sum.documents);
        cJSON_AddNumberToObject(answer, "warnings", sum.warnings);
        if (sum.notice)
            cJSON_AddStringToObject(answer, "notice", sum.notice);
        cJSON_AddItemToObject(answer, "records", records);
    }
    char *text = cJSON_PrintUnformatted(answer);
    cJSON_Delete(answer);
    ap_convert_summary_clear(&sum);
    return text;
}

/* ---- in the parent ------------------------------------------------------------- */

static bool from_this_run(const conversion *c, const char *sha)
{
    for (size_t i = 0; i < c->o->nfiles; i++)
        if (c->shas[i] && sha && !strcmp(c->shas[i], sha))
            return true;
    return false;
}

/* Whether the record file at path may be replaced: it is missing, is not
 * a record, or draws only on files of this run. */
static bool may_replace(const conversion *c, const char *path, ap_error *err)
{
    ap_error ignored = {{0}};
    size_t len = 0;
    char *text = ap_read_regular_file(path, false, &len, &ignored);
    cJSON *old = text ? cJSON_ParseWithLength(text, len) : NULL;
    g_free(text);
    const cJSON *src;
    bool ok = true;
    cJSON_ArrayForEach(src, ap_field(old, "sources")) {
        if (from_this_run(c, ap_field_text(src, "sha256")))
            continue;
        ap_error_set(err, "%s: holds this meeting from %s, which this run did not read; "
                          "convert the files together, or use batch", path,
                     ap_field_text(src, "file") ? ap_field_text(src, "file") : "another file");
        ok = false;
        break;
    }
    cJSON_Delete(old);
    return ok;
}

/* An unplaced document record, kept, and written into OUTDIR/documents:
 * named by its file's hash, it comes from that file alone. */
static bool take_unplaced(conversion *c, cJSON *record, GPtrArray *paths, ap_error *err)
{
    g_ptr_array_add(c->unplaced, record);
    if (!c->o->outdir)
        return true;
    char *dir = g_build_filename(c->o->outdir, "documents", NULL);
    char *name = ap_record_file_name(ap_field_text(record, "id"));
    char *path = g_build_filename(dir, name, NULL);
    bool ok = true;
    if (g_mkdir_with_parents(dir, 0755) != 0) {
        ap_error_set(err, "%s: %s", dir, g_strerror(errno));
        ok = false;
    }
    ok = ok && ap_schema_validate(ap_schema_document(), record, err) &&
         ap_json_file_write(path, record, err);
    g_ptr_array_add(paths, path);
    g_free(name);
    g_free(dir);
    return ok;
}

/* Adds the records of one file to the run's, and, into a folder, writes
 * each meeting they touch, merged with the run's other records of it, and
 * each unplaced document; sum->paths lists what was written. */
static bool take_records(conversion *c, cJSON *records, ap_convert_summary *sum, ap_error *err)
{
    GPtrArray *paths = g_ptr_array_new();
    cJSON *record;
    bool ok = true;
    while (ok && (record = cJSON_DetachItemFromArray(records, 0))) {
        if (ap_record_unplaced(record)) {
            ok = take_unplaced(c, record, paths, err);
            continue;
        }
        const char *id = ap_field_text(record, "id");
        GPtrArray *group = g_hash_table_lookup(c->by_id, id);
        bool first = !group;
        if (first) {
            group = g_ptr_array_new_with_free_func((GDestroyNotify)cJSON_Delete);
            g_hash_table_insert(c->by_id, g_strdup(id), group);
            g_ptr_array_add(c->ids, g_strdup(id));
        }
        g_ptr_array_add(group, record);
        if (!c->o->outdir)
            continue;
        if (g_mkdir_with_parents(c->o->outdir, 0755) != 0) {
            ap_error_set(err, "%s: %s", c->o->outdir, g_strerror(errno));
            ok = false;
            break;
        }
        char *name = ap_record_file_name(id);
        char *path = g_build_filename(c->o->outdir, name, NULL);
        g_free(name);
        cJSON *merged = ap_merge_records(group);
        ok = (!first || may_replace(c, path, err)) &&
             ap_schema_validate(ap_schema_meeting(), merged, err) &&
             ap_json_file_write(path, merged, err);
        cJSON_Delete(merged);
        g_ptr_array_add(paths, path);
    }
    g_ptr_array_add(paths, NULL);
    sum->paths = (char **)g_ptr_array_free(paths, FALSE);
    return ok;
}

/* The summary a worker's answer gives. */
static void summary_of(const cJSON *answer, ap_convert_summary *sum)
{
    *sum = (ap_convert_summary){0};
    const cJSON *v;
    if (cJSON_IsNumber(v = ap_field(answer, "pages")))
        sum->pages = v->valueint;
    if (cJSON_IsNumber(v = ap_field(answer, "rendered")))
        sum->rendered = v->valueint;
    if (cJSON_IsNumber(v = ap_field(answer, "ocr_pages")))
        sum->ocr_pages = v->valueint;
    if (cJSON_IsNumber(v = ap_field(answer, "ocr_seconds")))
        sum->ocr_seconds = v->valuedouble;
    if (cJSON_IsNumber(v = ap_field(answer, "documents")))
        sum->documents = v->valueint;
    if (cJSON_IsNumber(v = ap_field(answer, "warnings")))
        sum->warnings = v->valueint;
    sum->notice = g_strdup(ap_field_text(answer, "notice"));
}

/* One file's result: its records taken, reported; false when it failed. */
static bool finish(conversion *c, const char *file, const ap_pool_result *res)
{
    cJSON *answer = res->answer ? cJSON_Parse(res->answer) : NULL;
    ap_convert_summary sum;
    summary_of(answer, &sum);
    ap_error err = {{0}};
    cJSON *records = cJSON_DetachItemFromObject(answer, "records");
    const char *error = !answer ? (res->why ? res->why : "worker gave no answer")
                                : ap_field_text(answer, "error");
    if (error)
        ap_error_set(&err, "%s", error);
    bool ok = !error && take_records(c, records, &sum, &err);
    if (c->o->report)
        c->o->report(file, ok ? &sum : NULL, ok ? NULL : err.message, c->o->report_ctx);
    ap_convert_summary_clear(&sum);
    cJSON_Delete(records);
    cJSON_Delete(answer);
    return ok;
}

/* With no folder: every meeting of the run, merged, one JSON text a line. */
static void write_stream(conversion *c)
{
    for (guint i = 0; i < c->ids->len; i++) {
        cJSON *m = ap_merge_records(g_hash_table_lookup(c->by_id, c->ids->pdata[i]));
        char *text = cJSON_PrintUnformatted(m);
        fputs(text, c->o->out);
        fputc('\n', c->o->out);
        cJSON_free(text);
        cJSON_Delete(m);
    }
    for (guint i = 0; i < c->unplaced->len; i++) {
        char *text = cJSON_PrintUnformatted(c->unplaced->pdata[i]);
        fputs(text, c->o->out);
        fputc('\n', c->o->out);
        cJSON_free(text);
    }
    fflush(c->o->out);
}

static void hash_inputs(conversion *c, char **errors)
{
    for (size_t i = 0; i < c->o->nfiles; i++) {
        ap_error err = {{0}};
        const char *file = c->files[i];
        c->shas[i] = is_stdin(file)
            ? ap_sha256_hex(c->o->stdin_data, c->o->stdin_len)
            : ap_file_sha256(file, &err);
        if (!c->shas[i])
            errors[i] = g_strdup(err.message);
    }
}

size_t ap_convert_files(char *const *files, const ap_convert_options *o)
{
    conversion c = {o, files, g_new0(char *, o->nfiles + 1),
                    g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)g_ptr_array_unref),
                    g_ptr_array_new_with_free_func(g_free),
                    g_ptr_array_new_with_free_func((GDestroyNotify)cJSON_Delete)};
    char **errors = g_new0(char *, o->nfiles + 1);
    if (o->nfiles > 2)
        ap_tune_for_many_files();   /* JIT-compiled patterns pay off */
    hash_inputs(&c, errors);
    ap_pool_options po = {.workers = 1, .timeout_s = o->timeout_s, .memory_mb = o->memory_mb,
                          .job = convert_job, .ctx = &c};
    ap_pool *pool = ap_pool_new(&po);
    size_t failed = 0;
    for (size_t i = 0; i < o->nfiles; i++) {
        ap_error err = {{0}};
        ap_pool_result res = {0};
        if (!errors[i] && !ap_pool_submit(pool, i, c.shas[i], &err))
            errors[i] = g_strdup(err.message);
        if (errors[i]) {
            if (o->report)
                o->report(files[i], NULL, errors[i], o->report_ctx);
            failed++;
            continue;
        }
        ap_pool_wait(pool, &res);
        failed += !finish(&c, files[i], &res);
        ap_pool_result_clear(&res);
    }
    ap_pool_free(pool);
    if (!o->outdir)
        write_stream(&c);
    for (size_t i = 0; i < o->nfiles; i++) {
        g_free(errors[i]);
        g_free(c.shas[i]);
    }
    g_free(errors);
    g_free(c.shas);
    g_hash_table_destroy(c.by_id);
    g_ptr_array_free(c.ids, TRUE);
    g_ptr_array_free(c.unplaced, TRUE);
    return failed;
}
