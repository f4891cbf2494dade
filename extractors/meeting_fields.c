/*
 * meeting_fields.c: committee, date, time, venue and supplement flag, from
 * the frontsheet's header, the rows above the agenda (segment/front.c,
 * which also reads the names it prints); for documents published on their
 * own, the committee and date their cover names (segment/meeting_ref.c).
 *
 * Councils print these two ways, and both are read:
 *
 *   labels  "Date:", "Time:", "Place:"/"Venue:" with the value in the same
 *           cell or the next one, a wrapped value carried on by the rows
 *           beneath it that line up with it;
 *   prose   "You are summoned to a meeting ... on Monday 20th May 2019 at
 *           6.30pm in Tintern Village Hall", or a date row with the venue
 *           on the rows under it.
 *
 * Many dates on a frontsheet are not the meeting's (the issue date, the
 * date of the minutes to approve, the next meeting): only the header above
 * the agenda is read, a labelled date wins, and in prose a date with a
 * time after it or a weekday before it wins over one without.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "extractors/extractor.h"
#include "segment/front.h"
#include "lexicon/normalise.h"
#include "core/regex.h"
#include "core/page_model.h"

/* A venue under a date row is an address: a few short lines. */
#define MAX_VENUE_ROWS 3
#define MAX_VENUE_ROW_BYTES 60

typedef struct field_rules {
    pcre2_code *label, *supplement, *issued, *letter_field;
} field_rules;

