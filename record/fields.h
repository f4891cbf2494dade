/* fields.h: the record's fields (fields.def) as a table. */
#ifndef AP_FIELDS_H
#define AP_FIELDS_H

#include <stddef.h>

typedef enum ap_field_kind { AP_TEXT, AP_BOOL, AP_LIST, AP_OBJECT } ap_field_kind;

typedef enum ap_merge_rule {
    AP_MERGE_OWN, AP_MERGE_ADD, AP_MERGE_DETAIL, AP_MERGE_MINUTES, AP_MERGE_AGENDA,
    AP_MERGE_AGENDA_ADD, AP_MERGE_FIRST
} ap_merge_rule;

typedef enum ap_ocd_place { AP_OCD_MAPPED, AP_OCD_EXTRA } ap_ocd_place;

typedef struct ap_record_field {
    const char *name;
    ap_field_kind kind;
    ap_merge_rule merge;
    const char *column;     /* SQL type of its meetings column, or NULL */
    ap_ocd_place ocd;
} ap_record_field;

extern const ap_record_field ap_record_fields[];
extern const size_t ap_nrecord_fields;

#endif
