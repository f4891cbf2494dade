/* convert.h: one PDF into its validated records, for the runs that write
 * them their own way (convert_run.c, batch.c). */
#ifndef AP_CONVERT_H
#define AP_CONVERT_H

#include <cjson/cJSON.h>

#include "agendapack.h"

/* The same as ap_convert_file, for a file whose SHA-256 (hex) the caller
 * has computed. */
bool ap_convert_file_hashed(const char *pdf_path, const char *sha256, const char *outdir,
                            ap_convert_summary *summary, ap_error *err);
/* Tells the library that this process will convert many files: it then
 * compiles its patterns to machine code (PCRE2's JIT), which costs about
 * 3 ms once and makes matching about three times faster. */
void ap_tune_for_many_files(void);

/* The records of the PDF at path, or of data (len bytes) when data is not
 * NULL, then named path; sha256 (may be NULL) is its hash when known.
 * Every record is checked against the schema. Returns NULL and err for a
 * file that cannot be read; an empty array (sum->notice says why) for one
 * that holds no meeting. sum gets pages, pages rendered, documents and
 * warnings; paths stay NULL. */
cJSON *ap_convert_records(const char *path, const void *data, size_t len, const char *sha256,
                          ap_convert_summary *sum, ap_error *err);

#endif
