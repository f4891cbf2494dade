/*
 * minutes.c: every set of minutes a pack carries, or a minutes PDF is, as
 * the record of the meeting it minutes (status "minutes").
 *
 * Where minutes are: the pack's documents of kind "minutes" (documents.c
 * knows them by a "Minutes of" or "Present:" heading or the committee's own
 * name over a date); a PDF without an agenda whose first page is headed so;
 * a page headed "Minutes of" further on starts another meeting's minutes.
 *
 * Within one set:
 *
 *   entries     the numbered list (pages/numbered.c) whose rows read most
 *               like headings: numbered paragraphs inside a minute ("1. That
 *               the report be noted.") are sentences, not headings, and so
 *               lose to the minute numbers; titles come from
 *               pages/titles.c, and a following "(Item 4)" is the agenda
 *               item minuted;
 *   the meeting the rows above the first entry: "Minutes of a meeting of
 *               the X held in Y on <date>", "Minutes of: X" / "Date of
 *               Meeting:", or "<Committee> <date>" as a heading;
 *   attendance  labelled lists ("Present:", "Apologies:", "In Attendance",
 *               "Attendees") above the first entry, read by
 *               lexicon/people.c; apologies minuted as an entry ("54
 *               APOLOGIES FOR ABSENCE: Apologies were received from ...")
 *               when the header has none;
 *   times       "Commenced: 6.00pm", "commenced at ... and concluded at ...",
 *               "started at ... ended at ...", "closed at 20.36", a "Time"
 *               range, or the time the heading gives;
 *   resolutions RESOLVED / AGREED / "It was agreed:" and the paragraph after
 *               it, numbered sub-clauses kept apart; "Actions:" bullets;
 *               declarations of interest and recorded votes where printed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extractors/extractor.h"
#include "segment/front.h"
#include "lexicon/normalise.h"
#include "lexicon/people.h"
#include "lexicon/words.h"
#include "core/regex.h"
#include "pages/titles.h"
#include "core/page_model.h"

/* A minutes heading sits in the top part of its page. */
#define HEAD_ZONE 0.4
/* A minute heading is short. */
#define HEADING_WORDS 16
/* A resolution's paragraph ends at a gap this many row heights tall. */
#define PARAGRAPH_GAP_ROWS 0.9

/* A heading naming the body minuted may end in "meeting" too ("Annual
 * Parish Meeting"). */
#define BODY "(?:" AP_BODY_WORDS "|meeting)"

typedef struct minutes_rules {
    pcre2_code *opens, *minutes_title, *label, *minutes_of, *body_end, *people_label, *item_ref,
        *apologies_title, *apologies_lead, *none, *started, *ended, *commenced_label,
        *terminated_label, *resolution, *subclause, *actions, *bullet, *declaration,
        *declarer, *interest_kind, *item_no, *votes;
} minutes_rules;

