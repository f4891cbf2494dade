/* render.c: a page drawn into pixels (see render.h). */
#include <math.h>

#include "agendapack.h"
#include "parsers/render.h"

/* Rendering is the costliest step of a conversion, so it is counted: a
 * process converts one file at a time, and the count taken before and
 * after a file says how many of its pages were drawn. */
static unsigned long rendered;

unsigned long ap_pages_rendered(void)
{
    return rendered;
}

/* The pixels of the page at scale, or 0 when that is past the cap (or the
 * page's size is no size at all). Done in doubles: a page may claim any
 * size, up to 2^31 points, and int arithmetic would overflow. */
static double pixels_at(PopplerPage *page, double scale, int *w, int *h)
{
    double width, height;
    poppler_page_get_size(page, &width, &height);
    double pw = floor(width * scale) + 1, ph = floor(height * scale) + 1;
    if (!isfinite(pw) || !isfinite(ph) || pw < 1 || ph < 1 ||
        pw * ph > AP_RENDER_MAX_PIXELS || pw > INT16_MAX || ph > INT16_MAX)
        return 0;
    *w = (int)pw;
    *h = (int)ph;
    return pw * ph;
}

cairo_surface_t *ap_render_page(PopplerPage *page, double scale)
{
    int w, h;
    if (!pixels_at(page, scale, &w, &h))
        return NULL;
    rendered++;
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);     /* no memory for it */
        return NULL;
    }
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    return surface;
}
