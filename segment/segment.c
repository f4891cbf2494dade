/*
 * segment.c: frontsheet, agenda items and their PDF pages (see segment.h).
 *
 * How the agenda list is found, without knowing any council's wording:
 *
 *   candidates  rows whose first cell, in the left part of a frontsheet
 *               page, starts with a number ("4", "7a", "805.", "Item 1") and
 *               then a capitalised title, in the same cell or the next.
 *   sequence    candidates chained in reading order, each the successor of
 *               the last (7 -> 7a -> 8 -> 9) and in the same number column.
 *               Report headings, minutes and lists of contents number
 *               themselves too, so the chain must sit below a heading that
 *               says "agenda", on the pages before the first document; the
 *               earliest chain of three or more wins, and later chains on
 *               further frontsheet pages are added (two meetings summoned
 *               on one sheet).
 *   regions     an item owns the rows from its number to the next item's,
 *               cut where the type size changes or a wide gap opens (a
 *               footer, a signature block).
 *   pages       the printed range is "(Pages 5 - 8)" in the item's text or
 *               the cells of a page-number column in its rows; the PDF
 *               span comes from the "Agenda Item N" stamps, else from the
 *               printed page numbers, and a disagreement is a warning.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "lexicon/normalise.h"
#include "core/regex.h"
#include "segment/front.h"
#include "segment/segment.h"
#include "segment/measures.h"
#include "segment/tables.h"
#include "core/page_model.h"

/* The frontsheet is looked for in the first pages only. */
#define MAX_FRONT_PAGES 8
/* An item's rows stop at a gap this many row heights tall, or at a change
 * of type size larger than this many points. */
#define REGION_GAP_ROWS 2.6
#define REGION_SIZE_SLACK 1.2

typedef struct segment_rules {
    pcre2_code *pages_inline, *page_range, *agenda_word, *minutes_head,
        *part_head, *exempt_head, *clock_time;
} segment_rules;

