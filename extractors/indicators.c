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
#include "segment/measures.h"
#include "segment/tables.h"
#include "lexicon/figures.h"
#include "lexicon/normalise.h"
#include "core/regex.h"

typedef ap_column_role role;

/* The file's patterns, compiled once. */
typedef struct indicator_rules {
    pcre2_code *rate, *unit, *unit_in, *amount, *ref;
} indicator_rules;

static const indicator_rules *rules(void)
{
    static indicator_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        /* a value's unit is a rate when the indicator's name says so */
        r.rate = ap_re_compile("\\brate\\b");
        /* a unit of money alone: "£000s", "£'000", "(£m)", "£ million" */
        r.unit = ap_re_compile("^\\(?\\s*\\x{a3}\\s*(?:'?000'?s?|m|k|bn|millions?|thousands?)?\\s*\\)?$");
        /* a heading naming one: "2025-26 £000's", "Kent £’m" */
        r.unit_in = ap_re_compile("\\x{a3}\\s*['’]?\\s*(?:000|m\\b|k\\b|bn\\b|millions?\\b|thousands?\\b)");
        /* an amount: "£1,200", "-£3.4m", "(£250)", "£9.50" */
        r.amount = ap_re_compile("^[-(]?\\s*\\x{a3}\\s*-?[0-9][0-9,]*(?:\\.[0-9]+)?\\s*(?:m|k|bn)?\\)?$");
        /* a measure block's heading: 1 the reference, 2 the name: "CS01
         * Case-holding ...", "KPI 3: ...", "ASC-05 - Adults ..."; a code is
         * letters then digits */
        r.ref = ap_re_compile("^([A-Z][A-Za-z]{0,5}[ -]?[0-9]{1,3}[a-z]?)\\s*[:.)–-]?\\s+(\\S.*)$");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* ---- values -------------------------------------------------------------- */

/* A value under the column labelled label, naming period (or NULL). */
static cJSON *value_json(const char *label, const char *period, const char *raw,
                         const char *name)
{
    cJSON *v = cJSON_CreateObject();
    char *clean = ap_collapse_space(label);
    cJSON_AddStringToObject(v, "label", clean);
    ap_json_set_text(v, "period", period);
    g_free(clean);
    cJSON_AddStringToObject(v, "raw", raw);
    double value;
    bool percent;
    if (ap_figure_read(raw, &value, &percent)) {
        cJSON_AddNumberToObject(v, "value", value);
        /* "%" as printed; a rate or a count as the indicator's name says,
         * a whole number otherwise being a count */
        bool rate = ap_re_search(rules()->rate, name, 0, NULL);
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

/* A figure or an amount of money: what a measure's name is not. */
static bool figure(const char *v, bool *is_money)
{
    double value;
    bool percent;
    *is_money = ap_re_search(rules()->amount, v, 0, NULL);
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

static int non_empty(const ap_grid_row *row)
{
    int n = 0;
    for (int c = 0; c < width(row); c++)
        n += *cell(row, c) != '\0';
    return n;
}

/* ---- headers -------------------------------------------------------------- */

/* A scorecard column: its full name (the headings over it, top down:
 * "RAG rating Latest"), what it holds, the period one of its headings
 * names, and whether one names it the latest ("Latest", "Current"). */
typedef struct column {
    char *name;
    role role;
    char *period;
    bool latest;
} column;

/* A scorecard's header: its columns, and the row it ends on (-1 for a
 * header taken over from the part before). */
typedef struct head {
    column *cols;
    int ncols;
    int at;
} head;

static void columns_free(column *cols, int n)
{
    for (int c = 0; c < n; c++) {
        g_free(cols[c].name);
        g_free(cols[c].period);
    }
    g_free(cols);
}

static void head_clear(head *h)
{
    columns_free(h->cols, h->ncols);
    *h = (head){.at = -1};
}

/* How far a heading may overhang the headings it spans, in points. */
#define SPAN_TOL 6.0

static bool heads_column(const ap_grid *t, int from, int last, int c)
{
    for (int r = from; r <= last; r++)
        if (*cell(&t->rows[r], c))
            return true;
    return false;
}

/* The columns row r's heading in column c spans: those after it that are
 * blank in its row but headed in the rows below it (to last), when the
 * heading lies over their headings ("RAG rating" centred over "Latest |
 * Previous"). End exclusive. */
static int span_end(const ap_grid *t, int r, int last, int c, int n)
{
    const ap_grid_row *row = &t->rows[r];
    int end = c + 1;
    while (end < n && !*cell(row, end) && heads_column(t, r + 1, last, end))
        end++;
    if (end == c + 1 || (size_t)c >= row->ncells)
        return c + 1;
    ap_bbox hull = {0};
    bool any = false;
    for (int rr = r + 1; rr <= last; rr++)
        for (int k = c; k < end && k < width(&t->rows[rr]); k++)
            if (*cell(&t->rows[rr], k)) {
                ap_bbox b = t->rows[rr].boxes[k];
                hull = any ? ap_bbox_union(hull, b) : b;
                any = true;
            }
    ap_bbox b = row->boxes[c];
    if (!any || b.x0 < hull.x0 - SPAN_TOL || b.x1 > hull.x1 + SPAN_TOL)
        return c + 1;
    return end;
}

/* What a column holds from its headings, top down: a heading naming a
 * kind of column ("RAG rating", "Target") decides for the headings under
 * it ("Latest | Previous"); else a period or a value below decides. */
static void add_heading(column *col, const char *text)
{
    role r = ap_column_role_of(text);
    bool decided = col->role != AP_ROLE_NONE && col->role != AP_ROLE_PERIOD &&
                   col->role != AP_ROLE_VALUE;
    if (!decided && r != AP_ROLE_NONE)
        col->role = r;
    if (!col->period)
        col->period = ap_period_of(text);
    col->latest |= r == AP_ROLE_VALUE &&
                   (g_ascii_strncasecmp(text, "latest", 6) == 0 ||
                    g_ascii_strncasecmp(text, "current", 7) == 0);
    char *joined = col->name ? g_strconcat(col->name, " ", text, NULL) : g_strdup(text);
    g_free(col->name);
    col->name = joined;
}

/* The columns under header rows from..last (rows printing one cell, a
 * title or a section, are no part of it). */
static column *header_columns(const ap_grid *t, int from, int last, int n)
{
    column *cols = g_new0(column, n ? n : 1);
    for (int r = from; r <= last; r++) {
        const ap_grid_row *row = &t->rows[r];
        if (non_empty(row) < 2)
            continue;
        for (int c = 0; c < n; c++) {
            if (!*cell(row, c))
                continue;
            int end = r < last ? span_end(t, r, last, c, n) : c + 1;
            for (int k = c; k < end; k++)
                add_heading(&cols[k], cell(row, c));
        }
    }
    for (int c = 0; c < n; c++)
        if (!cols[c].name)
            cols[c].name = g_strdup("");
    return cols;
}

/* Whether columns make a scorecard: two or more periods, or a column
 * named for the measures with values and a target, rating or direction
 * (a KPI summary: "Indicator | Latest | Target | RAG | DoT"). The name
 * column, where no heading names it, is the first column headed in words
 * that hold nothing else. */
static bool scorecard_columns(column *cols, int n)
{
    int periods = 0, values = 0, judged = 0;
    bool named = false;
    for (int c = 0; c < n; c++) {
        periods += cols[c].role == AP_ROLE_PERIOD;
        values += cols[c].role == AP_ROLE_PERIOD || cols[c].role == AP_ROLE_VALUE;
        judged += cols[c].role == AP_ROLE_TARGET || cols[c].role == AP_ROLE_RAG ||
                  cols[c].role == AP_ROLE_DIRECTION;
        named |= cols[c].role == AP_ROLE_NAME;
    }
    if (periods < 2 && !(named && values && judged))
        return false;
    for (int c = 0; c < n && !named; c++)
        if (cols[c].role == AP_ROLE_NONE && *cols[c].name) {
            cols[c].role = AP_ROLE_NAME;
            named = true;
        }
    return true;
}

/* Whether row r heads the columns of cols from under them: it prints two
 * or more headings, none a figure, and nothing in the name column (the
 * name's heading stands over both rows: "Latest | Previous" under "RAG
 * rating"). */
static bool sub_heading_row(const ap_grid *t, int r, const column *cols, int n)
{
    if (r >= (int)t->nrows || non_empty(&t->rows[r]) < 2)
        return false;
    for (int c = 0; c < width(&t->rows[r]); c++) {
        const char *v = cell(&t->rows[r], c);
        bool is_money;
        if (*v && (c >= n || cols[c].role == AP_ROLE_NAME || figure(v, &is_money)))
            return false;
    }
    return true;
}

/* The columns of the header on row r, when it heads a scorecard: the row
 * alone, or under the row above it where that one's headings stand over
 * this one's ("RAG rating" over "Latest | Previous"). NULL if neither. */
static column *scorecard_head_at(const ap_grid *t, int r, int n, int *from)
{
    column *cols = header_columns(t, r, r, n);
    *from = r;
    if (scorecard_columns(cols, n))
        return cols;
    columns_free(cols, n);
    if (r == 0 || non_empty(&t->rows[r - 1]) < 2)
        return NULL;
    column *above = header_columns(t, r - 1, r - 1, n);
    bool under = sub_heading_row(t, r, above, n);
    columns_free(above, n);
    if (!under)
        return NULL;
    cols = header_columns(t, r - 1, r, n);
    *from = r - 1;
    if (scorecard_columns(cols, n))
        return cols;
    columns_free(cols, n);
    return NULL;
}

/* The scorecard header among the first rows, its headings over one
 * another read as each column's full name. */
static bool header_find(const ap_grid *t, head *out)
{
    for (int r = 0; r < (int)t->nrows && r < 3; r++) {
        int n = width(&t->rows[r]), from;
        column *cols = scorecard_head_at(t, r, n, &from);
        if (!cols)
            continue;
        head h = {cols, n, r};
        while (sub_heading_row(t, h.at + 1, h.cols, h.ncols)) {
            head deeper = {header_columns(t, from, h.at + 1, n), n, h.at + 1};
            if (!scorecard_columns(deeper.cols, n)) {
                head_clear(&deeper);
                break;
            }
            head_clear(&h);
            h = deeper;
        }
        *out = h;
        return true;
    }
    return false;
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

/* The RAG column to read: the one named the latest where several are
 * ("RAG rating Latest | Previous"), else the first. */
static int rag_column(const head *h)
{
    int first = -1;
    for (int c = 0; c < h->ncols; c++)
        if (h->cols[c].role == AP_ROLE_RAG) {
            if (h->cols[c].latest)
                return c;
            if (first < 0)
                first = c;
        }
    return first;
}

static cJSON *indicator_json(const ap_pack *pack, const ap_grid *table, const head *h, int r)
{
    const ap_grid_row *row = &table->rows[r];
    int ncols = MIN(h->ncols, width(row));
    const char *name = NULL, *ref = NULL;
    for (int c = 0; c < ncols; c++) {
        if (h->cols[c].role == AP_ROLE_NAME && *cell(row, c))
            name = cell(row, c);
        if (h->cols[c].role == AP_ROLE_REF && *cell(row, c))
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
    int rag_at = rag_column(h);
    for (int c = 0; c < ncols; c++) {
        const column *col = &h->cols[c];
        const char *raw = cell(row, c);
        switch (col->role) {
        case AP_ROLE_PERIOD:
        case AP_ROLE_VALUE:
            if (*raw || col->role == AP_ROLE_PERIOD)
                cJSON_AddItemToArray(values, value_json(col->name, col->period, raw, name));
            break;
        case AP_ROLE_COMPARATOR:
            if (*raw)
                cJSON_AddItemToArray(comparators,
                                     value_json(col->name, col->period, raw, name));
            break;
        case AP_ROLE_TARGET:
            if (!target)
                target = target_json(raw);
            break;
        /* printed, or where the cell is empty, shown by colour or shape */
        case AP_ROLE_RAG:
            if (c == rag_at)
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
    head head;
} last_card;

/* Whether column c is empty in every row of t after the header. */
static bool never_filled(const ap_grid *t, int header_at, int c)
{
    for (int r = header_at + 1; r < (int)t->nrows; r++)
        if (*cell(&t->rows[r], c))
            return false;
    return true;
}

/* The header of `last` fitted to a table of ncols columns: columns the
 * scorecard never filled (a sparkline column) are not printed again. */
static bool inherit_header(const last_card *last, int ncols, head *out)
{
    const head *from = &last->head;
    if (!last->table || ncols > from->ncols || ncols < 3)
        return false;
    int drop = from->ncols - ncols;
    *out = (head){g_new0(column, ncols), 0, -1};
    for (int c = 0; c < from->ncols; c++) {
        if (drop > 0 && never_filled(last->table, from->at, c)) {
            drop--;
            continue;
        }
        if (out->ncols < ncols) {
            const column *col = &from->cols[c];
            out->cols[out->ncols++] = (column){g_strdup(col->name), col->role,
                                               g_strdup(col->period), col->latest};
        }
    }
    if (drop > 0 || out->ncols != ncols) {
        head_clear(out);
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
            if (r <= header_at + 2 && (ap_re_search(rules()->unit, v, 0, NULL) ||
                                       (r <= header_at &&
                                        ap_re_search(rules()->unit_in, v, 0, NULL))))
                units++;
            bool is_money;
            if (r > header_at && *v && figure(v, &is_money)) {
                figures++;
                amounts += is_money;
            }
        }
    return units >= MONEY_UNIT_CELLS || (figures >= MONEY_MIN_FIGURES && amounts * 2 > figures);
}

/* ---- measure blocks -------------------------------------------------------- */

/* A measure printed as labels and values under its heading
 * (segment/measures.c); NULL when no heading names it. */
static cJSON *measure_json(const ap_pack *pack, const ap_measure *m)
{
    if (!m->heading)
        return NULL;
    ap_match match;
    char *ref = NULL, *name;
    if (ap_re_search(rules()->ref, m->heading, 0, &match)) {
        ref = ap_match_dup(&match, m->heading, 1);
        name = ap_match_dup(&match, m->heading, 2);
    } else {
        name = g_strdup(m->heading);
    }
    cJSON *o = cJSON_CreateObject();
    ap_json_set_text(o, "ref", ref);
    cJSON_AddStringToObject(o, "name", name);
    ap_json_set_text(o, "item", m->item);
    cJSON *values = cJSON_AddArrayToObject(o, "values");
    cJSON *comparators = cJSON_CreateArray();
    cJSON *target = NULL;
    const char *rag = NULL, *direction = NULL;
    GString *text = g_string_new(m->heading);
    for (size_t i = 0; i < m->nfields; i++) {
        const ap_measure_field *f = &m->fields[i];
        char *period = NULL;
        switch (ap_label_role(f->label, &period)) {
        case AP_ROLE_PERIOD:
        case AP_ROLE_VALUE:
            cJSON_AddItemToArray(values, value_json(f->label, period, f->value, name));
            break;
        case AP_ROLE_COMPARATOR:
            cJSON_AddItemToArray(comparators, value_json(f->label, period, f->value, name));
            break;
        case AP_ROLE_TARGET:
            if (!target)
                target = target_json(f->value);
            break;
        case AP_ROLE_RAG:
            if (!rag)
                rag = *f->value ? ap_rag_of(f->value) : f->mark.fill;
            break;
        case AP_ROLE_DIRECTION:
            if (!direction)
                direction = *f->value ? ap_direction_of(f->value) : f->mark.arrow;
            break;
        default:
            break;
        }
        g_free(period);
        g_string_append_printf(text, " | %s | %s", f->label, f->value);
    }
    cJSON_AddItemToObject(o, "target", target ? target : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "comparators", comparators);
    cJSON_AddNullToObject(o, "polarity");
    ap_json_set_text(o, "rag", rag);
    ap_json_set_text(o, "direction", direction);
    cJSON_AddItemToObject(o, "evidence", ap_evidence_json(pack->doc, m->page, &m->bbox, text->str));
    g_string_free(text, TRUE);
    g_free(ref);
    g_free(name);
    return o;
}

static void extract_indicators(const ap_pack *pack, cJSON *meeting)
{
    cJSON *list = cJSON_GetObjectItemCaseSensitive(meeting, "indicators");
    const ap_grids *tables = ap_pack_tables(pack);
    last_card last = {.head.at = -1};
    for (size_t ti = 0; ti < tables->n; ti++) {
        const ap_grid *table = &tables->grids[ti];
        head found = {.at = -1}, inherited = {.at = -1};
        const head *h = &last.head;
        if (header_find(table, &found)) {
            if (money_table(table, found.at)) {
                head_clear(&found);
                continue;
            }
            head_clear(&last.head);
            last = (last_card){table, found};
        } else if (inherit_header(&last, table->nrows ? width(&table->rows[0]) : 0,
                                  &inherited)) {
            h = &inherited;
        } else {
            continue;
        }
        for (int r = h->at + 1; r < (int)table->nrows; r++) {
            if (non_empty(&table->rows[r]) < 2)     /* a section heading */
                continue;
            cJSON *ind = indicator_json(pack, table, h, r);
            if (ind)
                cJSON_AddItemToArray(list, ind);
        }
        head_clear(&inherited);
    }
    head_clear(&last.head);
    const ap_measures *measures = ap_pack_measures(pack);
    for (size_t i = 0; i < measures->n; i++) {
        cJSON *ind = measure_json(pack, &measures->list[i]);
        if (ind)
            cJSON_AddItemToArray(list, ind);
    }
}

const ap_extractor ap_extract_indicators = {
    .name = "indicators",
    .fields = (const char *const[]){"indicators", NULL},
    .run = extract_indicators,
    .costly = true,
};
