/* json_files.c: the JSON files of a folder, read in name order, and one
 * written (the batch's log, records and meetings are folders of them). */
#include <string.h>

#include <glib.h>

#include "pipeline/json_files.h"

void ap_each_json_file(const char *dir, ap_json_file_fn fn, void *ctx)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d)))
        if (g_str_has_suffix(name, ".json"))
            g_ptr_array_add(names, g_strdup(name));
    if (d)
        g_dir_close(d);
    /* name order: what is built from them does not depend on the disk's */
    g_ptr_array_sort(names, (GCompareFunc)(void *)g_strcmp0);
    bool more = true;
    for (guint i = 0; i < names->len && more; i++) {
        char *path = g_build_filename(dir, names->pdata[i], NULL), *text = NULL;
        cJSON *json = g_file_get_contents(path, &text, NULL, NULL) ? cJSON_Parse(text) : NULL;
        if (json)
            more = fn(json, text, ctx);
        g_free(text);
        g_free(path);
    }
    g_ptr_array_free(names, TRUE);
}

bool ap_json_file_write(const char *path, const cJSON *json, ap_error *err)
{
    char *text = cJSON_Print(json);
    GError *gerr = NULL;
    bool ok = g_file_set_contents_full(
        path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
        0644, &gerr);
    if (!ok) {
        ap_error_set(err, "cannot write %s: %s", path, gerr->message);
        g_error_free(gerr);
    }
    cJSON_free(text);
    return ok;
}
