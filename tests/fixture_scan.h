/*
 * fixture_scan.h: fixtures for the OCR stage, made from the project's own
 * (fixture_scan.c).
 */
#ifndef AP_FIXTURE_SCAN_H
#define AP_FIXTURE_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/* pdf_in's pages, each rendered at 200 dpi into an image turned skew_deg
 * degrees (the other way on even pages) and speckled, written to pdf_out
 * as a PDF of images only: no text layer, the same truth. */
bool fixture_scan(const char *pdf_in, const char *pdf_out, double skew_deg, char *err,
                  size_t errlen);

/* A one-page PDF showing lines (ASCII, NULL-terminated list) in Helvetica
 * whose text layer maps every character to the private-use area. */
bool fixture_garbled(const char *const *lines, const char *pdf_out, char *err, size_t errlen);

#endif
