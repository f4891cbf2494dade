/*
 * convert.c: one PDF through every stage, and the records onto disk.
 *
 * Records are validated against the schema before anything is written, and
 * each file is written atomically (ap_json_file_write), so a crash or a
 * kill leaves either the old file or the new one, never half of one.
 */
#include <errno.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "agendapack.h"
#include "run/convert.h"
#include "core/json_files.h"
#include "core/regex.h"
#include "record/schema.h"
#include "record/record.h"
#include "parsers/render.h"
#include "parsers/pdf.h"
#include "pages/stages.h"
#include "extractors/extractor.h"
#include "core/page_model.h"
#include "core/error.h"

void ap_tune_for_many_files(void)
{
    ap_re_use_jit(true);
}

/* OUTDIR/NAME for a meeting, OUTDIR/documents/NAME for an unplaced
 * document. */
static char *record_path(const char *outdir, const cJSON *record)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(record, "id");
    char *name = ap_record_file_name(id->valuestring);
    char *path = ap_record_unplaced(record) ? g_build_filename(outdir, "documents", name, NULL)
                                            : g_build_filename(outdir, name, NULL);
    g_free(name);
    return path;
}

static bool validate_all(const cJSON *records, ap_error *err)
{
    const cJSON *record;
    cJSON_ArrayForEach(record, records)
        if (!ap_schema_validate(ap_schema_for(record), record, err)) {
            ap_error_prefix(err, "internal error: record breaks the schema");
            return false;
        }
    return true;
}

static void summarise(ap_convert_summary *sum, const cJSON *record)
{
    sum->documents += cJSON_GetArraySize(
        cJSON_GetObjectItemCaseSensitive(record, "documents"));
    sum->warnings += cJSON_GetArraySize(
        cJSON_GetObjectItemCaseSensitive(record, "warnings"));
}

static bool write_records(const char *outdir, const cJSON *records,
                          ap_convert_summary *sum, ap_error *err)
{
    if (g_mkdir_with_parents(outdir, 0755) != 0) {
        ap_error_set(err, "cannot create %s: %s", outdir, g_strerror(errno));
        return false;
    }
    GPtrArray *paths = g_ptr_array_new();
    const cJSON *record;
    bool ok = true;
    cJSON_ArrayForEach(record, records) {
        char *path = record_path(outdir, record);
        g_ptr_array_add(paths, path);
        char *dir = g_path_get_dirname(path);
        if (g_mkdir_with_parents(dir, 0755) != 0) {
            ap_error_set(err, "cannot create %s: %s", dir, g_strerror(errno));
            ok = false;
        }
        g_free(dir);
        if (!ok)
            break;
        if (!(ok = ap_json_file_write(path, record, err)))
            break;
    }
    g_ptr_array_add(paths, NULL);
    sum->paths = (char **)g_ptr_array_free(paths, FALSE);
    return ok;
}

void ap_convert_summary_clear(ap_convert_summary *sum)
{
    g_strfreev(sum->paths);
    g_free(sum->notice);
    *sum = (ap_convert_summary){0};
}

bool ap_convert_file(const char *pdf_path, const char *outdir,
                     ap_convert_summary *sum, ap_error *err)
{
    return ap_convert_file_hashed(pdf_path, NULL, outdir, sum, err);
}

cJSON *ap_convert_records(const char *path, const void *data, size_t len, const char *sha256,
                          ap_convert_summary *sum, ap_error *err)
{
    *sum = (ap_convert_summary){0};
    unsigned long rendered = ap_pages_rendered();
    ap_doc *doc = data ? ap_doc_open_data(path, data, len, sha256, err)
                       : ap_doc_open_hashed(path, sha256, err);
    if (!doc)
        return NULL;
    ap_page_stages_run(doc);
    sum->pages = (int)doc->npages;
    sum->ocr_pages = doc->ocr_pages;
    sum->ocr_seconds = doc->ocr_seconds;
    cJSON *records = ap_meeting_build(doc, &sum->notice, err);
    sum->rendered = (int)(ap_pages_rendered() - rendered);
    ap_doc_free(doc);
    if (records && !validate_all(records, err))
        g_clear_pointer(&records, cJSON_Delete);
    const cJSON *record;
    cJSON_ArrayForEach(record, records)
        summarise(sum, record);
    return records;
}

bool ap_convert_file_hashed(const char *pdf_path, const char *sha256, const char *outdir,
                            ap_convert_summary *sum, ap_error *err)
{
    cJSON *records = ap_convert_records(pdf_path, NULL, 0, sha256, sum, err);
    bool ok = records && write_records(outdir, records, sum, err);
    cJSON_Delete(records);
    return ok;
}
