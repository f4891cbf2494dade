/*
 * documents.c: the pack cut into documents (each agenda item's, with their
 * kind, title and report cover sheet) and where its minutes are.
 *
 * An item's pages (from its stamp, else from the frontsheet's page range:
 * segment/segment.c) hold one or more documents. A new document starts
 *
 *   - after a blank padding page (committee systems start each document on
 *     an odd page);
 *   - on a page whose own footer restarts at "Page 1 of N";
 *   - on a report cover sheet: two or more of the labels councils print on
 *     one ("Report to", "Date of Meeting", "Report of", "Subject",
 *     "Purpose", "Portfolio Holder" ...) in the top half of the page;
 *   - on a page headed "Minutes of ...", "Appendix 2" or the committee's
 *     own name (a minutes or report title page).
 *
 * The kind comes from the first page: a cover sheet makes a report, a
 * minutes heading or "Present:" minutes, "Dear ..." a letter, "Appendix"
 * an appendix, a scorecard or performance title a scorecard, landscape
 * pages of short text a presentation.
 *
 * Minutes are the documents of kind minutes and those of an item titled as
 * minutes; a PDF without an agenda is minutes when its first page opens
 * with a minutes heading or an attendance list; a page headed "Minutes of"
 * further on opens another meeting's.
 *
 * A PDF with neither an agenda nor minutes holds documents published on
 * their own (a report and its appendices, a scorecard): all its pages are
 * cut into documents by the same rules, belonging to no item.
 */
#include <string.h>

#include <glib.h>

#include "pages/layout.h"
#include "lexicon/normalise.h"
#include "lexicon/words.h"
#include "core/page_model.h"
#include "core/regex.h"
#include "pages/titles.h"
#include "segment/front.h"
#include "segment/segment.h"

/* A document's title sits in the top part of its first page (its cover
 * sheet too: segment/cover.c). */
#define TITLE_ZONE 0.4
#define HEADING_ZONE 0.25
/* A minutes heading sits in the top part of its page. */
#define HEAD_ZONE 0.4
/* Slides: landscape pages with little text. */
#define SLIDE_MAX_LINES 30

/* The first lines of a paper that say what it is ("EQIA Submission Form"). */
#define SAYS_WHAT_LINES 3

typedef struct doc_rules {
    pcre2_code *minutes, *letter, *signoff, *appendix, *scorecard, *first_page;
    pcre2_code *opens_minutes, *opens_minutes_file, *minutes_title, *people_label,
        *body_word, *resolved, *attendance;
    pcre2_code *decision_record, *impact_assessment, *questions, *motion;
} doc_rules;

