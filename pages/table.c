/* table.c: tables rebuilt from positioned text (see table.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/page_model.h"
#include "core/regex.h"
#include "pages/table.h"
#include "core/drawing.h"

/* Cells of one column start within this many points of each other. */
#define COLUMN_TOL 6.0
/* A row of a table has two or more cells, one gutter at least this many
 * type sizes wide; a justified line split at every word space is not. */
#define GUTTER_EM 0.8
#define JUSTIFIED_CELLS 4
#define JUSTIFIED_GAP_EM 1.5
/* A table ends at a gap of this many line heights, or after this many
 * rows in a row that are not table rows (a cell's long wrapped text). */
#define END_GAP_LINES 3.0
#define MAX_LOOSE_ROWS 3
/* A line starting closer than this many type sizes below the last one
 * continues its table row (a wrapped cell); further down starts a row. */
#define ROW_PITCH_EM 1.45
/* Type this many times larger or smaller than the table's is not in it. */
#define SIZE_CHANGE 1.15
/* A table has at least this many rows with several cells; or one row of
 * this many cells in the top part of its page. */
#define CARRIED_CELLS 4
#define CARRIED_ZONE 0.25
#define MIN_TABLE_ROWS 2

static double row_size(const ap_row *row)
{
    double s = 0;
    for (size_t c = 0; c < row->ncells; c++)
        if (row->cells[c].size > s)
            s = row->cells[c].size;
    return s > 0 ? s : row->bbox.y1 - row->bbox.y0;
}

/* Two or more cells with a real gutter between some two of them. */
static bool table_row(const ap_row *row)
{
    if (row->ncells < 2)
        return false;
    double size = row_size(row), widest = 0;
    for (size_t c = 1; c < row->ncells; c++) {
        double gap = row->cells[c].bbox.x0 - row->cells[c - 1].bbox.x1;
        if (gap > widest)
            widest = gap;
    }
    if (row->ncells >= JUSTIFIED_CELLS && widest < JUSTIFIED_GAP_EM * size)
        return false;
    return widest >= GUTTER_EM * size || row->ncells >= 3;
}

/* ---- columns ------------------------------------------------------------- */

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Column left edges: the distinct cell starts of the table's rows. Every
 * start counts, even one seen once: a cell starting where no other does
 * still stands apart from its neighbours. */
static GArray *find_columns(const ap_rows *rows, size_t from, size_t to)
{
    GArray *xs = g_array_new(FALSE, FALSE, sizeof(double));
    for (size_t r = from; r < to; r++)
        if (table_row(&rows->rows[r]))
            for (size_t c = 0; c < rows->rows[r].ncells; c++)
                g_array_append_val(xs, rows->rows[r].cells[c].bbox.x0);
    g_array_sort(xs, by_double);
    GArray *cols = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < xs->len;) {
        guint j = i;
        double first = g_array_index(xs, double, i);
        while (j < xs->len && g_array_index(xs, double, j) - first <= COLUMN_TOL)
            j++;
        g_array_append_val(cols, first);
        i = j;
    }
    g_array_free(xs, TRUE);
    return cols;
}

/* Two neighbouring starts are one column when no row has cells at both
 * and their cells overlap across the page: numbers centred or set right
 * in their column start wherever their width puts them. */
static void merge_aligned_columns(const ap_rows *rows, size_t from, size_t to,
                                  GArray *cols);

static size_t column_of(const GArray *cols, double x)
{
    size_t best = 0;
    for (guint i = 0; i < cols->len; i++)
        if (g_array_index(cols, double, i) <= x + COLUMN_TOL)
            best = i;
    return best;
}

/* ---- rows ---------------------------------------------------------------- */

/* Runs of letters, lower-cased. */
static char *letters(const char *s, bool from_end)
{
    size_t n = strlen(s), a = 0, b = n;
    if (from_end) {
        a = n;
        while (a > 0 && g_ascii_isalpha(s[a - 1]))
            a--;
    } else {
        b = 0;
        while (b < n && g_ascii_isalpha(s[b]))
            b++;
    }
    return g_ascii_strdown(s + a, (gssize)(b - a));
}

GHashTable *ap_vocabulary_new(const ap_doc *doc)
{
    GHashTable *words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t p = 0; p < doc->npages; p++)
        for (size_t i = 0; i < doc->pages[p].nlines; i++) {
            const char *t = doc->pages[p].lines[i].text;
            size_t spaces = 0;
            for (const char *q = t; *q; q++)
                spaces += *q == ' ';
            if (spaces < 5)
                continue;
            for (const char *q = t; *q;) {
                while (*q && !g_ascii_isalpha(*q))
                    q++;
                const char *w = q;
                while (*q && g_ascii_isalpha(*q))
                    q++;
                if (q > w)
                    g_hash_table_add(words, g_ascii_strdown(w, q - w));
            }
        }
    return words;
}

