/*
 * measures.h: measures printed one to a section as labels and values
 * (measures.c): a KPI detail block.
 */
#ifndef AP_SEGMENT_MEASURES_H
#define AP_SEGMENT_MEASURES_H

#include <stddef.h>

#include "core/drawing.h"
#include "core/page_model.h"
#include "pages/layout.h"

typedef struct ap_pack ap_pack;

/* A label and its value as printed ("Latest (Sep-25)" | "85.6%"), and
 * the mark the value's place shows where it prints nothing (a drawn
 * arrow, a RAG fill). */
typedef struct ap_measure_field {
    char *label;
    char *value;            /* "" where it prints no text */
    ap_mark mark;
} ap_measure_field;

/* One measure's block: the line over it that names it, its fields. */
typedef struct ap_measure {
    char *heading;          /* NULL when no line over it names it */
    ap_measure_field *fields;
    size_t nfields;
    ap_bbox bbox;           /* labels and values */
    size_t page;            /* 0-based */
    const char *item;       /* the agenda item it sits in, or NULL */
} ap_measure;

typedef struct ap_measures {
    ap_measure *list;
    size_t n;
} ap_measures;

/* The measure blocks among a page's rows, appended to out (ap_measure);
 * page and item left for the caller. */
void ap_measures_find(const ap_rows *rows, GArray *out);
/* The pack's measure blocks, found with its tables (segment/tables.c). */
const ap_measures *ap_pack_measures(const ap_pack *pack);
void ap_measure_clear(ap_measure *m);
void ap_measures_free(ap_measures *m);

#endif
