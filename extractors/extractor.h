/*
 * extractor.h: the one interface every extractor implements.
 *
 * An extractor reads the segmented pack (the page model with furniture
 * removed and pages numbered, the frontsheet's rows and the agenda items'
 * regions and page spans: segment/segment.h) and fills its part of the
 * meeting record built by record/record.c. Extractors run in registry order, so a later
 * one may read what an earlier one wrote. Adding an extractor is one file
 * defining an ap_extractor and one line in extractors/registry.c.
 *
 * An extractor never fails the conversion: what it cannot read becomes a
 * warning on the record, naming the page.
 */
#ifndef AP_EXTRACTOR_H
#define AP_EXTRACTOR_H

#include "agendapack.h"
#include "record/record.h"
#include "segment/segment.h"

typedef struct ap_extractor {
    const char *name;
    /* fills its part of the pack's own meeting record; may be NULL */
    void (*run)(const ap_pack *pack, cJSON *meeting);
    /* appends the records of other meetings the pack holds (the minutes
     * of earlier meetings) to records, each made by ap_record_new(); runs
     * after every run(); may be NULL */
    void (*more)(const ap_pack *pack, cJSON *records);
} ap_extractor;

/* NULL-terminated, in running order. */
extern const ap_extractor *const ap_extractors[];

#endif