static const doc_rules *rules(void)
{
    static doc_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        r.first_page = ap_re_compile("^(?:page\\s+)?1\\s+(?:of|/)\\s");
        /* as a set of minutes opens, or a "Present:" list */
        r.minutes = ap_re_compile("^(?:" AP_MINUTES_OPENING "|present\\s*:|present$)");
        r.letter = ap_re_compile("^dear\\s+\\S");
        r.signoff = ap_re_compile("^yours\\s+(?:sincerely|faithfully)");
        r.appendix = ap_re_compile("^(?:appendix|annex)\\s+[0-9a-z]{1,3}\\b");
        r.scorecard = ap_re_compile(
            "scorecard|performance\\s+(?:summary|indicators|dashboard|charts|measures)|\\bkpis?\\b");
        r.opens_minutes = ap_re_compile("^(?:" AP_MINUTES_OPENING ")");
        r.opens_minutes_file = ap_re_compile("^(?:" AP_MINUTES_OPENING_FIRST ")");
        /* what a paper says it is, in its heading: "PROPOSED RECORD OF
         * DECISION", "EQIA Submission Form", "Question 1", "Budget
         * Amendment Form", "Notice of Motion" */
        r.decision_record = ap_re_compile(
            "\\brecord\\s+of\\s+(?:the\\s+)?(?:executive\\s+)?decision|\\bdecision\\s+(?:record|notice)\\b");
        r.impact_assessment = ap_re_compile(
            "\\b(?:equality|equalities|data\\s+protection|privacy|environmental)\\s+"
            "impact\\s+assessment|\\beqia\\b|\\bdpia\\b");
        r.questions = ap_re_compile(
            "^questions?\\s+(?:[0-9]+\\b|put\\b|and\\s+answers\\b|to\\s+the\\s+"
            "(?:leader|cabinet|executive|chair)\\b)");
        r.motion = ap_re_compile("^(?:notice\\s+of\\s+)?motion\\b|\\bamendment\\s+form\\b");
        r.minutes_title = ap_re_compile("\\bminutes\\b");
        r.people_label = ap_re_compile("^" AP_ATTENDANCE_LABELS "\\s*(?::|$)\\s*(.*)$");
        r.body_word = ap_re_compile("\\b(?:" AP_BODY_WORDS "|" AP_BODY_WORDS_CY ")\\b");
        /* a decision minuted: "RESOLVED that", "3. RESOLVED", "It was resolved" */
        r.resolved = ap_re_compile(AP_RESOLVED_LEAD);
        /* who was there, in any words minutes use for it */
        r.attendance = ap_re_compile("\\b(?:" AP_ATTENDANCE_WORDS ")\\b");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* ---- where documents start ----------------------------------------------- */

static bool restarts_numbering(const ap_page *page)
{
    for (size_t i = 0; i < page->nfurniture; i++) {
        const char *t = page->furniture[i].line.text;
        if (page->furniture[i].kind == AP_FURN_DOC_FOOTER &&
            ap_re_search(rules()->first_page, t, 0, NULL))
            return true;
    }
    return false;
}

/* A page's heading: its first lines in its top part. */
#define HEADING_LINES 6

static bool headed_within(const ap_page *page, const pcre2_code *re, size_t lines)
{
    for (size_t i = 0; i < page->nlines && i < lines; i++)
        if (page->lines[i].bbox.y0 <= page->height * HEADING_ZONE &&
            ap_re_search(re, page->lines[i].text, 0, NULL))
            return true;
    return false;
}

static bool headed_by(const ap_page *page, const pcre2_code *re)
{
    return headed_within(page, re, HEADING_LINES);
}

static bool headed_by_committee(const ap_page *page, const char *committee)
{
    if (!committee)
        return false;
    size_t n = strlen(committee);
    for (size_t i = 0; i < page->nlines && i < HEADING_LINES; i++)
        if (page->lines[i].bbox.y0 <= page->height * HEADING_ZONE &&
            g_ascii_strncasecmp(page->lines[i].text, committee, n) == 0)
            return true;
    return false;
}

static bool starts_document(const ap_page *page, const char *committee)
{
    if (restarts_numbering(page) || headed_by(page, rules()->minutes) ||
        headed_by(page, rules()->appendix) || headed_by_committee(page, committee))
        return true;
    ap_cover *cover = ap_cover_read(page);
    ap_cover_free(cover);
    return cover != NULL;
}

/* The appendix a page is headed as ("Appendix B"), or NULL. */
static char *heading_label(const ap_page *page)
{
    char *label = NULL;
    for (size_t i = 0; !label && i < page->nlines && i < HEADING_LINES; i++)
        if (page->lines[i].bbox.y0 <= page->height * HEADING_ZONE)
            label = ap_appendix_label(page->lines[i].text);
    return label;
}

/* ---- kind and title ------------------------------------------------------ */

static bool any_page_has(const ap_doc *doc, size_t first, size_t last,
                         const pcre2_code *re)
{
    for (size_t p = first; p <= last; p++)
        for (size_t i = 0; i < doc->pages[p].nlines; i++)
            if (ap_re_search(re, doc->pages[p].lines[i].text, 0, NULL))
                return true;
    return false;
}

static bool slides(const ap_doc *doc, size_t first, size_t last)
{
    size_t landscape = 0;
    for (size_t p = first; p <= last; p++)
        landscape += doc->pages[p].width > doc->pages[p].height &&
                     doc->pages[p].nlines <= SLIDE_MAX_LINES;
    return landscape * 2 > last - first + 1;
}

static const char *kind_of(const ap_doc *doc, size_t first, size_t last,
                           const ap_cover *cover, const char *title)
{
    const doc_rules *r = rules();
    const ap_page *page = &doc->pages[first];
    if (headed_by(page, r->minutes))
        return "minutes";
    /* what a paper says it is, before where it sits (an "Appendix B" that
     * is an impact assessment is an impact assessment): in its title or
     * its first lines; of a paper with a cover, its first line only (the
     * cover's summary may well name an assessment) */
    const struct { const pcre2_code *re; const char *kind; } said[] = {
        {r->decision_record, "decision_record"},
        {r->impact_assessment, "impact_assessment"},
        {r->questions, "questions"},
        {r->motion, "motion"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(said); i++)
        if ((title && ap_re_search(said[i].re, title, 0, NULL)) ||
            headed_within(page, said[i].re, cover ? 1 : SAYS_WHAT_LINES))
            return said[i].kind;
    if (title && ap_re_search(r->appendix, title, 0, NULL))
        return "appendix";
    if (headed_by(page, r->appendix))
        return "appendix";
    if (cover)
        return "report";
    if (any_page_has(doc, first, first, r->letter) &&
        any_page_has(doc, first, last, r->signoff))
        return "letter";
    if ((title && ap_re_search(r->scorecard, title, 0, NULL)) ||
        headed_by(page, r->scorecard))
        return "scorecard";
    if (slides(doc, first, last))
        return "presentation";
    return "other";
}

static const ap_line *title_line(const ap_page *page)
{
    const ap_line *best = NULL;
    double best_size = 0;
    for (size_t i = 0; i < page->nlines; i++) {
        const ap_line *line = &page->lines[i];
        const ap_span *span = ap_line_main_span(line);
        if (!span || line->bbox.y0 > page->height * TITLE_ZONE)
            continue;
        /* strictly larger wins, so among equals the first in reading order */
        if (span->size > best_size + 0.1) {
            best = line;
            best_size = span->size;
        }
    }
    return best;
}

static ap_document document_of(const ap_doc *doc, const char *item, size_t first,
                               size_t last)
{
    const ap_page *fp = &doc->pages[first];
    ap_cover *cover = ap_cover_read(fp);
    const char *cover_title = ap_cover_value(cover, "title");
    const ap_line *line = title_line(fp);
    char *title = cover_title ? g_strdup(cover_title) : line ? g_strdup(line->text) : NULL;
    ap_document d = {item, first, last, kind_of(doc, first, last, cover, title), title, cover,
                     {0}};
    ap_document_read_references(doc, &d);
    return d;
}

/* The documents of pages [from, npages): an agenda's, each in its item's
 * pages; a documents pack's (standalone), all of them, of no item. */
static GArray *find_documents(const ap_pack *pack, size_t from, bool standalone)
{
    const ap_doc *doc = pack->doc;
    GArray *docs = g_array_new(FALSE, FALSE, sizeof(ap_document));
    const char *committee = pack->front ? pack->front->committee : NULL;
    size_t first = 0, last = 0;
    bool open = false;
    const char *item = NULL;
    char *open_label = NULL;    /* the appendix the open document is headed as */
    for (size_t p = from; p < doc->npages; p++) {
        const ap_page *page = &doc->pages[p];
        const char *this_item = standalone ? NULL : ap_pack_page_item(pack, p);
        char *label = heading_label(page);
        /* an appendix that prints its heading atop every page goes on */
        bool goes_on = open && label && !g_strcmp0(label, open_label);
        bool ends = page->blank || g_strcmp0(item, this_item) != 0 ||
                    (!page->blank && !goes_on && starts_document(page, committee));
        if (open && ends) {
            ap_document d = document_of(doc, item, first, last);
            g_array_append_val(docs, d);
            open = false;
        }
        if (!open && (this_item || standalone) && !page->blank) {
            first = p;
            item = this_item;
            open = true;
            g_free(open_label);
            open_label = g_steal_pointer(&label);
        }
        if (open)
            last = p;
        g_free(label);
    }
    g_free(open_label);
    if (open) {
        ap_document d = document_of(doc, item, first, last);
        g_array_append_val(docs, d);
    }
    return docs;
}

/* ---- where the minutes are ----------------------------------------------- */

/* Whether page opens a set of minutes with its heading; the first page
 * of a file (first) in the wider forms as well. */
static bool page_opens_minutes(const ap_page *page, bool first)
{
    const pcre2_code *opens = first ? rules()->opens_minutes_file : rules()->opens_minutes;
    for (size_t i = 0; i < page->nlines && i < 8; i++)
        if (page->lines[i].bbox.y0 <= page->height * HEAD_ZONE &&
            ap_re_search(opens, page->lines[i].text, 0, NULL))
            return true;
    return false;
}

static bool page_has_people_label(const ap_page *page)
{
    for (size_t i = 0; i < page->nlines; i++)
        if (page->lines[i].bbox.y0 <= page->height * HEAD_ZONE * 1.5 &&
            ap_re_search(rules()->people_label, page->lines[i].text, 0, NULL))
            return true;
    return false;
}

/* How many pages into a file its first decision may be. */
#define DECISION_PAGES 4

/* Whether page p's lines say anything matching re. */
static bool page_says(const ap_doc *doc, size_t p, const pcre2_code *re)
{
    for (size_t i = 0; p < doc->npages && i < doc->pages[p].nlines; i++)
        if (ap_re_search(re, doc->pages[p].lines[i].text, 0, NULL))
            return true;
    return false;
}

/* Whether a file records a meeting that happened, whatever its opening
 * words: its first page is headed by a line naming a body and a date
 * ("ADULT SOCIAL CARE SCRUTINY PANEL – 4th March 2024") and says who
 * attended or sent apologies, and it minutes a decision ("RESOLVED that
 * ...") in its first pages. (A paper listing a committee's resolutions
 * under a dated heading records no attendance.) */
static bool records_a_meeting(const ap_doc *doc)
{
    if (!page_says(doc, 0, rules()->attendance))
        return false;
    const ap_page *first = &doc->pages[0];
    bool dated_heading = false;
    for (size_t i = 0; i < first->nlines && i < 8 && !dated_heading; i++) {
        const char *t = first->lines[i].text;
        ap_date_match d;
        dated_heading = first->lines[i].bbox.y0 <= first->height * HEAD_ZONE &&
                        ap_re_search(rules()->body_word, t, 0, NULL) &&
                        ap_find_date(t, 0, false, &d);
    }
    for (size_t p = 0; dated_heading && p < doc->npages && p < DECISION_PAGES; p++)
        for (size_t i = 0; i < doc->pages[p].nlines; i++)
            if (ap_re_search(rules()->resolved, doc->pages[p].lines[i].text, 0, NULL))
                return true;
    return false;
}

/* Whether agenda item `item` of the pack is titled as minutes. */
static bool minutes_item(const ap_pack *pack, const char *item)
{
    if (!item)
        return false;
    for (size_t i = 0; i < pack->nitems; i++)
        if (strcmp(pack->items[i].number, item) == 0)
            return *pack->titled[i].title &&
                   ap_re_search(rules()->minutes_title, pack->titled[i].title, 0, NULL);
    return false;
}

static GArray *minutes_spans(const ap_pack *pack)
{
    GArray *spans = g_array_new(FALSE, FALSE, sizeof(ap_page_range));
    const ap_doc *doc = pack->doc;
    if (pack->nitems) {
        for (size_t i = 0; i < pack->ndocuments; i++) {
            const ap_document *d = &pack->documents[i];
            /* and the documents of the agenda's "Minutes" item, whatever
             * their first page looks like */
            if (strcmp(d->kind, "minutes") != 0 && !minutes_item(pack, d->item))
                continue;
            ap_page_range s = {d->first, d->last};
            g_array_append_val(spans, s);
        }
    } else if (doc->npages &&
               (page_opens_minutes(&doc->pages[0], true) ||
                page_has_people_label(&doc->pages[0]) || records_a_meeting(doc))) {
        ap_page_range s = {0, doc->npages - 1};
        g_array_append_val(spans, s);
    }
    /* a page headed "Minutes of" further on opens another meeting's */
    GArray *split = g_array_new(FALSE, FALSE, sizeof(ap_page_range));
    for (guint i = 0; i < spans->len; i++) {
        ap_page_range s = g_array_index(spans, ap_page_range, i);
        size_t start = s.first;
        for (size_t p = s.first + 1; p <= s.last; p++)
            if (page_opens_minutes(&doc->pages[p], false)) {
                ap_page_range part = {start, p - 1};
                g_array_append_val(split, part);
                start = p;
            }
        ap_page_range rest = {start, s.last};
        g_array_append_val(split, rest);
    }
    g_array_free(spans, TRUE);
    return split;
}

/* ---- the pack ----------------------------------------------------------------- */

void ap_pack_find_documents(ap_pack *pack)
{
    GArray *docs = find_documents(pack, pack->front_pages, false);
    pack->ndocuments = docs->len;
    pack->documents = (ap_document *)(void *)g_array_free(docs, FALSE);
    GArray *spans = pack->documents_only ? g_array_new(FALSE, FALSE, sizeof(ap_page_range))
                                         : minutes_spans(pack);
    pack->nminutes = spans->len;
    pack->minutes = (ap_page_range *)(void *)g_array_free(spans, FALSE);
    pack->kind = pack->nitems                         ? AP_PACK_AGENDA
                 : pack->nminutes || pack->minutes_only ? AP_PACK_MINUTES
                                                        : AP_PACK_DOCUMENTS;
    if (pack->kind == AP_PACK_DOCUMENTS && pack->doc->npages) {
        /* published on its own: every page is its documents' */
        ap_documents_free(pack->documents, pack->ndocuments);
        docs = find_documents(pack, 0, true);
        pack->ndocuments = docs->len;
        pack->documents = (ap_document *)(void *)g_array_free(docs, FALSE);
    }
}

void ap_documents_free(ap_document *docs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_free(docs[i].title);
        ap_cover_free(docs[i].cover);
        ap_references_clear(&docs[i].refs);
    }
    g_free(docs);
}
