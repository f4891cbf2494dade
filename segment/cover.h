/*
 * cover.h: a report's cover sheet, the labelled block councils print at
 * the top of a report's first page ("To:", "From:", "Subject:", "Decision
 * No:", "Summary:" ...), read into fields (cover.c).
 */
#ifndef AP_COVER_H
#define AP_COVER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/page_model.h"

/* A field as printed: key is ours ("report_to", "title" ...), value the
 * text after the label (its wrapped lines joined), NULL when left blank. */
typedef struct ap_cover_field {
    const char *key;
    char *value;
} ap_cover_field;

typedef struct ap_cover {
    ap_cover_field *fields; /* in the order printed */
    size_t n;
    double bottom;          /* the foot of its last label or value */
    size_t nreport;         /* labels only a report's cover prints (From,
                             * Subject, Report of, Purpose, Classification,
                             * Decision No ...), not a letter's or a
                             * summons's ("To:", "Date:", "Contact officer") */
} ap_cover;

/* The cover of page: the labelled fields starting in its top half, or
 * NULL when fewer than two labels are there (one "Date:" does not make a
 * cover sheet). Free with ap_cover_free. */
ap_cover *ap_cover_read(const ap_page *page);
void ap_cover_free(ap_cover *cover);

/* The value of key, or NULL (not there, or left blank). */
const char *ap_cover_value(const ap_cover *cover, const char *key);

#endif
