/*
 * pdf.h: the PDF stage (pdf_reader.c): PDF bytes -> page model.
 */
#ifndef AP_PDF_H
#define AP_PDF_H

#include "core/page_model.h"

/* Returns NULL and fills err for a missing, empty, non-PDF, damaged,
 * truncated or encrypted file, or anything but a regular file. */
ap_doc *ap_doc_open(const char *path, ap_error *err);
/* The same, with the file's SHA-256 (hex) known already, as a batch knows
 * it: the bytes are not hashed again. */
ap_doc *ap_doc_open_hashed(const char *path, const char *sha256, ap_error *err);
/* A PDF's bytes (len of them, at data, copied), named name in the page
 * model and the records; sha256 may be NULL. */
ap_doc *ap_doc_open_data(const char *name, const void *data, size_t len, const char *sha256,
                         ap_error *err);

#endif
