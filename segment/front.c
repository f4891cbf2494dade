/*
 * front.c: the frontsheet's header (its rows above the first agenda item)
 * and the names it prints: the committee, and a council printed as a
 * heading of its own.
 *
 * The committee is the first heading that ends in a body's name
 * (lexicon/words.h: committee, panel, board, cabinet ...), its "Agenda for"
 * or "to follow" prefix removed; failing that, "meeting of the X Panel" in
 * the header's prose; failing that, the council heading. Other stages read
 * these from the pack (ap_front): the documents split at a page headed by
 * the committee, the minutes name the committee of the pack.
 */
#include <string.h>

#include <glib.h>

#include "core/regex.h"
#include "lexicon/normalise.h"
#include "lexicon/words.h"
#include "segment/front.h"
#include "segment/segment.h"

/* Rows this close (in row heights) belong to one block of text. */
#define BLOCK_GAP_ROWS 1.7
/* A committee name is a heading, not a paragraph. */
#define MAX_NAME_BYTES 160
#define MAX_NAME_WORDS 12

#define BODY "(?:" AP_BODY_WORDS ")"

typedef struct name_rules {
    pcre2_code *prefix, *body_end, *sentence, *meeting_of, *meeting_only, *dash_date,
        *meeting_kind;
} name_rules;

static const name_rules *rules(void)
{
    static name_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
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
        /* the kind of meeting printed after the body's name, as American
         * agendas print it: "PLANNING COMMISSION ADJOURNED REGULAR
         * MEETING", "CITY COUNCIL SPECIAL MEETING" */
        r.meeting_kind = ap_re_compile(
            "^(.+?\\b" BODY ")\\s+(?:(?:adjourned|regular|special|extraordinary|annual|"
            "ordinary|reconvened|continued|joint|emergency)\\s+)+meeting$");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* ---- the header: rows above the first agenda item ------------------------ */

static void read_header(const ap_pack *pack, ap_front *h)
{
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(ap_front_row));
    const ap_item *first = pack->nitems ? &pack->items[0] : NULL;
    for (size_t p = 0; p < pack->front_pages; p++) {
        const ap_rows *rs = ap_pack_rows(pack, p);
        for (size_t r = 0; rs && r < rs->nrows; r++) {
            if (first && (p > first->anchor.page ||
                          (p == first->anchor.page && r >= first->anchor.row)))
                break;
            ap_front_row h = {&rs->rows[r], p, ap_row_text(&rs->rows[r], 0)};
            g_array_append_val(rows, h);
        }
    }
    h->n = rows->len;
    h->rows = (ap_front_row *)g_array_free(rows, FALSE);
    GString *all = g_string_new(NULL);
    h->offsets = g_new(size_t, h->n + 1);
    for (size_t i = 0; i < h->n; i++) {
        if (all->len)
            g_string_append_c(all, ' ');
        h->offsets[i] = all->len;
        g_string_append(all, h->rows[i].text);
    }
    h->offsets[h->n] = all->len;
    h->text = g_string_free(all, FALSE);
}

void ap_front_free(ap_front *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n; i++)
        g_free(h->rows[i].text);
    g_free(h->rows);
    g_free(h->offsets);
    g_free(h->text);
    g_free(h->committee);
    g_free(h->council);
    g_free(h);
}

size_t ap_front_row_at(const ap_front *h, size_t offset)
{
    size_t i = 0;
    while (i + 1 < h->n && h->offsets[i + 1] <= offset)
        i++;
    return i;
}

bool ap_front_same_block(const ap_front_row *a, const ap_front_row *b)
{
    double height = a->row->bbox.y1 - a->row->bbox.y0;
    return a->page == b->page &&
           b->row->bbox.y0 - a->row->bbox.y1 <= BLOCK_GAP_ROWS * height;
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
static char *name_at(const ap_front *h, size_t i)
{
    const name_rules *r = rules();
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
    ap_match m;
    if (ap_re_search(r->meeting_kind, name, 0, &m)) {
        char *head = ap_match_dup(&m, name, 1);
        g_free(name);
        return head;
    }
    /* "CABINET - THURSDAY, 30 JANUARY 2025" */
    if (ap_re_search(r->dash_date, name, 0, &m)) {
        char *head = ap_match_dup(&m, name, 1);
        if (ap_re_search(r->body_end, head, 0, NULL)) {
            g_free(name);
            return head;
        }
        g_free(head);
    }
    if (i + 1 < h->n && ap_front_same_block(&h->rows[i], &h->rows[i + 1]) &&
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
static void read_names(const ap_front *h, char **committee, char **council)
{
    *committee = *council = NULL;
    for (size_t i = 0; i < h->n && !*committee; i++) {
        char *name = name_at(h, i);
        if (!name)
            continue;
        if (ap_is_council_name(name) && !*council)
            *council = name;
        else if (!ap_is_council_name(name))
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

ap_front *ap_front_read(const ap_pack *pack)
{
    if (!pack->nitems)
        return NULL;
    ap_front *h = g_new0(ap_front, 1);
    read_header(pack, h);
    read_names(h, &h->committee, &h->council);
    return h;
}
