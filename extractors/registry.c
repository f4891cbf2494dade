/* registry.c: the extractors, in the order they run. */
#include "extractors/extractor.h"

extern const ap_extractor ap_extract_meeting, ap_extract_council,
    ap_extract_contact, ap_extract_agenda, ap_extract_documents,
    ap_extract_minutes, ap_extract_tables, ap_extract_indicators;

const ap_extractor *const ap_extractors[] = {
    &ap_extract_meeting,
    &ap_extract_council,
    &ap_extract_contact,
    &ap_extract_agenda,
    &ap_extract_documents,
    &ap_extract_tables,
    &ap_extract_indicators,
    &ap_extract_minutes,
    NULL,
};
