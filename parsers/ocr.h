/*
 * ocr.h: pages with no usable text layer read by Tesseract (ocr.c), into
 * the same page model a text layer gives.
 *
 * A page is rendered by poppler at OCR_DPI in grey, deskewed by Leptonica,
 * and recognised through Tesseract's C API; its characters, with their
 * boxes, lines in Tesseract's reading order and one font run a line (the
 * size from the line's cap height; bold unknown), are handed to the line
 * builder that reads a text layer (pdf_reader.c), so furniture,
 * segmentation, extractors and tables run unchanged. The page is marked
 * (ap_page.ocr, .ocr_confidence) and every value read from it says so in
 * its evidence.
 */
#ifndef AP_OCR_H
#define AP_OCR_H

#include <stdbool.h>

#include "core/page_model.h"
#include "parsers/pdf_core.h"

/* The resolution pages are rendered at for recognition: Tesseract's own
 * advice for body text of 10-12 points. */
#define AP_OCR_DPI 300

/* Whether a page's text layer is garbled: a font with no usable map to
 * Unicode gives symbol soup, private-use code points or letters in no
 * language's order. Judged from the page's own text (see ocr.c). */
bool ap_text_layer_garbled(const ap_page *page);

/* Whether this page is to be recognised under the process's mode: every
 * page (always), none (never), or (auto) a page with no text but ink on
 * it, or whose text layer is garbled. */
bool ap_ocr_wanted(const ap_page *page);

/* Whether the engine can run in the process's languages: made now if it
 * is not yet (loading a model takes longer than a page); false (err,
 * naming the language and its Debian package) when its data is missing. */
bool ap_ocr_ready(ap_error *err);

/* What a page's recognition gives beside its text: Tesseract's mean word
 * confidence (0-100) and each word with its own (g_free words). */
typedef struct ap_ocr_result {
    double confidence;
    ap_ocr_word *words;
    size_t nwords;
} ap_ocr_result;

/* Page index of the document (PopplerDocument of doc) recognised into
 * *out, a page as the core reader gives one (its text, boxes and runs;
 * ap_pdf_page_clear it), and *result; false (err) when the page cannot be
 * rendered or recognised (ap_ocr_ready first). */
bool ap_ocr_read_page(const ap_doc *doc, int index, ap_pdf_page *out, ap_ocr_result *result,
                      ap_error *err);

#endif
