/* json_fields.h: a record's fields read without repeating cJSON's long
 * names: NULL for a missing field, and for a text field that is not text. */
#ifndef AP_JSON_FIELDS_H
#define AP_JSON_FIELDS_H

#include <cjson/cJSON.h>

static inline const cJSON *ap_field(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static inline const char *ap_field_text(const cJSON *o, const char *key)
{
    return cJSON_GetStringValue(ap_field(o, key));
}

/* The text field, or otherwise where it is missing or not text. */
static inline const char *ap_field_text_or(const cJSON *o, const char *key,
                                           const char *otherwise)
{
    const char *v = ap_field_text(o, key);
    return v ? v : otherwise;
}

/* The number field as an int, or 0 where it is missing or no number. */
static inline int ap_field_int(const cJSON *o, const char *key)
{
    const cJSON *v = ap_field(o, key);
    return cJSON_IsNumber(v) ? v->valueint : 0;
}

#endif