static const minutes_rules *rules(void)
{
    static minutes_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        r.opens = ap_re_compile("^(?:" AP_MINUTES_OPENING ")");
        /* 1 label, 2 value */
        r.minutes_title = ap_re_compile("\\bminutes\\b");
        r.label = ap_re_compile(
            "^(date(?:\\s+of\\s+meeting)?|time|place|venue|location|"
            "title\\s+of\\s+meeting|minutes\\s+of|meeting)\\s*(?::|$)\\s*(.*)$");
        /* no \\b before "minutes": "CHESHIRE EAST COUNCILMinutes of ..." */
        r.minutes_of = ap_re_compile(
            "minutes\\s+of\\s+(?:an?\\s+|the\\s+)?(?:(?:annual\\s+general|"
            "extraordinary|special|ordinary|annual)\\s+)?(?:meeting|proceedings)\\s+"
            "of\\s+(?:the\\s+)?(.+?)(?=\\s+held\\b|\\s+on\\s|\\s+at\\s|,|\\.\\s|$)");
        r.body_end = ap_re_compile("\\b" BODY "$");
        /* 1 label, 2 value */
        r.people_label = ap_re_compile("^" AP_ATTENDANCE_LABELS "\\s*(?::|$)\\s*(.*)$");
        r.item_ref = ap_re_compile("^\\s*\\(?\\s*(?:agenda\\s+)?item\\s+([0-9]{1,3}[a-z]?)\\s*\\)?[.:]?\\s*");
        r.apologies_title = ap_re_compile("^(?:(?:welcome|chair'?s?\\s+welcome)\\s*(?:,|and)\\s*)?apologies");
        r.apologies_lead = ap_re_compile(
            "^(?:[^.]*?\\b(?:apologies(?:\\s+for\\s+absence)?(?:\\s+(?:were|was|had\\s+been))?"
            "(?:\\s+(?:received|submitted|given|noted|reported|tendered))?|"
            "(?:received|reported|submitted|noted|tendered)\\s+apologies)\\s+"
            "(?:from|by|for|on\\s+behalf\\s+of)\\s+|(?:were\\s+)?received\\s+from\\s+)");
        r.none = ap_re_compile("^(?:there\\s+were\\s+)?(?:no|none|nil)\\b");
        r.started = ap_re_compile("\\b(?:commenced|started|began|opened)\\s+at\\s+");
        r.ended = ap_re_compile(
            "\\b(?:concluded|ended|closed|terminated|finished|rose)\\s+at\\s+");
        r.commenced_label = ap_re_compile("\\bcommenced\\s*:\\s*");
        r.terminated_label = ap_re_compile("\\b(?:terminated|concluded|closed)\\s*:\\s*");
        /* 1 the clause after the word */
        r.resolution = ap_re_compile(
            "^(?:it\\s+was\\s+)?(?:resolved|agreed|decided|decision)\\b"
            "(?:\\s+(?:unanimously|that\\s*:))?\\s*[:–-]?\\s*(.*)$");
        r.subclause = ap_re_compile(
            "(?:^|\\s)(?:\\(?[0-9]{1,2}[.)]|\\([a-z]\\)|\\([ivx]{1,4}\\)|[a-z]\\))\\s+");
        r.actions = ap_re_compile("^actions?\\b[^:]*:\\s*(.*)$");
        r.bullet = ap_re_compile("^(?:[•▪◦·●○-]|–)\\s*(.*)$");
        r.declaration = ap_re_compile("\\bdeclar(?:ed?|ations?)\\b");
        /* 1 a titled member, 2 an untitled one */
        r.declarer = ap_re_compile_cased(
            "(?:(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr)\\.?\\s+"
            "((?:[A-Z][\\w'’-]*\\.?\\s+){0,2}[A-Z][\\w'’-]+)|"
            "((?:(?!(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr)\\b)[A-Z][\\w'’-]*\\.?\\s+){0,2}"
            "[A-Z][\\w'’-]+))\\s+(?:declared|made\\s+a\\s+declaration)");
        r.interest_kind = ap_re_compile(
            "\\b((?:disclosable\\s+)?(?:non-)?pecuniary|personal|prejudicial|"
            "other\\s+significant|(?:non-)?registrable|private)\\b");
        r.item_no = ap_re_compile("\\b(?:agenda\\s+)?(?:item|minute)\\s+(?:no\\.?\\s*)?([0-9]{1,3}[a-z]?)\\b");
        /* 1 for, 2 against, 3 abstain */
        r.votes = ap_re_compile(
            "\\b([0-9]{1,3})\\s+(?:votes?\\s+)?(?:for|in\\s+favour)\\b[^.;]*?\\b([0-9]{1,3})\\s+"
            "(?:votes?\\s+)?against\\b(?:[^.;]*?\\b([0-9]{1,3})\\s+abstentions?)?");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* ---- one set of minutes -------------------------------------------------- */

/* Where an entry starts, and its number as printed. */
typedef struct entry_anchor {
    ap_pos pos;
    char number[24];
    size_t number_len;      /* bytes of the row's first cell it takes */
} entry_anchor;

typedef struct minutes {
    const ap_doc *doc;
    size_t first_page;      /* doc index of the set's page 0 */
    ap_rowset set;
    ap_numbered *cands;
    size_t *chain, nchain;
    GArray *entries;        /* entry_anchor */
    ap_pos body;            /* the first entry's row, or the end */
    GPtrArray *header;      /* const ap_row *: rows above the first entry */
    GArray *header_pages;   /* size_t: their pages */
    char *header_text;      /* the header rows joined by spaces */
    size_t *header_offsets; /* where each header row starts in it */
} minutes;

/* How much an entry's row reads like a heading: 2 in capitals or bold, 1
 * short and not a sentence, 0 a sentence (a numbered paragraph). */
static int heading_score(const ap_rowset *set, const ap_numbered *c)
{
    const ap_row *row = &set->pages[c->pos.page]->rows[c->pos.row];
    char *text = ap_row_text(row, 0);
    const char *t = text + c->number_len;
    size_t words = 1, lower = 0, letters = 0, len = strlen(t);
    for (const char *p = t; *p; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        words += ch == ' ';
        lower += g_unichar_islower(ch);
        letters += g_unichar_isalpha(ch);
    }
    bool bold = ap_line_bold_at(row->cells[0].line, row->cells[0].start +
                                                        MIN(c->number_len, row->cells[0].len - 1));
    bool caps = letters > 0 && lower == 0;
    bool sentence = len > 0 && t[len - 1] == '.' && words > 4;
    g_free(text);
    if (words > HEADING_WORDS)
        return 0;
    return caps || bold ? 2 : !sentence && words <= HEADING_WORDS / 2 ? 1 : 0;
}

/* The chain whose rows read most like headings; then the longer; then the
 * earlier. */
static void pick_entries(minutes *m, GArray *found)
{
    size_t n = found->len, best_score = 0, best_len = 0;
    m->cands = (ap_numbered *)(void *)found->data;
    m->chain = g_new(size_t, n ? n : 1);
    size_t *idx = g_new(size_t, n ? n : 1);
    for (size_t s = 0; s < n; s++) {
        size_t len = ap_numbered_chain(m->cands, n, s, idx), score = 0;
        for (size_t k = 0; k < len; k++)
            score += (size_t)heading_score(&m->set, &m->cands[idx[k]]);
        if (len >= 2 && (score > best_score || (score == best_score && len > best_len))) {
            best_score = score;
            best_len = len;
            memcpy(m->chain, idx, len * sizeof *idx);
        }
    }
    g_free(idx);
    m->nchain = best_len;
}

/* The x where an anchor row's title starts: its second cell, when the
 * number stands in a cell of its own. */
static double title_x(const minutes *m, ap_pos pos)
{
    const ap_row *row = &m->set.pages[pos.page]->rows[pos.row];
    return row->ncells > 1 ? row->cells[1].bbox.x0 : -1;
}

static bool bold_or_caps_heading(const ap_row *row)
{
    char *t = ap_row_text(row, 0);
    size_t words = 1, lower = 0;
    for (const char *p = t; *p; p = g_utf8_next_char(p)) {
        words += *p == ' ';
        lower += g_unichar_islower(g_utf8_get_char(p));
    }
    g_free(t);
    const ap_rcell *c = &row->cells[0];
    return words <= HEADING_WORDS && (lower == 0 || ap_line_bold_at(c->line, c->start));
}

static bool heading_in_column(const minutes *m, ap_pos p, double x)
{
    const ap_row *row = &m->set.pages[p.page]->rows[p.row];
    return fabs(row->cells[0].bbox.x0 - x) < 3 && bold_or_caps_heading(row);
}

static void add_inferred(GArray *entries, ap_pos pos, const char *prefix, int n)
{
    entry_anchor e = {.pos = pos, .number_len = 0};
    g_snprintf(e.number, sizeof e.number, "%s%d", prefix, n);
    g_array_append_val(entries, e);
}

/* Numbers missing from the text layer (printed as images, or lost at a
 * page break) are inferred from headings set in the titles' column: the
 * first such heading between entries n and n+2 is n+1; a heading opening a
 * page after the last numbered entry, while the numbers stay missing,
 * carries on the count. */
static void fill_gaps(const minutes *m, const ap_numbered *a, const ap_numbered *b)
{
    double x = title_x(m, a->pos);
    if (x < 0 || a->suffix || (b && (b->n != a->n + 2 || b->suffix)))
        return;
    int n = a->n;
    ap_pos end = b ? b->pos : (ap_pos){m->set.npages, 0};
    for (ap_pos p = {a->pos.page, a->pos.row + 1}; ap_pos_cmp(p, end) < 0;) {
        if (p.page >= m->set.npages)
            break;
        if (p.row >= m->set.pages[p.page]->nrows) {
            p.page++;
            p.row = 0;
            continue;
        }
        bool eligible = b ? true : p.row == 0;
        if (eligible && heading_in_column(m, p, x)) {
            add_inferred(m->entries, p, a->prefix, ++n);
            if (b)
                return;
        }
        p.row++;
    }
}

static void set_entries(minutes *m)
{
    m->entries = g_array_new(FALSE, FALSE, sizeof(entry_anchor));
    for (size_t k = 0; k < m->nchain; k++) {
        const ap_numbered *c = &m->cands[m->chain[k]];
        entry_anchor e = {.pos = c->pos, .number_len = c->number_len};
        ap_numbered_format(c, e.number, sizeof e.number);
        g_array_append_val(m->entries, e);
        fill_gaps(m, c, k + 1 < m->nchain ? &m->cands[m->chain[k + 1]] : NULL);
    }
}

/* The byte of the header text where the row after the one holding byte
 * `at`, plus `more` rows, ends. */
static size_t header_row_end(const minutes *m, size_t at, size_t more)
{
    size_t row = 0;
    while (row + 1 < m->header->len && m->header_offsets[row + 1] <= at)
        row++;
    size_t end = row + 1 + more;
    return end < m->header->len ? m->header_offsets[end] : strlen(m->header_text);
}

static void read_header(minutes *m)
{
    m->header = g_ptr_array_new();
    m->header_pages = g_array_new(FALSE, FALSE, sizeof(size_t));
    GArray *offsets = g_array_new(FALSE, FALSE, sizeof(size_t));
    GString *all = g_string_new(NULL);
    for (size_t p = 0; p < m->set.npages; p++)
        for (size_t r = 0; r < m->set.pages[p]->nrows; r++) {
            ap_pos pos = {p, r};
            if (ap_pos_cmp(pos, m->body) >= 0)
                goto done;
            const ap_row *row = &m->set.pages[p]->rows[r];
            g_ptr_array_add(m->header, (gpointer)row);
            g_array_append_val(m->header_pages, p);
            char *t = ap_row_text(row, 0);
            if (all->len)
                g_string_append_c(all, ' ');
            g_array_append_val(offsets, all->len);
            g_string_append(all, t);
            g_free(t);
        }
done:
    m->header_text = g_string_free(all, FALSE);
    m->header_offsets = (size_t *)(void *)g_array_free(offsets, FALSE);
}

static bool read_minutes(minutes *m, const ap_doc *doc, ap_page_range s)
{
    *m = (minutes){.doc = doc, .first_page = s.first};
    m->set.npages = s.last - s.first + 1;
    m->set.pages = g_new(ap_rows *, m->set.npages);
    for (size_t p = 0; p < m->set.npages; p++)
        m->set.pages[p] = ap_rows_build(&doc->pages[s.first + p]);
    GArray *found = ap_numbered_find(&m->set);
    pick_entries(m, found);
    g_array_free(found, FALSE);  /* the data stays, as m->cands */
    set_entries(m);
    m->body = m->entries->len ? g_array_index(m->entries, entry_anchor, 0).pos
                              : (ap_pos){m->set.npages, 0};
    read_header(m);
    return m->entries->len > 0;
}

static void minutes_clear(minutes *m)
{
    for (size_t p = 0; p < m->set.npages; p++)
        ap_rows_free(m->set.pages[p]);
    g_free(m->set.pages);
    g_free(m->cands);
    g_free(m->chain);
    if (m->entries)
        g_array_free(m->entries, TRUE);
    if (m->header)
        g_ptr_array_free(m->header, TRUE);
    if (m->header_pages)
        g_array_free(m->header_pages, TRUE);
    g_free(m->header_text);
    g_free(m->header_offsets);
}

static cJSON *row_evidence(const minutes *m, size_t page, const ap_row *row)
{
    char *text = ap_row_text(row, 0);
    cJSON *e = ap_evidence_json(m->doc, m->first_page + page, &row->bbox, text);
    g_free(text);
    return e;
}

/* ---- the meeting minuted ------------------------------------------------- */

/* Label rows of the header: "Date of Meeting: 17 March 2022", or the
 * label in one cell and the value in the next. */
static char *header_label(const minutes *m, const char *want)
{
    for (guint i = 0; i < m->header->len; i++) {
        const ap_row *row = m->header->pdata[i];
        ap_match mt;
        if (!ap_re_search(rules()->label, row->cells[0].text, 0, &mt))
            continue;
        char *label = ap_match_dup(&mt, row->cells[0].text, 1);
        bool hit = g_ascii_strncasecmp(label, want, strlen(want)) == 0;
        g_free(label);
        if (!hit)
            continue;
        GString *v = g_string_new(row->cells[0].text + mt.start[2]);
        for (size_t c = 1; c < row->ncells; c++) {
            if (v->len)
                g_string_append_c(v, ' ');
            g_string_append(v, row->cells[c].text);
        }
        if (v->len)
            return g_string_free(v, FALSE);
        g_string_free(v, TRUE);
    }
    return NULL;
}

static char *committee_of(const minutes *m, ap_date_match *date, bool have_date,
                          const char *pack_committee)
{
    const minutes_rules *r = rules();
    char *name = header_label(m, "minutes of");
    if (!name)
        name = header_label(m, "title of meeting");
    ap_match mt;
    if (!name && ap_re_search(r->minutes_of, m->header_text, 0, &mt)) {
        name = ap_match_dup(&mt, m->header_text, 1);
        if (strstr(name, "above ") || !*name) {   /* "of the above Council" */
            g_free(name);
            name = NULL;
        }
    }
    /* "<Committee> <date>" as a heading */
    if (!name && have_date && date->start > 0) {
        char *before = g_strndup(m->header_text, date->start);
        char *t = ap_collapse_space(before);
        g_free(before);
        const char *last_row = t;
        for (guint i = 0; i < m->header->len; i++) {
            char *rt = ap_row_text(m->header->pdata[i], 0);
            const char *at = strstr(t, rt);
            if (at && *rt)
                last_row = at;
            g_free(rt);
        }
        if (ap_re_search(r->body_end, last_row, 0, NULL) && strlen(last_row) < 120)
            name = g_strdup(last_row);
        g_free(t);
    }
    for (guint i = 0; !name && i < m->header->len; i++) {
        char *t = ap_row_text(m->header->pdata[i], 0);
        if (ap_re_search(r->body_end, t, 0, NULL) && strlen(t) < 120 &&
            !g_unichar_islower(g_utf8_get_char(t)))
            name = g_strdup(t);
        g_free(t);
    }
    if (!name && pack_committee)
        name = g_strdup(pack_committee);
    if (name) {
        char *clean = ap_collapse_space(name);
        g_free(name);
        name = clean;
    }
    return name;
}

static char *venue_of(const minutes *m, const ap_date_match *d, bool have_date)
{
    const minutes_rules *r = rules();
    char *v = header_label(m, "place");
    if (!v)
        v = header_label(m, "venue");
    if (!v)
        v = header_label(m, "location");
    if (v || !have_date)
        return v;
    v = ap_venue_near_date(m->header_text, d, header_row_end(m, d->end, 1));
    /* the venue ends where the attendance starts: "... Hall. Present: ..." */
    for (size_t i = 0; v && v[i]; i++)
        if ((i == 0 || v[i - 1] == ' ') && ap_re_search(r->people_label, v + i, 0, NULL)) {
            v[i] = '\0';
            g_strchomp(v);
            break;
        }
    if (v && !*v) {
        g_free(v);
        v = NULL;
    }
    return v;
}

/* ---- times --------------------------------------------------------------- */

static char *section_text(const minutes *m)
{
    GString *s = g_string_new(NULL);
    for (size_t p = 0; p < m->set.npages; p++)
        for (size_t r = 0; r < m->set.pages[p]->nrows; r++) {
            char *t = ap_row_text(&m->set.pages[p]->rows[r], 0);
            g_string_append(s, t);
            g_string_append_c(s, ' ');
            g_free(t);
        }
    return g_string_free(s, FALSE);
}

/* A time right after a pattern: "commenced at 10.00 am". */
static bool time_after(const pcre2_code *re, const char *text, char hhmm[6])
{
    ap_match mt;
    for (size_t from = 0; ap_re_search(re, text, from, &mt); from = mt.end[0]) {
        ap_time_match t;
        if (ap_find_time(text, mt.end[0], true, &t) && t.start == mt.end[0]) {
            memcpy(hhmm, t.hhmm, 6);
            return true;
        }
    }
    return false;
}

static void read_times(const minutes *m, const ap_date_match *d, bool have_date,
                       char start[6], char end[6])
{
    const minutes_rules *r = rules();
    start[0] = end[0] = '\0';
    char *text = section_text(m);
    if (!time_after(r->commenced_label, text, start))
        time_after(r->started, text, start);
    if (!time_after(r->terminated_label, text, end))
        time_after(r->ended, text, end);
    g_free(text);
    char *range = header_label(m, "time");
    ap_time_match t;
    if (range && ap_find_time(range, 0, true, &t)) {
        if (!start[0])
            memcpy(start, t.hhmm, 6);
        ap_time_match t2;
        if (!end[0] && ap_find_time(range, t.end, true, &t2))
            memcpy(end, t2.hhmm, 6);
    }
    g_free(range);
    if (!start[0] && have_date && ap_find_time(m->header_text, d->end, false, &t) &&
        t.start - d->end < 12)
        memcpy(start, t.hhmm, 6);
    /* "closed at 8.08" after a 7.00pm start is in the evening */
    if (start[0] && end[0] && strcmp(end, start) < 0 && atoi(end) < 12) {
        int h = atoi(end) + 12;
        g_snprintf(end, 6, "%02d:%s", h, end + 3);
    }
}

/* ---- attendance ---------------------------------------------------------- */

static const char *status_of(const char *label)
{
    char *l = g_ascii_strdown(label, -1);
    const char *s = g_str_has_prefix(l, "apolog")                  ? "apologies"
                    : strstr(l, "present") && !g_str_has_prefix(l, "also")
                        ? "present"
                    : g_str_has_prefix(l, "attendees")             ? "present"
                    : g_str_has_prefix(l, "absent")                ? "absent"
                    : g_str_has_prefix(l, "substitut")             ? "substitute"
                    : g_str_has_prefix(l, "public")                ? NULL
                                                                   : "in_attendance";
    g_free(l);
    return s;
}

/* Where a list of names ends: the first full stop that ends a sentence,
 * not one after an initial ("J. Smith") or a title ("Dr. Poultor"). */
static size_t list_end(const char *t)
{
    for (const char *p = t; *p; p++) {
        if (p[0] != '.' || p[1] != ' ' || !g_ascii_isupper(p[2]))
            continue;
        const char *w = p;
        while (w > t && g_ascii_isalpha(w[-1]))
            w--;
        size_t wl = (size_t)(p - w);
        bool abbrev = wl <= 1 || (wl <= 3 && g_ascii_isupper(*w) &&
                                  (strncmp(w, "Dr", 2) == 0 || strncmp(w, "Mr", 2) == 0 ||
                                   strncmp(w, "Mrs", 3) == 0 || strncmp(w, "Ms", 2) == 0 ||
                                   strncmp(w, "St", 2) == 0));
        if (!abbrev)
            return (size_t)(p - t);
    }
    return strlen(t);
}

static void add_people(cJSON *list, const char *text, const char *status,
                       cJSON *evidence)
{
    size_t n;
    ap_person *people = ap_people_parse(text, &n);
    for (size_t i = 0; i < n; i++) {
        cJSON *a = cJSON_CreateObject();
        cJSON_AddStringToObject(a, "name", people[i].name);
        ap_json_set_text(a, "title", people[i].title);
        ap_json_set_text(a, "role", people[i].role);
        cJSON_AddStringToObject(a, "status", status);
        cJSON_AddItemToObject(a, "evidence", cJSON_Duplicate(evidence, true));
        cJSON_AddItemToArray(list, a);
    }
    ap_people_free(people, n);
}

/* A row that opens an attendance list: its text with the label first, or
 * NULL. The label may sit alone in its cell, wrapped ("Apologies for"
 * over "Absence:"), with the list in the next cell. */
static char *people_label_row(const ap_row *row, ap_match *mt)
{
    const minutes_rules *r = rules();
    char *t;
    if (row->ncells > 1 && ap_re_search(r->people_label, row->cells[0].text, 0, mt) &&
        mt->end[2] == row->cells[0].len) {
        char *rest = ap_row_text(row, 1);
        const char *c0 = row->cells[0].text;
        t = g_strconcat(c0, c0[strlen(c0) - 1] == ':' ? " " : ": ", rest, NULL);
        g_free(rest);
    } else {
        t = ap_row_text(row, 0);
    }
    if (ap_re_search(r->people_label, t, 0, mt))
        return t;
    g_free(t);
    return NULL;
}

/* The labelled lists of the header. A list runs on over the rows under its
 * label until the next label. */
static bool read_attendance(const minutes *m, cJSON *list)
{
    const minutes_rules *r = rules();
    bool apologies = false;
    for (guint i = 0; i < m->header->len; i++) {
        const ap_row *row = m->header->pdata[i];
        ap_match mt;
        char *t = people_label_row(row, &mt);
        if (!t)
            continue;
        char *label = ap_match_dup(&mt, t, 1);
        const char *status = status_of(label);
        GString *value = g_string_new(t + mt.start[2]);
        guint k = i + 1;
        for (; k < m->header->len; k++) {
            const ap_row *nrow = m->header->pdata[k];
            char *next = ap_row_text(nrow, 0);
            const char *c0 = nrow->cells[0].text;
            /* another label, even the tail of one wrapped in its cell */
            ap_match lm;
            char *other = people_label_row(nrow, &lm);
            bool stop = other || ap_re_search(r->label, next, 0, NULL) ||
                        (*c0 && c0[strlen(c0) - 1] == ':');
            g_free(other);
            if (!stop) {
                /* one person a line, a role after a dash: "J Forrest -
                 * Director of Environment" */
                bool dashed = strstr(next, " - ") || strstr(next, " – ");
                bool open = value->len && value->str[value->len - 1] != ',';
                g_string_append(value, dashed && open ? ", " : " ");
                g_string_append(value, next);
            }
            g_free(next);
            if (stop)
                break;
        }
        if (status) {
            cJSON *ev = row_evidence(m, g_array_index(m->header_pages, size_t, i), row);
            /* "... & the Clerk. Members of the public – Mr A Langton." */
            g_string_truncate(value, list_end(value->str));
            add_people(list, value->str, status, ev);
            cJSON_Delete(ev);
            apologies |= strcmp(status, "apologies") == 0;
        }
        g_string_free(value, TRUE);
        g_free(label);
        g_free(t);
        i = k - 1;
    }
    return apologies;
}

/* "Apologies for absence were received from Councillors B Burkhill and J
 * Nicholas." minuted as an entry. */
static void apologies_from_entry(const char *rest, cJSON *list, cJSON *evidence)
{
    const minutes_rules *r = rules();
    ap_match mt;
    const char *t = rest;
    if (ap_re_search(r->apologies_lead, t, 0, &mt))
        t += mt.end[0];
    while (*t == ':' || *t == ' ' || *t == '-')
        t++;
    if (!*t || ap_re_search(r->none, t, 0, NULL))
        return;
    /* the list ends with its sentence */
    char *list_text = g_strndup(t, list_end(t));
    add_people(list, list_text, "apologies", evidence);
    g_free(list_text);
}

/* ---- entries ------------------------------------------------------------- */

/* The entry's rows below its heading, as text per row with geometry. */
typedef struct body_row {
    char *text;
    double y0, y1;
} body_row;

static GArray *body_rows(const ap_piece *pcs, size_t n)
{
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(body_row));
    for (size_t i = 0; i < n; i++) {
        if (pcs[i].page_ref)
            continue;
        const char *t = pcs[i].cell->text + pcs[i].skip;
        if (pcs[i].row_start || !rows->len) {
            body_row b = {g_strdup(t), pcs[i].row->bbox.y0, pcs[i].row->bbox.y1};
            g_array_append_val(rows, b);
        } else {
            body_row *b = &g_array_index(rows, body_row, rows->len - 1);
            char *joined = g_strconcat(b->text, " ", t, NULL);
            g_free(b->text);
            b->text = joined;
        }
    }
    return rows;
}

