/*
 * council.c: the pack's council: printed as a heading of its own over the
 * agenda (segment/front.c reads that), else inferred.
 *
 * Evidence, in order: the most frequent *.gov.uk address in the frontsheet,
 * a council's name printed as a heading on the first page, a council's
 * name printed as a heading on any page (a line of its own at a page's top,
 * or leading one: "KENT COUNTY COUNCIL - PROPOSED RECORD OF DECISION"; or
 * a running header or footer), then an address anywhere in the pack. An
 * address is written as the pack's headings print the council's name
 * ("cheshireeast" -> "Cheshire East Council"), else as the address
 * ("Cheshireeast"); a phrase in running prose ("Kent Council Leaders") is
 * never a council's name. Then a town hall's town ("Town Hall, Bury").
 * Without evidence it stays null: a council is never guessed. A name
 * printed in capitals is written in the case names are.
 */
#include <string.h>

#include <glib.h>

#include "lexicon/normalise.h"
#include "core/regex.h"
#include "segment/front.h"
#include "segment/segment.h"
#include "core/page_model.h"

typedef struct council_rules {
    pcre2_code *gov_domain, *town_hall, *leading;
} council_rules;

static const council_rules *rules(void)
{
    static council_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        r.gov_domain = ap_re_compile("(?:@|www\\.)([a-z0-9-]+)\\.gov\\.uk\\b");
        /* a heading led by a name, then a dash or a colon */
        r.leading = ap_re_compile("^(.+?)\\s*(?:[-–—:|]|\\s{3,})\\s*\\S");
        r.town_hall = ap_re_compile_cased(
            "\\b([A-Z][a-z]+)\\s+Town\\s+Hall\\b|\\bTown\\s+Hall,\\s+([A-Z][a-z]+)\\b");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* The pages' lines, one per line; a line starting with "." carries on the
 * one before, as an address wrapped at its dot ("jo.smith@kent" /
 * ".gov.uk") does. */
static char *pages_text(const ap_doc *doc, size_t from, size_t to)
{
    GString *s = g_string_new(NULL);
    for (size_t p = from; p < doc->npages && p < to; p++)
        for (size_t i = 0; i < doc->pages[p].nlines; i++) {
            const char *t = doc->pages[p].lines[i].text;
            if (s->len && t[0] == '.')
                g_string_truncate(s, s->len - 1);
            g_string_append(s, t);
            g_string_append_c(s, '\n');
        }
    return g_string_free(s, FALSE);
}

/* A page's heading lines: its first lines, and its running header and
 * footer. */
#define HEADING_LINES 6

/* The name in text after its last word in lower case: a heading's "Report
 * to Kent County Council", "Leader of Kent County Council" name "Kent
 * County Council". */
static char *after_lower_words(const char *text)
{
    const char *start = text;
    for (const char *p = text; *p; p++)
        if ((p == text || p[-1] == ' ') && g_ascii_islower(*p)) {
            const char *space = strchr(p, ' ');
            start = space ? space + 1 : p + strlen(p);
        }
    return g_strdup(start);
}

/* The council a heading names: the whole line, or what leads it. */
static char *council_in(const char *text)
{
    char *head = NULL;
    ap_match m;
    if (!ap_is_council_name(text) && ap_re_search(rules()->leading, text, 0, &m))
        head = ap_match_dup(&m, text, 1);
    char *name = after_lower_words(head ? head : text);
    g_free(head);
    if (ap_is_council_name(name))
        return name;
    g_free(name);
    return NULL;
}

/* The council names the headings of pages [from, to) print, in order. */
static GPtrArray *heading_councils(const ap_doc *doc, size_t from, size_t to)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (size_t p = from; p < doc->npages && p < to; p++) {
        const ap_page *page = &doc->pages[p];
        for (size_t i = 0; i < page->nlines && i < HEADING_LINES; i++) {
            char *name = council_in(page->lines[i].text);
            if (name)
                g_ptr_array_add(names, name);
        }
        for (size_t i = 0; i < page->nfurniture; i++) {
            char *name = council_in(page->furniture[i].line.text);
            if (name)
                g_ptr_array_add(names, name);
        }
    }
    return names;
}

