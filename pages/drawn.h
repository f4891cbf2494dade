/*
 * drawn.h: what a page draws, read from the shapes the PDF stage recorded
 * (drawn.c): the rules of its tables, and the fill and drawn arrow of a
 * box that prints no text.
 */
#ifndef AP_DRAWN_H
#define AP_DRAWN_H

#include <stdbool.h>

#include "core/drawing.h"
#include "core/page_model.h"

/* The rules page draws: straight strokes and thin filled rectangles, in
 * a colour that shows, where the clip lets them show and no later fill
 * covers them, pieces of one line joined. Free with ap_rulings_clear(). */
void ap_drawn_rulings(const ap_page *page, ap_rulings *out);

/* The mark the shapes inside box make: the fill most of it shows, and a
 * shape standing clear of its edges read as an arrow. */
ap_mark ap_drawn_mark(const ap_page *page, ap_bbox box);

#endif
