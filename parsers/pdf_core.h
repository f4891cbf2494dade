/*
 * pdf_core.h: a PDF read through poppler's core API in one pass per page
 * (pdf_core.cc, the project's one C++ file), as plain C structs.
 *
 * Each page is interpreted once, by a device kept for the whole document
 * (so poppler's caches, its ICC colour spaces among them, serve every
 * page), which gathers both the page's text, as poppler's TextPage lays
 * it out, and the geometry it draws: stroked lines and filled shapes with
 * their colours, clip and paint order, and where its images stand. Images
 * are not decoded, shadings not painted, and of a tiling pattern only the
 * images looked for. A document's /OutputIntents colour profile,
 * which poppler would otherwise load and build transforms for at every
 * page (and which changes no text), is dropped on opening, in memory.
 */
#ifndef AP_PDF_CORE_H
#define AP_PDF_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "agendapack.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ap_pdf ap_pdf;

/* A box in points, origin at the page's top-left corner, y down. */
typedef struct ap_pdf_box {
    double x0, y0, x1, y1;
} ap_pdf_box;

/* A run of the text in one font, size, colour and underline, over
 * character indexes [start, end] of the page's text. */
typedef struct ap_pdf_run {
    int start, end;
    const char *font;       /* the font's name, a subset prefix dropped;
                             * the document owns it */
    double size;
} ap_pdf_run;

typedef struct ap_pdf_point {
    double x, y;
} ap_pdf_point;

/* One subpath the page paints: stroked (its segments drawn with a line
 * width) or filled (its outline closed and filled). */
typedef struct ap_pdf_shape {
    bool filled;
    bool curved;            /* has Bezier segments (their control points
                             * are among the points) */
    uint32_t rgb;           /* 0xRRGGBB */
    double opacity;         /* 0-1 */
    double width;           /* a stroke's line width in points */
    ap_pdf_box clip;        /* what the clip lets show */
    unsigned order;         /* painted after every shape of lower order */
    size_t first, npoints;  /* its points in the page's points */
} ap_pdf_shape;

typedef struct ap_pdf_page {
    double width, height;   /* as displayed (rotation applied) */
    /* the text as poppler-glib's poppler_page_get_text gives it: words in
     * reading order, a space after a word that has one, '\n' between
     * lines; one box per character (a space's spans the gap after its
     * word); font runs over character indexes */
    char *text;
    ap_pdf_box *boxes;
    size_t nboxes;
    ap_pdf_run *runs;
    size_t nruns;
    ap_pdf_shape *shapes;
    size_t nshapes;
    ap_pdf_point *points;
    size_t npoints;
    ap_pdf_box *images;     /* where each image is drawn */
    size_t nimages;
} ap_pdf_page;

/* The PDF in len bytes at data, which must outlive it. NULL and err
 * ("encrypted: a password is needed", "damaged PDF: ...") when poppler
 * cannot open it. */
ap_pdf *ap_pdf_open(const void *data, size_t len, ap_error *err);
int ap_pdf_npages(const ap_pdf *pdf);
/* Page index (0-based) read in one pass; false when poppler has no such
 * page. Clear it with ap_pdf_page_clear. */
bool ap_pdf_read_page(ap_pdf *pdf, int index, ap_pdf_page *page);
void ap_pdf_page_clear(ap_pdf_page *page);
void ap_pdf_free(ap_pdf *pdf);

#ifdef __cplusplus
}
#endif

#endif
