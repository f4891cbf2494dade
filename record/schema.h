/* schema.h: the JSON Schema draft-07 subset validator (schema.c). */
#ifndef AP_SCHEMA_H
#define AP_SCHEMA_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "agendapack.h"

typedef struct ap_schema ap_schema;
ap_schema *ap_schema_load(const char *json_text, ap_error *err);
/* The built-in schemas: a meeting record's (schemas/meeting.schema.json)
 * and an unplaced document record's (schemas/document.schema.json). */
const ap_schema *ap_schema_meeting(void);
const ap_schema *ap_schema_document(void);
/* The one a record names in its "schema" field. */
const ap_schema *ap_schema_for(const cJSON *record);
bool ap_schema_validate(const ap_schema *schema, const cJSON *value, ap_error *err);
void ap_schema_free(ap_schema *schema);

#endif
