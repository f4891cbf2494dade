/* files.h: input and output files opened as the program needs them:
 * regular files only, never waiting on a FIFO. */
#ifndef AP_FILES_H
#define AP_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "agendapack.h"

/* A regular file opened for reading (a descriptor to close), or -1 and
 * err: "no such file", "not a regular file (a FIFO)" and the like. It is
 * opened without blocking, so a FIFO is refused rather than waited on,
 * and, unless follow_links, a symbolic link is refused too. err has no
 * path: the caller knows it. */
int ap_open_regular(const char *path, bool follow_links, ap_error *err);

/* Such a file's whole content (g_free it; NUL-terminated, *len without
 * the NUL). */
char *ap_read_regular_file(const char *path, bool follow_links, size_t *len, ap_error *err);

/* dir as a real folder: made when missing; refused when it is a symbolic
 * link or not a folder, so that nothing is ever written or removed
 * through a link planted inside OUTDIR. err: "PATH: reason". */
bool ap_real_dir(const char *dir, ap_error *err);

#endif
