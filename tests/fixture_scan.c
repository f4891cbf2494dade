/*
 * fixture_scan.c: fixtures as the older years of an archive come: a pack
 * rendered as today, then each page made a picture of itself, a little
 * askew and speckled, as a scanner gives it; and a page whose text layer
 * maps its characters to the wrong Unicode (see fixture_scan.h).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <poppler.h>

#include "tests/fixture_scan.h"

/* A scanner's resolution: 200 dpi, the common setting for paper records,
 * and lower than the OCR stage renders at (it must scale up). */
#define SCAN_DPI 200.0

/* Speckles: one pixel in SPECKLE_EVERY turned dark or light at random. */
#define SPECKLE_EVERY 400

/* A fixed pseudo-random sequence (a linear congruential generator), so a
 * fixture is the same on every run. */
static unsigned next_random(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return *state >> 16;
}

static void speckle(cairo_surface_t *img, unsigned seed)
{
    cairo_surface_flush(img);
    unsigned char *data = cairo_image_surface_get_data(img);
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++)
            if (next_random(&seed) % SPECKLE_EVERY == 0)
                row[x] = next_random(&seed) % 2 ? 0x404040 : 0xffffff;
    }
    cairo_surface_mark_dirty(img);
}

/* One page as a scanner would give it, drawn onto the PDF surface. */
static bool scan_page(PopplerPage *page, cairo_surface_t *pdf, double skew_deg, unsigned seed)
{
    double w, h;
    poppler_page_get_size(page, &w, &h);
    double scale = SCAN_DPI / 72.0;
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * scale), (int)(h * scale));
    cairo_t *c = cairo_create(img);
    cairo_set_source_rgb(c, 1, 1, 1);
    cairo_paint(c);
    cairo_translate(c, w * scale / 2, h * scale / 2);
    cairo_rotate(c, skew_deg * G_PI / 180);
    cairo_translate(c, -w * scale / 2, -h * scale / 2);
    cairo_scale(c, scale, scale);
    poppler_page_render_for_printing(page, c);
    cairo_destroy(c);
    speckle(img, seed);
    cairo_pdf_surface_set_size(pdf, w, h);
    cairo_t *cr = cairo_create(pdf);
    cairo_scale(cr, 1 / scale, 1 / scale);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_show_page(cr);
    bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    return ok;
}

bool fixture_scan(const char *pdf_in, const char *pdf_out, double skew_deg, char *err,
                  size_t errlen)
{
    GError *e = NULL;
    char *uri = g_filename_to_uri(pdf_in, NULL, &e);
    PopplerDocument *doc = uri ? poppler_document_new_from_file(uri, NULL, &e) : NULL;
    g_free(uri);
    if (!doc) {
        snprintf(err, errlen, "%s: %s", pdf_in, e ? e->message : "cannot open");
        g_clear_error(&e);
        return false;
    }
    cairo_surface_t *pdf = cairo_pdf_surface_create(pdf_out, 595, 842);
    bool ok = cairo_surface_status(pdf) == CAIRO_STATUS_SUCCESS;
    int n = poppler_document_get_n_pages(doc);
    for (int i = 0; ok && i < n; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        /* each page its own angle, as each sheet goes through apart */
        ok = page && scan_page(page, pdf, skew_deg * (i % 2 ? -1 : 1), 7u + (unsigned)i);
        if (page)
            g_object_unref(page);
    }
    cairo_surface_finish(pdf);
    ok = ok && cairo_surface_status(pdf) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(pdf);
    g_object_unref(doc);
    if (!ok)
        snprintf(err, errlen, "%s: cannot write the scanned copy", pdf_out);
    return ok;
}

/* ---- a garbled text layer ---------------------------------------------------------- */

/* The PDF is written by hand: cairo embeds fonts with a correct map to
 * Unicode, and the point is a font whose map is wrong. Its font is
 * Helvetica (one of the standard 14, drawn by any reader), and its
 * ToUnicode CMap sends every printable code to the private-use area, as
 * subset fonts whose maps were lost do: it shows the text and extracts
 * none of it. */
bool fixture_garbled(const char *const *lines, const char *pdf_out, char *err, size_t errlen)
{
    GString *content = g_string_new("BT /F1 12 Tf 14 TL 72 770 Td\n");
    for (const char *const *l = lines; *l; l++) {
        g_string_append_c(content, '(');
        for (const char *p = *l; *p; p++) {
            if (*p == '(' || *p == ')' || *p == '\\')
                g_string_append_c(content, '\\');
            g_string_append_c(content, *p);
        }
        g_string_append(content, ") Tj T*\n");
    }
    g_string_append(content, "ET\n");
    static const char cmap[] =
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Garbled def 1 begincodespacerange <00> <FF> endcodespacerange\n"
        "1 beginbfrange <21> <7E> <E021> endbfrange\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n";
    GString *pdf = g_string_new("%PDF-1.4\n");
    size_t offsets[7];
    char *objects[7];
    objects[1] = g_strdup("<< /Type /Catalog /Pages 2 0 R >>");
    objects[2] = g_strdup("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    objects[3] = g_strdup("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
                          " /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>");
    objects[4] = g_strdup_printf("<< /Length %zu >>\nstream\n%sendstream", content->len,
                                 content->str);
    objects[5] = g_strdup("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
                          " /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>");
    objects[6] = g_strdup_printf("<< /Length %zu >>\nstream\n%sendstream", strlen(cmap), cmap);
    for (int i = 1; i <= 6; i++) {
        offsets[i] = pdf->len;
        g_string_append_printf(pdf, "%d 0 obj\n%s\nendobj\n", i, objects[i]);
        g_free(objects[i]);
    }
    size_t xref = pdf->len;
    g_string_append(pdf, "xref\n0 7\n0000000000 65535 f \n");
    for (int i = 1; i <= 6; i++)
        g_string_append_printf(pdf, "%010zu 00000 n \n", offsets[i]);
    g_string_append_printf(pdf, "trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                           xref);
    GError *e = NULL;
    bool ok = g_file_set_contents(pdf_out, pdf->str, (gssize)pdf->len, &e);
    if (!ok)
        snprintf(err, errlen, "%s", e->message);
    g_clear_error(&e);
    g_string_free(pdf, TRUE);
    g_string_free(content, TRUE);
    return ok;
}
