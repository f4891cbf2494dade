/* csv.c: CSV fields (see csv.h). */
#include <stdbool.h>
#include <string.h>

#include "sinks/csv.h"

/* A plain number: an optional sign, digits, at most one point. */
static bool plain_number(const char *v)
{
    const char *p = v + (*v == '-' || *v == '+');
    bool digits = false, point = false;
    for (; *p; p++) {
        if (g_ascii_isdigit(*p))
            digits = true;
        else if (*p == '.' && !point)
            point = true;
        else
            return false;
    }
    return digits;
}

static bool formula_like(const char *v)
{
    return strchr("=+-@\t\r", *v) && *v && !plain_number(v);
}

void ap_csv_field(GString *line, const char *v)
{
    if (!v)
        return;
    char *safe = formula_like(v) ? g_strconcat("'", v, NULL) : NULL;
    if (safe)
        v = safe;
    if (!strpbrk(v, ",\"\r\n")) {
        g_string_append(line, v);
    } else {
        g_string_append_c(line, '"');
        for (; *v; v++) {
            if (*v == '"')
                g_string_append_c(line, '"');
            g_string_append_c(line, *v);
        }
        g_string_append_c(line, '"');
    }
    g_free(safe);
}

void ap_csv_json_field(GString *line, const cJSON *v)
{
    if (cJSON_IsNumber(v)) {
        char number[32];
        g_snprintf(number, sizeof number, "%.15g", v->valuedouble);
        ap_csv_field(line, number);
    } else if (cJSON_IsBool(v)) {
        ap_csv_field(line, cJSON_IsTrue(v) ? "true" : "false");
    } else {
        ap_csv_field(line, cJSON_GetStringValue(v));
    }
}