static const field_rules *rules(void)
{
    static field_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        /* 1 label, 2 value */
        r.label = ap_re_compile(
            "^(day|date|time|place|venue|location|where|when)\\s*(?::-?|$)\\s*(.*)$");
        r.letter_field = ap_re_compile(
            "^(?:e-?mail|ask\\s+for|direct\\s+(?:dial|line)|tel|telephone|"
            "our\\s+ref|your\\s+ref|contact)\\b");
        /* what a later dispatch says of itself: "supplementary", "to
         * follow", papers "not available when the main agenda was
         * published", "I am now able to enclose", a report that "replaces
         * the version" first sent */
        r.supplement = ap_re_compile(
            "\\bto\\s+follow\\b|\\bsupplement(?:ary)?\\b|"
            "\\bnot\\s+(?:yet\\s+)?available\\s+(?:when|at\\s+the\\s+time)\\b|"
            "\\bnow\\s+(?:able\\s+to\\s+)?enclose\\b|\\breplaces\\s+the\\s+(?:version|report)\\b");
        r.issued = ap_re_compile(
            "\\b(?:issued|published|despatched|dispatched|dated|circulated)\\b[^.]*$");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* ---- labelled fields ----------------------------------------------------- */

typedef struct labelled {
    char *date, *time, *venue;      /* raw values */
    size_t date_row;
} labelled;

/* Rows under a value that carry it on: lined up with the value column, or
 * after a value that ends with a comma. */
static void add_continuation(const ap_front *h, size_t i, double value_x,
                             double label_x, GString *value)
{
    for (size_t k = i + 1; k < h->n && ap_front_same_block(&h->rows[k - 1], &h->rows[k]);
         k++) {
        const ap_row *row = h->rows[k].row;
        ap_match m;
        if (ap_re_search(rules()->label, row->cells[0].text, 0, &m))
            return;
        bool aligned = value_x > label_x + 8 && fabs(row->bbox.x0 - value_x) < 3;
        bool comma = value->len && value->str[value->len - 1] == ',';
        if (!aligned && !comma)
            return;
        g_string_append_c(value, ' ');
        g_string_append(value, h->rows[k].text);
    }
}

/* A "Date:" among "e-mail:", "Ask for:" and "Tel:" is a letter's date. */
static bool in_letter_block(const ap_front *h, size_t i)
{
    double x = h->rows[i].row->cells[0].bbox.x0;
    for (size_t k = i > 3 ? i - 3 : 0; k < h->n && k <= i + 3; k++) {
        const ap_rcell *c = &h->rows[k].row->cells[0];
        if (k != i && fabs(c->bbox.x0 - x) < 40 &&
            ap_re_search(rules()->letter_field, c->text, 0, NULL))
            return true;
    }
    return false;
}

static labelled read_labels(const ap_front *h)
{
    labelled out = {0};
    for (size_t i = 0; i < h->n; i++) {
        const ap_row *row = h->rows[i].row;
        ap_match m;
        if (!ap_re_search(rules()->label, row->cells[0].text, 0, &m))
            continue;
        char *label = ap_match_dup(&m, row->cells[0].text, 1);
        GString *value = g_string_new(row->cells[0].text + m.start[2]);
        double value_x = row->cells[0].bbox.x0;
        for (size_t c = 1; c < row->ncells; c++) {
            if (c == 1 && !value->len)
                value_x = row->cells[c].bbox.x0;
            if (value->len)
                g_string_append_c(value, ' ');
            g_string_append(value, row->cells[c].text);
        }
        char lc = g_ascii_tolower(label[0]);
        bool is_date = g_ascii_strcasecmp(label, "date") == 0 ||
                       g_ascii_strcasecmp(label, "when") == 0;
        bool is_time = g_ascii_strcasecmp(label, "time") == 0;
        if ((lc == 'p' || lc == 'v' || lc == 'l' || lc == 'w') && !is_date &&
            !out.venue) {
            add_continuation(h, i, value_x, row->cells[0].bbox.x0, value);
            out.venue = g_strdup(value->str);
        } else if (is_date && !out.date && !in_letter_block(h, i)) {
            out.date = g_strdup(value->str);
            out.date_row = i;
        } else if (is_time && !out.time) {
            out.time = g_strdup(value->str);
        }
        g_string_free(value, TRUE);
        g_free(label);
    }
    return out;
}

static void labelled_free(labelled *l)
{
    g_free(l->date);
    g_free(l->time);
    g_free(l->venue);
}

/* ---- prose --------------------------------------------------------------- */

/* The meeting's date among those in the header text. */
static bool prose_date(const ap_front *h, ap_date_match *best)
{
    ap_date_match m;
    int best_score = -100;
    for (size_t from = 0; ap_find_date(h->text, from, false, &m); from = m.end) {
        int score = 0;
        ap_time_match t;
        if (ap_find_time(h->text, m.end, false, &t) && t.start - m.end < 12)
            score += 3;
        if (m.weekday)
            score += 2;
        char *before = g_strndup(h->text + (m.start > 80 ? m.start - 80 : 0),
                                 m.start > 80 ? 80 : m.start);
        if (ap_re_search(rules()->issued, before, 0, NULL))
            score -= 4;
        g_free(before);
        if (score > best_score) {
            best_score = score;
            *best = m;
        }
    }
    return best_score > -100;
}

/* The venue told around the date: "held in the X on <date>", "<date> at
 * <time> in X", or the rows under a row that holds only the date. */
static char *prose_venue(const ap_front *h, const ap_date_match *d)
{
    const field_rules *r = rules();
    size_t end = d->end;
    ap_time_match t;
    if (ap_find_time(h->text, end, false, &t) && t.start - end < 12)
        end = t.end;
    size_t row = ap_front_row_at(h, end);
    char *venue = ap_venue_near_date(h->text, d, h->offsets[row + 2 <= h->n ? row + 2 : h->n]);
    if (venue)
        return venue;
    /* the date (and time) end the row's first cell: the venue is beneath */
    const ap_row *dr = h->rows[row].row;
    if (end - h->offsets[row] + 2 < dr->cells[0].len)
        return NULL;
    GString *v = g_string_new(NULL);
    double x = dr->cells[0].bbox.x0, right = dr->cells[0].bbox.x1;
    for (size_t k = row + 1; k < h->n && k <= row + MAX_VENUE_ROWS &&
                             ap_front_same_block(&h->rows[k - 1], &h->rows[k]);
         k++) {
        const ap_row *under = h->rows[k].row;
        const char *t = under->cells[0].text;
        size_t tl = strlen(t);
        if (fabs(under->cells[0].bbox.x0 - x) > 3 || tl > MAX_VENUE_ROW_BYTES ||
            (tl && t[tl - 1] == '.') || ap_re_search(r->label, t, 0, NULL))
            break;
        /* the cells under the date's column, not a side panel's */
        for (size_t c = 0; c < under->ncells && under->cells[c].bbox.x0 < right;
             c++) {
            if (v->len)
                g_string_append_c(v, ' ');
            g_string_append(v, under->cells[c].text);
        }
    }
    return g_string_free(v, v->len == 0);
}

/* ---- the extractor ------------------------------------------------------- */

static void read_when_where(const ap_front *h, labelled *l, cJSON *meeting)
{
    char iso[11], hhmm[6];
    ap_error err = {{0}};
    ap_date_match d = {0};
    bool have_date = false;
    if (l->date) {
        ap_date_match lm;
        if (ap_find_date(l->date, 0, true, &lm)) {
            memcpy(iso, lm.iso, sizeof iso);
            have_date = true;
        } else if (!ap_parse_date(l->date, iso, &err)) {
            ap_meeting_warn(meeting, "frontsheet: the Date field: %s", err.message);
        }
    }
    bool prose = prose_date(h, &d);
    if (!have_date && prose) {
        memcpy(iso, d.iso, sizeof iso);
        have_date = true;
    }
    ap_record_set_text(meeting, "date", have_date ? iso : NULL);

    ap_time_match t;
    const char *time = NULL;
    if (l->time && ap_find_time(l->time, 0, true, &t))
        time = t.hhmm;
    else if (l->time && !ap_parse_time(l->time, hhmm, &err))
        ap_meeting_warn(meeting, "frontsheet: the Time field: %s", err.message);
    if (!time && prose && ap_find_time(h->text, d.end, false, &t) &&
        t.start - d.end < 12)
        time = t.hhmm;
    if (!time && l->date && ap_find_time(l->date, 0, false, &t))
        time = t.hhmm;
    ap_record_set_text(meeting, "start_time", time);

    char *venue = l->venue ? ap_collapse_space(l->venue)
                           : prose ? prose_venue(h, &d) : NULL;
    /* the same date told again further on may say where */
    ap_date_match again;
    for (size_t from = 0; prose && !venue && ap_find_date(h->text, from, false, &again);
         from = again.end)
        if (again.start != d.start && strcmp(again.iso, d.iso) == 0)
            venue = prose_venue(h, &again);
    if (venue) {
        char *folded = ap_collapse_space(venue);
        g_free(venue);
        venue = *folded ? folded : (g_free(folded), NULL);
    }
    ap_record_set_text(meeting, "venue", venue);
    g_free(venue);
}

static void extract_meeting(const ap_pack *pack, cJSON *meeting)
{
    if (pack->kind == AP_PACK_DOCUMENTS) {
        /* a document published on its own: the meeting its cover names */
        const ap_meeting_ref *ref = &pack->printed_for;
        ap_record_set_text(meeting, "committee", ref->committee);
        ap_record_set_text(meeting, "date", *ref->date ? ref->date : NULL);
        return;
    }
    const ap_front *h = pack->front;
    if (!h)
        return;
    labelled l = read_labels(h);
    read_when_where(h, &l, meeting);
    ap_record_set_text(meeting, "committee", h->committee);

    bool supplement = ap_re_search(rules()->supplement, h->text, 0, NULL);
    for (size_t i = 0; i < pack->doc->npages && !supplement; i++)
        for (size_t k = 0; k < pack->doc->pages[i].nfurniture; k++) {
            const ap_furniture *f = &pack->doc->pages[i].furniture[k];
            supplement |= f->kind == AP_FURN_PACK_STAMP &&
                          ap_re_search(rules()->supplement, f->line.text, 0, NULL);
        }
    cJSON_ReplaceItemInObjectCaseSensitive(meeting, "supplement",
                                           cJSON_CreateBool(supplement));
    labelled_free(&l);
}

const ap_extractor ap_extract_meeting = {
    .name = "meeting",
    .fields = (const char *const[]){"committee", "date", "start_time", "venue", "supplement", NULL},
    .run = extract_meeting,
};