static const segment_rules *rules(void)
{
    static segment_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        /* 1 number, 2 letter suffix; "Item 4", "4.", "4)", "4:" or "4 ";
         * the title may follow at once */
        r.pages_inline = ap_re_compile(
            "\\(?\\bpages?\\s+([0-9]{1,4})(?:\\s*[-–]\\s*([0-9]{1,4}))?\\s*\\)?");
        r.page_range = ap_re_compile(
            "^\\s*([0-9]{1,4})(?:\\s*[-–]?\\s*([0-9]{1,4}))?\\s*$");
        r.clock_time = ap_re_compile("\\b[0-9]{1,2}(?:[.:][0-9]{2})?\\s*[ap]\\.?m\\b");
        r.agenda_word = ap_re_compile("\\bagenda\\b|\\border of business\\b");
        r.minutes_head = ap_re_compile(
            "^(?:minutes\\b(?!\\s+of\\s+(?:the\\s+)?previous)|present\\s*:|"
            "present$|members present|attendees\\b|attendance\\s*:)");
        r.part_head = ap_re_compile("^part\\s*(1|2|i|ii|one|two)\\b");
        r.exempt_head = ap_re_compile(
            "^(?:exempt items|private items|confidential items)\\b");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

static void pack_warn(ap_pack *pack, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void pack_warn(ap_pack *pack, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pack->warnings = g_renew(char *, pack->warnings, pack->nwarnings + 1);
    pack->warnings[pack->nwarnings++] = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}

const ap_rows *ap_pack_rows(const ap_pack *pack, size_t page)
{
    return page < pack->front_pages ? pack->rows[page] : NULL;
}

const char *ap_pack_page_item(const ap_pack *pack, size_t page)
{
    if (pack->doc->pages[page].agenda_item)
        return pack->doc->pages[page].agenda_item;
    for (size_t i = 0; i < pack->nitems; i++)
        if (pack->items[i].pdf_start && (int)page + 1 >= pack->items[i].pdf_start &&
            (int)page + 1 <= pack->items[i].pdf_end)
            return pack->items[i].number;
    return NULL;
}

ap_rowset ap_pack_front(const ap_pack *pack)
{
    return (ap_rowset){pack->rows, pack->front_pages};
}

/* ---- the chain ----------------------------------------------------------- */

typedef struct chain {
    size_t *idx;            /* into the candidate array */
    size_t len;
} chain;

/* Above pos, some row says "agenda", or the header gives a date and a
 * clock time, as a meeting notice does and a report does not. */
static bool agenda_heading_before(const ap_pack *pack, ap_pos pos)
{
    bool date = false, time = false;
    for (size_t p = 0; p <= pos.page; p++) {
        const ap_rows *rows = pack->rows[p];
        size_t end = p == pos.page ? pos.row : rows->nrows;
        for (size_t r = 0; r < end; r++) {
            char *t = ap_row_text(&rows->rows[r], 0);
            ap_date_match d;
            bool yes = ap_re_search(rules()->agenda_word, t, 0, NULL);
            date |= ap_find_date(t, 0, false, &d);
            time |= ap_re_search(rules()->clock_time, t, 0, NULL);
            g_free(t);
            if (yes || (date && time))
                return true;
        }
    }
    return false;
}

static bool minutes_heading_before(const ap_pack *pack, ap_pos pos)
{
    const ap_rows *rows = pack->rows[0];
    size_t end = pos.page == 0 ? pos.row : rows->nrows;
    for (size_t r = 0; r < end; r++)
        if (ap_re_search(rules()->minutes_head, rows->rows[r].cells[0].text, 0,
                         NULL))
            return true;
    return false;
}

/* The earliest acceptable chain starting at or after candidate from. */
static bool pick_chain(const ap_pack *pack, const ap_numbered *cands, size_t n,
                       size_t from, size_t min_len, chain *out)
{
    for (size_t s = from; s < n; s++) {
        chain c = {.idx = g_new(size_t, n)};
        c.len = ap_numbered_chain(cands, n, s, c.idx);
        bool ok = (c.len >= min_len || (cands[s].labelled && c.len >= 1)) &&
                  agenda_heading_before(pack, cands[s].pos);
        if (ok) {
            *out = c;
            return true;
        }
        g_free(c.idx);
    }
    return false;
}

/* ---- regions ------------------------------------------------------------- */

static bool row_is_heading(const ap_row *row, int *part)
{
    const segment_rules *re = rules();
    ap_match m;
    char *t = ap_row_text(row, 0);
    bool found = false;
    if (ap_re_search(re->part_head, t, 0, &m)) {
        char c = g_ascii_tolower(t[m.start[1]]);
        bool two = c == '2' || (c == 'i' && m.end[1] - m.start[1] == 2) ||
                   (c == 't' && g_ascii_tolower(t[m.start[1] + 1]) == 'w');
        *part = two ? 2 : 1;
        found = true;
    } else if (ap_re_search(re->exempt_head, t, 0, NULL)) {
        *part = 2;
        found = true;
    }
    g_free(t);
    return found;
}

/* A part heading ends an item's rows and sets the part of the items after
 * it. */
static bool heading_stop(const ap_row *row, void *part)
{
    return row_is_heading(row, part);
}

static ap_pos region_end(const ap_pack *pack, ap_pos anchor, ap_pos next,
                         int *part_after)
{
    ap_rowset front = ap_pack_front(pack);
    ap_region_rules rules = {.at_size_change = true, .at_wide_gap = true,
                             .stop = heading_stop, .ctx = part_after};
    return ap_region_end(&front, anchor, next, &rules);
}

ap_piece *ap_item_pieces(const ap_pack *pack, const ap_item *item,
                         size_t *npieces)
{
    ap_rowset front = ap_pack_front(pack);
    return ap_region_pieces(&front, item->anchor, item->end, item->number_len,
                            npieces);
}

/* Text of the item's rows, without its number and page-column cells. */
static char *region_text(const ap_pack *pack, const ap_item *item)
{
    size_t n;
    ap_piece *pcs = ap_item_pieces(pack, item, &n);
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < n; i++) {
        if (pcs[i].page_ref)
            continue;
        if (s->len)
            g_string_append_c(s, ' ');
        g_string_append(s, pcs[i].cell->text + pcs[i].skip);
    }
    g_free(pcs);
    return g_string_free(s, FALSE);
}

/* The page-number column's text for an item: its own cells, and where a
 * tight gutter ran the number into the text before it (the cell reaches
 * into the column), the number at the end of that cell. */
static void column_text(const ap_pack *pack, const ap_item *item,
                        double column_x, GString *out)
{
    static pcre2_code *tail;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        tail = ap_re_compile("(?:^|\\s)([0-9]{1,4}(?:\\s*[-–]\\s*(?:[0-9]{1,4})?)?)$");
        g_once_init_leave(&ready, 1);
    }
    size_t n;
    ap_piece *pcs = ap_item_pieces(pack, item, &n);
    for (size_t i = 0; i < n; i++) {
        const char *t = NULL;
        ap_match m;
        bool row_last = i + 1 == n || pcs[i + 1].row != pcs[i].row ||
                        pcs[i + 1].page_ref;
        if (pcs[i].page_ref)
            t = pcs[i].cell->text;
        else if (row_last && column_x > 0 &&
                 pcs[i].cell->bbox.x1 > column_x + 4 &&
                 ap_re_search(tail, pcs[i].cell->text + pcs[i].skip, 0, &m))
            t = pcs[i].cell->text + pcs[i].skip + m.start[1];
        if (t) {
            if (out->len)
                g_string_append_c(out, ' ');
            g_string_append(out, t);
        }
    }
    g_free(pcs);
}

