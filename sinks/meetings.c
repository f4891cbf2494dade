/*
 * meetings.c: record files: the "meetings" sink, one JSON file per meeting
 * in a folder (a batch's OUTDIR/meetings), and the "documents" sink, one
 * per unplaced document record (OUTDIR/documents); each named by its id
 * (ap_record_file_name) and written atomically. On commit, the files no
 * record gives any more (after --force, or a document linked since) are
 * removed: only regular files holding a record of the sink's schema whose
 * id gives their name, never through a link. A record kept from the
 * last build (keep) is a file left as it is.
 */
#define _GNU_SOURCE  /* O_NOFOLLOW, O_DIRECTORY, fdopendir */
#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core/files.h"
#include "core/json_fields.h"
#include "core/json_files.h"
#include "sinks/sink.h"
#include "record/record.h"

typedef struct record_files {
    char *dir;
    const char *schema;     /* of the records it holds */
    GHashTable *written;    /* file names */
} record_files;

static void *files_open(const char *where, const char *schema, ap_error *err)
{
    if (!where || !ap_real_dir(where, err))
        return NULL;
    record_files *s = g_new0(record_files, 1);
    s->dir = g_strdup(where);
    s->schema = schema;
    s->written = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return s;
}

static void *meetings_open(const char *where, FILE *out, ap_error *err)
{
    (void)out;
    return files_open(where, AP_SCHEMA_ID, err);
}

static void *documents_open(const char *where, FILE *out, ap_error *err)
{
    (void)out;
    return files_open(where, AP_DOCUMENT_SCHEMA_ID, err);
}

/* The file of record id written with text, or, text NULL, kept as the
 * last build left it if it is there; either way it is the build's. */
static bool hold(record_files *s, const char *id, const char *text, ap_error *err)
{
    char *name = ap_record_file_name(id);
    char *path = g_build_filename(s->dir, name, NULL);
    GStatBuf st;
    bool ok = text ? ap_text_file_write(path, text, err)
                   : g_lstat(path, &st) == 0 && S_ISREG(st.st_mode);
    if (ok)
        g_hash_table_add(s->written, name);
    else
        g_free(name);
    g_free(path);
    return ok;
}

static bool files_record(void *state, const cJSON *meeting, const char *text, ap_error *err)
{
    return hold(state, ap_field_text(meeting, "id"), text, err);
}

static bool files_keep(void *state, const char *id)
{
    return hold(state, id, NULL, NULL);
}

/* Whether the file at name in the folder dirfd is a record file this
 * program wrote: a regular file holding a record of the schema whose id
 * gives that name. Nothing else is ever removed from the folder. */
static bool ours(int dirfd, const char *name, const char *want_schema)
{
    struct stat st;
    if (!g_str_has_suffix(name, ".json") ||
        fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
        return false;
    int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false;
    char *text = g_malloc((size_t)st.st_size + 1);
    ssize_t n = read(fd, text, (size_t)st.st_size);
    close(fd);
    text[n > 0 ? n : 0] = '\0';
    cJSON *m = n > 0 ? cJSON_Parse(text) : NULL;
    g_free(text);
    const char *schema = ap_field_text(m, "schema"), *id = ap_field_text(m, "id");
    char *want = id ? ap_record_file_name(id) : NULL;
    bool mine = schema && !strcmp(schema, want_schema) && want && !strcmp(want, name);
    g_free(want);
    cJSON_Delete(m);
    return mine;
}

/* Record files no record gives any more. */
static void remove_others(const record_files *s)
{
    const char *dir = s->dir;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)))
        if (!g_hash_table_contains(s->written, e->d_name) && ours(dirfd(d), e->d_name, s->schema))
            unlinkat(dirfd(d), e->d_name, 0);
    closedir(d);
}

static bool files_close(void *state, bool commit, ap_error *err)
{
    (void)err;
    record_files *s = state;
    if (commit)
        remove_others(s);
    g_hash_table_destroy(s->written);
    g_free(s->dir);
    g_free(s);
    return true;
}

const ap_sink_class ap_sink_meetings = {
    .version = AP_SINK_VERSION,
    .name = "meetings",
    .open = meetings_open,
    .update = meetings_open,    /* the folder: what is not kept is written again */
    .keep = files_keep,
    .meeting = files_record,
    .close = files_close,
};

const ap_sink_class ap_sink_documents = {
    .version = AP_SINK_VERSION,
    .name = "documents",
    .open = documents_open,
    .update = documents_open,
    .keep = files_keep,
    .document = files_record,
    .close = files_close,
};
