/*
 * titles.h: numbered entries (agenda items, minute entries) split into
 * title and the rest, by one typographic rule chosen for the whole list
 * (see titles.c).
 */
#ifndef AP_TITLES_H
#define AP_TITLES_H

#include "pages/numbered.h"

typedef struct ap_titled {
    char *title;            /* "" when the entry has none */
    char *rest;             /* what follows the title, "" when nothing */
    char *decision_ref;     /* "24/00108" taken off the title, or NULL */
    char *text;             /* the entry's whole text, page reference kept */
} ap_titled;

/* pieces[i] (npieces[i] of them) are entry i's; returns n results. A
 * leading decision reference ("24/00108 - ") is taken off the title into
 * decision_ref unless keep_decision_ref (minutes print it as part of the
 * heading). */
ap_titled *ap_titles_split(ap_piece *const *pieces, const size_t *npieces,
                           size_t n, bool keep_decision_ref);
void ap_titled_free(ap_titled *t, size_t n);

#endif
