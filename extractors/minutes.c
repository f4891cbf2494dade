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
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extractors/extractor.h"
#include "extractors/minutesInt.h"
#include "lexicon/words.h"
#include "segment/front.h"

/* A heading naming the body minuted may end in "meeting" too ("Annual
 * Parish Meeting"). */
#define BODY "(?:" AP_BODY_WORDS "|meeting)"

const minutes_rules *ap_minutes_rules(void)
{
    static minutes_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        /* 1 label, 2 value */
        r.label = ap_re_compile(
            "^(date(?:\\s+of\\s+meeting)?|time|place|venue|location|"
            "title\\s+of\\s+meeting|minutes\\s+of|meeting)\\s*(?::|$)\\s*(.*)$");
        /* no \\b before "minutes": "CHESHIRE EAST COUNCILMinutes of ..." */
        r.minutes_of = ap_re_compile(
            "minutes\\s+of\\s+(?:an?\\s+|the\\s+)?(?:(?:annual\\s+general|"
            "extraordinary|special|ordinary|annual)\\s+)?(?:meeting|proceedings)\\s+"
            "of\\s+(?:the\\s+)?(.+?)(?=\\s+held\\b|\\s+on\\s|\\s+at\\s|,|\\.\\s|$)");
        r.body_end = ap_re_compile("\\b" BODY "$");
        /* 1 the body, in Welsh: "Cofnodion cyfarfod o'r Pwyllgor Craffu a
         * gynhaliwyd ar ..." */
        r.minutes_of_cy = ap_re_compile(
            "\\bcofnodion\\s+(?:y\\s+)?cyfarfod\\s+(?:o['’]r|y)\\s+(.+?)"
            "(?=\\s+a\\s+gynhaliwyd\\b|\\s+ar\\s|,|\\.\\s|$)");
        /* 1 label, 2 value */
        r.people_label = ap_re_compile("^" AP_ATTENDANCE_LABELS "\\s*(?::|$)\\s*(.*)$");
        r.item_ref = ap_re_compile("^\\s*\\(?\\s*(?:agenda\\s+)?item\\s+([0-9]{1,3}[a-z]?)\\s*\\)?[.:]?\\s*");
        r.apologies_title = ap_re_compile("^(?:(?:welcome|chair'?s?\\s+welcome)\\s*(?:,|and)\\s*)?apologies");
        r.apologies_lead = ap_re_compile(
            "^(?:[^.]*?\\b(?:apologies(?:\\s+for\\s+absence)?(?:\\s+(?:were|was|had\\s+been))?"
            "(?:\\s+(?:received|submitted|given|noted|reported|tendered))?|"
            "(?:received|reported|submitted|noted|tendered)\\s+apologies)\\s+"
            "(?:from|by|for|on\\s+behalf\\s+of)\\s+|(?:were\\s+)?received\\s+from\\s+)");
        r.apologies_reported = ap_re_compile(AP_APOLOGIES_REPORTED);
        r.heading_lead = ap_re_compile(AP_MINUTES_HEADING_LEAD);
        r.none = ap_re_compile("^(?:there\\s+were\\s+)?(?:no|none|nil)\\b");
        r.started = ap_re_compile("\\b(?:commenced|started|began|opened)\\s+at\\s+");
        r.ended = ap_re_compile(
            "\\b(?:concluded|ended|closed|terminated|finished|rose)\\s+at\\s+");
        r.commenced_label = ap_re_compile("\\bcommenced\\s*:\\s*");
        r.terminated_label = ap_re_compile("\\b(?:terminated|concluded|closed)\\s*:\\s*");
        /* a decision's lead, its clause number first where it has one ("3.
         * RESOLVED", "26) RESOLVED"): 1 the clause after the lead word and
         * "that" ("RESOLVED that ...", "It was agreed: ...", "Members
         * agreed that ...") */
        r.resolution = ap_re_compile(
            "^(?:\\(?[0-9]{1,3}[a-z]?[.)]\\s+)?"
            "(?:it\\s+was\\s+|(?:the\\s+)?(?:members|committee|council|cabinet|panel|board|"
            "sub-committee)\\s+)?(?:resolved|agreed|decided|" AP_RESOLVED_CY ")\\b"
            "(?:\\s+(?:unanimously|accordingly))?\\s*[:–-]?\\s*(?:that\\b\\s*:?\\s*)?(.*)$");
        /* the formal lead: where an entry records RESOLVED, its "It was
         * agreed that ..." is the debate, not the decision */
        r.resolved = ap_re_compile(AP_RESOLVED_LEAD);
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
        /* 1 a member named before another who declares with them: "Mrs
         * Bell and", "Mr A," */
        r.co_declarer = ap_re_compile_cased(
            "(?:Councillors?|Cllrs?|Mr|Mrs|Ms|Miss|Dr)\\.?\\s+((?:[A-Z][\\w'’-]*\\.?\\s+){0,2}"
            "[A-Z][\\w'’-]+)\\s*(?:,\\s*(?:and\\s+)?|\\s+and\\s+)");
        /* a present list's second part: "; also present", ", also in
         * attendance:" */
        r.also_present = ap_re_compile("[;,.]?\\s*\\balso\\s+(?:present|in\\s+attendance)\\b\\s*[:,]?\\s*");
        /* 1 the members a sentence says were there: "Councillors A Shaw
         * and B Patel attended the meeting", "... were present" */
        r.present_sentence = ap_re_compile_cased(
            "((?:Councillors?|Cllrs?)\\.?\\s+[^.]{3,400}?)\\s+"
            "(?:attended(?:\\s+the\\s+meeting)?|were\\s+present)\\b");
        r.interest_kind = ap_re_compile(
            "\\b((?:disclosable\\s+)?(?:non-)?pecuniary|personal|prejudicial|"
            "other\\s+significant|(?:non-)?registrable|private)\\b");
        r.item_no = ap_re_compile("\\b(?:agenda\\s+)?(?:item|minute)\\s+(?:no\\.?\\s*)?([0-9]{1,3}[a-z]?)\\b");
        /* 1 for, 2 against, 3 abstain */
        r.votes = ap_re_compile(
            "\\b([0-9]{1,3})\\s+(?:votes?\\s+)?(?:for|in\\s+favour)\\b[^.;]*?\\b([0-9]{1,3})\\s+"
            "(?:votes?\\s+)?against\\b(?:[^.;]*?\\b([0-9]{1,3})\\s+abstentions?)?");
        /* a named block's heading: 1 the option, 2-4 the count, 5 names
         * after a colon ("For (39)", "Against: 19", "Abstain (1): Ms
         * Constantine") */
        r.vote_block = ap_re_compile(
            "^(for|in\\s+favour|against|abstain(?:ed|ing|s)?|abstentions?)"
            "(?:\\s*\\(\\s*([0-9]{1,3})\\s*\\)|\\s*[:-]\\s*([0-9]{1,3})\\b|\\s+([0-9]{1,3})\\b)?"
            "\\s*(?::\\s*(.*))?$");
        /* 1 what the vote decided: "Amendment lost.", "Substantive Motion carried." */
        r.vote_result = ap_re_compile(
            "^(?:the\\s+)?(?:[a-z]+\\s+){0,3}?(carried|lost|defeated|fell|agreed|approved|"
            "rejected|not\\s+carried)(?:\\s+unanimously)?\\s*\\.?$");
        /* 1 the motion put: "put the amendment set out in paragraph 17 to the vote" */
        r.vote_motion = ap_re_compile("\\bput\\s+(.+?)\\s+to\\s+(?:the\\s+)?vote\\b");
        /* a paragraph's number ending a run of text: "... governors. 2)" */
        r.trailing_number = ap_re_compile("\\s+\\(?[0-9]{1,3}[a-z]?[.)]\\s*$");
        /* a paragraph's number opening a row: "19)", "4.", "(b)" */
        r.paragraph_number = ap_re_compile("^\\(?(?:[0-9]{1,3}|[a-z])[.)]\\s");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}


