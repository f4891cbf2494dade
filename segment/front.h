/*
 * front.h: the frontsheet's header, its rows above the first agenda item,
 * and the names it prints (front.c).
 */
#ifndef AP_FRONT_H
#define AP_FRONT_H

#include <stdbool.h>

#include "pages/layout.h"

typedef struct ap_pack ap_pack;

typedef struct ap_front_row {
    const ap_row *row;
    size_t page;
    char *text;
} ap_front_row;

typedef struct ap_front {
    ap_front_row *rows;
    size_t n;
    char *text;             /* all rows joined by spaces */
    size_t *offsets;        /* where each row starts in text */
    char *committee;        /* the body's name as printed; NULL */
    char *council;          /* a council's name printed as a heading of
                             * its own; NULL */
} ap_front;

/* The header of a pack with an agenda; NULL without one. */
ap_front *ap_front_read(const ap_pack *pack);
void ap_front_free(ap_front *front);

/* The row of the header holding byte offset of its text. */
size_t ap_front_row_at(const ap_front *h, size_t offset);
/* Whether b sits close enough under a to be one block of text. */
bool ap_front_same_block(const ap_front_row *a, const ap_front_row *b);

#endif