/* How a wrapped line joins the one before in its cell: "Manches" + "ter",
 * "Ite" + "m", "(2022/2" + "3)" and "Aver" + "age" join tight (a word
 * broken to fit a narrow column: what ends the cell so far is not a word
 * of the document's text, and what follows is not one either, or is a
 * single letter, or makes one with it); "open" + "cases" and "Direction"
 * + "of Travel" with a space. */
bool ap_join_tight(const char *cell, const char *before, const char *after,
                   GHashTable *vocab)
{
    size_t n = strlen(before);
    if (!n || !*after)
        return false;
    gunichar next = g_utf8_get_char(after);
    char last = before[n - 1];
    if (next == ')' || next == ']' || next == ',' || next == ';' || next == ':')
        return true;
    /* "(2022/2" + "3)", "(202" + "2/23)": a date or year range broken */
    const char *token = strrchr(before, ' ');
    token = token ? token + 1 : before;
    if (g_ascii_isdigit(last) && g_unichar_isdigit(next) &&
        (strchr(token, '/') || token[0] == '('))
        return true;
    bool one_word = token == before;
    if (!g_ascii_isalpha(last) || !g_unichar_islower(next))
        return false;
    if (!vocab)
        return one_word && n >= 3;
    char *head = letters(after, false), *tail = letters(cell, true);
    char *whole = g_strconcat(tail, head, NULL);
    bool head_word = g_hash_table_contains(vocab, head);
    bool whole_word = g_hash_table_contains(vocab, whole);
    bool tight = (whole_word && !head_word) ||
                 (!g_hash_table_contains(vocab, tail) &&
                  (!head_word || strlen(head) == 1 || whole_word));
    g_free(whole);
    g_free(head);
    g_free(tail);
    return tight;
}

bool ap_both_words(const char *cell, const char *next, GHashTable *vocab)
{
    if (!vocab)
        return false;
    char *head = letters(next, false), *tail = letters(cell, true);
    bool both = strlen(head) > 1 && g_hash_table_contains(vocab, head) &&
                g_hash_table_contains(vocab, tail);
    g_free(head);
    g_free(tail);
    return both;
}

char *ap_join_line(const char *cell, size_t tail, const char *next,
                   GHashTable *vocab, size_t *new_tail)
{
    const char *last_line = cell + tail;
    size_t ll = strlen(last_line);
    /* "3-" over "10": a page range wrapped in its cell */
    bool range = ll >= 2 && last_line[ll - 1] == '-' && g_ascii_isdigit(last_line[ll - 2]) &&
                 g_ascii_isdigit(next[0]);
    char *joined;
    if (range) {
        char *base = g_strndup(cell, strlen(cell) - 1);
        joined = g_strconcat(base, " - ", next, NULL);
        g_free(base);
    } else {
        joined = g_strconcat(cell, ap_join_tight(cell, last_line, next, vocab) ? "" : " ",
                             next, NULL);
    }
    *new_tail = strlen(joined) - strlen(next);
    return joined;
}

typedef struct building {
    GHashTable *vocab;
    GArray *cells;          /* ap_table_cell */
    ap_bbox bbox;
    double last_y0;         /* top of its last line */
    double size;
    GArray *line_cols;      /* size_t: columns filled by its last line */
} building;

/* A cell of one line, in its column. */
typedef struct piece {
    char *text;
    ap_bbox bbox;
    size_t col;
} piece;

static void merge_aligned_columns(const ap_rows *rows, size_t from, size_t to,
                                  GArray *cols)
{
    for (guint k = 0; k + 1 < cols->len;) {
        bool together = false;
        double a_lo = G_MAXDOUBLE, a_hi = -G_MAXDOUBLE, b_lo = G_MAXDOUBLE, b_hi = -G_MAXDOUBLE;
        bool any_a = false, any_b = false;
        for (size_t r = from; r < to; r++) {
            bool has_a = false, has_b = false;
            for (size_t c = 0; c < rows->rows[r].ncells; c++) {
                const ap_bbox *bb = &rows->rows[r].cells[c].bbox;
                size_t col = column_of(cols, bb->x0);
                if (col == k) {
                    has_a = true;
                    a_lo = MIN(a_lo, bb->x0);
                    a_hi = MAX(a_hi, bb->x1);
                } else if (col == k + 1) {
                    has_b = true;
                    b_lo = MIN(b_lo, bb->x0);
                    b_hi = MAX(b_hi, bb->x1);
                }
            }
            together |= has_a && has_b;
            any_a |= has_a;
            any_b |= has_b;
        }
        bool overlap = any_a && any_b && b_lo < a_hi && a_lo < b_hi;
        if (!together && overlap)
            g_array_remove_index(cols, k + 1);
        else
            k++;
    }
}

