/*
 * rulings.h: what a page draws, read from its rendering (rulings.c): the
 * rules of its tables, the fills and arrows of cells that print no text.
 */
#ifndef AP_RULINGS_H
#define AP_RULINGS_H

#include "core/page_model.h"

/* Ruling lines drawn on a page (table rules), found by rendering it. */
typedef struct ap_rule {
    double x0, y0, x1, y1;  /* a thin box: vertical or horizontal */
} ap_rule;

typedef struct ap_rulings {
    ap_rule *vertical, *horizontal;
    size_t nvertical, nhorizontal;
} ap_rulings;

/* A page rendered into pixels (parsers/rulings.c), for what poppler-glib
 * does not hand out as data: drawn rules, cell fills, drawn arrows. NULL
 * when the page cannot be rendered (a document built by hand). */
typedef struct ap_page_image ap_page_image;
ap_page_image *ap_page_image_new(const ap_doc *doc, size_t page);
void ap_page_image_free(ap_page_image *img);

/* The image's long straight lines. Free with ap_rulings_clear(). */
void ap_image_rulings(const ap_page_image *img, ap_rulings *out);
/* Renders page (0-based) of doc and returns its long straight lines;
 * false when the page cannot be rendered. */
bool ap_page_rulings(const ap_doc *doc, size_t page, ap_rulings *out);

/* What a box of the page shows where it prints no text: its fill
 * ("red", "amber", "green" or NULL) and an arrow drawn as a shape ("up",
 * "down", "flat" or NULL). */
typedef struct ap_mark {
    const char *fill, *arrow;
} ap_mark;
ap_mark ap_image_mark(const ap_page_image *img, ap_bbox box);
void ap_rulings_clear(ap_rulings *r);

#endif
