/*
 * indicators.c: the "indicators-csv" and "indicators-ndjson" sinks: one
 * row per indicator value, for dashboards: council, committee, meeting
 * date, item, ref, name, period, label, raw, value, unit, target, rag,
 * direction.
 *
 * CSV is written here rather than by a library: writing it is quoting a
 * field that holds a comma, quote or line break, doubling its quotes
 * (RFC 4180), and the C CSV libraries Debian packages are parsers.
 *
 * A CSV opened in a spreadsheet runs a cell that starts with =, +, -, @,
 * a tab or a carriage return as a formula, and the text comes from PDFs
 * anyone can write ("=cmd|' /C calc'!A0"). Such a cell gets a leading '
 * (OWASP's advice), except a cell that is a plain number: "-12.5" is a
 * negative number to a spreadsheet, not a formula, and stays one.
 */
#include <string.h>

#include <glib.h>

#include "core/json_fields.h"
#include "sinks/sink.h"

static const char *const COLUMNS[] = {
    "council", "committee", "meeting_date", "item", "ref", "name", "period", "label",
    "raw", "value", "unit", "target", "rag", "direction"};
#define NCOLUMNS G_N_ELEMENTS(COLUMNS)

typedef struct rows {
    FILE *out;
    bool csv;
    GString *line;
} rows;

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

static void csv_field(GString *line, const char *v)
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

/* One value's row, column by column as COLUMNS: NULL for none. */
static void row_values(const cJSON *m, const cJSON *ind, const cJSON *v,
                       const cJSON *cells[NCOLUMNS])
{
    const cJSON *row[] = {ap_field(m, "council"), ap_field(m, "committee"), ap_field(m, "date"),
                          ap_field(ind, "item"), ap_field(ind, "ref"), ap_field(ind, "name"),
                          ap_field(v, "period"), ap_field(v, "label"), ap_field(v, "raw"),
                          ap_field(v, "value"), ap_field(v, "unit"),
                          ap_field(ap_field(ind, "target"), "raw"), ap_field(ind, "rag"),
                          ap_field(ind, "direction")};
    for (size_t c = 0; c < NCOLUMNS; c++)
        cells[c] = row[c];
}

static void put_csv(rows *r, const cJSON *const cells[NCOLUMNS])
{
    for (size_t c = 0; c < NCOLUMNS; c++) {
        if (c)
            g_string_append_c(r->line, ',');
        if (cJSON_IsNumber(cells[c])) {
            char number[32];    /* 1402, not 1402.0 */
            g_snprintf(number, sizeof number, "%.15g", cells[c]->valuedouble);
            csv_field(r->line, number);
        } else {
            csv_field(r->line, cJSON_GetStringValue(cells[c]));
        }
    }
    g_string_append_c(r->line, '\n');
    fwrite(r->line->str, 1, r->line->len, r->out);
    g_string_truncate(r->line, 0);
}

static void put_ndjson(rows *r, const cJSON *const cells[NCOLUMNS])
{
    cJSON *o = cJSON_CreateObject();
    for (size_t c = 0; c < NCOLUMNS; c++)
        if (cJSON_IsNumber(cells[c]))
            cJSON_AddNumberToObject(o, COLUMNS[c], cells[c]->valuedouble);
        else if (cJSON_IsString(cells[c]))
            cJSON_AddStringToObject(o, COLUMNS[c], cells[c]->valuestring);
        else
            cJSON_AddNullToObject(o, COLUMNS[c]);
    char *text = cJSON_PrintUnformatted(o);
    fputs(text, r->out);
    fputc('\n', r->out);
    cJSON_free(text);
    cJSON_Delete(o);
}

static void *open_rows(FILE *out, bool csv)
{
    rows *r = g_new0(rows, 1);
    *r = (rows){out, csv, g_string_new(NULL)};
    if (csv) {
        for (size_t c = 0; c < NCOLUMNS; c++)
            g_string_append_printf(r->line, "%s%s", c ? "," : "", COLUMNS[c]);
        g_string_append_c(r->line, '\n');
        fwrite(r->line->str, 1, r->line->len, out);
        g_string_truncate(r->line, 0);
    }
    return r;
}

static void *csv_open(const char *where, FILE *out, ap_error *err)
{
    (void)where, (void)err;
    return open_rows(out, true);
}

static void *ndjson_open(const char *where, FILE *out, ap_error *err)
{
    (void)where, (void)err;
    return open_rows(out, false);
}

static bool rows_meeting(void *state, const cJSON *m, const char *text, ap_error *err)
{
    (void)text, (void)err;
    rows *r = state;
    const cJSON *ind, *v;
    cJSON_ArrayForEach(ind, ap_field(m, "indicators"))
        cJSON_ArrayForEach(v, ap_field(ind, "values")) {
            const cJSON *cells[NCOLUMNS];
            row_values(m, ind, v, cells);
            if (r->csv)
                put_csv(r, cells);
            else
                put_ndjson(r, cells);
        }
    return true;
}

static bool rows_close(void *state, bool commit, ap_error *err)
{
    (void)commit, (void)err;
    rows *r = state;
    g_string_free(r->line, TRUE);
    g_free(r);
    return true;
}

const ap_sink_class ap_sink_indicators_csv = {
    .version = AP_SINK_VERSION,
    .name = "indicators-csv",
    .open = csv_open,
    .meeting = rows_meeting,
    .close = rows_close,
};

const ap_sink_class ap_sink_indicators_ndjson = {
    .version = AP_SINK_VERSION,
    .name = "indicators-ndjson",
    .open = ndjson_open,
    .meeting = rows_meeting,
    .close = rows_close,
};
