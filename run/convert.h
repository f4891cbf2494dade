/* convert.h: one PDF into its validated records, for the runs that write
 * them their own way (convert_run.c, batch.c). */
#ifndef AP_CONVERT_H
#define AP_CONVERT_H

#include <cjson/cJSON.h>

#include "agendapack.h"

/* The records of the PDF at path, or of data (len bytes) when data is not
 * NULL, then named path; sha256 (may be NULL) is its hash when known.
 * Every record is checked against the schema. Returns NULL and err for a
 * file that cannot be read; an empty array (sum->notice says why) for one
 * that holds no meeting. sum gets pages, pages rendered, documents and
 * warnings; paths stay NULL. */
cJSON *ap_convert_records(const char *path, const void *data, size_t len, const char *sha256,
                          ap_convert_summary *sum, ap_error *err);

#endif
