/* inputs.h: the files a run is given: folders walked, each file's size and
 * content hash. */
#ifndef AP_INPUTS_H
#define AP_INPUTS_H

#include <glib.h>

#include "agendapack.h"

/* Every PDF under the inputs, largest first (g_free each): a file named on
 * the command line whatever its name (so a bad one gets its error),
 * folders walked for *.pdf regular files. A folder is entered once
 * however many links lead to it, so links that loop end the walk rather
 * than run it forever. */
GPtrArray *ap_inputs_collect(char *const *inputs, size_t ninputs);

/* The hex SHA-256 of a regular file's bytes (g_free it), or NULL and err:
 * a FIFO, a device or a socket is refused without being opened for a
 * read that would wait. */
char *ap_file_sha256(const char *path, ap_error *err);

#endif