static void body_rows_free(GArray *rows)
{
    for (guint i = 0; i < rows->len; i++)
        g_free(g_array_index(rows, body_row, i).text);
    g_array_free(rows, TRUE);
}

static bool paragraph_break(const body_row *prev, const body_row *cur)
{
    double h = prev->y1 - prev->y0;
    return cur->y0 < prev->y0 || cur->y0 - prev->y1 > PARAGRAPH_GAP_ROWS * h;
}

/* Sub-clauses "1. That ...", "(a) ..." of a resolution, each on its own. */
static void add_clauses(cJSON *list, const char *text)
{
    const minutes_rules *r = rules();
    ap_match mt;
    size_t from = 0, start = 0;
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    while (ap_re_search(r->subclause, text, from, &mt)) {
        g_ptr_array_add(parts, g_strndup(text + start, mt.start[0] - start));
        start = from = mt.end[0];
    }
    g_ptr_array_add(parts, g_strdup(text + start));
    for (guint i = 0; i < parts->len; i++) {
        char *c = ap_collapse_space(parts->pdata[i]);
        if (*c && strlen(c) > 3)
            cJSON_AddItemToArray(list, cJSON_CreateString(c));
        g_free(c);
    }
    g_ptr_array_free(parts, TRUE);
}

static void read_resolutions(GArray *rows, cJSON *resolutions, cJSON *actions)
{
    const minutes_rules *r = rules();
    for (guint i = 0; i < rows->len; i++) {
        body_row *b = &g_array_index(rows, body_row, i);
        ap_match mt;
        if (ap_re_search(r->resolution, b->text, 0, &mt)) {
            GString *clause = g_string_new(b->text + mt.start[1]);
            guint k = i + 1;
            for (; k < rows->len; k++) {
                body_row *n = &g_array_index(rows, body_row, k);
                if ((clause->len && paragraph_break(&g_array_index(rows, body_row, k - 1), n) &&
                     !ap_re_search(r->subclause, n->text, 0, NULL)) ||
                    ap_re_search(r->resolution, n->text, 0, NULL) ||
                    ap_re_search(r->actions, n->text, 0, NULL))
                    break;
                g_string_append_c(clause, ' ');
                g_string_append(clause, n->text);
            }
            add_clauses(resolutions, clause->str);
            g_string_free(clause, TRUE);
            i = k - 1;
        } else if (ap_re_search(r->actions, b->text, 0, &mt)) {
            char *inline_action = ap_match_dup(&mt, b->text, 1);
            if (*inline_action)
                cJSON_AddItemToArray(actions, cJSON_CreateString(inline_action));
            g_free(inline_action);
            GString *cur = NULL;
            guint k = i + 1;
            for (; k < rows->len; k++) {
                body_row *n = &g_array_index(rows, body_row, k);
                ap_match bm;
                if (ap_re_search(r->bullet, n->text, 0, &bm)) {
                    if (cur)
                        cJSON_AddItemToArray(actions, cJSON_CreateString(cur->str));
                    if (cur)
                        g_string_free(cur, TRUE);
                    cur = g_string_new(n->text + bm.start[1]);
                } else if (cur && !paragraph_break(&g_array_index(rows, body_row, k - 1), n)) {
                    g_string_append_c(cur, ' ');
                    g_string_append(cur, n->text);
                } else {
                    break;
                }
            }
            if (cur) {
                cJSON_AddItemToArray(actions, cJSON_CreateString(cur->str));
                g_string_free(cur, TRUE);
            }
            i = k - 1;
        }
    }
}

