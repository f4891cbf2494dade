/* series.c: an indicator's values as a series over time (see series.h). */
#include <glib.h>

#include "core/json_fields.h"
#include "lexicon/figures.h"
#include "sinks/series.h"

static ap_period_kind kind_of(const cJSON *value)
{
    ap_period_kind kind = AP_PERIOD_NONE;
    const char *label = ap_field_text(value, "label");
    if (label && ap_field_text(value, "period"))
        g_free(ap_period_read(label, &kind));
    return kind;
}

int ap_series_latest(const cJSON *values, const char **kinds)
{
    int latest = -1, last = -1, best_end = -1, i = 0;
    bool all_dated = true;
    const cJSON *v;
    cJSON_ArrayForEach(v, values) {
        ap_period_kind kind = kind_of(v);
        if (kinds)
            kinds[i] = ap_period_kind_name(kind);
        if (cJSON_IsNumber(ap_field(v, "value"))) {
            int end = ap_period_end_month(ap_field_text(v, "period"), kind);
            all_dated &= end >= 0;
            if (end >= best_end) {
                best_end = end;
                latest = i;
            }
            last = i;
        }
        i++;
    }
    return all_dated ? latest : last;
}
