/*
 * page_model.c: ownership of the page model. Every string and array in an
 * ap_doc is owned by it and freed here; fonts are interned GLib strings
 * (a pack uses a handful of fonts on thousands of spans) and are not freed.
 */
#include <stdarg.h>
#include <string.h>

#include <glib.h>

#include "core/page_model.h"

const ap_span *ap_line_main_span(const ap_line *line)
{
    const ap_span *best = NULL;
    for (size_t i = 0; i < line->nspans; i++)
        if (!best || line->spans[i].len > best->len)
            best = &line->spans[i];
    return best;
}

void ap_line_clear(ap_line *line)
{
    g_free(line->text);
    g_free(line->spans);
    g_free(line->cells);
    g_free(line->words);
    memset(line, 0, sizeof *line);
}

ap_furniture *ap_page_move_to_furniture(ap_page *page, size_t i,
                                        ap_furniture_kind kind)
{
    page->furniture = g_renew(ap_furniture, page->furniture,
                              page->nfurniture + 1);
    ap_furniture *f = &page->furniture[page->nfurniture++];
    *f = (ap_furniture){.kind = kind, .line = page->lines[i]};
    memmove(&page->lines[i], &page->lines[i + 1],
            (page->nlines - i - 1) * sizeof *page->lines);
    page->nlines--;
    return f;
}

static void page_clear(ap_page *page)
{
    for (size_t i = 0; i < page->nlines; i++)
        ap_line_clear(&page->lines[i]);
    for (size_t i = 0; i < page->nfurniture; i++) {
        ap_line_clear(&page->furniture[i].line);
        g_free(page->furniture[i].item);
    }
    g_free(page->lines);
    g_free(page->furniture);
    g_free(page->agenda_item);
    g_free(page->shapes);
    g_free(page->points);
    g_free(page->images);
    g_free(page->ocr_words);
}

double ap_page_ocr_confidence(const ap_page *page, const ap_bbox *box)
{
    if (!page->ocr)
        return -1;
    double lowest = -1;
    for (size_t i = 0; box && i < page->nocr_words; i++) {
        const ap_ocr_word *w = &page->ocr_words[i];
        /* a word is the value's when its middle lies in the value's box */
        double x = (w->bbox.x0 + w->bbox.x1) / 2, y = (w->bbox.y0 + w->bbox.y1) / 2;
        if (x >= box->x0 && x <= box->x1 && y >= box->y0 && y <= box->y1 &&
            (lowest < 0 || w->confidence < lowest))
            lowest = w->confidence;
    }
    return lowest >= 0 ? lowest : page->ocr_confidence;
}

void ap_doc_free(ap_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->npages; i++)
        page_clear(&doc->pages[i]);
    for (size_t i = 0; i < doc->nwarnings; i++)
        g_free(doc->warnings[i]);
    g_free(doc->warnings);
    g_free(doc->pages);
    if (doc->source && doc->source_free)
        doc->source_free(doc->source);
    g_free(doc->sha256);
    g_free(doc->path);
    g_free(doc);
}

void ap_doc_warn(ap_doc *doc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    doc->warnings = g_renew(char *, doc->warnings, doc->nwarnings + 1);
    doc->warnings[doc->nwarnings++] = msg;
}