static cJSON *declaration_json(const char *text)
{
    const minutes_rules *r = rules();
    ap_match mt;
    cJSON *d = cJSON_CreateObject();
    char *member = ap_re_search(r->declarer, text, 0, &mt)
                       ? ap_match_dup(&mt, text, ap_match_set(&mt, 1) ? 1 : 2)
                       : NULL;
    ap_json_set_text(d, "member", member);
    g_free(member);
    char *item = ap_re_search(r->item_no, text, 0, &mt) ? ap_match_dup(&mt, text, 1) : NULL;
    ap_json_set_text(d, "item", item);
    g_free(item);
    char *kind = ap_re_search(r->interest_kind, text, 0, &mt) ? ap_match_dup(&mt, text, 1) : NULL;
    ap_json_set_text(d, "kind", kind);
    g_free(kind);
    char *clean = ap_collapse_space(text);
    cJSON_AddStringToObject(d, "text", clean);
    g_free(clean);
    return d;
}

/* Sentences: a full stop, a space, a capital. */
static char **split_sentences(const char *text)
{
    GPtrArray *out = g_ptr_array_new();
    const char *start = text;
    for (const char *p = text; *p; p++)
        if (p[0] == '.' && p[1] == ' ' && g_ascii_isupper(p[2])) {
            g_ptr_array_add(out, g_strndup(start, (gsize)(p + 1 - start)));
            start = p + 2;
        }
    if (*start)
        g_ptr_array_add(out, g_strdup(start));
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

static cJSON *read_declarations(const char *title, const char *text)
{
    const minutes_rules *r = rules();
    if (!ap_re_search(r->declaration, title, 0, NULL))
        return NULL;
    cJSON *list = cJSON_CreateArray();
    char **sentences = split_sentences(text);
    for (char **s = sentences; *s; s++) {
        /* several members may declare in one run-on sentence */
        ap_match mt, next;
        for (size_t from = 0; ap_re_search(r->declarer, *s, from, &mt); from = mt.end[0]) {
            bool more = ap_re_search(r->declarer, *s, mt.end[0], &next);
            char *one = g_strndup(*s + mt.start[0],
                                  (more ? next.start[0] : strlen(*s)) - mt.start[0]);
            cJSON_AddItemToArray(list, declaration_json(one));
            g_free(one);
        }
    }
    g_strfreev(sentences);
    return list;
}

static cJSON *read_votes(const char *text)
{
    ap_match mt;
    if (!ap_re_search(rules()->votes, text, 0, &mt))
        return NULL;
    cJSON *list = cJSON_CreateArray();
    cJSON *v = cJSON_CreateObject();
    cJSON_AddNumberToObject(v, "for", atoi(text + mt.start[1]));
    cJSON_AddNumberToObject(v, "against", atoi(text + mt.start[2]));
    if (ap_match_set(&mt, 3))
        cJSON_AddNumberToObject(v, "abstain", atoi(text + mt.start[3]));
    else
        cJSON_AddNullToObject(v, "abstain");
    cJSON_AddItemToArray(list, v);
    return list;
}

static cJSON *entry_json(const minutes *m, size_t k, const ap_titled *t,
                         const ap_piece *pcs, size_t npcs, cJSON *attendance,
                         bool need_apologies)
{
    const entry_anchor *c = &g_array_index(m->entries, entry_anchor, k);
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "number", c->number);
    /* "(Item 4)" after the heading: the agenda item minuted */
    const char *rest = t->rest;
    char *agenda_number = NULL;
    ap_match mt;
    if (ap_re_search(rules()->item_ref, rest, 0, &mt)) {
        agenda_number = ap_match_dup(&mt, rest, 1);
        rest += mt.end[0];
    }
    cJSON_AddStringToObject(e, "title", t->title);
    ap_json_set_text(e, "agenda_number", agenda_number);
    cJSON_AddStringToObject(e, "text", rest);
    cJSON *resolutions = cJSON_AddArrayToObject(e, "resolutions");
    cJSON *actions = cJSON_AddArrayToObject(e, "actions");
    GArray *rows = body_rows(pcs, npcs);
    read_resolutions(rows, resolutions, actions);
    body_rows_free(rows);
    cJSON *decl = read_declarations(t->title, rest);
    if (decl)
        cJSON_AddItemToObject(e, "declarations", decl);
    cJSON *votes = read_votes(rest);
    if (votes)
        cJSON_AddItemToObject(e, "votes", votes);
    const ap_row *row = &m->set.pages[c->pos.page]->rows[c->pos.row];
    cJSON *ev = row_evidence(m, c->pos.page, row);
    if (need_apologies && ap_re_search(rules()->apologies_title, t->title, 0, NULL))
        apologies_from_entry(rest, attendance, ev);
    cJSON_AddItemToObject(e, "evidence", ev);
    g_free(agenda_number);
    return e;
}

