/*
 * indicators.c: performance indicators from the scorecard tables the
 * segment stage rebuilt (segment/tables.c).
 *
 * A scorecard is a table whose header row names two or more periods
 * ("Jun-23", "Qu 1 17-18", "Yr. end 16-17", "2021/22", "Jan 2015"). The
 * header's other cells give each column its role: the reference ("Ref",
 * "PI Ref"), the indicator's name ("Indicator", "Measure"), the target,
 * comparators ("... Average", "Previous Year"), the RAG rating
 * ("Performance", "RAG"), the direction of travel and the polarity. Every
 * later row with a name is an indicator; a row with a single cell is a
 * section heading. Values keep the cell as printed (`raw`) and a number
 * and unit read from it; targets also read a range ("20-24%") or a bound
 * ("<7%").
 * The figures themselves are read by lexicon/figures.c.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extractors/extractor.h"
#include "segment/tables.h"
#include "lexicon/figures.h"
#include "lexicon/normalise.h"
#include "core/regex.h"

typedef ap_column_role role;

/* A value's unit is a rate when the indicator's name says so. */
static const pcre2_code *rate_rule(void)
{
    static pcre2_code *rate;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        rate = ap_re_compile("\\brate\\b");
        g_once_init_leave(&ready, 1);
    }
    return rate;
}

/* ---- values -------------------------------------------------------------- */

static cJSON *value_json(const char *label, const char *raw, const char *name)
{
    cJSON *v = cJSON_CreateObject();
    char *clean = ap_collapse_space(label);
    cJSON_AddStringToObject(v, "label", clean);
    char *period = ap_period_of(label);
    ap_json_set_text(v, "period", period);
    g_free(period);
    g_free(clean);
    cJSON_AddStringToObject(v, "raw", raw);
    double value;
    bool percent;
    if (ap_figure_read(raw, &value, &percent)) {
        cJSON_AddNumberToObject(v, "value", value);
        /* "%" as printed; a rate or a count as the indicator's name says,
         * a whole number otherwise being a count */
        bool rate = ap_re_search(rate_rule(), name, 0, NULL);
        bool whole = value == (double)(long long)value && !strchr(raw, '.');
        ap_json_set_text(v, "unit", percent ? "%" : rate ? "rate" : whole ? "count" : NULL);
    } else {
        cJSON_AddNullToObject(v, "value");
        cJSON_AddNullToObject(v, "unit");
    }
    return v;
}

/* {raw, value, op[, max]}, or null for a blank cell. */
static cJSON *target_json(const char *raw)
{
    ap_target t = ap_target_read(raw);
    if (t.blank)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "raw", raw);
    if (t.has_value)
        cJSON_AddNumberToObject(o, "value", t.value);
    else
        cJSON_AddNullToObject(o, "value");
    if (t.has_max)
        cJSON_AddNumberToObject(o, "max", t.max);
    ap_json_set_text(o, "op", t.op);
    return o;
}

/* ---- money ---------------------------------------------------------------- */

/* A table of money is a table, not a scorecard: its period columns are
 * sums by year under a unit ("£000s", "£m") or hold amounts of money, its
 * rows budget lines, not measures with targets and ratings. */
#define MONEY_UNIT_CELLS 2
#define MONEY_MIN_FIGURES 4

typedef struct money_rules {
    pcre2_code *unit, *amount;
} money_rules;

