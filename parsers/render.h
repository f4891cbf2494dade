/*
 * render.h: a page drawn into pixels, for what poppler-glib does not hand
 * out as data: the paths a page draws (rules, vector scans, arrows) and
 * the colours it fills.
 */
#ifndef AP_RENDER_H
#define AP_RENDER_H

#include <cairo.h>
#include <poppler.h>
#include <stdbool.h>
#include <stdint.h>

/* The page drawn onto white at scale pixels per point, as an RGB24 image
 * (cairo_surface_destroy it). */
cairo_surface_t *ap_render_page(PopplerPage *page, double scale);

/* Whether an RGB24 pixel of such an image is ink: any channel darker than
 * level (0-255). */
static inline bool ap_pixel_ink(uint32_t p, unsigned level)
{
    /* | rather than ||: no branches, so a loop over a row vectorises */
    return (((p >> 16) & 0xff) < level) | (((p >> 8) & 0xff) < level) | ((p & 0xff) < level);
}

#endif