static void read_entries(const minutes *m, cJSON *list, cJSON *attendance,
                         bool need_apologies)
{
    size_t n = m->entries->len;
    ap_piece **pieces = g_new(ap_piece *, n);
    size_t *npieces = g_new(size_t, n);
    ap_region_rules none = {0};
    for (size_t k = 0; k < n; k++) {
        const entry_anchor *a = &g_array_index(m->entries, entry_anchor, k);
        ap_pos anchor = a->pos;
        ap_pos next = k + 1 < n ? g_array_index(m->entries, entry_anchor, k + 1).pos
                                : (ap_pos){m->set.npages - 1,
                                           m->set.pages[m->set.npages - 1]->nrows};
        ap_pos end = ap_region_end(&m->set, anchor, next, &none);
        pieces[k] = ap_region_pieces(&m->set, anchor, end, a->number_len,
                                     &npieces[k]);
    }
    ap_titled *titled = ap_titles_split(pieces, npieces, n, true);
    for (size_t k = 0; k < n; k++) {
        cJSON_AddItemToArray(list, entry_json(m, k, &titled[k], pieces[k], npieces[k],
                                              attendance, need_apologies));
        g_free(pieces[k]);
    }
    ap_titled_free(titled, n);
    g_free(pieces);
    g_free(npieces);
}