/* ---- one set of minutes -------------------------------------------------- */

/* A number set out of the chain's sequence stands within this many points
 * of the chain's column. */
#define STRAY_SLACK 3.0

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
    m->ncands = n;
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

bool ap_minutes_heading_row(const ap_row *row)
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
    return fabs(row->cells[0].bbox.x0 - x) < 3 && ap_minutes_heading_row(row);
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

/* Whether row p is set apart from the row above it by more than a line. */
static bool set_apart(const minutes *m, ap_pos p)
{
    const ap_row *row = &m->set.pages[p.page]->rows[p.row];
    if (p.row == 0)
        return true;
    const ap_row *above = &m->set.pages[p.page]->rows[p.row - 1];
    return row->bbox.y0 - above->bbox.y1 > above->bbox.y1 - above->bbox.y0;
}

/* Whether row leads a minute's own business rather than heading a section:
 * "RESOLVED" on a line of its own, "Actions:". */
static bool lead_row(const ap_row *row)
{
    const minutes_rules *r = ap_minutes_rules();
    char *t = ap_row_text(row, 0);
    bool lead = ap_re_search(r->resolution, t, 0, NULL) || ap_re_search(r->actions, t, 0, NULL);
    g_free(t);
    return lead;
}

/* Sections between two consecutive minutes under a heading of their own
 * and no number ("PUBLIC PARTICIPATION" between 21.06.02 and 21.06.03):
 * a heading set apart, where the numbers stand, with business under it,
 * is an entry without a number. */
static void add_unnumbered(minutes *m, const ap_numbered *a, const ap_numbered *b)
{
    if (!b || b->n != a->n + 1 || strcmp(a->prefix, b->prefix) != 0)
        return;
    ap_pos p = {a->pos.page, a->pos.row + 1}, heading = {0, 0};
    bool open = false;     /* a heading seen, its business not yet */
    for (; ap_pos_cmp(p, b->pos) < 0;) {
        if (p.row >= m->set.pages[p.page]->nrows) {
            p.page++;
            p.row = 0;
            continue;
        }
        bool head = set_apart(m, p) && heading_in_column(m, p, a->x) &&
                    !lead_row(&m->set.pages[p.page]->rows[p.row]);
        if (open && !head) {
            entry_anchor e = {.pos = heading, .number_len = 0};
            g_array_append_val(m->entries, e);
            open = false;
        } else if (head) {
            heading = p;
            open = true;
        }
        p.row++;
    }
}

