/*
 * titles.c: where a numbered entry's title ends and the rest begins.
 *
 * An entry's text is its title, then perhaps a description or body; a page
 * reference and a leading decision reference ("24/00108 - ") are not part
 * of the title. Where the title ends is told by typography, decided once
 * for a whole list so that one odd entry cannot mislead:
 *
 *   bold   most entries start bold and some turn regular later: the title
 *          is the bold run;
 *   caps   most entries start with a word in capitals and some change case
 *          later: the title is the run of capitalised words;
 *   lines  otherwise the title is the number's row, carried on to rows that
 *          plainly continue it (a lowercase start, a dangling "and", a
 *          full justified row, or the page reference a row below), and cut
 *          at a ": " that introduces a description.
 */
#include <string.h>

#include <glib.h>

#include "lexicon/normalise.h"
#include "core/regex.h"
#include "pages/titles.h"
#include "core/page_model.h"

typedef enum title_mode { MODE_BOLD, MODE_CAPS, MODE_LINES } title_mode;

/* An item's text, one flag per byte. */
typedef struct item_text {
    GString *text;
    GByteArray *bold;       /* 1 bold, 0 regular */
    GByteArray *hidden;     /* 1 for bytes of the page reference */
    GArray *rows;           /* size_t: byte offset where each row starts */
    GArray *row_ends;       /* double: right edge of each row's text */
    GArray *row_x;          /* double: left edge of each row's text */
} item_text;

typedef struct title_rules {
    pcre2_code *pages_inline, *decision_ref, *trailing, *colon_cut,
        *connector_end;
} title_rules;