static char *squash(const char *s)
{
    GString *out = g_string_new(NULL);
    for (; *s; s++)
        if (g_ascii_isalpha(*s))
            g_string_append_c(out, g_ascii_tolower(*s));
    return g_string_free(out, FALSE);
}

static char *most_frequent_domain(const char *text)
{
    GHashTable *counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    ap_match m;
    char *best = NULL;
    guint best_n = 0;
    for (size_t from = 0; ap_re_search(rules()->gov_domain, text, from, &m);
         from = m.end[0]) {
        char *label = g_ascii_strdown(text + m.start[1], (gssize)(m.end[1] - m.start[1]));
        guint n = GPOINTER_TO_UINT(g_hash_table_lookup(counts, label)) + 1;
        if (n > best_n) {
            best_n = n;
            g_free(best);
            best = g_strdup(label);
        }
        g_hash_table_insert(counts, label, GUINT_TO_POINTER(n));
    }
    g_hash_table_destroy(counts);
    return best;
}

/* The heading name an address's domain is ("cheshireeast": "Cheshire East
 * Council"), from the place's first word on. */
static char *printed_name(const char *domain, const GPtrArray *headings)
{
    for (guint i = 0; i < headings->len; i++) {
        const char *name = headings->pdata[i];
        char *sq = squash(name);
        char *at = strstr(sq, domain);
        char *found = NULL;
        if (at) {
            size_t skip = (size_t)(at - sq), letters = 0;
            const char *p = name;
            while (*p && letters < skip)
                letters += g_ascii_isalpha(*p++) != 0;
            while (*p == ' ')
                p++;
            found = g_strdup(p);
        }
        g_free(sq);
        if (found)
            return found;
    }
    return NULL;
}

/* The council an address names, as the headings print it; else, where
 * bare, as the address (a department's address, in a letter or a report,
 * names no council: documents published on their own take the name only
 * from a heading). */
static char *council_from_domain(const char *evidence, const GPtrArray *headings, bool bare)
{
    char *domain = most_frequent_domain(evidence);
    if (!domain)
        return NULL;
    char *name = printed_name(domain, headings);
    if (!name && !bare) {
        g_free(domain);
        return NULL;
    }
    if (!name) {
        name = g_strdup(domain);
        name[0] = g_ascii_toupper(name[0]);
    }
    g_free(domain);
    return name;
}

static char *inferred_council(const ap_pack *pack)
{
    const ap_doc *doc = pack->doc;
    char *front = pages_text(doc, 0, pack->front_pages);
    char *all = pages_text(doc, 0, doc->npages);
    GPtrArray *headings = heading_councils(doc, 0, doc->npages);
    GPtrArray *first = heading_councils(doc, 0, 1);
    bool bare = pack->kind != AP_PACK_DOCUMENTS;
    char *council = council_from_domain(front, headings, bare);
    if (!council && first->len)
        council = g_strdup(first->pdata[0]);
    if (!council && headings->len)
        council = g_strdup(headings->pdata[0]);
    if (!council)
        council = council_from_domain(all, headings, bare);
    if (!council) {
        ap_match m;
        if (ap_re_search(rules()->town_hall, all, 0, &m))
            council = ap_match_dup(&m, all, ap_match_set(&m, 1) ? 1 : 2);
    }
    g_ptr_array_free(first, TRUE);
    g_ptr_array_free(headings, TRUE);
    g_free(all);
    g_free(front);
    return council;
}

char *ap_pack_council(const ap_pack *pack)
{
    char *council = pack->front && pack->front->council ? g_strdup(pack->front->council)
                                                        : inferred_council(pack);
    char *cased = council ? ap_name_case(council) : NULL;
    g_free(council);
    return cased;
}
