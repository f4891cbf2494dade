/*
 * furniture.c: page furniture out of the text, and what it tells us.
 *
 * Committee systems stamp their packs: "Public Document Pack" on the first
 * page, "Agenda Item N" at the top of each item's first page, "Page N"
 * footers, "This page is intentionally left blank" on padding pages. The
 * documents inside carry their own furniture: "Page 3 of 54" footers and
 * running headers and footers. This stage moves all of it from a page's
 * lines to its furniture list, then derives for every page:
 *
 *   printed_page  from the pack's "Page N" footers. Footers are anchors
 *                 (printed = pdf + offset); one that breaks the offset its
 *                 neighbours agree on is a document's own number and is
 *                 ignored with a warning; pages without a footer take the
 *                 offset of the nearest anchor. A number below 1 means the
 *                 page is not numbered (an uncounted frontsheet).
 *   agenda_item   an item runs from its stamp to the page before the next
 *                 stamp; pages before the first stamp belong to no item.
 *   blank         the page carries the blank notice, or has no text and no
 *                 image at all.
 *
 * Nothing here knows a council's wording beyond the committee systems'
 * own stamps; running headers are found by repetition, not by text.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/page_model.h"
#include "core/regex.h"
#include "pages/furniture.h"

/* A page number or document footer must sit in the outer 12% of the page;
 * the same words in the body are text ("see Page 4"). */
#define NUMBER_BAND 0.12
/* Running headers and footers: the outer 8%, repeated on 3 or more pages,
 * on a row of at most 2 lines (a repeated table header row has more). */
#define RUNNING_BAND 0.08
#define RUNNING_MIN_PAGES 3
#define RUNNING_MAX_ROW 2

typedef struct furniture_rules {
    pcre2_code *pack_stamp, *item_stamp, *page_number, *doc_footer, *blank;
} furniture_rules;