/* ---- the record ---------------------------------------------------------- */

static cJSON *minutes_record(const ap_pack *pack, ap_page_range s)
{
    minutes m;
    if (!read_minutes(&m, pack->doc, s)) {
        minutes_clear(&m);
        return NULL;
    }
    cJSON *rec = ap_record_new("minutes");
    /* a "Date of Meeting" label, else the first date of the heading */
    char *label = header_label(&m, "date");
    ap_date_match hd = {0}, ld;
    bool header_date = ap_find_date(m.header_text, 0, false, &hd);
    if (label && ap_find_date(label, 0, true, &ld))
        ap_record_set_text(rec, "date", ld.iso);
    else if (header_date)
        ap_record_set_text(rec, "date", hd.iso);
    g_free(label);
    char *committee = committee_of(&m, &hd, header_date,
                                   pack->front ? pack->front->committee : NULL);
    ap_record_set_text(rec, "committee", committee);
    g_free(committee);
    char *venue = venue_of(&m, &hd, header_date);
    ap_record_set_text(rec, "venue", venue);
    g_free(venue);
    char start[6], end[6];
    read_times(&m, &hd, header_date, start, end);
    ap_record_set_text(rec, "commenced", start[0] ? start : NULL);
    ap_record_set_text(rec, "start_time", start[0] ? start : NULL);
    ap_record_set_text(rec, "terminated", end[0] ? end : NULL);
    if (pack->council)
        ap_record_set_text(rec, "council", pack->council);

    cJSON *attendance = cJSON_GetObjectItemCaseSensitive(rec, "attendance");
    bool apologies = read_attendance(&m, attendance);
    read_entries(&m, cJSON_GetObjectItemCaseSensitive(rec, "minutes"), attendance,
                 !apologies);
    if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(rec, "date")))
        ap_meeting_warn(rec, "minutes on PDF pages %zu-%zu: no meeting date found",
                        s.first + 1, s.last + 1);
    minutes_clear(&m);
    return rec;
}

static void extract_minutes(const ap_pack *pack, cJSON *records)
{
    for (size_t i = 0; i < pack->nminutes; i++) {
        cJSON *rec = minutes_record(pack, pack->minutes[i]);
        if (rec)
            cJSON_AddItemToArray(records, rec);
    }
}

const ap_extractor ap_extract_minutes = {
    .name = "minutes",
    .more = extract_minutes,
};
