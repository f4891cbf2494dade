/*
 * indicators.c: the "indicators-csv" and "indicators-ndjson" sinks, and
 * their "-latest" kin: one row per indicator value, for dashboards, each
 * row linking back to its meeting, file and page. The period's kind is said
 * beside it ("2017-Q1" may be a calendar or a financial year's quarter);
 * the rating, direction and target stand on the latest value's row only,
 * since they speak of it, and that row is flagged `latest`. The "-latest"
 * sinks write that row alone: each indicator's current figure.
 */
#include <string.h>

#include <glib.h>

#include "core/json_fields.h"
#include "sinks/csv.h"
#include "sinks/series.h"
#include "sinks/sink.h"

static const char *const COLUMNS[] = {
    "meeting_id", "council", "committee", "meeting_date", "item", "ref", "name", "period",
    "period_kind", "label", "raw", "value", "unit", "target", "rag", "direction", "latest",
    "source_file", "pdf_page"};
#define NCOLUMNS G_N_ELEMENTS(COLUMNS)

typedef struct rows {
    FILE *out;
    bool csv, latest_only;
    GString *line;
    cJSON *scratch;         /* values made for the row being written */
} rows;

/* One value's row, column by column as COLUMNS: NULL for none. */
static void row_values(rows *r, const cJSON *m, const cJSON *ind, const cJSON *v,
                       const char *kind, bool latest, const cJSON *cells[NCOLUMNS])
{
    cJSON *k = kind ? cJSON_CreateString(kind) : cJSON_CreateNull();
    cJSON *l = cJSON_CreateBool(latest);
    cJSON_AddItemToArray(r->scratch, k);
    cJSON_AddItemToArray(r->scratch, l);
    const cJSON *row[] = {ap_field(m, "id"), ap_field(m, "council"), ap_field(m, "committee"),
                          ap_field(m, "date"), ap_field(ind, "item"), ap_field(ind, "ref"),
                          ap_field(ind, "name"), ap_field(v, "period"), k,
                          ap_field(v, "label"), ap_field(v, "raw"), ap_field(v, "value"),
                          ap_field(v, "unit"),
                          latest ? ap_field(ap_field(ind, "target"), "raw") : NULL,
                          latest ? ap_field(ind, "rag") : NULL,
                          latest ? ap_field(ind, "direction") : NULL, l,
                          ap_field(ap_field(ind, "source"), "file"),
                          ap_field(ap_field(ind, "evidence"), "pdf_page")};
    G_STATIC_ASSERT(G_N_ELEMENTS(row) == NCOLUMNS);
    for (size_t c = 0; c < NCOLUMNS; c++)
        cells[c] = row[c];
}

static void put_csv(rows *r, const cJSON *const cells[NCOLUMNS])
{
    for (size_t c = 0; c < NCOLUMNS; c++) {
        if (c)
            g_string_append_c(r->line, ',');
        ap_csv_json_field(r->line, cells[c]);
    }
    g_string_append_c(r->line, '\n');
    fwrite(r->line->str, 1, r->line->len, r->out);
    g_string_truncate(r->line, 0);
}

static void put_ndjson(rows *r, const cJSON *const cells[NCOLUMNS])
{
    cJSON *o = cJSON_CreateObject();
    for (size_t c = 0; c < NCOLUMNS; c++)
        cJSON_AddItemToObject(o, COLUMNS[c], cells[c] && !cJSON_IsNull(cells[c])
                                                 ? cJSON_Duplicate(cells[c], true)
                                                 : cJSON_CreateNull());
    char *text = cJSON_PrintUnformatted(o);
    fputs(text, r->out);
    fputc('\n', r->out);
    cJSON_free(text);
    cJSON_Delete(o);
}

static void *open_rows(FILE *out, bool csv, bool latest_only)
{
    rows *r = g_new0(rows, 1);
    *r = (rows){out, csv, latest_only, g_string_new(NULL), cJSON_CreateArray()};
    if (csv) {
        for (size_t c = 0; c < NCOLUMNS; c++)
            g_string_append_printf(r->line, "%s%s", c ? "," : "", COLUMNS[c]);
        g_string_append_c(r->line, '\n');
        fwrite(r->line->str, 1, r->line->len, out);
        g_string_truncate(r->line, 0);
    }
    return r;
}

#define OPENER(fn, csv, latest)                                   \
    static void *fn(const char *where, FILE *out, ap_error *err) \
    {                                                             \
        (void)where, (void)err;                                   \
        return open_rows(out, csv, latest);                       \
    }
OPENER(csv_open, true, false)
OPENER(ndjson_open, false, false)
OPENER(latest_csv_open, true, true)
OPENER(latest_ndjson_open, false, true)

static bool rows_meeting(void *state, const cJSON *m, const char *text, ap_error *err)
{
    (void)text, (void)err;
    rows *r = state;
    const cJSON *ind, *v;
    cJSON_ArrayForEach(ind, ap_field(m, "indicators")) {
        const cJSON *values = ap_field(ind, "values");
        const char **kinds = g_new0(const char *, cJSON_GetArraySize(values) + 1);
        int i = 0, latest = ap_series_latest(values, kinds);
        cJSON_ArrayForEach(v, values) {
            const char *kind = kinds[i];
            bool is_latest = i++ == latest;
            if (r->latest_only && !is_latest)
                continue;
            const cJSON *cells[NCOLUMNS];
            row_values(r, m, ind, v, kind, is_latest, cells);
            if (r->csv)
                put_csv(r, cells);
            else
                put_ndjson(r, cells);
            cJSON_Delete(r->scratch);
            r->scratch = cJSON_CreateArray();
        }
        g_free(kinds);
    }
    return true;
}

static bool rows_close(void *state, bool commit, ap_error *err)
{
    (void)commit, (void)err;
    rows *r = state;
    g_string_free(r->line, TRUE);
    cJSON_Delete(r->scratch);
    g_free(r);
    return true;
}

#define ROWS_SINK(var, sink_name, opener)                                                  \
    const ap_sink_class var = {.version = AP_SINK_VERSION, .name = sink_name,             \
                               .open = opener, .meeting = rows_meeting, .close = rows_close}
ROWS_SINK(ap_sink_indicators_csv, "indicators-csv", csv_open);
ROWS_SINK(ap_sink_indicators_ndjson, "indicators-ndjson", ndjson_open);
ROWS_SINK(ap_sink_indicators_latest_csv, "indicators-latest-csv", latest_csv_open);
ROWS_SINK(ap_sink_indicators_latest_ndjson, "indicators-latest-ndjson", latest_ndjson_open);