static const money_rules *money_rules_get(void)
{
    static money_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        /* a unit alone: "£000s", "£'000", "(£m)", "£ million" */
        r.unit = ap_re_compile("^\\(?\\s*\\x{a3}\\s*(?:'?000'?s?|m|k|bn|millions?|thousands?)?\\s*\\)?$");
        /* an amount: "£1,200", "-£3.4m", "(£250)", "£9.50" */
        r.amount = ap_re_compile("^[-(]?\\s*\\x{a3}\\s*-?[0-9][0-9,]*(?:\\.[0-9]+)?\\s*(?:m|k|bn)?\\)?$");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* A figure or an amount of money: what a measure's name is not. */
static bool figure(const char *v, bool *is_money)
{
    double value;
    bool percent;
    *is_money = ap_re_search(money_rules_get()->amount, v, 0, NULL);
    return *is_money || ap_figure_read(v, &value, &percent);
}

/* ---- scorecards ---------------------------------------------------------- */

static const char *cell(const ap_grid_row *row, int i)
{
    return i >= 0 && (size_t)i < row->ncells ? row->cells[i] : "";
}

static int width(const ap_grid_row *row)
{
    return (int)row->ncells;
}

/* The header row among the first rows: two or more period columns. */
static int header_row(const ap_grid *t, role **roles, int *ncols)
{
    for (int r = 0; r < (int)t->nrows && r < 3; r++) {
        const ap_grid_row *row = &t->rows[r];
        int n = width(row), periods = 0;
        role *rs = g_new0(role, n ? n : 1);
        for (int c = 0; c < n; c++) {
            rs[c] = ap_column_role_of(cell(row, c));
            periods += rs[c] == AP_ROLE_PERIOD;
        }
        if (periods >= 2) {
            /* the name column: named so, else the first text column */
            bool named = false;
            for (int c = 0; c < n; c++)
                named |= rs[c] == AP_ROLE_NAME;
            for (int c = 0; c < n && !named; c++)
                if (rs[c] == AP_ROLE_NONE && *cell(row, c)) {
                    rs[c] = AP_ROLE_NAME;
                    named = true;
                }
            *roles = rs;
            *ncols = n;
            return r;
        }
        g_free(rs);
    }
    return -1;
}

static int non_empty(const ap_grid_row *row)
{
    int n = 0;
    for (int c = 0; c < width(row); c++)
        n += *cell(row, c) != '\0';
    return n;
}

/* The table's mark (a fill or a drawn arrow) of the cell at row r,
 * column c: the fill when fill, else the arrow; NULL for none. */
static const char *mark_of(const ap_grid *t, int r, int c, bool fill)
{
    for (size_t i = 0; i < t->nmarks; i++)
        if (t->marks[i].row == (size_t)r && t->marks[i].col == (size_t)c)
            return fill ? t->marks[i].fill : t->marks[i].arrow;
    return NULL;
}

static cJSON *indicator_json(const ap_pack *pack, const ap_grid *table,
                             const ap_grid_row *header, int r, const role *roles, int ncols)
{
    const ap_grid_row *row = &table->rows[r];
    const char *name = NULL, *ref = NULL;
    for (int c = 0; c < ncols; c++) {
        if (roles[c] == AP_ROLE_NAME && *cell(row, c))
            name = cell(row, c);
        if (roles[c] == AP_ROLE_REF && *cell(row, c))
            ref = cell(row, c);
    }
    /* a measure is named in words: a name that is itself a figure
     * ("£9.50", "15.05%", "12") is a value in a table that is no scorecard */
    bool is_money;
    if (!name || figure(name, &is_money))
        return NULL;
    cJSON *o = cJSON_CreateObject();
    ap_json_set_text(o, "ref", ref);
    cJSON_AddStringToObject(o, "name", name);
    ap_json_set_text(o, "item", table->item);
    cJSON *values = cJSON_AddArrayToObject(o, "values");
    cJSON *comparators = cJSON_CreateArray();
    cJSON *target = NULL;
    const char *rag = NULL, *direction = NULL, *polarity = NULL;
    for (int c = 0; c < ncols; c++) {
        const char *raw = cell(row, c);
        switch (roles[c]) {
        case AP_ROLE_PERIOD:
            cJSON_AddItemToArray(values, value_json(cell(header, c), raw, name));
            break;
        case AP_ROLE_COMPARATOR:
            if (*raw)
                cJSON_AddItemToArray(comparators, value_json(cell(header, c), raw, name));
            break;
        case AP_ROLE_TARGET:
            if (!target)
                target = target_json(raw);
            break;
        /* printed, or where the cell is empty, shown by colour or shape */
        case AP_ROLE_RAG:
            if (!rag)
                rag = *raw ? ap_rag_of(raw) : mark_of(table, r, c, true);
            break;
        case AP_ROLE_DIRECTION:
            if (!direction)
                direction = *raw ? ap_direction_of(raw) : mark_of(table, r, c, false);
            break;
        case AP_ROLE_POLARITY:
            polarity = *raw ? raw : NULL;
            break;
        default:
            break;
        }
    }
    cJSON_AddItemToObject(o, "target", target ? target : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "comparators", comparators);
    ap_json_set_text(o, "polarity", polarity);
    ap_json_set_text(o, "rag", rag);
    ap_json_set_text(o, "direction", direction);
    char *text = ap_grid_row_text(row);
    cJSON_AddItemToObject(o, "evidence", ap_evidence_json(pack->doc, table->page, NULL, text));
    g_free(text);
    return o;
}

/* The scorecard before, whose header a table printed without one (the
 * next part of the same scorecard, set in its own columns) takes over. */
typedef struct last_card {
    const ap_grid *table;   /* the table it heads; NULL before the first */
    int header_at;
    role *roles;
    int ncols;
} last_card;

/* Whether column c is empty in every row of t after the header. */
static bool never_filled(const ap_grid *t, int header_at, int c)
{
    for (int r = header_at + 1; r < (int)t->nrows; r++)
        if (*cell(&t->rows[r], c))
            return false;
    return true;
}

static void header_free(ap_grid_row *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->ncells; i++)
        g_free(h->cells[i]);
    g_free(h->cells);
    g_free(h);
}

