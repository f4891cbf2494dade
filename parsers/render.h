/*
 * render.h: a page drawn into pixels with poppler-glib and cairo, for what
 * the page's vectors cannot say: the colours inside a raster image
 * (parsers/raster_marks.c; docs/pdf.md says which pages still render).
 */
#ifndef AP_RENDER_H
#define AP_RENDER_H

#include <cairo.h>
#include <poppler.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/page_model.h"

/* poppler-glib's document of doc's bytes, made on first asking: only a
 * render needs it (pdf_reader.c keeps it with the document). */
PopplerDocument *ap_doc_glib(const ap_doc *doc);

/* How many pages this process has rendered so far. */
unsigned long ap_pages_rendered(void);

/* The most pixels a render may have: 16.7 million, 64 MB as RGB24; an A0
 * page at one pixel a point has 8 million. A page may claim any size (a
 * hostile one 32000 points square, or 2^31), and its render must stay
 * bounded in time and memory. */
#define AP_RENDER_MAX_PIXELS (16.0 * 1024 * 1024)

/* The page drawn onto white at scale pixels per point, as an RGB24 image
 * (cairo_surface_destroy it); NULL when that would pass
 * AP_RENDER_MAX_PIXELS, or memory for it cannot be had. */
cairo_surface_t *ap_render_page(PopplerPage *page, double scale);
#endif
