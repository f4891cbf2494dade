/*
 * csv.h: CSV fields as RFC 4180 quotes them, safe to open in a
 * spreadsheet, for every CSV the project writes (indicator exports, query
 * hits).
 *
 * Written here rather than by a library: writing CSV is quoting a field
 * that holds a comma, quote or line break and doubling its quotes, and the
 * C CSV libraries Debian packages are parsers.
 *
 * A CSV opened in a spreadsheet runs a cell that starts with =, +, -, @,
 * a tab or a carriage return as a formula, and the text comes from PDFs
 * anyone can write ("=cmd|' /C calc'!A0"). Such a cell gets a leading '
 * (OWASP's advice), except a cell that is a plain number: "-12.5" is a
 * negative number to a spreadsheet, not a formula, and stays one.
 */
#ifndef AP_CSV_H
#define AP_CSV_H

#include <cjson/cJSON.h>
#include <glib.h>

/* v (NULL: an empty field) appended to line, quoted as it needs. */
void ap_csv_field(GString *line, const char *v);
/* A JSON value as a field: a number as written ("1402", not "1402.0"),
 * text as text, anything else empty. */
void ap_csv_json_field(GString *line, const cJSON *v);

#endif
