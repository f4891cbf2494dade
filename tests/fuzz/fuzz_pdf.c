/*
 * fuzz_pdf.c: libFuzzer target over the PDF stage and everything after it:
 * bytes -> page model -> furniture -> segmentation and every extractor ->
 * records checked against their schema (meeting or document). poppler is not instrumented, so the
 * coverage that guides the fuzzer is our own code's; a crash anywhere,
 * poppler's included, fails the run (a batch survives it in a worker, but
 * it must be known).
 *
 * OCR is off: Tesseract recognising each input's image pages would bring
 * the run from thousands of inputs a second to one, and it reads pixels
 * poppler drew, not the input's bytes. The judge of garbled text, which
 * reads the text layer as the PDF gives it, runs on every page.
 */
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "agendapack.h"
#include "record/schema.h"
#include "parsers/ocr.h"
#include "parsers/pdf.h"
#include "pages/stages.h"
#include "extractors/extractor.h"
#include "core/page_model.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    ap_ocr_configure(AP_OCR_NEVER, NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open_data("fuzz.pdf", data, size, NULL, &err);
    if (!doc)
        return 0;
    for (size_t p = 0; p < doc->npages; p++)
        (void)ap_text_layer_garbled(&doc->pages[p]);
    ap_page_stages_run(doc);
    char *notice = NULL;
    cJSON *records = ap_meeting_build(doc, &notice, &err);
    const cJSON *record;
    cJSON_ArrayForEach(record, records)
        if (!ap_schema_validate(ap_schema_for(record), record, &err))
            __builtin_trap();   /* a record that breaks its schema is a bug */
    cJSON_Delete(records);
    g_free(notice);
    ap_doc_free(doc);
    return 0;
}
