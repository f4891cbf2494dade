/*
 * json_files.c: the JSON files of a folder, read in name order, and one
 * written atomically (the batch's log, records and meetings are folders
 * of them).
 *
 * The writer is ours rather than GLib's g_file_set_contents_full: the
 * batch must be able to prove which files it wrote before it removes
 * anything (only its own temporary-name pattern, ap_is_temp_name), and an
 * error must name the file the user knows and the reason, "OUTDIR/files/
 * X.json: No space left on device", where GLib's names the temporary file
 * inside a longer sentence.
 */
#define _GNU_SOURCE  /* O_NOFOLLOW, O_CLOEXEC, syncfs */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core/files.h"
#include "core/json_files.h"
#include "core/error.h"

#define TEMP_SUFFIX_LEN 6   /* the XXXXXX of g_mkstemp_full */

bool ap_is_temp_name(const char *name)
{
    size_t n = strlen(name);
    if (n < 6 + TEMP_SUFFIX_LEN || strncmp(name + n - TEMP_SUFFIX_LEN - 6, ".json.", 6) != 0)
        return false;
    for (const char *p = name + n - TEMP_SUFFIX_LEN; *p; p++)
        if (!g_ascii_isalnum(*p))
            return false;
    return true;
}

/* g_ptr_array_sort hands its comparison pointers to the elements. */
static gint by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *ap_json_file_names(const char *dir)
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
    g_ptr_array_sort(names, by_name);
    return names;
}

bool ap_each_json_file(const char *dir, ap_json_file_fn fn, void *ctx)
{
    GPtrArray *names = ap_json_file_names(dir);
    bool more = true;
    for (guint i = 0; i < names->len && more; i++) {
        char *path = g_build_filename(dir, names->pdata[i], NULL);
        GStatBuf st;
        if (g_lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            g_free(path);   /* a link, a folder: not ours */
            continue;
        }
        ap_error err = {{0}};
        size_t len = 0;
        char *text = ap_read_regular_file(path, false, &len, &err);
        cJSON *json = text ? cJSON_ParseWithLength(text, len) : NULL;
        if (text && !json)
            ap_error_set(&err, "damaged (not valid JSON)");
        more = fn(json, path, json ? text : NULL, &err, ctx);
        g_free(text);
        g_free(path);
    }
    g_ptr_array_free(names, TRUE);
    return more;
}

static bool write_all(int fd, const char *text, size_t len)
{
    for (size_t put = 0; put < len;) {
        ssize_t n = write(fd, text + put, len - put);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        put += (size_t)n;
    }
    return true;
}

static bool write_through_temp(const char *path, const char *text, bool sync_replaced,
                               ap_error *err)
{
    char *tmp = g_strconcat(path, ".XXXXXX", NULL);
    int fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0644);
    bool ok = fd >= 0 && write_all(fd, text, strlen(text));
    int saved = errno;
    /* synced only where it replaces a file, as GLib's CONSISTENT rule:
     * renaming an unsynced file over a synced one can leave neither */
    if (ok && sync_replaced && g_file_test(path, G_FILE_TEST_EXISTS))
        ok = fsync(fd) == 0, saved = errno;
    if (fd >= 0 && close(fd) != 0 && ok)
        ok = false, saved = errno;
    if (ok && rename(tmp, path) != 0)
        ok = false, saved = errno;
    if (!ok) {
        ap_error_set(err, "%s: %s", path, g_strerror(saved));
        if (fd >= 0)
            g_unlink(tmp);
    }
    g_free(tmp);
    return ok;
}

bool ap_text_file_write(const char *path, const char *text, ap_error *err)
{
    return write_through_temp(path, text, true, err);
}

bool ap_text_file_write_unsynced(const char *path, const char *text, ap_error *err)
{
    return write_through_temp(path, text, false, err);
}

void ap_sync_filesystem(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
#ifdef __linux__
    syncfs(fd);
#else
    sync();
#endif
    close(fd);
}

bool ap_json_file_write(const char *path, const cJSON *json, ap_error *err)
{
    char *text = cJSON_Print(json);
    bool ok = ap_text_file_write(path, text, err);
    cJSON_free(text);
    return ok;
}