static const title_rules *rules(void)
{
    static title_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        r.pages_inline = ap_re_compile(
            "\\(?\\bpages?\\s+[0-9]{1,4}(?:\\s*[-–]\\s*[0-9]{1,4})?\\s*\\)?");
        r.decision_ref = ap_re_compile("^([0-9]{2}/[0-9]{4,6})\\s*[-–:]\\s*");
        r.trailing = ap_re_compile("[\\s:;,.–-]+$");
        r.colon_cut = ap_re_compile(":\\s+(?=\\S)");
        r.connector_end = ap_re_compile(
            "(?:\\b(?:and|or|of|for|the|to|in|on|with|by|a|an)|[,&–-])$");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

static void text_append(item_text *t, const ap_rcell *cell, size_t skip)
{
    const ap_line *line = cell->line;
    for (size_t i = cell->start + skip; i < cell->start + cell->len; i++) {
        g_string_append_c(t->text, line->text[i]);
        guint8 b = ap_line_bold_at(line, i) ? 1 : 0, h = 0;
        g_byte_array_append(t->bold, &b, 1);
        g_byte_array_append(t->hidden, &h, 1);
    }
}

static void text_space(item_text *t)
{
    guint8 zero = 0, keep = 1;
    g_string_append_c(t->text, ' ');
    /* a space keeps the bold run going */
    g_byte_array_append(t->bold, &keep, 1);
    g_byte_array_append(t->hidden, &zero, 1);
}

static item_text read_item_text(const ap_piece *pcs, size_t n)
{
    item_text t = {g_string_new(NULL), g_byte_array_new(), g_byte_array_new(),
                   g_array_new(FALSE, FALSE, sizeof(size_t)),
                   g_array_new(FALSE, FALSE, sizeof(double)),
                   g_array_new(FALSE, FALSE, sizeof(double))};
    for (size_t i = 0; i < n; i++) {
        if (pcs[i].page_ref)
            continue;
        if (t.text->len)
            text_space(&t);
        if (pcs[i].row_start) {
            g_array_append_val(t.rows, t.text->len);
            g_array_append_val(t.row_x, pcs[i].cell->bbox.x0);
            g_array_append_val(t.row_ends, pcs[i].cell->bbox.x1);
        } else if (t.row_ends->len) {
            g_array_index(t.row_ends, double, t.row_ends->len - 1) =
                pcs[i].cell->bbox.x1;
        }
        text_append(&t, pcs[i].cell, pcs[i].skip);
    }
    ap_match m;
    if (ap_re_search(rules()->pages_inline, t.text->str, 0, &m))
        for (size_t i = m.start[0]; i < m.end[0]; i++)
            t.hidden->data[i] = 1;
    return t;
}

static void item_text_free(item_text *t)
{
    g_string_free(t->text, TRUE);
    g_byte_array_free(t->bold, TRUE);
    g_byte_array_free(t->hidden, TRUE);
    g_array_free(t->rows, TRUE);
    g_array_free(t->row_ends, TRUE);
    g_array_free(t->row_x, TRUE);
}

/* The text between [from, to) without the hidden bytes, spaces collapsed. */
static char *visible(const item_text *t, size_t from, size_t to)
{
    GString *s = g_string_new(NULL);
    for (size_t i = from; i < to; i++)
        g_string_append_c(s, t->hidden->data[i] ? ' ' : t->text->str[i]);
    char *out = ap_collapse_space(s->str);
    g_string_free(s, TRUE);
    return out;
}

static size_t first_visible(const item_text *t)
{
    size_t i = 0;
    while (i < t->text->len &&
           (t->hidden->data[i] || g_ascii_isspace(t->text->str[i])))
        i++;
    return i;
}

/* ---- bold ---------------------------------------------------------------- */

/* Whether the visible text before byte i ends with ":" or ":-", a heading
 * that closes itself ("Accounts for payment:-"). */
static bool closed_before(const item_text *t, size_t i)
{
    while (i > 0 && (g_ascii_isspace(t->text->str[i - 1]) || t->hidden->data[i - 1]))
        i--;
    return (i > 0 && t->text->str[i - 1] == ':') ||
           (i > 1 && t->text->str[i - 1] == '-' && t->text->str[i - 2] == ':');
}

/* The row that starts at byte i, or 0 when none (row 0 is never asked). */
static guint row_starting_at(const item_text *t, size_t i)
{
    for (guint k = 1; k < t->rows->len; k++)
        if (g_array_index(t->rows, size_t, k) == i)
            return k;
    return 0;
}

static bool row_has_page_ref(const item_text *t, guint k)
{
    size_t from = g_array_index(t->rows, size_t, k);
    size_t to = k + 1 < t->rows->len ? g_array_index(t->rows, size_t, k + 1) : t->text->len;
    for (size_t i = from; i < to; i++)
        if (t->hidden->data[i])
            return true;
    return false;
}

/* A row that stops well short of the right edge did not wrap: the title
 * ended with it. */
#define WRAPPED_ROW_SHARE 0.7

static bool row_wrapped(const item_text *t, guint k, double right_edge)
{
    double x0 = g_array_index(t->row_x, double, k);
    double x1 = g_array_index(t->row_ends, double, k);
    return right_edge <= x0 || x1 - x0 >= WRAPPED_ROW_SHARE * (right_edge - x0);
}

/* A row opening a numbered list ("1. Review of ...", "(a) ..."): bold
 * sub-headings under a heading are not part of it. */
static bool starts_list(const item_text *t, size_t i)
{
    const char *s = t->text->str + i;
    if (*s == '(')
        s++;
    if (!g_ascii_isalnum(*s))
        return false;
    while (g_ascii_isdigit(*s))
        s++;
    if (!g_ascii_isdigit(t->text->str[i]) && t->text->str[i] != '(')
        s++;            /* one letter: "a)" */
    return (*s == '.' || *s == ')') && s[1] == ' ';
}

/* The bold run, ended early at a row after one that closes with ":" or
 * ":-" or did not wrap (a bold sub-heading follows), or that opens a
 * numbered list. */
static size_t bold_end(const item_text *t, double right_edge)
{
    size_t i = first_visible(t);
    if (i >= t->text->len || !t->bold->data[i])
        return 0;
    while (i < t->text->len && (t->bold->data[i] || t->hidden->data[i])) {
        guint k = row_starting_at(t, i);
        if (k && !t->hidden->data[i] &&
            (closed_before(t, i) || starts_list(t, i) ||
             (!row_wrapped(t, k - 1, right_edge) && !row_has_page_ref(t, k))))
            break;
        i++;
    }
    return i;
}

/* ---- capitals ------------------------------------------------------------ */

typedef enum word_case { WORD_CAPS, WORD_NEUTRAL, WORD_LOWER } word_case;

static word_case case_of(const char *w, size_t len)
{
    bool letters = false;
    for (const char *p = w; p < w + len; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_islower(c))
            return WORD_LOWER;
        letters |= g_unichar_isalpha(c);
    }
    return letters ? WORD_CAPS : WORD_NEUTRAL;
}

