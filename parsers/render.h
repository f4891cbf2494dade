/*
 * render.h: a page drawn into pixels, for what poppler-glib does not hand
 * out as data: the paths a page draws (rules, vector scans, arrows) and
 * the colours it fills.
 */
#ifndef AP_RENDER_H
#define AP_RENDER_H

#include <cairo.h>
#include <poppler.h>

/* The page drawn onto white at scale pixels per point, as an RGB24 image
 * (cairo_surface_destroy it). */
cairo_surface_t *ap_render_page(PopplerPage *page, double scale);

#endif
