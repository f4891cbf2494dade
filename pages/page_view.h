/* page_view.h: the page model as JSON and as plain text (page_view.c),
 * for `agendapack text`. */
#ifndef AP_PAGE_VIEW_H
#define AP_PAGE_VIEW_H

#include <cjson/cJSON.h>

#include "core/page_model.h"

cJSON *ap_doc_pages_json(const ap_doc *doc);
char *ap_doc_plain_text(const ap_doc *doc);     /* g_free() the result */

#endif
