/*
 * fuzz_schema.c: libFuzzer target over the schema validator: the input as
 * a record checked against the meeting schema, and as a schema of its own
 * (the validator compiles patterns and follows $refs from it) checking a
 * small record.
 */
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "agendapack.h"
#include "record/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = g_strndup((const char *)data, size);
    ap_error err = {{0}};
    cJSON *value = cJSON_Parse(text);
    if (value)
        ap_schema_validate(ap_schema_meeting(), value, &err);
    ap_schema *schema = ap_schema_load(text, &err);
    if (schema) {
        cJSON *probe = cJSON_Parse("{\"id\": \"a/b/2024-01-01\", \"n\": [1, \"x\", null]}");
        ap_schema_validate(schema, probe, &err);
        if (value)
            ap_schema_validate(schema, value, &err);
        cJSON_Delete(probe);
        ap_schema_free(schema);
    }
    cJSON_Delete(value);
    g_free(text);
    return 0;
}
