/*
 * council.c: the pack's council: printed as a heading of its own over the
 * agenda (segment/front.c reads that), else inferred.
 *
 * Evidence, in order: the most frequent *.gov.uk address in the frontsheet,
 * a council's name printed over the first page, then an address anywhere
 * in the pack, written as the pack prints the council's name
 * ("cheshireeast" -> "Cheshire East Council", else "Cheshireeast"); then a
 * town hall's town ("Town Hall, Bury"). Without evidence it stays null: a
 * council is never guessed.
 */
#include <string.h>

#include <glib.h>

#include "lexicon/normalise.h"
#include "core/regex.h"
#include "segment/front.h"
#include "segment/segment.h"
#include "core/page_model.h"

typedef struct council_rules {
    pcre2_code *gov_domain, *printed_council, *town_hall;
} council_rules;

static const council_rules *rules(void)
{
    static council_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        r.gov_domain = ap_re_compile("(?:@|www\\.)([a-z0-9-]+)\\.gov\\.uk\\b");
        r.printed_council = ap_re_compile_cased(
            "\\b((?:[A-Z][A-Za-z’']+\\s+){1,4}(?:Metropolitan\\s+)?"
            "(?:Borough\\s+|County\\s+|City\\s+|District\\s+)?Council)\\b");
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

/* A council's name printed as a line of its own near the top of the
 * first page ("KENT COUNTY COUNCIL" over printed minutes). */
#define HEADING_LINES 6

static char *council_heading(const ap_doc *doc)
{
    for (size_t i = 0; doc->npages && i < doc->pages[0].nlines && i < HEADING_LINES; i++)
        if (ap_is_council_name(doc->pages[0].lines[i].text))
            return g_strdup(doc->pages[0].lines[i].text);
    return NULL;
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

/* "... Cheshire East Council ..." for "cheshireeast": the printed phrase,
 * from the place's first word on. */
static char *printed_name(const char *domain, const char *text)
{
    ap_match m;
    char *found = NULL;
    for (size_t from = 0; !found && ap_re_search(rules()->printed_council, text, from, &m);
         from = m.end[0]) {
        char *name = ap_match_dup(&m, text, 1);
        char *sq = squash(name);
        char *at = strstr(sq, domain);
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
        g_free(name);
    }
    return found;
}

static char *council_from_domain(const char *evidence, const char *text)
{
    char *domain = most_frequent_domain(evidence);
    if (!domain)
        return NULL;
    char *name = printed_name(domain, text);
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
    char *council = council_from_domain(front, all);
    if (!council)
        council = council_heading(doc);
    if (!council)
        council = council_from_domain(all, all);
    if (!council) {
        ap_match m;
        if (ap_re_search(rules()->town_hall, all, 0, &m))
            council = ap_match_dup(&m, all, ap_match_set(&m, 1) ? 1 : 2);
    }
    g_free(all);
    g_free(front);
    return council;
}

char *ap_pack_council(const ap_pack *pack)
{
    if (pack->front && pack->front->council)
        return g_strdup(pack->front->council);
    return inferred_council(pack);
}