/* Compiled once per process: the patterns are constants. */
static const furniture_rules *rules(void)
{
    static furniture_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        r.pack_stamp = ap_re_compile("^(?:public|supplementary)\\s+document\\s+pack$");
        r.item_stamp = ap_re_compile(
            "^agenda\\s+item\\s+([0-9]{1,3}(?:[a-z]|\\.[0-9]{1,2})?)$");
        r.page_number = ap_re_compile("^page\\s+([0-9]{1,5})$");
        r.doc_footer = ap_re_compile(
            "^(?:page\\s+)?[0-9]{1,5}\\s+(?:of|/)\\s+[0-9]{1,5}$");
        r.blank = ap_re_compile("^(?:this\\s+)?page\\s+(?:is\\s+|has\\s+been\\s+)?"
                          "(?:intentionally\\s+)?(?:left\\s+)?blank\\.?$");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* Matches text (the patterns are anchored at both ends); copies capture
 * 1, if any, into group. */
static bool match(const pcre2_code *re, const char *text, char *group,
                  size_t group_size)
{
    ap_match m;
    if (!ap_re_search(re, text, 0, &m))
        return false;
    if (group && ap_match_set(&m, 1))
        g_strlcpy(group, text + m.start[1], MIN(group_size, m.end[1] - m.start[1] + 1));
    return true;
}

static bool in_band(const ap_page *page, const ap_line *line, double band)
{
    return line->bbox.y1 <= page->height * band ||
           line->bbox.y0 >= page->height * (1 - band);
}

/* ---- 1. stamps, numbers and notices ----------------------------------- */

/* Furniture is short; longer lines are text and skip the patterns. */
#define FURNITURE_MAX_BYTES 64

static void classify_line(ap_page *page, size_t i)
{
    const furniture_rules *r = rules();
    const ap_line *line = &page->lines[i];
    char group[32] = "";
    if (strlen(line->text) > FURNITURE_MAX_BYTES)
        return;
    if (match(r->pack_stamp, line->text, NULL, 0)) {
        ap_page_move_to_furniture(page, i, AP_FURN_PACK_STAMP);
    } else if (match(r->item_stamp, line->text, group, sizeof group)) {
        ap_furniture *f = ap_page_move_to_furniture(page, i, AP_FURN_ITEM_STAMP);
        f->item = g_strdup(group);
    } else if (match(r->blank, line->text, NULL, 0)) {
        ap_page_move_to_furniture(page, i, AP_FURN_BLANK_NOTICE);
    } else if (in_band(page, line, NUMBER_BAND) &&
               match(r->page_number, line->text, group, sizeof group)) {
        ap_furniture *f = ap_page_move_to_furniture(page, i, AP_FURN_PAGE_NUMBER);
        f->number = atoi(group);
    } else if (in_band(page, line, NUMBER_BAND) &&
               match(r->doc_footer, line->text, NULL, 0)) {
        ap_page_move_to_furniture(page, i, AP_FURN_DOC_FOOTER);
    }
}

static void classify_stamps(ap_doc *doc)
{
    for (size_t p = 0; p < doc->npages; p++) {
        ap_page *page = &doc->pages[p];
        for (size_t i = page->nlines; i-- > 0;)
            classify_line(page, i);
    }
}

/* ---- 2. running headers and footers ----------------------------------- */

/* Lines that repeat with only their numbers changed ("Report - page 3")
 * share a key: case folded, digits as '#', spaces collapsed, and which
 * band the line sits in. */
static char *running_key(const ap_page *page, const ap_line *line)
{
    GString *key = g_string_new(line->bbox.y1 <= page->height / 2 ? "t:" : "b:");
    bool space = false;
    for (const char *s = line->text; *s; s++) {
        if (g_ascii_isspace(*s)) {
            space = true;
            continue;
        }
        if (space)
            g_string_append_c(key, ' ');
        space = false;
        g_string_append_c(key, g_ascii_isdigit(*s) ? '#' : g_ascii_tolower(*s));
    }
    return g_string_free(key, FALSE);
}

/* How many lines of the page share this line's row (overlap vertically). */
static size_t row_size(const ap_page *page, const ap_line *line)
{
    size_t n = 0;
    for (size_t i = 0; i < page->nlines; i++) {
        const ap_bbox *b = &page->lines[i].bbox;
        if (b->y0 < line->bbox.y1 && b->y1 > line->bbox.y0)
            n++;
    }
    return n;
}

static bool running_candidate(const ap_page *page, const ap_line *line)
{
    return in_band(page, line, RUNNING_BAND) &&
           row_size(page, line) <= RUNNING_MAX_ROW;
}

static void remove_running(ap_doc *doc)
{
    GHashTable *pages_with = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                   g_free, NULL);
    for (size_t p = 0; p < doc->npages; p++) {
        ap_page *page = &doc->pages[p];
        GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                 g_free, NULL);
        for (size_t i = 0; i < page->nlines; i++) {
            if (!running_candidate(page, &page->lines[i]))
                continue;
            char *key = running_key(page, &page->lines[i]);
            if (g_hash_table_add(seen, key)) {
                gpointer n = g_hash_table_lookup(pages_with, key);
                g_hash_table_replace(pages_with, g_strdup(key),
                                     GSIZE_TO_POINTER(GPOINTER_TO_SIZE(n) + 1));
            }
        }
        g_hash_table_unref(seen);
    }
    for (size_t p = 0; p < doc->npages; p++) {
        ap_page *page = &doc->pages[p];
        for (size_t i = page->nlines; i-- > 0;) {
            if (!running_candidate(page, &page->lines[i]))
                continue;
            char *key = running_key(page, &page->lines[i]);
            gsize n = GPOINTER_TO_SIZE(g_hash_table_lookup(pages_with, key));
            g_free(key);
            if (n >= RUNNING_MIN_PAGES)
                ap_page_move_to_furniture(page, i, AP_FURN_RUNNING);
        }
    }
    g_hash_table_unref(pages_with);
}

/* ---- 3. printed page numbers ------------------------------------------ */

typedef struct anchor {
    size_t page;            /* index into doc->pages */
    ap_furniture *footer;
    int offset;             /* printed - pdf */
} anchor;

/* A page may carry more than one "Page N" (a document's own beside the
 * pack's): keep the one that continues the previous anchor's offset, and
 * treat the others as document footers. */
static bool page_anchor(ap_page *page, const anchor *prev, anchor *out)
{
    ap_furniture *best = NULL;
    for (size_t i = 0; i < page->nfurniture; i++) {
        ap_furniture *f = &page->furniture[i];
        if (f->kind != AP_FURN_PAGE_NUMBER)
            continue;
        bool continues = prev && f->number - page->pdf_page == prev->offset;
        if (!best || continues) {
            if (best)
                best->kind = AP_FURN_DOC_FOOTER;
            best = f;
        } else {
            f->kind = AP_FURN_DOC_FOOTER;
        }
    }
    if (!best)
        return false;
    out->footer = best;
    out->offset = best->number - page->pdf_page;
    return true;
}

