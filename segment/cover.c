/*
 * cover.c: a report's cover sheet read into fields (see cover.h).
 *
 * A label opens its cell ("To:", "Report of", "Recommendation(s):"); its
 * value is the rest of the cell and the cells beside it, then the rows
 * below that carry it on: rows set further in than the label (a value
 * column), or rows under the label at the spacing of wrapped prose (a
 * summary in full sentences), until the next label, a numbered section,
 * or a wider gap. A cover starts in the top half of the page; once two
 * labels have started it, it runs on down the page, label after label,
 * until a numbered section opens the body or a few rows pass that are
 * neither label nor value.
 */
#include <string.h>

#include <glib.h>

#include "core/regex.h"
#include "lexicon/normalise.h"
#include "pages/layout.h"
#include "segment/cover.h"

/* A cover starts in the top half of the page, and ends after this many
 * rows that are neither label nor value. */
#define COVER_ZONE 0.5
#define COVER_GAP_ROWS 3
/* A value carries on for at most this many rows. */
#define VALUE_ROWS 8
/* A value column is set this far in from its label, at least. */
#define VALUE_INDENT 10.0
/* A word label without a colon stands this far from its value, at least:
 * farther than the word spaces of justified prose ("to   note ..."). */
#define VALUE_GAP 24.0
/* Rows under a label, starting where it starts, carry its value on while
 * the gap above each is at most this many of its own heights (wrapped
 * prose; a label alone may have its value one blank line under it). */
#define SAME_X 3.0
#define PROSE_GAP 0.6
#define FIRST_VALUE_GAP 1.6

/* The labels and the keys they are written under; a key is taken by the
 * first of its labels printed. report: printed only on a report's cover,
 * not on a letter's or a summons's ("To:", "Date:"). */
static const struct cover_label {
    const char *key, *pattern;
    bool report;
    bool word;              /* a common word ("To", "From"): a label only
                             * with a colon, or alone before a value column */
} cover_labels[] = {
    {"report_to", "report\\s+to|decision\\s+to\\s+be\\s+taken\\s+by", true, false},
    {"report_to", "to|meeting", false, true},
    {"report_for", "report\\s+for", true, false},
    {"date", "date\\s+of\\s+(?:the\\s+)?meeting|meeting\\s+date|date", false, false},
    {"report_of", "report\\s+(?:of|from|by)|reporting\\s+officer|lead\\s+officer", true, false},
    {"report_of", "from|by", true, true},
    {"title", "(?:report\\s+)?title(?:\\s*/\\s*subject)?|title\\s+of\\s+(?:the\\s+)?decision|"
              "subject(?:\\s+matter(?:\\s*/\\s*title\\s+of\\s+(?:the\\s+)?decision)?)?", true, false},
    {"decision_ref", "decision\\s+(?:no|number|ref(?:erence)?)\\.?", true, false},
    {"key_decision", "key\\s+decision", true, false},
    {"classification", "classification", true, false},
    {"purpose", "purpose(?:\\s+of\\s+(?:the\\s+)?report)?", true, false},
    {"summary", "(?:report\\s+|executive\\s+)?summary", true, false},
    {"recommendations", "recommendations?(?:\\s*\\(s\\)|/s)?", true, false},
    {"past_pathway", "past\\s+pathway(?:\\s+of\\s+(?:the\\s+)?report)?", true, false},
    {"future_pathway", "future\\s+pathway(?:\\s+of\\s+(?:the\\s+)?report)?", true, false},
    {"portfolio_holder", "portfolio\\s+holder|cabinet\\s+member", true, false},
    {"senior_officer", "senior\\s+officer", true, false},
    {"electoral_division", "electoral\\s+divisions?|divisions?\\s+affected", true, false},
    {"wards_affected", "wards?(?:\\s+members)?\\s+affected", true, false},
    {"contact_officer", "contact\\s+officer", false, false},
};
#define NLABELS (sizeof cover_labels / sizeof cover_labels[0])

typedef struct cover_rules {
    pcre2_code *labels[NLABELS];
    pcre2_code *section;
} cover_rules;

