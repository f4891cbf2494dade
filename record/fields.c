/* fields.c: fields.def as a table the stages read. */
#include "record/fields.h"

const ap_record_field ap_record_fields[] = {
#define AP_FIELD(name, kind, merge, column, ocd) \
    {#name, AP_##kind, AP_MERGE_##merge, column, AP_OCD_##ocd},
#include "record/fields.def"
#undef AP_FIELD
};

const size_t ap_nrecord_fields = sizeof ap_record_fields / sizeof ap_record_fields[0];
