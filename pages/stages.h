/* stages.h: the page stages, run in order over a document's page model
 * before it is segmented (stages.c). */
#ifndef AP_STAGES_H
#define AP_STAGES_H

#include "core/page_model.h"

/* A page stage: rewrites the page model in place (moves lines to
 * furniture, numbers pages, marks blanks; later, OCR'd words). */
typedef struct ap_page_stage {
    const char *name;
    void (*run)(ap_doc *doc);
} ap_page_stage;

/* Every registered page stage over doc, in order. */
void ap_page_stages_run(ap_doc *doc);

#endif
