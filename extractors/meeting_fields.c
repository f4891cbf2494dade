/*
 * meeting_fields.c: committee, date, time, venue and supplement flag, and
 * a council printed as a heading of its own, from the frontsheet rows above
 * the agenda.
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
#include "lexicon/normalise.h"
#include "lexicon/words.h"
#include "core/regex.h"

/* Rows this close (in row heights) belong to one block of text. */
#define BLOCK_GAP_ROWS 1.7
/* A committee name is a heading, not a paragraph. */
#define MAX_NAME_BYTES 160
#define MAX_NAME_WORDS 12
/* A venue under a date row is an address: a few short lines. */
#define MAX_VENUE_ROWS 3
#define MAX_VENUE_ROW_BYTES 60

typedef struct field_rules {
    pcre2_code *label, *prefix, *body_end, *sentence,
        *meeting_of, *supplement, *issued,
        *dash_date, *letter_field, *meeting_only;
} field_rules;

#define BODY "(?:" AP_BODY_WORDS ")"

static const field_rules *rules(void)
{
    static field_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        /* 1 label, 2 value */
        r.label = ap_re_compile(
            "^(day|date|time|place|venue|location|where|when)\\s*(?::-?|$)\\s*(.*)$");
        r.prefix = ap_re_compile(
            "^(?:summons\\s+to\\s+and\\s+)?(?:supplementary\\s+)?agenda"
            "(?:\\s+papers)?(?:\\s+marked\\s+['‘’]?to\\s+follow['‘’]?)?"
            "(?:\\s+(?:for|of)(?:\\s+(?:an?|the))?)?\\s*|^(?:notice\\s+of\\s+)?"
            "(?:a\\s+)?meeting\\s+of\\s+(?:the\\s+)?|"
            "^(?:notice|summons)\\s+(?:of|to)\\s+(?:an?\\s+)?meeting\\b[\\s:–-]*");
        r.body_end = ap_re_compile(
            "(?:\\b" BODY "|\\b(?:general|annual|board|special)\\s+meeting)"
            "(?:\\s*\\([^)]*\\))?$");
        r.sentence = ap_re_compile(
            "^(?:you|to|dear|please|this|all\\s+members|members\\s+of|"
            "the\\s+\\w+\\s+(?:is|will))\\b|[:@]|www\\.");
        r.meeting_of = ap_re_compile_cased(
            "(?i:\\bmeeting\\s+of\\s+(?:the\\s+)?)((?:[A-Z][\\w’'&,-]*\\s+){0,8}"
            "(?i:" BODY "))\\b");
        r.meeting_only = ap_re_compile(
            "^(?:the\\s+)?(?:(?:annual|general|special|extraordinary|board)\\s+)+meeting$");
        r.dash_date = ap_re_compile("^(.+?)\\s+[-–]\\s+\\S.*$");
        r.letter_field = ap_re_compile(
            "^(?:e-?mail|ask\\s+for|direct\\s+(?:dial|line)|tel|telephone|"
            "our\\s+ref|your\\s+ref|contact)\\b");
        r.supplement = ap_re_compile(
            "\\bto\\s+follow\\b|\\bsupplement(?:ary)?\\b");
        r.issued = ap_re_compile(
            "\\b(?:issued|published|despatched|dispatched|dated|circulated)\\b[^.]*$");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* ---- the header: rows above the first agenda item ------------------------ */

typedef struct header_row {
    const ap_row *row;
    size_t page;
    char *text;
} header_row;

typedef struct header {
    header_row *rows;
    size_t n;
    char *text;             /* all rows joined by spaces */
    size_t *offsets;        /* where each row starts in text */
} header;

static header read_header(const ap_pack *pack)
{
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(header_row));
    const ap_item *first = pack->nitems ? &pack->items[0] : NULL;
    for (size_t p = 0; p < pack->front_pages; p++) {
        const ap_rows *rs = ap_pack_rows(pack, p);
        for (size_t r = 0; rs && r < rs->nrows; r++) {
            if (first && (p > first->anchor.page ||
                          (p == first->anchor.page && r >= first->anchor.row)))
                break;
            header_row h = {&rs->rows[r], p, ap_row_text(&rs->rows[r], 0)};
            g_array_append_val(rows, h);
        }
    }
    header h = {.n = rows->len};
    h.rows = (header_row *)g_array_free(rows, FALSE);
    GString *all = g_string_new(NULL);
    h.offsets = g_new(size_t, h.n + 1);
    for (size_t i = 0; i < h.n; i++) {
        if (all->len)
            g_string_append_c(all, ' ');
        h.offsets[i] = all->len;
        g_string_append(all, h.rows[i].text);
    }
    h.offsets[h.n] = all->len;
    h.text = g_string_free(all, FALSE);
    return h;
}

static void header_free(header *h)
{
    for (size_t i = 0; i < h->n; i++)
        g_free(h->rows[i].text);
    g_free(h->rows);
    g_free(h->offsets);
    g_free(h->text);
}

static size_t row_at(const header *h, size_t offset)
{
    size_t i = 0;
    while (i + 1 < h->n && h->offsets[i + 1] <= offset)
        i++;
    return i;
}

static bool same_block(const header_row *a, const header_row *b)
{
    double height = a->row->bbox.y1 - a->row->bbox.y0;
    return a->page == b->page &&
           b->row->bbox.y0 - a->row->bbox.y1 <= BLOCK_GAP_ROWS * height;
}

/* ---- labelled fields ----------------------------------------------------- */

