/* furniture.h: the page furniture stage (furniture.c). */
#ifndef AP_FURNITURE_H
#define AP_FURNITURE_H

#include "core/page_model.h"

/* Stamps, page numbers, running headers and footers and blank notices
 * moved off the pages' lines; printed page numbers, agenda items and blank
 * flags set. */
void ap_furniture_apply(ap_doc *doc);
const char *ap_furniture_kind_name(ap_furniture_kind kind);

#endif