/* The left edge of the page-number column, or 0 when there is none. */
static double page_column(const ap_pack *pack)
{
    double x = 0;
    for (size_t i = 0; i < pack->nitems; i++) {
        size_t n;
        ap_piece *pcs = ap_item_pieces(pack, &pack->items[i], &n);
        for (size_t k = 0; k < n; k++)
            if (pcs[k].page_ref && (x == 0 || pcs[k].cell->bbox.x0 < x))
                x = pcs[k].cell->bbox.x0;
        g_free(pcs);
    }
    return x;
}

static void read_page_range(const ap_pack *pack, ap_item *item,
                            double column_x)
{
    const segment_rules *re = rules();
    GString *cells = g_string_new(NULL);
    char *text = region_text(pack, item);
    column_text(pack, item, column_x, cells);
    ap_match m;
    const char *src = NULL;
    if (ap_re_search(re->pages_inline, text, 0, &m))
        src = text;
    else if (cells->len && ap_re_search(re->page_range, cells->str, 0, &m))
        src = cells->str;
    if (src) {
        item->page_start = atoi(src + m.start[1]);
        item->page_end = ap_match_set(&m, 2) ? atoi(src + m.start[2])
                                             : item->page_start;
    }
    if (item->page_end < item->page_start)
        item->page_end = item->page_start;
    g_free(text);
    g_string_free(cells, TRUE);
}

/* ---- PDF spans ----------------------------------------------------------- */

static bool item_stamped(const ap_doc *doc, const char *number, int *first,
                         int *last)
{
    *first = *last = 0;
    for (size_t p = 0; p < doc->npages; p++)
        if (g_strcmp0(doc->pages[p].agenda_item, number) == 0) {
            if (!*first)
                *first = (int)p + 1;
            *last = (int)p + 1;
        }
    return *first > 0;
}

/* PDF pages printed with numbers in [from, to], after the frontsheet;
 * trailing blank padding pages without a number belong to the span. */
static bool printed_span(const ap_pack *pack, int from, int to, int *first,
                         int *last)
{
    const ap_doc *doc = pack->doc;
    *first = *last = 0;
    for (size_t p = pack->front_pages; p < doc->npages; p++) {
        int n = doc->pages[p].printed_page;
        if (n >= from && n <= to) {
            if (!*first)
                *first = (int)p + 1;
            *last = (int)p + 1;
        }
    }
    if (!*first)
        return false;
    while ((size_t)*last < doc->npages && doc->pages[*last].blank &&
           doc->pages[*last].printed_page == 0)
        (*last)++;
    return true;
}

static void map_pdf_pages(ap_pack *pack, ap_item *item)
{
    int s_first, s_last, p_first = 0, p_last = 0;
    bool stamped = item_stamped(pack->doc, item->number, &s_first, &s_last);
    bool printed = item->page_start &&
                   printed_span(pack, item->page_start, item->page_end,
                                &p_first, &p_last);
    if (stamped) {
        item->pdf_start = s_first;
        item->pdf_end = s_last;
        if (printed && p_first != s_first)
            pack_warn(pack,
                      "agenda item %s: the frontsheet's pages %d-%d start on "
                      "PDF page %d but the item's stamp is on PDF page %d; "
                      "the stamp is trusted",
                      item->number, item->page_start, item->page_end, p_first,
                      s_first);
    } else if (printed) {
        item->pdf_start = p_first;
        item->pdf_end = p_last;
    }
}

/* A stamp ends where the next stamped item begins; a printed span ends at
 * its last page. Spans must not overlap the next item's: the next item's
 * first page wins. */