static GArray *collect_anchors(ap_doc *doc)
{
    GArray *anchors = g_array_new(FALSE, FALSE, sizeof(anchor));
    for (size_t p = 0; p < doc->npages; p++) {
        anchor a = {.page = p};
        const anchor *prev = anchors->len
            ? &g_array_index(anchors, anchor, anchors->len - 1) : NULL;
        if (page_anchor(&doc->pages[p], prev, &a))
            g_array_append_val(anchors, a);
    }
    return anchors;
}

/* An anchor whose offset differs from the one both its neighbours agree on
 * (or, at either end, the one the next two agree on) is not the pack's. */
static bool is_outlier(const anchor *a, size_t n, size_t i)
{
    int o = a[i].offset;
    if (i > 0 && i + 1 < n)
        return a[i - 1].offset == a[i + 1].offset && a[i - 1].offset != o;
    if (i == 0 && n >= 3)
        return a[1].offset == a[2].offset && a[1].offset != o;
    if (i == n - 1 && n >= 3)
        return a[n - 2].offset == a[n - 3].offset && a[n - 2].offset != o;
    return false;
}

static void drop_outliers(ap_doc *doc, GArray *anchors)
{
    const anchor *a = (const anchor *)anchors->data;
    size_t n = anchors->len;
    bool *outlier = g_new0(bool, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        outlier[i] = is_outlier(a, n, i);
    for (size_t i = n; i-- > 0;) {
        if (!outlier[i])
            continue;
        int neighbour = i > 0 ? a[i - 1].offset : a[i + 1].offset;
        const ap_page *page = &doc->pages[a[i].page];
        ap_doc_warn(doc, "page %d: printed page number %d breaks the page "
                    "sequence (expected %d); ignored", page->pdf_page,
                    a[i].footer->number, page->pdf_page + neighbour);
        a[i].footer->kind = AP_FURN_DOC_FOOTER;
        g_array_remove_index(anchors, i);
    }
    g_free(outlier);
}

static void number_pages(ap_doc *doc)
{
    GArray *anchors = collect_anchors(doc);
    drop_outliers(doc, anchors);
    const anchor *a = (const anchor *)anchors->data;
    size_t n = anchors->len, next = 0;
    for (size_t p = 0; p < doc->npages && n > 0; p++) {
        while (next < n && a[next].page < p)
            next++;
        /* nearest anchor; on a tie the earlier one */
        const anchor *use;
        if (next == n)
            use = &a[n - 1];
        else if (next == 0 || a[next].page == p)
            use = &a[next];
        else
            use = (a[next].page - p < p - a[next - 1].page) ? &a[next]
                                                            : &a[next - 1];
        int printed = doc->pages[p].pdf_page + use->offset;
        doc->pages[p].printed_page = printed >= 1 ? printed : 0;
    }
    g_array_free(anchors, TRUE);
}

/* ---- 4. agenda items and blank pages ---------------------------------- */

static const char *page_item_stamp(const ap_page *page)
{
    const char *item = NULL;
    for (size_t i = 0; i < page->nfurniture; i++)
        if (page->furniture[i].kind == AP_FURN_ITEM_STAMP)
            item = page->furniture[i].item;
    return item;
}

static bool has_furniture(const ap_page *page, ap_furniture_kind kind)
{
    for (size_t i = 0; i < page->nfurniture; i++)
        if (page->furniture[i].kind == kind)
            return true;
    return false;
}

static void assign_items_and_blanks(ap_doc *doc)
{
    const char *item = NULL;
    for (size_t p = 0; p < doc->npages; p++) {
        ap_page *page = &doc->pages[p];
        const char *stamp = page_item_stamp(page);
        if (stamp)
            item = stamp;
        g_free(page->agenda_item);
        page->agenda_item = g_strdup(item);
        page->blank = has_furniture(page, AP_FURN_BLANK_NOTICE) ||
                      (page->nlines == 0 && !page->has_graphics);
    }
}

void ap_furniture_apply(ap_doc *doc)
{
    classify_stamps(doc);
    remove_running(doc);
    number_pages(doc);
    assign_items_and_blanks(doc);
}

const char *ap_furniture_kind_name(ap_furniture_kind kind)
{
    switch (kind) {
    case AP_FURN_PACK_STAMP: return "pack_stamp";
    case AP_FURN_ITEM_STAMP: return "item_stamp";
    case AP_FURN_PAGE_NUMBER: return "page_number";
    case AP_FURN_DOC_FOOTER: return "document_footer";
    case AP_FURN_RUNNING: return "running";
    case AP_FURN_BLANK_NOTICE: return "blank_notice";
    }
    return "unknown";
}
