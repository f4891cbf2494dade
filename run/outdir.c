/*
 * outdir.c: a batch's OUTDIR (see outdir.h): its paths, its lock, and
 * what a killed run left in it.
 *
 * Everything that removes a file here works inside a folder opened with
 * O_NOFOLLOW|O_DIRECTORY and removes by name relative to it (unlinkat),
 * after fstatat without following links has shown a regular file of the
 * program's own naming. A link planted in OUTDIR is never followed, so no
 * run can remove anything outside OUTDIR.
 */
#define _GNU_SOURCE  /* O_NOFOLLOW, O_DIRECTORY, fdopendir */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core/json_files.h"
#include "run/outdir.h"
#include "core/error.h"

char *ap_outdir_log(const char *outdir)
{
    return g_build_filename(outdir, "files", NULL);
}

char *ap_outdir_log_entry(const char *outdir, const char *sha)
{
    char *name = g_strconcat(sha, ".json", NULL);
    char *path = g_build_filename(outdir, "files", name, NULL);
    g_free(name);
    return path;
}

char *ap_outdir_records(const char *outdir)
{
    return g_build_filename(outdir, "records", NULL);
}

char *ap_outdir_records_of(const char *outdir, const char *sha)
{
    return g_build_filename(outdir, "records", sha, NULL);
}

char *ap_outdir_meetings(const char *outdir)
{
    return g_build_filename(outdir, "meetings", NULL);
}

char *ap_outdir_documents(const char *outdir)
{
    return g_build_filename(outdir, "documents", NULL);
}

char *ap_outdir_store(const char *outdir)
{
    return g_build_filename(outdir, "agendapack.sqlite", NULL);
}

char *ap_outdir_built(const char *outdir)
{
    return g_build_filename(outdir, "built.json", NULL);
}

bool ap_is_sha256_name(const char *name)
{
    size_t n = 0;
    for (; name[n]; n++)
        if (!g_ascii_isxdigit(name[n]) || g_ascii_isupper(name[n]))
            return false;
    return n == 64;
}

/* ---- clean-up ----------------------------------------------------------------- */

typedef bool (*name_test)(const char *name);

/* Removes the regular files of the folder open as fd whose names pass
 * removable. Takes fd. */
static void remove_in(int fd, name_test removable)
{
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        struct stat st;
        if (removable(e->d_name) &&
            fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
            unlinkat(dirfd(d), e->d_name, 0);
    }
    closedir(d);
}

/* The folder as a descriptor, or -1 when it is missing or is a link. */
static int open_folder(int at, const char *name)
{
    return openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

static bool record_or_temp(const char *name)
{
    return g_str_has_suffix(name, ".json") || ap_is_temp_name(name);
}

void ap_outdir_clear_records(const char *dir)
{
    int fd = open_folder(AT_FDCWD, dir);
    if (fd >= 0)
        remove_in(fd, record_or_temp);
}

/* Temporary files in records/SHA256/ folders (real folders only). */
static void remove_stale_records(int records)
{
    DIR *d = fdopendir(records);
    if (!d) {
        close(records);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!ap_is_sha256_name(e->d_name))
            continue;
        int sub = open_folder(dirfd(d), e->d_name);
        if (sub >= 0)
            remove_in(sub, ap_is_temp_name);
    }
    closedir(d);
}

/* built.json's temporary file, the only one made in OUTDIR itself (the
 * store cleans up its own) */
static bool built_temp(const char *name)
{
    return g_str_has_prefix(name, "built.json.") && ap_is_temp_name(name);
}

static void remove_stale(const char *outdir)
{
    int top = open_folder(AT_FDCWD, outdir);
    if (top < 0)
        return;
    int itself = open_folder(top, ".");
    if (itself >= 0)
        remove_in(itself, built_temp);
    static const char *const flat[] = {"files", "meetings", "documents"};
    for (size_t i = 0; i < G_N_ELEMENTS(flat); i++) {
        int fd = open_folder(top, flat[i]);
        if (fd >= 0)
            remove_in(fd, ap_is_temp_name);
    }
    int records = open_folder(top, "records");
    if (records >= 0)
        remove_stale_records(records);
    close(top);
}

/* ---- the lock ----------------------------------------------------------------------- */

static int open_lock(const char *path, ap_error *err)
{
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0 && (errno == EROFS || errno == EACCES))
        fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        return -1;      /* read-only and never locked: no run can write here */
    if (fd < 0)
        ap_error_set(err, "%s: %s", path, g_strerror(errno));
    return fd < 0 ? -2 : fd;
}

static bool take_lock(const char *outdir, int *lock, ap_error *err)
{
    char *path = g_build_filename(outdir, ".lock", NULL);
    int fd = open_lock(path, err);
    bool ok = fd != -2;
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        char pid[32] = "";
        ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
        pid[n > 0 ? n : 0] = '\0';
        g_strstrip(pid);
        if (e == EWOULDBLOCK)
            ap_error_set(err, "%s: in use by another agendapack run (pid %s)", outdir,
                         *pid ? pid : "unknown");
        else
            ap_error_set(err, "%s: cannot lock: %s", path, g_strerror(e));
        close(fd);
        ok = false;
    } else if (fd >= 0) {
        char pid[32];
        int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
        if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) < 0) {
            /* read-only: the lock holds, the pid is only for messages */
        }
    }
    *lock = ok ? fd : -1;
    g_free(path);
    return ok;
}

void ap_outdir_release(int lock)
{
    if (lock >= 0)
        close(lock);    /* the lock goes with the last descriptor */
}

bool ap_outdir_prepare(const char *outdir, int *lock, ap_error *err)
{
    *lock = -1;
    /* OUTDIR itself may be a link the user made; what is inside it may not */
    if (g_mkdir_with_parents(outdir, 0755) != 0 || !g_file_test(outdir, G_FILE_TEST_IS_DIR)) {
        ap_error_set(err, "%s: %s", outdir,
                     g_file_test(outdir, G_FILE_TEST_EXISTS) ? "not a folder" : g_strerror(errno));
        return false;
    }
    if (!take_lock(outdir, lock, err))
        return false;
    char *parts[] = {ap_outdir_log(outdir), ap_outdir_records(outdir),
                     ap_outdir_meetings(outdir), ap_outdir_documents(outdir)};
    bool ok = true;
    for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
        ok = ok && ap_real_dir(parts[i], err);
        g_free(parts[i]);
    }
    if (ok)
        remove_stale(outdir);
    else
        ap_outdir_release(*lock), *lock = -1;
    return ok;
}
