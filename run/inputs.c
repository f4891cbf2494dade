/*
 * inputs.c: the files a batch is given (see inputs.h).
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core/sha256.h"
#include "core/files.h"
#include "run/inputs.h"
#include "core/error.h"

static bool is_pdf_name(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && g_ascii_strcasecmp(name + n - 4, ".pdf") == 0;
}

typedef struct walk {
    GPtrArray *files;
    GHashTable *entered;    /* "dev:ino" of every folder entered */
} walk;

/* Whether the folder is new to the walk (and now entered). */
static bool enter(walk *w, const GStatBuf *st)
{
    char *key = g_strdup_printf("%ju:%ju", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);
    return g_hash_table_add(w->entered, key);
}

static void collect(walk *w, const char *path, bool named)
{
    GStatBuf st;
    /* stat, not lstat: a link to a file or a folder is taken, once */
    bool is_dir = g_stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    if (!is_dir) {
        /* in a folder only regular *.pdf files; named, anything, so a bad
         * one gets its error */
        if (named || (is_pdf_name(path) && g_stat(path, &st) == 0 && S_ISREG(st.st_mode)))
            g_ptr_array_add(w->files, g_strdup(path));
        return;
    }
    if (!enter(w, &st))
        return;
    GDir *dir = g_dir_open(path, 0, NULL);
    const char *name;
    while (dir && (name = g_dir_read_name(dir))) {
        char *child = g_build_filename(path, name, NULL);
        collect(w, child, false);
        g_free(child);
    }
    if (dir)
        g_dir_close(dir);
}

typedef struct sized_path {
    char *path;
    goffset size;
} sized_path;

/* Largest first, then by path: a worker's time goes with the file's size,
 * and the files handed out last are then small ones, so the workers end
 * together instead of one finishing a large file while the others wait. */
static gint largest_first(gconstpointer a, gconstpointer b)
{
    const sized_path *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return strcmp(x->path, y->path);
}

static void sort_largest_first(GPtrArray *files)
{
    GArray *sized = g_array_sized_new(FALSE, FALSE, sizeof(sized_path), files->len);
    for (guint i = 0; i < files->len; i++) {
        GStatBuf st;
        sized_path f = {files->pdata[i], g_stat(files->pdata[i], &st) == 0 ? (goffset)st.st_size : 0};
        g_array_append_val(sized, f);
    }
    g_array_sort(sized, largest_first);
    for (guint i = 0; i < files->len; i++)
        files->pdata[i] = g_array_index(sized, sized_path, i).path;
    g_array_free(sized, TRUE);
}

GPtrArray *ap_inputs_collect(char *const *inputs, size_t ninputs)
{
    walk w = {g_ptr_array_new_with_free_func(g_free),
              g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    for (size_t i = 0; i < ninputs; i++)
        collect(&w, inputs[i], true);
    g_hash_table_destroy(w.entered);
    sort_largest_first(w.files);
    return w.files;
}

char *ap_file_sha256(const char *path, ap_error *err)
{
    int fd = ap_open_regular(path, true, err);
    if (fd < 0)
        return NULL;
    ap_sha256 *sum = ap_sha256_new();
    guchar buf[1 << 16];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        ap_sha256_update(sum, buf, (size_t)n);
    }
    char *hex = ap_sha256_finish(sum);
    if (n < 0) {
        ap_error_set(err, "cannot read: %s", g_strerror(errno));
        g_clear_pointer(&hex, g_free);
    }
    close(fd);
    return hex;
}
