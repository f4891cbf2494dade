/*
 * drawing.h: what a page's drawing says, as the stages after the page model
 * read it: the rules of its tables, and the mark (a fill, a drawn arrow)
 * of a box that prints no text. Rules and marks come from the page's
 * vector shapes (pages/drawn.c); a mark inside a raster image comes from a
 * render of the page (parsers/raster_marks.c). Both name a fill's colour
 * the same way, here.
 */
#ifndef AP_DRAWING_H
#define AP_DRAWING_H

#include <stddef.h>
#include <stdint.h>

/* A ruling line (a table's rule): a thin box, vertical or horizontal;
 * x0 == x1 for a vertical one, y0 == y1 for a horizontal one. */
typedef struct ap_rule {
    double x0, y0, x1, y1;
} ap_rule;

typedef struct ap_rulings {
    ap_rule *vertical, *horizontal;     /* by position, then start */
    size_t nvertical, nhorizontal;
} ap_rulings;

void ap_rulings_clear(ap_rulings *r);

/* What a box shows where it prints no text: its fill ("red", "amber",
 * "green" or NULL) and an arrow drawn as a shape ("up", "down", "flat" or
 * NULL). The strings are static. */
typedef struct ap_mark {
    const char *fill, *arrow;
} ap_mark;

/* A fill is a RAG colour over this share of a box at least. */
#define AP_FILL_SHARE 0.4
/* A colour this far from the ground (the sum of the three channels'
 * differences, 0-765) is ink on it: an arrow on a fill. */
#define AP_INK_DISTANCE 120
/* An arrow's head is wider than its tail by this share of its width. */
#define AP_HEAD_RATIO 4
/* Points left out at a box's edges, where its rules run. */
#define AP_MARK_INSET 3.0

typedef enum ap_rag { AP_RAG_RED, AP_RAG_AMBER, AP_RAG_GREEN, AP_RAG_NONE } ap_rag;

/* The RAG rating a colour (0xRRGGBB) reads as, by hue; AP_RAG_NONE for a
 * colour too grey to be one. */
ap_rag ap_rag_of_rgb(uint32_t rgb);
/* "red", "amber", "green"; NULL for AP_RAG_NONE. */
const char *ap_rag_name(ap_rag rag);
/* The distance of two colours, as AP_INK_DISTANCE measures it. */
int ap_rgb_distance(uint32_t a, uint32_t b);

/* An arrow's direction from its cross-sections: the widest across its
 * first and last quarter from top to bottom (top, bottom) and from left
 * to right (left, right). A shape with no end much wider than the other
 * is no arrow (NULL); head at the top "up", at the bottom "down", to a
 * side "flat" (as a "→" is read). */
const char *ap_arrow_direction(double top, double bottom, double left, double right);

#endif
