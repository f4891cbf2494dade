/*
 * meeting_ref.c: the meeting a document published on its own says it is
 * for (see segment.h, ap_meeting_ref).
 *
 * A report's cover names it: "To: Cabinet - 30 January 2025", "Report to:
 * Audit Committee" with "Date of meeting: 9 June 2026", "Meeting: County
 * Council, 13th February 2025"; a record of decision names its decision
 * maker and its number ("Decision to be taken by: Cabinet", "Decision No:
 * 24/00096"), which the meeting's frontsheet prints beside the item. The
 * committee is what the "to" field prints before its date, with the
 * separators around it taken off; the first of the pack's documents that
 * names each part gives it.
 *
 * A document without a cover may name its meeting in a heading ("County
 * Council Meeting - 13th March 2025", "Governance Update Appendix 1 -
 * County Council 13 March 2025") or a running header or footer: a line
 * printing a body's name and a date, the name being the part before the
 * date after the line's last separator, or a line printing the name alone
 * over one printing the date alone.
 */
#include <string.h>

#include <glib.h>

#include "core/regex.h"
#include "lexicon/normalise.h"
#include "lexicon/words.h"
#include "segment/segment.h"

typedef struct ref_rules {
    pcre2_code *body, *separators, *decision_ref, *small_word;
} ref_rules;

static const ref_rules *rules(void)
{
    static ref_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        /* a body's name ends in a body word: "Cabinet", "County Council" */
        r.body = ap_re_compile("\\b(?:" AP_BODY_WORDS ")$");
        /* what stands between a committee and its date */
        r.separators = ap_re_compile("(?:\\s*(?:[-–—,:;]|\\bon\\b|\\bmeeting\\b|\\bof\\b))+\\s*$");
        r.decision_ref = ap_re_compile("^[0-9]{2,4}\\s*/\\s*[0-9]{2,6}$");
        r.small_word = ap_re_compile("^(?:and|of|the|for|on|in|to|with|&)$");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* The committee a "to" field names: the text before its date (or all of
 * it when it prints none), separators off, after the last separator left
 * ("Governance Update Appendix 1 - County Council"), if it ends in a
 * body's name. */
static char *committee_in(const char *value, const ap_date_match *d, bool dated)
{
    char *name = g_strndup(value, dated ? d->start : strlen(value));
    ap_match m;
    while (*name && ap_re_search(rules()->separators, name, 0, &m) && m.start[0] < strlen(name))
        name[m.start[0]] = '\0';
    const char *from = name;
    for (const char *p = name; *p; p++)
        if ((!strncmp(p, " – ", 5) || !strncmp(p, " - ", 3) || !strncmp(p, ": ", 2)))
            from = p + (p[1] == '\xe2' ? 5 : p[0] == ':' ? 2 : 3);
    char *clean = ap_collapse_space(from);
    g_free(name);
    if (!*clean || !ap_re_search(rules()->body, clean, 0, NULL))
        g_clear_pointer(&clean, g_free);
    return clean;
}

/* The parts of ref a cover names that ref does not have yet. */
static void read_cover(const ap_cover *cover, ap_meeting_ref *ref)
{
    const char *to = ap_cover_value(cover, "report_to");
    if (!to)
        to = ap_cover_value(cover, "report_for");
    ap_date_match d;
    bool dated = to && ap_find_date(to, 0, false, &d);
    if (to && !ref->committee)
        ref->committee = committee_in(to, &d, dated);
    ref->how = "cover";
    if (dated && !*ref->date)
        memcpy(ref->date, d.iso, sizeof ref->date);
    const char *date = ap_cover_value(cover, "date");
    if (date && !*ref->date && ap_find_date(date, 0, true, &d))
        memcpy(ref->date, d.iso, sizeof ref->date);
    const char *number = ap_cover_value(cover, "decision_ref");
    if (number && !ref->decision_ref && ap_re_search(rules()->decision_ref, number, 0, NULL))
        ref->decision_ref = g_strdup(number);
}

/* A body's name as a heading prints it: a few words, each capitalised
 * but for the small ones ("Children and Families Overview and Scrutiny
 * Committee"), not a sentence that ends in one ("... the report to
 * Cabinet"). */
#define NAME_WORDS 8

static bool name_like(const char *name)
{
    char **words = g_strsplit(name, " ", -1);
    size_t n = 0;
    bool ok = true;
    for (char **w = words; *w && ok; w++, n++)
        ok = !g_ascii_islower(**w) || ap_re_search(rules()->small_word, *w, 0, NULL);
    g_strfreev(words);
    return ok && n <= NAME_WORDS;
}

/* The body a heading names as ref's meeting, with its date, when the
 * name reads as a body's (committee is taken). */
static void take_heading(ap_meeting_ref *ref, char *committee, const char *iso)
{
    if (committee && !name_like(committee))
        g_clear_pointer(&committee, g_free);
    if (!committee)
        return;
    ref->committee = committee;
    memcpy(ref->date, iso, sizeof ref->date);
    ref->how = "heading";
}

/* A line naming a body and a date, both, fills an empty ref. */
static void read_line(const char *text, ap_meeting_ref *ref)
{
    ap_date_match d;
    if (ref->committee || *ref->date || !ap_find_date(text, 0, false, &d))
        return;
    take_heading(ref, committee_in(text, &d, true), d.iso);
}

/* A body's name on one line and the date alone on the next ("COUNTY
 * COUNCIL" over "Thursday 13 March 2025") fill an empty ref. */
static void read_two_lines(const char *name, const char *when, ap_meeting_ref *ref)
{
    char iso[11];
    ap_error err;
    if (ref->committee || *ref->date || !ap_parse_date(when, iso, &err))
        return;
    take_heading(ref, committee_in(name, NULL, false), iso);
}

/* A document's heading lines: its first page's first lines. */
#define HEADING_LINES 6

static void read_headings(const ap_pack *pack, ap_meeting_ref *ref)
{
    const ap_doc *doc = pack->doc;
    for (size_t i = 0; i < pack->ndocuments; i++) {
        const ap_page *page = &doc->pages[pack->documents[i].first];
        for (size_t k = 0; k < page->nlines && k < HEADING_LINES; k++) {
            read_line(page->lines[k].text, ref);
            if (k + 1 < page->nlines)
                read_two_lines(page->lines[k].text, page->lines[k + 1].text, ref);
        }
    }
    for (size_t p = 0; p < doc->npages; p++)
        for (size_t k = 0; k < doc->pages[p].nfurniture; k++)
            read_line(doc->pages[p].furniture[k].line.text, ref);
}

void ap_pack_read_meeting_ref(ap_pack *pack)
{
    if (pack->kind != AP_PACK_DOCUMENTS)
        return;
    for (size_t i = 0; i < pack->ndocuments; i++)
        if (pack->documents[i].cover)
            read_cover(pack->documents[i].cover, &pack->printed_for);
    read_headings(pack, &pack->printed_for);
}