static GArray *row_pieces(const ap_row *row, const GArray *cols)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(piece));
    for (size_t c = 0; c < row->ncells; c++) {
        const ap_rcell *rc = &row->cells[c];
        piece p = {g_strdup(rc->text), rc->bbox, column_of(cols, rc->bbox.x0)};
        g_array_append_val(out, p);
    }
    return out;
}

static void add_line(building *b, const ap_row *row, const GArray *cols)
{
    GArray *pieces = row_pieces(row, cols);
    GArray *this_line = g_array_new(FALSE, FALSE, sizeof(size_t));
    for (guint p = 0; p < pieces->len; p++) {
        piece *pc = &g_array_index(pieces, piece, p);
        size_t col = pc->col;
        /* a wrapped line continues the cell of its column */
        ap_table_cell *into = NULL;
        bool same_line = false;
        for (guint q = 0; q < this_line->len; q++)
            same_line |= g_array_index(this_line, size_t, q) == col;
        for (guint k = 0; k < b->cells->len; k++) {
            ap_table_cell *tc = &g_array_index(b->cells, ap_table_cell, k);
            if (tc->col == col)
                into = tc;
        }
        if (into && !same_line) {
            char *joined = ap_join_line(into->text, into->tail, pc->text, b->vocab,
                                        &into->tail);
            g_free(into->text);
            into->text = joined;
            into->bbox = ap_bbox_union(into->bbox, pc->bbox);
        } else {
            ap_table_cell tc = {g_strdup(pc->text), col, pc->bbox, 0};
            g_array_append_val(b->cells, tc);
        }
        g_array_append_val(this_line, col);
        g_free(pc->text);
    }
    g_array_free(pieces, TRUE);
    g_array_free(this_line, TRUE);
    b->bbox = b->cells->len > 1 ? ap_bbox_union(b->bbox, row->bbox) : row->bbox;
    b->last_y0 = row->bbox.y0;
    b->size = row_size(row);
}

static int by_column(const void *a, const void *b)
{
    const ap_table_cell *x = a, *y = b;
    if (x->col != y->col)
        return (x->col > y->col) - (x->col < y->col);
    return (x->bbox.x0 > y->bbox.x0) - (x->bbox.x0 < y->bbox.x0);
}

static ap_table_row finish_row(building *b)
{
    g_array_sort(b->cells, by_column);
    ap_table_row row = {.ncells = b->cells->len, .bbox = b->bbox};
    row.cells = (ap_table_cell *)(void *)g_array_free(b->cells, FALSE);
    b->cells = g_array_new(FALSE, FALSE, sizeof(ap_table_cell));
    return row;
}

/* A cell that is a figure and nothing else ("40.7", "-0.1", "93%",
 * "(250)", "£1,200"; not "2019 Planning ...", not "461 - 610)"). */
static bool figure_cell(const char *text)
{
    static pcre2_code *figure;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        figure = ap_re_compile("^\\s*[-+(]?\\s*\\x{a3}?\\s*-?[0-9][0-9,]*(?:\\.[0-9]+)?\\s*%?\\)?\\s*$");
        g_once_init_leave(&ready, 1);
    }
    return ap_re_search(figure, text, 0, NULL);
}

/* Whether the line puts a figure under a figure of the row being built:
 * a wrapped cell continues words ("March" over "2026"), never numbers, so
 * that line is the next row, however close under (rows set at their
 * type's pitch). */
static bool fills_again(const building *b, const ap_row *row, const GArray *cols)
{
    for (size_t c = 0; c < row->ncells; c++) {
        const ap_rcell *rc = &row->cells[c];
        if (!figure_cell(rc->text))
            continue;
        size_t col = column_of(cols, rc->bbox.x0);
        for (guint k = 0; k < b->cells->len; k++) {
            const ap_table_cell *have = &g_array_index(b->cells, ap_table_cell, k);
            if (have->col == col && figure_cell(have->text))
                return true;
        }
    }
    return false;
}