/* The words of the visible text from byte i: start and length. */
static bool next_word(const item_text *t, size_t *i, size_t *start,
                      size_t *len)
{
    const char *s = t->text->str;
    while (*i < t->text->len && (g_ascii_isspace(s[*i]) || t->hidden->data[*i]))
        (*i)++;
    if (*i >= t->text->len)
        return false;
    *start = *i;
    while (*i < t->text->len && !g_ascii_isspace(s[*i]) && !t->hidden->data[*i])
        (*i)++;
    *len = *i - *start;
    return true;
}

/* End of the run of capitalised words. A one-letter capital ("A period of
 * ...") counts only when the word after it is in capitals too. */
static size_t caps_end(const item_text *t)
{
    size_t i = 0, ws, wl, end = 0;
    bool any = false;
    while (next_word(t, &i, &ws, &wl)) {
        word_case c = case_of(t->text->str + ws, wl);
        if (c == WORD_LOWER)
            break;
        if (c == WORD_CAPS && g_utf8_strlen(t->text->str + ws, wl) == 1) {
            size_t j = i, ns, nl;
            if (!next_word(t, &j, &ns, &nl) ||
                case_of(t->text->str + ns, nl) != WORD_CAPS)
                break;
        }
        any |= c == WORD_CAPS;
        end = ws + wl;
    }
    return any ? end : 0;
}

static bool starts_caps(const item_text *t)
{
    size_t i = 0, ws, wl;
    return next_word(t, &i, &ws, &wl) &&
           case_of(t->text->str + ws, wl) == WORD_CAPS && wl > 1;
}

/* ---- rows ---------------------------------------------------------------- */

static size_t row_start(const item_text *t, size_t r)
{
    return r < t->rows->len ? g_array_index(t->rows, size_t, r) : t->text->len;
}

static bool row_continues(const item_text *t, size_t r, double right_edge)
{
    char *cur = visible(t, row_start(t, r), row_start(t, r + 1));
    char *next = visible(t, row_start(t, r + 1), row_start(t, r + 2));
    gunichar first = g_utf8_get_char(next);
    size_t cl = strlen(cur);
    /* "Accounts for payment:-" ends its title; the rows under it list */
    bool closed = (cl && cur[cl - 1] == ':') ||
                  (cl > 1 && cur[cl - 1] == '-' && cur[cl - 2] == ':');
    bool yes = *next && !closed && (g_unichar_islower(first) ||
                         ap_re_search(rules()->connector_end, cur, 0, NULL) ||
                         g_array_index(t->row_ends, double, r) >= right_edge - 3);
    g_free(cur);
    g_free(next);
    return yes;
}

static size_t lines_end(const item_text *t, double right_edge)
{
    size_t nrows = t->rows->len, r = 0;
    /* a page reference on one of the next two rows closes the title */
    for (size_t k = 1; k < nrows && k <= 2; k++)
        for (size_t i = row_start(t, k); i < row_start(t, k + 1); i++)
            if (t->hidden->data[i])
                return row_start(t, k + 1);
    while (r + 1 < nrows && row_continues(t, r, right_edge))
        r++;
    return row_start(t, r + 1);
}