static const cover_rules *rules(void)
{
    static cover_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        /* a label opens its cell: "Report to:", "Report of" then a gap */
        for (size_t i = 0; i < NLABELS; i++) {
            char *p = g_strdup_printf("^(?:%s)\\s*(?::-?|$)\\s*", cover_labels[i].pattern);
            r.labels[i] = ap_re_compile(p);
            g_free(p);
        }
        /* a numbered section's heading opens the report's body: "1.", "1.
         * Introduction", not a numbered recommendation ("1. That the
         * Committee notes the report.") */
        r.section = ap_re_compile("^[0-9]{1,2}(?:\\.[0-9]{1,2})*\\.?"
                                  "(?:\\s+(?:\\S+\\s+){0,5}\\S*[^\\s.;,:])?$");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* Whether a word label without its colon is one: alone in the row's first
 * cell, the value standing a column away. */
static bool word_label(const ap_row *row, size_t c, const char *text, size_t len)
{
    if (strchr(text, ':') && strchr(text, ':') < text + len)
        return true;
    return c == 0 && !text[len] && row->ncells > 1 &&
           row->cells[1].bbox.x0 - row->cells[0].bbox.x1 >= VALUE_GAP;
}

/* The label opening cell c of row, and the bytes it takes; -1 for none. */
static int label_at(const ap_row *row, size_t c, size_t *len)
{
    const char *text = row->cells[c].text;
    ap_match m;
    for (size_t i = 0; i < NLABELS; i++)
        if (ap_re_search(rules()->labels[i], text, 0, &m) &&
            (!cover_labels[i].word || word_label(row, c, text, m.end[0]))) {
            *len = m.end[0];
            return (int)i;
        }
    return -1;
}

static ap_cover_field *field(GArray *fields, const char *key)
{
    for (guint i = 0; i < fields->len; i++)
        if (!strcmp(g_array_index(fields, ap_cover_field, i).key, key))
            return &g_array_index(fields, ap_cover_field, i);
    return NULL;
}

static void append(ap_cover_field *f, const char *text)
{
    if (!*text)
        return;
    char *joined = *f->value ? g_strconcat(f->value, " ", text, NULL) : g_strdup(text);
    g_free(f->value);
    f->value = joined;
}

/* The field being read, and where its label stands; the labels of the
 * last labelled row still without a value, where they stand: a grid of
 * labels prints the values in the row beneath, each under its label. */
#define MAX_COLUMNS 8
typedef struct open_field {
    int index;              /* into the fields; -1 when none is open */
    double label_x, last_y1;
    int rows;
    int under[MAX_COLUMNS]; /* fields awaiting the row beneath */
    double under_x[MAX_COLUMNS];
    size_t nunder;
} open_field;

static ap_cover_field *at(GArray *fields, int index)
{
    return &g_array_index(fields, ap_cover_field, index);
}

/* Whether row carries the open field's value on. */
static bool carries_on(GArray *fields, const open_field *o, const ap_row *row)
{
    if (o->index < 0 || o->rows >= VALUE_ROWS)
        return false;
    if (ap_re_search(rules()->section, row->cells[0].text, 0, NULL))
        return false;
    double x = row->cells[0].bbox.x0;
    if (x > o->label_x + VALUE_INDENT)
        return true;    /* a value column */
    if (x < o->label_x - SAME_X || x > o->label_x + SAME_X)
        return false;
    double height = row->bbox.y1 - row->bbox.y0, gap = row->bbox.y0 - o->last_y1;
    return gap <= height * (*at(fields, o->index)->value ? PROSE_GAP : FIRST_VALUE_GAP);
}

/* The row beneath a grid of labels: each cell goes to the label it stands
 * under (from its label's x to the next label's). */
static bool fills_grid(GArray *fields, open_field *o, const ap_row *row)
{
    if (o->nunder < 2)
        return false;
    bool any = false;
    for (size_t c = 0; c < row->ncells; c++) {
        double x = row->cells[c].bbox.x0;
        for (size_t k = o->nunder; k-- > 0;)
            if (x >= o->under_x[k] - SAME_X) {
                append(at(fields, o->under[k]), row->cells[c].text);
                any = true;
                break;
            }
    }
    return any;
}

/* Reads row into fields: a label opening a cell opens its field. */
static bool read_row(const ap_row *row, GArray *fields, open_field *o, size_t *report)
{
    bool labelled = false;
    size_t nunder = 0;
    for (size_t c = 0; c < row->ncells; c++) {
        const char *text = row->cells[c].text;
        size_t len = 0;
        int l = label_at(row, c, &len);
        if (l >= 0 && !field(fields, cover_labels[l].key)) {
            ap_cover_field nf = {cover_labels[l].key, g_strdup("")};
            g_array_append_val(fields, nf);
            o->index = (int)fields->len - 1;
            o->label_x = row->cells[c].bbox.x0;
            o->last_y1 = row->bbox.y1;
            o->rows = 0;
            *report += cover_labels[l].report;
            labelled = true;
            append(at(fields, o->index), text + len);
            if (!text[len] && nunder < MAX_COLUMNS) {
                o->under[nunder] = o->index;
                o->under_x[nunder++] = row->cells[c].bbox.x0;
            }
        } else if (o->index >= 0 && labelled) {
            append(at(fields, o->index), text);     /* the value's own cell */
            if (nunder && o->under[nunder - 1] == o->index)
                nunder--;
        }
    }
    if (labelled)
        o->nunder = nunder;
    return labelled;
}

ap_cover *ap_cover_read(const ap_page *page)
{
    ap_rows *rows = ap_rows_build(page);
    GArray *fields = g_array_new(FALSE, FALSE, sizeof(ap_cover_field));
    open_field o = {.index = -1};
    size_t report = 0;
    double bottom = 0;  /* of the last row read as the cover's */
    int idle = 0;       /* rows since the last label or value */
    for (size_t r = 0; r < rows->nrows && idle < COVER_GAP_ROWS; r++) {
        const ap_row *row = &rows->rows[r];
        bool started = fields->len >= 2;
        if (row->bbox.y0 > page->height * COVER_ZONE && !started)
            break;
        if (started && ap_re_search(rules()->section, row->cells[0].text, 0, NULL))
            break;      /* the body */
        idle += fields->len > 0;
        if (read_row(row, fields, &o, &report)) {
            idle = 0;
            bottom = row->bbox.y1;
            continue;
        }
        if (fills_grid(fields, &o, row)) {
            o.index = -1;
            idle = 0;
            bottom = row->bbox.y1;
        } else if (carries_on(fields, &o, row)) {
            bottom = row->bbox.y1;
            char *text = ap_row_text(row, 0);
            append(at(fields, o.index), text);
            g_free(text);
            o.rows++;
            o.last_y1 = row->bbox.y1;
            idle = 0;
        } else {
            o.index = -1;
        }
        o.nunder = 0;   /* a grid's values are in the row right beneath */
    }
    ap_rows_free(rows);
    if (fields->len < 2) {
        for (guint i = 0; i < fields->len; i++)
            g_free(g_array_index(fields, ap_cover_field, i).value);
        g_array_free(fields, TRUE);
        return NULL;
    }
    ap_cover *cover = g_new0(ap_cover, 1);
    cover->nreport = report;
    cover->bottom = bottom;
    cover->n = fields->len;
    cover->fields = (ap_cover_field *)(void *)g_array_free(fields, FALSE);
    /* a label printed with nothing after it is a field left blank */
    for (size_t i = 0; i < cover->n; i++) {
        ap_cover_field *f = &cover->fields[i];
        char *v = ap_collapse_space(f->value);
        g_free(f->value);
        f->value = *v ? v : (g_free(v), NULL);
    }
    return cover;
}

void ap_cover_free(ap_cover *cover)
{
    if (!cover)
        return;
    for (size_t i = 0; i < cover->n; i++)
        g_free(cover->fields[i].value);
    g_free(cover->fields);
    g_free(cover);
}

const char *ap_cover_value(const ap_cover *cover, const char *key)
{
    for (size_t i = 0; cover && i < cover->n; i++)
        if (!strcmp(cover->fields[i].key, key))
            return cover->fields[i].value;
    return NULL;
}
