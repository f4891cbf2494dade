/*
 * extractor.h: the one interface every extractor implements.
 *
 * An extractor reads the page model (furniture already removed, pages
 * numbered and assigned to items) and fills its part of the meeting record
 * built by pipeline/meeting.c. Extractors run in registry order, so a later
 * one may read what an earlier one wrote. Adding an extractor is one file
 * defining an ap_extractor and one line in extractors/registry.c.
 *
 * An extractor never fails the conversion: what it cannot read becomes a
 * warning on the record, naming the page.
 */
#ifndef AP_EXTRACTOR_H
#define AP_EXTRACTOR_H

#include "agendapack.h"

typedef struct ap_extractor {
    const char *name;
    void (*run)(const ap_doc *doc, cJSON *meeting);
} ap_extractor;

/* NULL-terminated, in running order. */
extern const ap_extractor *const ap_extractors[];

/* Appends a warning to the record's "warnings" array. */
void ap_meeting_warn(cJSON *meeting, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