static void trim_overlaps(ap_pack *pack)
{
    for (size_t i = 0; i + 1 < pack->nitems; i++) {
        ap_item *a = &pack->items[i];
        for (size_t j = i + 1; j < pack->nitems; j++) {
            const ap_item *b = &pack->items[j];
            if (b->pdf_start && a->pdf_start && a->pdf_end >= b->pdf_start &&
                b->pdf_start > a->pdf_start) {
                a->pdf_end = b->pdf_start - 1;
                break;
            }
        }
    }
}

/* ---- the stage ----------------------------------------------------------- */

static size_t front_limit(const ap_doc *doc)
{
    size_t k = 0;
    while (k < doc->npages && k < MAX_FRONT_PAGES && !doc->pages[k].agenda_item)
        k++;
    return k;
}

/* A blank page between two pages ends the frontsheet: what follows it is
 * the first document, whose own numbered headings are not agenda items. */
static bool blank_between(const ap_doc *doc, size_t from, size_t to)
{
    for (size_t p = from + 1; p < to; p++)
        if (doc->pages[p].blank)
            return true;
    return false;
}

/* How much of chain c lies on the frontsheet. */
static size_t frontsheet_part(const ap_pack *pack, const ap_numbered *cands,
                              const chain *c)
{
    for (size_t k = 1; k < c->len; k++)
        if (blank_between(pack->doc, cands[c->idx[k - 1]].pos.page,
                          cands[c->idx[k]].pos.page))
            return k;
    return c->len;
}

/* A further agenda list (a second meeting summoned on the same sheet) must
 * start on the same or the next page, unnumbered, with no blank between. */
static bool continues_frontsheet(const ap_pack *pack, size_t last_page,
                                 size_t page)
{
    return page <= last_page + 1 && !blank_between(pack->doc, last_page, page) &&
           pack->doc->pages[page].printed_page == 0;
}

static void add_chain_items(const ap_numbered *cands, const chain *c,
                            size_t len, GArray *items)
{
    for (size_t k = 0; k < len; k++) {
        const ap_numbered *cd = &cands[c->idx[k]];
        ap_item it = {.anchor = cd->pos, .number_len = cd->number_len,
                      .part = 1, .starts_list = k == 0};
        ap_numbered_format(cd, it.number, sizeof it.number);
        g_array_append_val(items, it);
    }
}

static void find_items(ap_pack *pack, size_t limit)
{
    ap_rowset pages = {pack->rows, limit};
    GArray *cands = ap_numbered_find(&pages);
    const ap_numbered *cs = (const ap_numbered *)(void *)cands->data;
    GArray *items = g_array_new(FALSE, FALSE, sizeof(ap_item));
    size_t from = 0, last_page = 0;
    chain c;
    if (cands->len && minutes_heading_before(pack, cs[0].pos))
        pack->minutes_only = true;
    while (!pack->minutes_only &&
           pick_chain(pack, cs, cands->len, from, items->len ? 3 : 2, &c)) {
        if (items->len && !continues_frontsheet(pack, last_page,
                                                cs[c.idx[0]].pos.page)) {
            g_free(c.idx);
            break;
        }
        size_t len = frontsheet_part(pack, cs, &c);
        add_chain_items(cs, &c, len, items);
        from = c.idx[len - 1] + 1;
        last_page = cs[c.idx[len - 1]].pos.page;
        g_free(c.idx);
    }
    g_array_free(cands, TRUE);
    pack->nitems = items->len;
    pack->items = (ap_item *)g_array_free(items, FALSE);
}

/* The frontsheet runs to the page of the last item, and the blank page
 * padding it, if any. */
static void set_front_pages(ap_pack *pack, size_t limit)
{
    if (!pack->nitems) {
        pack->front_pages = 0;
        return;
    }
    size_t last = pack->items[pack->nitems - 1].anchor.page + 1;
    while (last < limit && pack->doc->pages[last].blank)
        last++;
    pack->front_pages = last;
}

static void set_regions(ap_pack *pack)
{
    int part = 1;
    /* first every region, then the page column they share, then pages */
    for (size_t i = 0; i < pack->nitems; i++) {
        ap_item *it = &pack->items[i];
        /* headings between the previous item's end and this anchor */
        ap_pos from = i ? pack->items[i - 1].end : (ap_pos){0, 0};
        for (ap_pos p = from; ap_pos_cmp(p, it->anchor) < 0;) {
            if (p.row >= pack->rows[p.page]->nrows) {
                p.page++;
                p.row = 0;
                continue;
            }
            row_is_heading(&pack->rows[p.page]->rows[p.row], &part);
            p.row++;
        }
        it->part = part;
        ap_pos next = i + 1 < pack->nitems && !pack->items[i + 1].starts_list
                          ? pack->items[i + 1].anchor
                          : (ap_pos){it->anchor.page,
                                     pack->rows[it->anchor.page]->nrows};
        it->end = region_end(pack, it->anchor, next, &part);
    }
    double column_x = page_column(pack);
    for (size_t i = 0; i < pack->nitems; i++) {
        read_page_range(pack, &pack->items[i], column_x);
        map_pdf_pages(pack, &pack->items[i]);
    }
    trim_overlaps(pack);
}