/* ---- per agenda ---------------------------------------------------------- */

static double right_edge(const item_text *texts, size_t n)
{
    double edge = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < texts[i].row_ends->len; r++)
            if (g_array_index(texts[i].row_ends, double, r) > edge)
                edge = g_array_index(texts[i].row_ends, double, r);
    return edge;
}

static title_mode choose_mode(item_text *texts, size_t n)
{
    size_t bold_first = 0, bold_split = 0, caps_first = 0, caps_split = 0;
    for (size_t i = 0; i < n; i++) {
        size_t b = bold_end(&texts[i], right_edge(texts, n)), c = caps_end(&texts[i]);
        size_t last = texts[i].text->len;
        while (last > 0 && (texts[i].hidden->data[last - 1] ||
                            g_ascii_isspace(texts[i].text->str[last - 1])))
            last--;
        bold_first += b > 0;
        bold_split += b > 0 && b < last;
        caps_first += starts_caps(&texts[i]);
        caps_split += c > 0 && c < last;
    }
    if (bold_first * 5 >= n * 3 && bold_split)
        return MODE_BOLD;
    if (caps_first * 5 >= n * 3 && caps_split)
        return MODE_CAPS;
    return MODE_LINES;
}

static size_t title_end(const item_text *t, title_mode mode, double right_edge)
{
    size_t end = 0;
    if (mode == MODE_BOLD)
        end = bold_end(t, right_edge);
    else if (mode == MODE_CAPS)
        end = caps_end(t);
    return end ? end : lines_end(t, right_edge);
}

/* Title, decision reference and the rest, cleaned. */
static void split_title(const item_text *t, size_t end, title_mode mode,
                        bool keep_ref, char **title, char **decision_ref,
                        char **rest)
{
    const title_rules *r = rules();
    char *raw = visible(t, 0, end);
    char *after = visible(t, end, t->text->len);
    ap_match m;
    *decision_ref = NULL;
    if (ap_re_search(r->decision_ref, raw, 0, &m) && !keep_ref) {
        *decision_ref = ap_match_dup(&m, raw, 1);
        memmove(raw, raw + m.end[0], strlen(raw + m.end[0]) + 1);
    }
    /* "Planning: To consider ...", "Police Report: Attached" */
    if (mode != MODE_CAPS && ap_re_search(r->colon_cut, raw, 0, &m)) {
        char *desc = g_strconcat(raw + m.end[0], *after ? " " : "", after, NULL);
        raw[m.start[0]] = '\0';
        g_free(after);
        after = desc;
    }
    if (ap_re_search(r->trailing, raw, 0, &m))
        raw[m.start[0]] = '\0';
    *title = raw;
    *rest = after;
}


ap_titled *ap_titles_split(ap_piece *const *pieces, const size_t *npieces,
                           size_t n, bool keep_decision_ref)
{
    ap_titled *out = g_new0(ap_titled, n ? n : 1);
    item_text *texts = g_new(item_text, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        texts[i] = read_item_text(pieces[i], npieces[i]);
    title_mode mode = choose_mode(texts, n);
    double edge = right_edge(texts, n);
    for (size_t i = 0; i < n; i++) {
        split_title(&texts[i], title_end(&texts[i], mode, edge), mode,
                    keep_decision_ref, &out[i].title, &out[i].decision_ref,
                    &out[i].rest);
        out[i].text = g_strdup(texts[i].text->str);
        item_text_free(&texts[i]);
    }
    g_free(texts);
    return out;
}

void ap_titled_free(ap_titled *t, size_t n)
{
    for (size_t i = 0; t && i < n; i++) {
        g_free(t[i].title);
        g_free(t[i].rest);
        g_free(t[i].decision_ref);
        g_free(t[i].text);
    }
    g_free(t);
}