/* The header of `last` fitted to a table of ncols columns: columns the
 * scorecard never filled (a sparkline column) are not printed again. */
static bool inherit_header(const last_card *last, int ncols, ap_grid_row **header,
                           role **roles)
{
    if (!last->table || ncols > last->ncols || ncols < 3)
        return false;
    const ap_grid_row *heads = &last->table->rows[last->header_at];
    int drop = last->ncols - ncols;
    *header = g_new0(ap_grid_row, 1);
    (*header)->cells = g_new0(char *, ncols);
    *roles = g_new0(role, ncols);
    int k = 0;
    for (int c = 0; c < last->ncols; c++) {
        if (drop > 0 && never_filled(last->table, last->header_at, c)) {
            drop--;
            continue;
        }
        if (k < ncols) {
            (*header)->cells[(*header)->ncells++] = g_strdup(cell(heads, c));
            (*roles)[k++] = last->roles[c];
        }
    }
    if (drop > 0 || k != ncols) {
        header_free(*header);
        *header = NULL;
        g_free(*roles);
        return false;
    }
    return true;
}

static bool money_table(const ap_grid *t, int header_at)
{
    int units = 0, figures = 0, amounts = 0;
    for (int r = 0; r < (int)t->nrows; r++)
        for (int c = 0; c < width(&t->rows[r]); c++) {
            const char *v = cell(&t->rows[r], c);
            if (r <= header_at + 2 && ap_re_search(money_rules_get()->unit, v, 0, NULL))
                units++;
            bool is_money;
            if (r > header_at && *v && figure(v, &is_money)) {
                figures++;
                amounts += is_money;
            }
        }
    return units >= MONEY_UNIT_CELLS || (figures >= MONEY_MIN_FIGURES && amounts * 2 > figures);
}

static void extract_indicators(const ap_pack *pack, cJSON *meeting)
{
    cJSON *list = cJSON_GetObjectItemCaseSensitive(meeting, "indicators");
    const ap_grids *tables = ap_pack_tables(pack);
    last_card last = {0};
    for (size_t ti = 0; ti < tables->n; ti++) {
        const ap_grid *table = &tables->grids[ti];
        role *roles = NULL;
        int ncols = 0;
        int h = header_row(table, &roles, &ncols);
        if (h >= 0 && money_table(table, h)) {
            g_free(roles);
            continue;
        }
        ap_grid_row *inherited = NULL;
        if (h < 0) {
            int cols = table->nrows ? width(&table->rows[0]) : 0;
            if (!inherit_header(&last, cols, &inherited, &roles))
                continue;
            ncols = cols;
            h = -1;
        } else {
            g_free(last.roles);
            last = (last_card){table, h, g_memdup2(roles, (guint)ncols * sizeof(role)), ncols};
        }
        const ap_grid_row *header = inherited ? inherited : &table->rows[h];
        for (int r = h + 1; r < (int)table->nrows; r++) {
            const ap_grid_row *row = &table->rows[r];
            if (non_empty(row) < 2)     /* a section heading */
                continue;
            cJSON *ind = indicator_json(pack, table, header, r, roles,
                                        MIN(ncols, width(row)));
            if (ind)
                cJSON_AddItemToArray(list, ind);
        }
        header_free(inherited);
        g_free(roles);
    }
    g_free(last.roles);
}

const ap_extractor ap_extract_indicators = {
    .name = "indicators",
    .fields = (const char *const[]){"indicators", NULL},
    .run = extract_indicators,
    .costly = true,
};
