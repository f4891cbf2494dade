/* numbered.c: numbered lists in visual rows (see numbered.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pages/numbered.h"
#include "core/regex.h"

/* Numbers sit in the left part of the page. */
#define NUMBER_ZONE 0.45
/* A page-number column sits in the right part. */
#define PAGE_COLUMN_ZONE 0.55
/* Numbers of one list share a column, within this many points. */
#define COLUMN_SLACK 20.0
/* A region stops at a gap this many row heights tall, or at a change of
 * type size larger than this many points. */
#define REGION_GAP_ROWS 2.6
#define REGION_SIZE_SLACK 1.2

typedef struct numbered_rules {
    pcre2_code *number, *item_label, *item_label_head, *page_cell;
} numbered_rules;

static const numbered_rules *rules(void)
{
    static numbered_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        /* 1 prefix ("CYP.", the year and month of "21.06.04" or "11.24.03",
         * the year of "22/118"), 2 number, 3 letter suffix; "Item 4", "4.",
         * "4)", "4:" or "4 "; the title may follow at once */
        r.number = ap_re_compile_cased(
            "^(?i:item\\s+(?:no\\.?\\s*)?)?([A-Z]{1,5}[./]|[0-9]{2}[./][0-9]{2}[./]|[0-9]{2}/)?"
            "([0-9]{1,4})([a-z])?"
            "(?:[.:)](?![0-9])\\s*|\\s+|$)");
        r.item_label = ap_re_compile(
            "^agenda\\s+item\\s+(?:no\\.?\\s*)?()([0-9]{1,3})([a-z])?\\b\\s*");
        r.item_label_head = ap_re_compile("^agenda\\s+item(?:\\s+no\\.?)?$");
        r.page_cell = ap_re_compile(
            "^(?:pages?\\s*)?(?:[0-9]{1,4}\\s*(?:[-–]\\s*(?:[0-9]{1,4})?)?"
            "|[-–]\\s*[0-9]{1,4})$");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

int ap_pos_cmp(ap_pos a, ap_pos b)
{
    if (a.page != b.page)
        return a.page < b.page ? -1 : 1;
    return (a.row > b.row) - (a.row < b.row);
}

bool ap_cell_is_page_ref(const ap_rows *rows, const ap_row *row, size_t cell)
{
    const ap_rcell *c = &row->cells[cell];
    return (cell > 0 || row->ncells == 1) &&
           c->bbox.x0 >= rows->page->width * PAGE_COLUMN_ZONE &&
           ap_re_search(rules()->page_cell, c->text, 0, NULL);
}

/* ---- candidates ---------------------------------------------------------- */

static bool starts_title(const char *s)
{
    gunichar c = g_utf8_get_char(s);
    return c && !g_unichar_islower(c);
}

/* The row has title text after the number: in the number's cell or in a
 * following cell that is not a page reference. */
static bool has_title(const ap_rows *rows, const ap_row *row, size_t len)
{
    const char *rest = row->cells[0].text + len;
    if (*rest)
        return starts_title(rest);
    for (size_t c = 1; c < row->ncells; c++)
        if (!ap_cell_is_page_ref(rows, row, c))
            return starts_title(row->cells[c].text);
    return false;
}

static bool read_candidate(const ap_rows *rows, size_t p, size_t r,
                           ap_numbered *out)
{
    const numbered_rules *re = rules();
    const ap_row *row = &rows->rows[r];
    const ap_rcell *first = &row->cells[0];
    if (first->bbox.x0 > rows->page->width * NUMBER_ZONE)
        return false;
    ap_match m;
    bool labelled = ap_re_search(re->item_label, first->text, 0, &m);
    if (!labelled && !ap_re_search(re->number, first->text, 0, &m))
        return false;
    size_t len = m.end[0];
    if (!has_title(rows, row, len))
        return false;
    /* a covering letter's table: "Agenda Item No" above the number */
    for (size_t k = r; !labelled && k > 0 && k + 2 >= r; k--)
        labelled = ap_re_search(re->item_label_head, rows->rows[k - 1].cells[0].text, 0, NULL);
    int digits = (int)(m.end[2] - m.start[2]);
    *out = (ap_numbered){.pos = {p, r}, .n = atoi(first->text + m.start[2]),
                         .digits = first->text[m.start[2]] == '0' ? digits : 0,
                         .suffix = ap_match_set(&m, 3) ? first->text[m.start[3]] : 0,
                         .labelled = labelled, .number_len = len,
                         .x = first->bbox.x0};
    if (ap_match_set(&m, 1) && m.end[1] > m.start[1])
        g_strlcpy(out->prefix, first->text + m.start[1],
                  MIN(sizeof out->prefix, m.end[1] - m.start[1] + 1));
    return true;
}

GArray *ap_numbered_find(const ap_rowset *set)
{
    GArray *cands = g_array_new(FALSE, FALSE, sizeof(ap_numbered));
    for (size_t p = 0; p < set->npages; p++) {
        const ap_rows *rows = set->pages[p];
        for (size_t r = 0; rows && r < rows->nrows; r++) {
            ap_numbered c;
            if (read_candidate(rows, p, r, &c))
                g_array_append_val(cands, c);
        }
    }
    return cands;
}

void ap_numbered_format(const ap_numbered *c, char *out, size_t size)
{
    if (c->suffix)
        g_snprintf(out, size, "%s%0*d%c", c->prefix, c->digits, c->n, c->suffix);
    else
        g_snprintf(out, size, "%s%0*d", c->prefix, c->digits, c->n);
}

/* ---- chains -------------------------------------------------------------- */

static bool follows(const ap_numbered *a, const ap_numbered *b, int step)
{
    if (strcmp(a->prefix, b->prefix) != 0)
        return false;
    /* one column; pages may shift it a little */
    double slack = a->pos.page == b->pos.page ? COLUMN_SLACK : 1.5 * COLUMN_SLACK;
    if (fabs(a->x - b->x) > slack)
        return false;
    if (step == 1 && b->n == a->n && b->suffix == (a->suffix ? a->suffix + 1 : 'a'))
        return true;
    return b->n == a->n + step && !b->suffix;
}

/* The nearest candidate after `after` that follows it, allowing one
 * number left out (minute 2700 printed without its heading): the nearest,
 * because a far exact successor is usually a numbered paragraph in a later
 * minute. */
static size_t find_next(const ap_numbered *cands, size_t n, size_t after)
{
    for (size_t j = after + 1; j < n; j++)
        if (follows(&cands[after], &cands[j], 1) || follows(&cands[after], &cands[j], 2))
            return j;
    return n;
}

size_t ap_numbered_chain(const ap_numbered *cands, size_t n, size_t start,
                         size_t *idx)
{
    size_t len = 0;
    idx[len++] = start;
    for (size_t j; (j = find_next(cands, n, idx[len - 1])) < n;)
        idx[len++] = j;
    return len;
}

/* ---- regions ------------------------------------------------------------- */

static const ap_row *row_at(const ap_rowset *set, ap_pos pos)
{
    return &set->pages[pos.page]->rows[pos.row];
}

ap_pos ap_region_end(const ap_rowset *set, ap_pos anchor, ap_pos next,
                     const ap_region_rules *rules)
{
    const ap_row *head = row_at(set, anchor);
    double size = head->cells[0].size, height = head->bbox.y1 - head->bbox.y0;
    ap_pos pos = anchor;
    double prev_bottom = head->bbox.y1;
    for (;;) {
        pos.row++;
        while (pos.row >= set->pages[pos.page]->nrows) {
            if (pos.page + 1 > next.page || pos.page + 1 >= set->npages)
                return pos;
            pos.page++;
            pos.row = 0;
            prev_bottom = -1;
        }
        if (ap_pos_cmp(pos, next) >= 0)
            return next;
        const ap_row *row = row_at(set, pos);
        if (rules->stop && rules->stop(row, rules->ctx))
            return pos;
        bool size_changed = rules->at_size_change &&
                            fabs(row->cells[0].size - size) > REGION_SIZE_SLACK;
        bool gap = rules->at_wide_gap && prev_bottom >= 0 &&
                   row->bbox.y0 - prev_bottom > REGION_GAP_ROWS * height;
        if (size_changed || gap)
            return pos;
        prev_bottom = row->bbox.y1;
    }
}

ap_piece *ap_region_pieces(const ap_rowset *set, ap_pos anchor, ap_pos end,
                           size_t number_len, size_t *npieces)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(ap_piece));
    for (ap_pos pos = anchor; ap_pos_cmp(pos, end) < 0;) {
        if (pos.page >= set->npages)
            break;
        const ap_rows *rows = set->pages[pos.page];
        if (pos.row >= rows->nrows) {
            pos.page++;
            pos.row = 0;
            continue;
        }
        const ap_row *row = &rows->rows[pos.row];
        bool is_anchor = ap_pos_cmp(pos, anchor) == 0;
        bool first = true;
        for (size_t c = 0; c < row->ncells; c++) {
            ap_piece pc = {.page = pos.page, .row = row, .cell = &row->cells[c]};
            if (is_anchor && c == 0)
                pc.skip = number_len;
            else
                pc.page_ref = ap_cell_is_page_ref(rows, row, c);
            if (pc.skip >= pc.cell->len && !pc.page_ref)
                continue;
            pc.row_start = first && !pc.page_ref;
            if (pc.row_start)
                first = false;
            g_array_append_val(out, pc);
        }
        pos.row++;
    }
    *npieces = out->len;
    return (ap_piece *)g_array_free(out, FALSE);
}