/* A line that carries on sentences of the row being built, however far
 * below (a long cell wraps at a wider pitch than rows are set at): each of
 * its cells starts lower case under a cell the row fills, one at least a
 * phrase ("pathway and are clear about:"), not a word alone ("yes"). */
static bool carries_on(const building *b, const ap_row *row, const GArray *cols)
{
    bool phrase = false;
    for (size_t c = 0; c < row->ncells; c++) {
        const ap_rcell *rc = &row->cells[c];
        if (!ap_carries_sentence(rc->text))
            return false;
        size_t col = column_of(cols, rc->bbox.x0);
        bool under = false;
        for (guint k = 0; k < b->cells->len && !under; k++)
            under = g_array_index(b->cells, ap_table_cell, k).col == col;
        if (!under)
            return false;
        phrase |= strchr(rc->text, ' ') != NULL;
    }
    return phrase;
}

static ap_table *build_table(const ap_rows *rows, size_t from, size_t to,
                             GHashTable *vocab)
{
    GArray *cols = find_columns(rows, from, to);
    merge_aligned_columns(rows, from, to, cols);
    GArray *out = g_array_new(FALSE, FALSE, sizeof(ap_table_row));
    building b = {.vocab = vocab,
                  .cells = g_array_new(FALSE, FALSE, sizeof(ap_table_cell))};
    for (size_t r = from; r < to; r++) {
        const ap_row *row = &rows->rows[r];
        bool new_row = b.cells->len == 0 ||
                       (row->bbox.y0 - b.last_y0 >= ROW_PITCH_EM * b.size &&
                        !carries_on(&b, row, cols)) ||
                       fills_again(&b, row, cols);
        if (new_row && b.cells->len) {
            ap_table_row done = finish_row(&b);
            g_array_append_val(out, done);
        }
        add_line(&b, row, cols);
    }
    if (b.cells->len) {
        ap_table_row done = finish_row(&b);
        g_array_append_val(out, done);
    }
    g_array_free(b.cells, TRUE);
    ap_table *t = g_new0(ap_table, 1);
    t->nrows = out->len;
    t->rows = (ap_table_row *)(void *)g_array_free(out, FALSE);
    t->ncols = cols->len;
    t->col_x = (double *)(void *)g_array_free(cols, FALSE);
    t->bbox = rows->rows[from].bbox;
    for (size_t r = from + 1; r < to; r++)
        t->bbox = ap_bbox_union(t->bbox, rows->rows[r].bbox);
    return t;
}

/* ---- not tables ---------------------------------------------------------- */

/* A list item's label: "1.", "4.2.", "7a", "(b)", "iv)", "II.", a bullet. */
static const pcre2_code *label_pattern(void)
{
    static pcre2_code *re;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        re = ap_re_compile("^(?:\\(?[0-9]{1,3}[a-z]?(?:\\.[0-9]{1,3})*[.)]?"
                           "|\\(?[a-z][.)]|\\(?[ivxlc]{1,6}[.)]?"
                           "|[•·▪‣◦●○■□➢✓*–-])$");
        g_once_init_leave(&ready, 1);
    }
    return re;
}

/* Whether text is a list item's label, alone ("1.", "4.2.", "(b)", a
 * bullet) or set close to its text as the row's only cell ("4.2. Report"). */
static bool list_label(const char *text, bool alone_in_row)
{
    const char *space = alone_in_row ? strchr(text, ' ') : NULL;
    char *label = space ? g_strndup(text, (gsize)(space - text)) : g_strdup(text);
    bool is_label = ap_re_search(label_pattern(), label, 0, NULL);
    g_free(label);
    size_t n = strlen(text);
    return is_label || (!alone_in_row && n > 1 && text[n - 1] == ':' && !strchr(text, ' '));
}

bool ap_carries_sentence(const char *text)
{
    return g_unichar_islower(g_utf8_get_char(text)) && !list_label(text, true);
}

/* A list set with hanging indents, not a table: each row opens (at its
 * first cell that prints) with a list's label ("1.", "1.01", bullets),
 * however deep the numbering goes, and prints at most one cell after it;
 * or prints one cell alone (a paragraph of the item, a heading between).
 * Two labelled rows at least; a quarter of the rows may print more (a
 * note far right: "4. | Next steps | (for decision)"). Where most rows
 * print several cells after such labels, the labels are a table's refs. */
#define LIST_WIDE_SHARE 0.25

