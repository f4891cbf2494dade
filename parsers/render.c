/* render.c: a page drawn into pixels (see render.h). */
#include "parsers/render.h"

cairo_surface_t *ap_render_page(PopplerPage *page, double scale)
{
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
