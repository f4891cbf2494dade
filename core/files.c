/* files.c: regular files opened without surprises (see files.h). */
#define _GNU_SOURCE  /* O_NOFOLLOW, O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core/files.h"
#include "core/error.h"

static const char *kind_of(mode_t mode)
{
    return S_ISDIR(mode)                    ? "a directory"
           : S_ISFIFO(mode)                 ? "a FIFO"
           : S_ISSOCK(mode)                 ? "a socket"
           : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
                                            : "not a regular file";
}

static void set_errno_error(ap_error *err, int e)
{
    if (e == ENOENT)
        ap_error_set(err, "no such file");
    else if (e == ELOOP)
        ap_error_set(err, "not a regular file (a symbolic link)");
    else
        ap_error_set(err, "cannot read: %s", g_strerror(e));
}

int ap_open_regular(const char *path, bool follow_links, ap_error *err)
{
    /* O_NONBLOCK: opening a FIFO for reading would wait for a writer */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (follow_links ? 0 : O_NOFOLLOW));
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        set_errno_error(err, errno);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        ap_error_set(err, "not a regular file (%s)", kind_of(st.st_mode));
        close(fd);
        return -1;
    }
    return fd;
}

char *ap_read_regular_file(const char *path, bool follow_links, size_t *len, ap_error *err)
{
    int fd = ap_open_regular(path, follow_links, err);
    struct stat st;
    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) != 0) {
        set_errno_error(err, errno);
        close(fd);
        return NULL;
    }
    size_t size = (size_t)st.st_size, got = 0;
    char *data = g_malloc(size + 1);
    ssize_t n = 1;
    while (got < size && (n = read(fd, data + got, size - got)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        got += (size_t)n;
    }
    if (n < 0) {
        set_errno_error(err, errno);
        g_clear_pointer(&data, g_free);
    } else {
        data[got] = '\0';    /* a file that shrank meanwhile is read as it is now */
        *len = got;
    }
    close(fd);
    return data;
}

bool ap_real_dir(const char *dir, ap_error *err)
{
    if (g_mkdir_with_parents(dir, 0755) != 0 && errno != EEXIST) {
        ap_error_set(err, "%s: %s", dir, g_strerror(errno));
        return false;
    }
    GStatBuf st;
    if (g_lstat(dir, &st) != 0) {
        ap_error_set(err, "%s: %s", dir, g_strerror(errno));
        return false;
    }
    if (S_ISLNK(st.st_mode)) {
        ap_error_set(err, "%s: is a symbolic link; refusing to write through it", dir);
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        ap_error_set(err, "%s: not a folder", dir);
        return false;
    }
    return true;
}