static int entry_cmp(const void *a, const void *b)
{
    return ap_pos_cmp(((const entry_anchor *)a)->pos, ((const entry_anchor *)b)->pos);
}

/* Whether candidate c is set as the chain's own numbers are: the same
 * prefix and width, in their column (within STRAY_SLACK points), in
 * capitals or bold as every one of theirs, its number among theirs. */
static bool set_like_chain(const minutes *m, const ap_numbered *c, int lo, int hi)
{
    const ap_numbered *first = &m->cands[m->chain[0]];
    return ap_pos_cmp(c->pos, first->pos) > 0 && !strcmp(c->prefix, first->prefix) &&
           c->digits == first->digits && !c->suffix && c->n >= lo && c->n <= hi + 1 &&
           fabs(c->x - first->x) <= STRAY_SLACK && heading_score(&m->set, c) == 2;
}

/* Minutes the chain passed over because their numbers break its
 * sequence: one printed twice ("12.24.02" heading two minutes) or out of
 * order (12.24.03 after 12.24.04). Only where every number of the chain
 * heads its minute in capitals or bold, so that a number set the same way
 * is one of them, not a numbered paragraph. */
static void add_strays(minutes *m)
{
    int lo = INT_MAX, hi = INT_MIN;
    for (size_t k = 0; k < m->nchain; k++) {
        const ap_numbered *c = &m->cands[m->chain[k]];
        if (heading_score(&m->set, c) < 2)
            return;
        lo = MIN(lo, c->n);
        hi = MAX(hi, c->n);
    }
    size_t added = 0;
    for (size_t i = 0, k = 0; i < m->ncands; i++) {
        if (k < m->nchain && m->chain[k] == i) {
            k++;
            continue;
        }
        const ap_numbered *c = &m->cands[i];
        if (!set_like_chain(m, c, lo, hi))
            continue;
        entry_anchor e = {.pos = c->pos, .number_len = c->number_len};
        ap_numbered_format(c, e.number, sizeof e.number);
        g_array_append_val(m->entries, e);
        added++;
    }
    if (added)
        g_array_sort(m->entries, entry_cmp);
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
        add_unnumbered(m, c, k + 1 < m->nchain ? &m->cands[m->chain[k + 1]] : NULL);
    }
    if (m->nchain)
        add_strays(m);
}

/* The byte of the header text where the row after the one holding byte
 * `at`, plus `more` rows, ends. */
size_t ap_minutes_header_row_end(const minutes *m, size_t at, size_t more)
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

void ap_minutes_join_line(GString *s, const char *next)
{
    size_t n = s->len;
    bool hyphen = n >= 2 && s->str[n - 1] == '-' && g_ascii_isalpha(s->str[n - 2]) &&
                  g_ascii_isupper(*next);
    if (n && !hyphen)
        g_string_append_c(s, ' ');
    g_string_append(s, next);
}

cJSON *ap_minutes_row_evidence(const minutes *m, size_t page, const ap_row *row)
{
    char *text = ap_row_text(row, 0);
    cJSON *e = ap_evidence_json(m->doc, m->first_page + page, &row->bbox, text);
    g_free(text);
    return e;
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
    char *label = ap_minutes_label(&m, "date");
    ap_date_match hd = {0}, ld;
    bool header_date = ap_find_date(m.header_text, 0, false, &hd);
    if (label && ap_find_date(label, 0, true, &ld))
        ap_record_set_text(rec, "date", ld.iso);
    else if (header_date)
        ap_record_set_text(rec, "date", hd.iso);
    g_free(label);
    char *committee = ap_minutes_committee(&m, &hd, header_date,
                                   pack->front ? pack->front->committee : NULL);
    ap_record_set_text(rec, "committee", committee);
    g_free(committee);
    char *venue = ap_minutes_venue(&m, &hd, header_date);
    ap_record_set_text(rec, "venue", venue);
    g_free(venue);
    char start[6], end[6];
    ap_minutes_times(&m, &hd, header_date, start, end);
    ap_record_set_text(rec, "commenced", start[0] ? start : NULL);
    ap_record_set_text(rec, "start_time", start[0] ? start : NULL);
    ap_record_set_text(rec, "terminated", end[0] ? end : NULL);
    if (pack->council)
        ap_record_set_text(rec, "council", pack->council);

    cJSON *attendance = cJSON_GetObjectItemCaseSensitive(rec, "attendance");
    bool apologies = ap_minutes_attendance(&m, attendance);
    cJSON *entries = cJSON_GetObjectItemCaseSensitive(rec, "minutes");
    ap_minutes_header_entry(&m, entries);
    ap_minutes_entries(&m, entries, attendance, !apologies);
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
