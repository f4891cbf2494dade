/*
 * meetings.c: the "meetings" sink: one JSON file per meeting in a folder
 * (a batch's OUTDIR/meetings), named by its id (ap_record_file_name),
 * each written atomically. On commit, the meeting files no meeting gives
 * any more (after --force, say) are removed: only regular files holding a
 * record of our schema whose id gives their name, never through a link.
 */
#define _GNU_SOURCE  /* O_NOFOLLOW, O_DIRECTORY, fdopendir */
#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "core/files.h"
#include "core/json_fields.h"
#include "core/json_files.h"
#include "sinks/sink.h"
#include "record/record.h"

typedef struct meetings {
    char *dir;
    GHashTable *written;    /* file names */
} meetings;

static void *meetings_open(const char *where, FILE *out, ap_error *err)
{
    (void)out;
    if (!where || !ap_real_dir(where, err))
        return NULL;
    meetings *s = g_new0(meetings, 1);
    s->dir = g_strdup(where);
    s->written = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return s;
}

static bool meetings_meeting(void *state, const cJSON *meeting, const char *text, ap_error *err)
{
    meetings *s = state;
    char *name = ap_record_file_name(ap_field_text(meeting, "id"));
    char *path = g_build_filename(s->dir, name, NULL);
    bool ok = ap_text_file_write(path, text, err);
    if (ok)
        g_hash_table_add(s->written, name);
    else
        g_free(name);
    g_free(path);
    return ok;
}

/* Whether the file at name in the folder dirfd is a meeting file this
 * program wrote: a regular file holding a record of our schema whose id
 * gives that name. Nothing else is ever removed from the folder. */
static bool ours(int dirfd, const char *name)
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
    bool mine = schema && !strcmp(schema, AP_SCHEMA_ID) && want && !strcmp(want, name);
    g_free(want);
    cJSON_Delete(m);
    return mine;
}

/* Meeting files no meeting gives any more. */
static void remove_others(const char *dir, GHashTable *written)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)))
        if (!g_hash_table_contains(written, e->d_name) && ours(dirfd(d), e->d_name))
            unlinkat(dirfd(d), e->d_name, 0);
    closedir(d);
}

static bool meetings_close(void *state, bool commit, ap_error *err)
{
    (void)err;
    meetings *s = state;
    if (commit)
        remove_others(s->dir, s->written);
    g_hash_table_destroy(s->written);
    g_free(s->dir);
    g_free(s);
    return true;
}

const ap_sink_class ap_sink_meetings = {
    .version = AP_SINK_VERSION,
    .name = "meetings",
    .open = meetings_open,
    .meeting = meetings_meeting,
    .close = meetings_close,
};
