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
 */
#include <string.h>

#include <glib.h>

#include "core/regex.h"
#include "lexicon/normalise.h"
#include "lexicon/words.h"
#include "segment/segment.h"

typedef struct ref_rules {
    pcre2_code *body, *separators, *decision_ref;
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
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* The committee a "to" field names: the text before its date (or all of
 * it when it prints none), separators off, if it ends in a body's name. */
static char *committee_in(const char *value, const ap_date_match *d, bool dated)
{
    char *name = g_strndup(value, dated ? d->start : strlen(value));
    ap_match m;
    while (*name && ap_re_search(rules()->separators, name, 0, &m) && m.start[0] < strlen(name))
        name[m.start[0]] = '\0';
    char *clean = ap_collapse_space(name);
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
    if (dated && !*ref->date)
        memcpy(ref->date, d.iso, sizeof ref->date);
    const char *date = ap_cover_value(cover, "date");
    if (date && !*ref->date && ap_find_date(date, 0, true, &d))
        memcpy(ref->date, d.iso, sizeof ref->date);
    const char *number = ap_cover_value(cover, "decision_ref");
    if (number && !ref->decision_ref && ap_re_search(rules()->decision_ref, number, 0, NULL))
        ref->decision_ref = g_strdup(number);
}

void ap_pack_read_meeting_ref(ap_pack *pack)
{
    if (pack->kind != AP_PACK_DOCUMENTS)
        return;
    for (size_t i = 0; i < pack->ndocuments; i++)
        if (pack->documents[i].cover)
            read_cover(pack->documents[i].cover, &pack->printed_for);
}
