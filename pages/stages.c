/* stages.c: the page stages, in the order they run. A new page stage is
 * one file defining an ap_page_stage and one line here. */
#include "pages/furniture.h"
#include "pages/stages.h"

static const ap_page_stage furniture = {"furniture", ap_furniture_apply};

static const ap_page_stage *const stages[] = {
    &furniture,
    NULL,
};

void ap_page_stages_run(ap_doc *doc)
{
    for (const ap_page_stage *const *s = stages; *s; s++)
        (*s)->run(doc);
}