/* Every item's title split from the rest of its text, by one rule for
 * the whole list (pages/titles.c). */
static ap_titled *item_titles(const ap_pack *pack)
{
    if (!pack->nitems)
        return NULL;
    ap_piece **pieces = g_new(ap_piece *, pack->nitems);
    size_t *npieces = g_new(size_t, pack->nitems);
    for (size_t i = 0; i < pack->nitems; i++)
        pieces[i] = ap_item_pieces(pack, &pack->items[i], &npieces[i]);
    ap_titled *titled = ap_titles_split(pieces, npieces, pack->nitems, false);
    for (size_t i = 0; i < pack->nitems; i++)
        g_free(pieces[i]);
    g_free(pieces);
    g_free(npieces);
    return titled;
}

/* A report's cover sheet on or before the page its "agenda" starts: two or
 * more labels only a report prints (From, Subject, Decision No, Summary
 * ...). A frontsheet prints a committee, a date and a list of business,
 * never those; a report numbers its sections as an agenda numbers items,
 * so the numbers alone do not tell them apart. */
#define REPORT_LABELS 2

static bool report_before_items(const ap_pack *pack)
{
    for (size_t p = 0; p <= pack->items[0].anchor.page && p < pack->doc->npages; p++) {
        ap_cover *cover = ap_cover_read(&pack->doc->pages[p]);
        bool report = cover && cover->nreport >= REPORT_LABELS;
        ap_cover_free(cover);
        if (report)
            return true;
    }
    return false;
}

static ap_pack *segment(const ap_doc *doc, bool documents_only)
{
    ap_pack *pack = g_new0(ap_pack, 1);
    pack->doc = doc;
    pack->cache = g_new0(ap_pack_cache, 1);
    pack->documents_only = documents_only;
    size_t limit = front_limit(doc);
    pack->rows = g_new0(ap_rows *, limit ? limit : 1);
    for (size_t p = 0; p < limit; p++)
        pack->rows[p] = ap_rows_build(&doc->pages[p]);
    pack->front_pages = limit;
    if (!documents_only)
        find_items(pack, limit);
    if (pack->nitems && report_before_items(pack)) {
        /* a report's numbered sections, not an agenda */
        g_free(pack->items);
        pack->items = NULL;
        pack->nitems = 0;
    }
    set_front_pages(pack, limit);
    /* keep the rows of every page looked at: the meeting header may sit on
     * a cover page before the agenda */
    if (pack->front_pages == 0 && limit)
        pack->front_pages = 1;
    set_regions(pack);
    for (size_t p = pack->front_pages; p < limit; p++) {
        ap_rows_free(pack->rows[p]);
        pack->rows[p] = NULL;
    }
    pack->titled = item_titles(pack);
    pack->front = ap_front_read(pack);
    ap_pack_find_documents(pack);
    pack->council = ap_pack_council(pack);
    ap_pack_read_meeting_ref(pack);
    return pack;
}

ap_pack *ap_pack_segment(const ap_doc *doc)
{
    return segment(doc, false);
}

ap_pack *ap_pack_segment_documents(const ap_doc *doc)
{
    return segment(doc, true);
}

void ap_pack_free(ap_pack *pack)
{
    if (!pack)
        return;
    for (size_t p = 0; p < pack->front_pages; p++)
        ap_rows_free(pack->rows[p]);
    g_free(pack->rows);
    ap_front_free(pack->front);
    g_free(pack->council);
    ap_titled_free(pack->titled, pack->nitems);
    ap_documents_free(pack->documents, pack->ndocuments);
    g_free(pack->printed_for.committee);
    g_free(pack->printed_for.decision_ref);
    g_free(pack->minutes);
    ap_grids_free(pack->cache->grids);
    ap_measures_free(pack->cache->measures);
    g_free(pack->cache);
    g_free(pack->items);
    for (size_t i = 0; i < pack->nwarnings; i++)
        g_free(pack->warnings[i]);
    g_free(pack->warnings);
    g_free(pack);
}