static bool is_list(const ap_table *t)
{
    if (t->ncols < 2)
        return false;
    size_t labels = 0, wide = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        size_t first = 0, filled = 0;
        while (first < t->ncols && !*ap_table_text(t, r, first))
            first++;
        for (size_t c = first; c < t->ncols; c++)
            filled += *ap_table_text(t, r, c) != '\0';
        if (filled <= 1 && !(first == 0 && filled == 1))
            continue;       /* blank, or one cell set in from the labels */
        if (!list_label(ap_table_text(t, r, first), t->rows[r].ncells == 1)) {
            if (filled > 1 || first == 0)
                wide++;
            continue;
        }
        labels++;
        wide += filled > 2;
    }
    return labels >= 2 && wide <= LIST_WIDE_SHARE * (double)t->nrows;
}

/* Justified prose cut at its wide word spaces makes cells of one word,
 * lower case, mid-sentence ("raise | education | while | at"), on the
 * lines the table was built from: a table's cells are figures, names and
 * phrases. */
#define PROSE_WORD_SHARE 0.3
#define PROSE_MIN_CELLS 6

static bool is_prose(const ap_rows *rows, size_t first, size_t end)
{
    size_t filled = 0, words = 0;
    for (size_t r = first; r < end; r++)
        for (size_t c = 0; c < rows->rows[r].ncells; c++) {
            const char *text = rows->rows[r].cells[c].text;
            if (!*text)
                continue;
            filled++;
            words += !strchr(text, ' ') && g_unichar_islower(g_utf8_get_char(text));
        }
    return filled >= PROSE_MIN_CELLS && words >= PROSE_WORD_SHARE * (double)filled;
}

/* Two columns, most first cells a label ending in a colon ("Date:",
 * "Ask for:"): a block of labels and values (a letterhead, a cover), not
 * a table. */
#define LABEL_SHARE 0.6

static bool is_label_block(const ap_table *t)
{
    if (t->ncols != 2)
        return false;
    size_t labels = 0, filled = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *first = ap_table_text(t, r, 0);
        size_t n = strlen(first);
        while (n > 0 && first[n - 1] == ' ')
            n--;
        if (!n)
            continue;
        filled++;
        labels += first[n - 1] == ':';
    }
    return filled > 0 && labels >= LABEL_SHARE * (double)filled;
}

/* Running text cut at its wider word spaces makes columns that few rows
 * fill; a table's rows fill most of its columns. */
#define MIN_FILL 0.4

static bool is_sparse(const ap_table *t)
{
    size_t filled = 0;
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->rows[r].ncells; c++)
            filled += t->rows[r].cells[c].text[0] != '\0';
    return filled < MIN_FILL * (double)(t->nrows * t->ncols);
}

/* ---- regions ------------------------------------------------------------- */

static bool close_below(const ap_row *above, const ap_row *below)
{
    double h = above->bbox.y1 - above->bbox.y0;
    return below->bbox.y0 - above->bbox.y1 <= END_GAP_LINES * (h > 0 ? h : 10);
}

/* The columns a table has shown so far: each cell's left and right edge,
 * so that a cell is in a column when it starts where a cell above started
 * or ends where one ended (numbers and names set right). */
typedef struct edge {
    double x0, x1;
} edge;

/* A row of one or two cells that each start at a column of the table
 * and stay inside it: more lines of the table's wrapped cells. */
static bool inside_columns(const ap_row *row, const GArray *edges)
{
    for (size_t c = 0; c < row->ncells; c++) {
        const ap_rcell *cell = &row->cells[c];
        bool at_column = false;
        double next_start = G_MAXDOUBLE;
        for (guint k = 0; k < edges->len; k++) {
            double x = g_array_index(edges, edge, k).x0;
            if (fabs(cell->bbox.x0 - x) <= COLUMN_TOL)
                at_column = true;
            else if (x > cell->bbox.x0 + COLUMN_TOL && x < next_start)
                next_start = x;
        }
        if (!at_column || cell->bbox.x1 > next_start + COLUMN_TOL)
            return false;
    }
    return true;
}

/* Whether enough of a row's cells line up with the table's cells. */
#define SHARED_STARTS 0.6

static size_t shared_edges(const ap_row *row, const GArray *edges)
{
    size_t shared = 0;
    for (size_t c = 0; c < row->ncells; c++)
        for (guint k = 0; k < edges->len; k++) {
            const edge *e = &g_array_index(edges, edge, k);
            if (fabs(row->cells[c].bbox.x0 - e->x0) <= COLUMN_TOL ||
                fabs(row->cells[c].bbox.x1 - e->x1) <= COLUMN_TOL) {
                shared++;
                break;
            }
        }
    return shared;
}

