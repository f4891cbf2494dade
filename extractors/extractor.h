/*
 * extractor.h: the one interface every extractor implements.
 *
 * An extractor reads the segmented pack (segment/segment.h: the page model
 * with furniture removed and pages numbered, the frontsheet's header and
 * names, the agenda items with their titles and pages, the documents, the
 * sets of minutes, the tables) and writes the record fields it declares,
 * and no others. It never reads what another extractor wrote: the pack is
 * the bus between stages, the record only their output, so the order of
 * the registry is no contract (tests/test_extractors.c checks both).
 * Adding an extractor is one file defining an ap_extractor and one line in
 * extractors/registry.c.
 *
 * An extractor never fails the conversion: what it cannot read becomes a
 * warning on the record, naming the page.
 */
#ifndef AP_EXTRACTOR_H
#define AP_EXTRACTOR_H

#include "agendapack.h"
#include "record/record.h"
#include "segment/segment.h"
#include "core/page_model.h"

typedef struct ap_extractor {
    const char *name;
    /* the record fields run() writes, NULL-terminated; any extractor may
     * also add to "warnings" */
    const char *const *fields;
    /* fills its part of the pack's own meeting record; may be NULL */
    void (*run)(const ap_pack *pack, cJSON *meeting);
    /* appends the records of other meetings the pack holds (the minutes
     * of earlier meetings) to records, each made by ap_record_new(); runs
     * after every run(); may be NULL */
    void (*more)(const ap_pack *pack, cJSON *records);
    /* not run for a pack whose own record will not be written (no agenda,
     * committee or date: ap_no_record_reason), to spare its cost */
    bool costly;
} ap_extractor;

/* NULL-terminated, in running order. */
extern const ap_extractor *const ap_extractors[];

/* A document's meeting records (extractors/build.c): a cJSON array of
 * records, empty when it holds none; *notice (g_free it; may be NULL) then
 * says why. */
cJSON *ap_meeting_build(const ap_doc *doc, char **notice, ap_error *err);

#endif
