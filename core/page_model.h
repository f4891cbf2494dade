/*
 * page_model.h: the page model every stage reads: a document's pages, each
 * page's lines with their boxes, font spans, cells and words, and the
 * furniture taken off it.
 *
 * Coordinates are PDF points with the origin at the page's top-left corner
 * and y growing downwards (poppler's text-layout convention).
 */
#ifndef AP_PAGE_MODEL_H
#define AP_PAGE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "agendapack.h"

typedef struct ap_bbox {
    double x0, y0, x1, y1;
} ap_bbox;

/* A run of characters in one font within a line; offsets are bytes into
 * the line's UTF-8 text. */
typedef struct ap_span {
    size_t start, len;
    char *font;
    double size;
    bool bold, italic;
} ap_span;

/* A stretch of a line between wide horizontal gaps: one table cell or one
 * column's part of a row that poppler read as a single line. Offsets are
 * bytes into the line's text. */
typedef struct ap_cell {
    size_t start, len;
    ap_bbox bbox;
} ap_cell;

typedef struct ap_line {
    char *text;            /* UTF-8, trimmed, never empty */
    ap_bbox bbox;
    ap_span *spans;
    size_t nspans;
    ap_cell *cells;        /* at least one when read from a PDF; a line
                            * with none is one cell */
    size_t ncells;
    ap_cell *words;        /* runs between spaces, with their boxes; none in
                            * a line built by hand */
    size_t nwords;
} ap_line;

typedef enum ap_furniture_kind {
    AP_FURN_PACK_STAMP,     /* "Public Document Pack" */
    AP_FURN_ITEM_STAMP,     /* "Agenda Item 7" */
    AP_FURN_PAGE_NUMBER,    /* the pack's own "Page 12" */
    AP_FURN_DOC_FOOTER,     /* a document's own "Page 3 of 54" */
    AP_FURN_RUNNING,        /* a header or footer repeated across pages */
    AP_FURN_BLANK_NOTICE    /* "This page is intentionally left blank" */
} ap_furniture_kind;

typedef struct ap_furniture {
    ap_furniture_kind kind;
    ap_line line;
    int number;             /* AP_FURN_PAGE_NUMBER: the printed number */
    char *item;             /* AP_FURN_ITEM_STAMP: the item number */
} ap_furniture;

/* What a page draws, as the PDF states it (parsers/pdf_core.cc): each
 * subpath it strokes or fills, in page space, with its colour, clip and
 * paint order. Tables' rules, cells' fills and drawn arrows are read from
 * these (pages/drawn.c). */
typedef struct ap_point {
    double x, y;
} ap_point;

typedef struct ap_shape {
    bool filled;            /* filled, else stroked */
    bool curved;            /* has Bezier segments: their control points are
                             * among its points */
    uint32_t rgb;           /* 0xRRGGBB */
    double opacity;         /* 0-1 */
    double width;           /* a stroke's line width, in points */
    ap_bbox clip;           /* what the clip lets show */
    unsigned order;         /* painted over every shape of lower order */
    size_t first, npoints;  /* its points in the page's points */
} ap_shape;

/* A word recognised by OCR: where, and how sure the engine was of it. */
typedef struct ap_ocr_word {
    ap_bbox bbox;
    double confidence;      /* 0-100 */
} ap_ocr_word;

typedef struct ap_page {
    int pdf_page;           /* 1-based */
    double width, height;
    ap_line *lines;         /* content lines in reading order */
    size_t nlines;
    ap_furniture *furniture;
    size_t nfurniture;
    bool has_graphics;      /* images, or (on a page with no text) a
                             * drawing that shows */
    int printed_page;       /* 0 when the page has no printed number */
    char *agenda_item;      /* NULL when the page belongs to no item */
    bool blank;             /* a padding page */
    ap_shape *shapes;       /* what it draws, in paint order */
    size_t nshapes;
    ap_point *points;
    size_t npoints;
    ap_bbox *images;        /* where its images are drawn */
    size_t nimages;
    bool ocr;               /* its lines were recognised by OCR (parsers/ocr.c),
                             * not read from a text layer */
    double ocr_confidence;  /* then: the mean word confidence, 0-100 */
    ap_ocr_word *ocr_words; /* and each word recognised, with its own */
    size_t nocr_words;
} ap_page;

typedef struct ap_doc {
    char *path;
    char *sha256;           /* hex digest of the file's bytes */
    ap_page *pages;
    size_t npages;
    char **warnings;        /* each names its page */
    size_t nwarnings;
    int ocr_pages;          /* pages recognised by OCR, and the seconds */
    double ocr_seconds;     /* that took */
    void *source;           /* the open PDF (parsers/pdf_reader.c), for
                             * what a page's first reading did not take;
                             * NULL in a document built by hand */
    void (*source_free)(void *);
} ap_doc;

void ap_doc_free(ap_doc *doc);
/* A warning about the document, naming its page (kept in doc->warnings). */
void ap_doc_warn(ap_doc *doc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static inline ap_bbox ap_bbox_union(ap_bbox a, ap_bbox b)
{
    return (ap_bbox){a.x0 < b.x0 ? a.x0 : b.x0, a.y0 < b.y0 ? a.y0 : b.y0,
                     a.x1 > b.x1 ? a.x1 : b.x1, a.y1 > b.y1 ? a.y1 : b.y1};
}

/* What a and b share; empty (x1 <= x0 or y1 <= y0) where they do not meet. */
static inline ap_bbox ap_bbox_intersect(ap_bbox a, ap_bbox b)
{
    return (ap_bbox){a.x0 > b.x0 ? a.x0 : b.x0, a.y0 > b.y0 ? a.y0 : b.y0,
                     a.x1 < b.x1 ? a.x1 : b.x1, a.y1 < b.y1 ? a.y1 : b.y1};
}

/* Whether a and b share some area. */
static inline bool ap_bbox_overlaps(ap_bbox a, ap_bbox b)
{
    return a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0;
}

/* The span that covers most of the line's text: its font stands for the
 * line. NULL for a line without spans. */
const ap_span *ap_line_main_span(const ap_line *line);

void ap_line_clear(ap_line *line);

/* How sure OCR was of what lies in box on the page: the lowest
 * confidence of the words recognised there (a value is as sure as its
 * least sure word), else the page's mean; -1 on a page not read by OCR. */
double ap_page_ocr_confidence(const ap_page *page, const ap_bbox *box);

/* Moves line i of page out of its content lines into its furniture. */
ap_furniture *ap_page_move_to_furniture(ap_page *page, size_t i,
                                        ap_furniture_kind kind);

#endif