/* A row of three cells or more must line up with the table in most of
 * its cells; a row of two (a bulleted line under a table) in one. */
static bool shares_columns(const ap_row *row, const GArray *edges)
{
    size_t shared = shared_edges(row, edges);
    if (row->ncells < 3)
        return shared > 0;
    return shared >= SHARED_STARTS * (double)row->ncells;
}

static gint by_top(gconstpointer a, gconstpointer b)
{
    const ap_table *x = *(ap_table *const *)a, *y = *(ap_table *const *)b;
    return (x->bbox.y0 > y->bbox.y0) - (x->bbox.y0 < y->bbox.y0);
}

static void add_edges(GArray *edges, const ap_row *row)
{
    for (size_t c = 0; c < row->ncells; c++) {
        edge e = {row->cells[c].bbox.x0, row->cells[c].bbox.x1};
        g_array_append_val(edges, e);
    }
}

ap_table **ap_tables_find(const ap_rows *rows, GHashTable *vocab,
                          const ap_rulings *rulings, size_t *n)
{
    bool *inside = g_new0(bool, rows->nrows + 1);
    GPtrArray *found = rulings ? ap_ruled_tables(rows, rulings, vocab, inside)
                               : g_ptr_array_new();
    size_t i = 0;
    while (i < rows->nrows) {
        if (inside[i] || !table_row(&rows->rows[i])) {
            i++;
            continue;
        }
        size_t last = i, seeds = 1, j = i + 1;
        double size = row_size(&rows->rows[i]);
        GArray *edges = g_array_new(FALSE, FALSE, sizeof(edge));
        add_edges(edges, &rows->rows[i]);
        while (j < rows->nrows && !inside[j] &&
               close_below(&rows->rows[j - 1], &rows->rows[j])) {
            const ap_row *row = &rows->rows[j];
            /* a heading in other type between two tables ends the first */
            double s = row_size(row);
            if (s > SIZE_CHANGE * size || s * SIZE_CHANGE < size)
                break;
            /* a table in other columns starts right under this one */
            if (table_row(row) && !shares_columns(row, edges))
                break;
            if (table_row(row)) {
                add_edges(edges, row);
                last = j;
                seeds++;
            } else if (!inside_columns(row, edges) && j - last > MAX_LOOSE_ROWS) {
                break;
            } else if (inside_columns(row, edges)) {
                last = j;
            }
            j++;
        }
        g_array_free(edges, TRUE);
        /* lines right under the last row that wrap its cells */
        size_t end = last + 1;
        while (end < rows->nrows && !inside[end] &&
               rows->rows[end].bbox.y0 - rows->rows[end - 1].bbox.y0 <
                   ROW_PITCH_EM * row_size(&rows->rows[end - 1]))
            end++;
        /* one row of many cells at the top of a page: the last row of a
         * table carried over from the page before */
        bool carried = seeds == 1 && rows->rows[i].ncells >= CARRIED_CELLS &&
                       rows->rows[i].bbox.y0 <= rows->page->height * CARRIED_ZONE;
        if (seeds >= MIN_TABLE_ROWS || carried) {
            ap_table *t = build_table(rows, i, end, vocab);
            /* rows close enough to read as one (lines of a list or of
             * running text, cut at wide word spaces) make no table */
            bool one_row = t->nrows < 2 && !carried;
            if (one_row || is_list(t) || is_label_block(t) || is_sparse(t) ||
                is_prose(rows, i, end))
                ap_table_free(t);
            else
                g_ptr_array_add(found, t);
        }
        i = end;
    }
    g_free(inside);
    /* in page order */
    g_ptr_array_sort(found, by_top);
    *n = found->len;
    return (ap_table **)g_ptr_array_free(found, FALSE);
}

const char *ap_table_text(const ap_table *t, size_t r, size_t c)
{
    for (size_t k = 0; r < t->nrows && k < t->rows[r].ncells; k++)
        if (t->rows[r].cells[k].col == c)
            return t->rows[r].cells[k].text;
    return "";
}

void ap_table_free(ap_table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->rows[r].ncells; c++)
            g_free(t->rows[r].cells[c].text);
        g_free(t->rows[r].cells);
    }
    g_free(t->rows);
    g_free(t->col_x);
    g_free(t);
}

void ap_tables_free(ap_table **tables, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ap_table_free(tables[i]);
    g_free(tables);
}
