/* render.c: a page drawn into pixels (see render.h). */
#include "parsers/render.h"

/* Rendering is the costliest step of a conversion, so it is counted: a
 * process converts one file at a time, and the count taken before and
 * after a file says how many of its pages were drawn. */
static unsigned long rendered;

unsigned long ap_pages_rendered(void)
{
    return rendered;
}

cairo_surface_t *ap_render_page(PopplerPage *page, double scale)
{
    rendered++;
    double width, height;
    poppler_page_get_size(page, &width, &height);
    int w = (int)(width * scale) + 1, h = (int)(height * scale) + 1;
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    return surface;
}