typedef struct labelled {
    char *date, *time, *venue;      /* raw values */
    size_t date_row;
} labelled;

/* Rows under a value that carry it on: lined up with the value column, or
 * after a value that ends with a comma. */
static void add_continuation(const header *h, size_t i, double value_x,
                             double label_x, GString *value)
{
    for (size_t k = i + 1; k < h->n && same_block(&h->rows[k - 1], &h->rows[k]);
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
static bool in_letter_block(const header *h, size_t i)
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

static labelled read_labels(const header *h)
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
static bool prose_date(const header *h, ap_date_match *best)
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
static char *prose_venue(const header *h, const ap_date_match *d)
{
    const field_rules *r = rules();
    size_t end = d->end;
    ap_time_match t;
    if (ap_find_time(h->text, end, false, &t) && t.start - end < 12)
        end = t.end;
    size_t row = row_at(h, end);
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
                             same_block(&h->rows[k - 1], &h->rows[k]);
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

/* ---- committee and council ----------------------------------------------- */

static char *strip_prefix(const char *text)
{
    ap_match m;
    const char *s = text;
    while (ap_re_search(rules()->prefix, s, 0, &m) && m.end[0] > 0)
        s += m.end[0];
    return ap_collapse_space(s);
}

static bool is_council(const char *name)
{
    return ap_is_council_name(name);
}

/* Short, capitalised, not a sentence. */
static bool heading_like(const char *t)
{
    if (strlen(t) > MAX_NAME_BYTES || ap_re_search(rules()->sentence, t, 0, NULL) ||
        g_unichar_islower(g_utf8_get_char(t)) || strstr(t, ". "))
        return false;
    int words = 1;
    for (const char *p = t; *p; p++)
        words += *p == ' ';
    return words <= MAX_NAME_WORDS;
}

/* A row, or a row and the one under it, naming a body. */
static char *name_at(const header *h, size_t i)
{
    const field_rules *r = rules();
    const char *t = h->rows[i].text;
    if (!heading_like(t))
        return NULL;
    char *name = strip_prefix(t);
    if (ap_re_search(r->meeting_only, name, 0, NULL)) {
        g_free(name);
        return NULL;
    }
    if (*name && ap_re_search(r->body_end, name, 0, NULL))
        return name;
    /* "CABINET - THURSDAY, 30 JANUARY 2025" */
    ap_match m;
    if (ap_re_search(r->dash_date, name, 0, &m)) {
        char *head = ap_match_dup(&m, name, 1);
        if (ap_re_search(r->body_end, head, 0, NULL)) {
            g_free(name);
            return head;
        }
        g_free(head);
    }
    if (i + 1 < h->n && same_block(&h->rows[i], &h->rows[i + 1]) &&
        !ap_re_search(r->sentence, h->rows[i + 1].text, 0, NULL)) {
        char *joined = g_strconcat(t, " ", h->rows[i + 1].text, NULL);
        char *two = strip_prefix(joined);
        g_free(joined);
        if (*two && heading_like(two) &&
            ap_re_search(r->body_end, two, 0, NULL)) {
            g_free(name);
            return two;
        }
        g_free(two);
    }
    g_free(name);
    return NULL;
}

/* The committee, and a council name printed as a heading of its own. */
static void read_names(const header *h, char **committee, char **council)
{
    *committee = *council = NULL;
    for (size_t i = 0; i < h->n && !*committee; i++) {
        char *name = name_at(h, i);
        if (!name)
            continue;
        if (is_council(name) && !*council)
            *council = name;
        else if (!is_council(name))
            *committee = name;
        else
            g_free(name);
    }
    ap_match m;
    if (!*committee && ap_re_search(rules()->meeting_of, h->text, 0, &m))
        *committee = ap_match_dup(&m, h->text, 1);
    if (!*committee && *council)
        *committee = g_strdup(*council);
}

/* ---- the extractor ------------------------------------------------------- */

static void set_string(cJSON *m, const char *key, const char *value)
{
    cJSON_ReplaceItemInObjectCaseSensitive(
        m, key, value ? cJSON_CreateString(value) : cJSON_CreateNull());
}

static void read_when_where(const header *h, labelled *l, cJSON *meeting)
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
    set_string(meeting, "date", have_date ? iso : NULL);

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
    set_string(meeting, "start_time", time);

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
    set_string(meeting, "venue", venue);
    g_free(venue);
}

static void extract_meeting(const ap_pack *pack, cJSON *meeting)
{
    if (!pack->nitems)
        return;
    header h = read_header(pack);
    labelled l = read_labels(&h);
    read_when_where(&h, &l, meeting);

    char *committee, *council;
    read_names(&h, &committee, &council);
    set_string(meeting, "committee", committee);
    set_string(meeting, "council", council);    /* else extractors/council.c */

    bool supplement = ap_re_search(rules()->supplement, h.text, 0, NULL);
    for (size_t i = 0; i < pack->doc->npages && !supplement; i++)
        for (size_t k = 0; k < pack->doc->pages[i].nfurniture; k++) {
            const ap_furniture *f = &pack->doc->pages[i].furniture[k];
            supplement |= f->kind == AP_FURN_PACK_STAMP &&
                          ap_re_search(rules()->supplement, f->line.text, 0, NULL);
        }
    cJSON_ReplaceItemInObjectCaseSensitive(meeting, "supplement",
                                           cJSON_CreateBool(supplement));

    g_free(committee);
    g_free(council);
    labelled_free(&l);
    header_free(&h);
}

const ap_extractor ap_extract_meeting = {
    .name = "meeting",
    .run = extract_meeting,
};
