/*
 * raster_marks.h: the mark (fill, drawn arrow) of a box inside a raster
 * image, read from a render of the page (raster_marks.c). Everything the
 * vectors state is read from them instead (pages/drawn.h).
 */
#ifndef AP_RASTER_MARKS_H
#define AP_RASTER_MARKS_H

#include "core/drawing.h"
#include "core/page_model.h"

/* A page rendered into pixels at one pixel per point. NULL when the page
 * cannot be rendered (a document built by hand, a page past
 * AP_RENDER_MAX_PIXELS). */
typedef struct ap_page_image ap_page_image;
ap_page_image *ap_page_image_new(const ap_doc *doc, size_t page);
void ap_page_image_free(ap_page_image *img);

/* What box shows in the render where it prints no text. */
ap_mark ap_image_mark(const ap_page_image *img, ap_bbox box);

#endif
