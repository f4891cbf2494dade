/* schema.h: the JSON Schema draft-07 subset validator (schema.c). */
#ifndef AP_SCHEMA_H
#define AP_SCHEMA_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "agendapack.h"

typedef struct ap_schema ap_schema;
ap_schema *ap_schema_load(const char *json_text, ap_error *err);
const ap_schema *ap_schema_meeting(void);  /* the built-in schema */
bool ap_schema_validate(const ap_schema *schema, const cJSON *value, ap_error *err);
void ap_schema_free(ap_schema *schema);

#endif
