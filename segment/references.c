/*
 * references.c: what a document says of itself and of others, for tying
 * documents published as files of their own to their meeting across a
 * batch (run/link.c): the lines of its title block, the decision numbers it
 * prints, and the appendices it cites with the words around each ("A
 * Reserves Policy is included as Appendix G to this report").
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/regex.h"
#include "lexicon/normalise.h"
#include "segment/segment.h"

/* The title block: the first page's lines in its top part. */
#define HEADING_ZONE 0.4
#define MAX_HEADINGS 8
#define MAX_LINE_CHARS 200
/* Citations kept: so many a document, so many for one label. */
#define MAX_CITES 40
#define CITES_PER_LABEL 2
/* Labels a range ("appendices 1 to 12") names at most. */
#define MAX_RANGE 26
/* Bytes of context kept either side of a citation. */
#define CONTEXT_BYTES 120

typedef struct ref_rules {
    pcre2_code *decision_ref, *cite, *cite_label, *label;
} ref_rules;

static const ref_rules *rules(void)
{
    static ref_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        /* "24/00096"; not a month and a year ("03/2025") */
        r.decision_ref = ap_re_compile("(?<![0-9/])([0-9]{2}/(?:[0-9]{5,6}|(?!19|20)[0-9]{4}))"
                                       "(?![0-9/])");
        /* 1 the kind, 2 the labels: "Appendix G", "appendices A and B",
         * "Appendices D, E and F", "annexes 1 to 3" */
        r.cite = ap_re_compile_cased(
            "\\b([Aa]ppendix|APPENDIX|[Aa]nnex|ANNEX|[Aa]ppendices|APPENDICES|[Aa]nnexes|ANNEXES)"
            "\\s+((?:[A-Z]{1,2}|[0-9]{1,2})\\b(?:(?:\\s*,\\s*|\\s+(?:and|to)\\s+|\\s*[&\u2013-]\\s*)"
            "(?:[A-Z]{1,2}|[0-9]{1,2})\\b)*)");
        r.cite_label = ap_re_compile_cased("[A-Z]{1,2}\\b|[0-9]{1,2}\\b|\\bto\\b|[\u2013-]");
        /* a line that is the label, or starts a title with it: "Appendix G",
         * "APPENDIX A - CAPITAL ...", "Annex 2: ...", "Appendix B Capital";
         * not prose ("Appendix A sets out", "Appendix A (the list) gives") */
        r.label = ap_re_compile_cased("^\\s*([Aa]ppendix|APPENDIX|[Aa]nnex|ANNEX)\\s+"
                                      "([A-Z]{1,2}|[0-9]{1,2})"
                                      "(?:\\s*$|\\s*[-\u2013\u2014:]|\\s+[A-Z0-9])");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

static char **take_strings(GPtrArray *list, size_t *n)
{
    *n = list->len;
    g_ptr_array_add(list, NULL);
    return (char **)g_ptr_array_free(list, FALSE);
}

/* At most MAX_LINE_CHARS characters of a line (g_utf8_substring reads past
 * the end when asked for more characters than there are). */
static char *heading_text(const char *text)
{
    glong n = g_utf8_strlen(text, -1);
    return g_utf8_substring(text, 0, n < MAX_LINE_CHARS ? n : MAX_LINE_CHARS);
}

/* A label's line is a heading, not a sentence: so many words at most. */
#define LABEL_LINE_WORDS 12

static size_t count_words(const char *line)
{
    size_t n = 0;
    for (const char *p = line; *p; p++)
        n += !g_ascii_isspace(*p) && (p == line || g_ascii_isspace(p[-1]));
    return n;
}

char *ap_appendix_label(const char *line)
{
    ap_match m;
    if (!line || count_words(line) > LABEL_LINE_WORDS ||
        !ap_re_search(rules()->label, line, 0, &m))
        return NULL;
    char *kind = ap_match_dup(&m, line, 1), *which = ap_match_dup(&m, line, 2);
    char *label = g_strdup_printf("%s %s", g_ascii_tolower(kind[1]) == 'p' ? "Appendix" : "Annex",
                                  which);
    g_free(kind);
    g_free(which);
    return label;
}

/* What the document calls itself: a title block line, or its running
 * header or footer ("Appendix G" atop every page is furniture). */
static char *read_label(const ap_page *page)
{
    char *label = NULL;
    for (size_t i = 0; !label && i < page->nlines; i++)
        if (page->lines[i].bbox.y0 <= page->height * HEADING_ZONE)
            label = ap_appendix_label(page->lines[i].text);
    for (size_t i = 0; !label && i < page->nfurniture; i++)
        if (page->furniture[i].kind == AP_FURN_RUNNING)
            label = ap_appendix_label(page->furniture[i].line.text);
    return label;
}

static void read_headings(const ap_doc *doc, ap_document *d)
{
    GPtrArray *lines = g_ptr_array_new();
    const ap_page *page = &doc->pages[d->first];
    for (size_t i = 0; i < page->nlines && lines->len < MAX_HEADINGS; i++)
        if (page->lines[i].bbox.y0 <= page->height * HEADING_ZONE)
            g_ptr_array_add(lines, heading_text(page->lines[i].text));
    d->refs.headings = take_strings(lines, &d->refs.nheadings);
    d->refs.label = read_label(page);
}

/* The document's text, its lines joined by spaces (a citation's sentence
 * wraps). */
static char *document_text(const ap_doc *doc, const ap_document *d)
{
    GString *s = g_string_new(NULL);
    for (size_t p = d->first; p <= d->last; p++)
        for (size_t i = 0; i < doc->pages[p].nlines; i++) {
            g_string_append(s, doc->pages[p].lines[i].text);
            g_string_append_c(s, ' ');
        }
    return g_string_free(s, FALSE);
}

static void read_decision_refs(const char *text, ap_document *d)
{
    GPtrArray *refs = g_ptr_array_new();
    ap_match m;
    for (size_t from = 0; ap_re_search(rules()->decision_ref, text, from, &m); from = m.end[0]) {
        char *ref = ap_match_dup(&m, text, 1);
        if (g_ptr_array_find_with_equal_func(refs, ref, g_str_equal, NULL))
            g_free(ref);
        else
            g_ptr_array_add(refs, ref);
    }
    d->refs.decision_refs = take_strings(refs, &d->refs.ndecision_refs);
}

/* A byte offset moved back to the start of the character it is in. */
static size_t char_start(const char *text, size_t at)
{
    while (at > 0 && (text[at] & 0xc0) == 0x80)
        at--;
    return at;
}

/* The labels a citation names, in order: "A and B", "D, E and F", and
 * a range "1 to 3" or "A-C" each between, its ends of one sort. */
static GPtrArray *cited_labels(const char *kind, const char *list)
{
    GPtrArray *labels = g_ptr_array_new_with_free_func(g_free);
    const char *last = NULL;    /* the label before, as printed */
    char *last_owned = NULL;
    bool range = false;
    ap_match m;
    for (size_t from = 0; ap_re_search(rules()->cite_label, list, from, &m); from = m.end[0]) {
        char *part = ap_match_dup(&m, list, 0);
        bool number = g_ascii_isdigit(part[0]);
        if (!strcmp(part, "to") || !g_ascii_isalnum(part[0])) {
            range = last != NULL;
            g_free(part);
            continue;
        }
        if (range && number == g_ascii_isdigit(last[0]) && (number || strlen(part) == 1)) {
            long a = number ? atol(last) : last[0], b = number ? atol(part) : part[0];
            for (long x = a + 1; x < b && x - a <= MAX_RANGE; x++)
                g_ptr_array_add(labels, number ? g_strdup_printf("%s %ld", kind, x)
                                               : g_strdup_printf("%s %c", kind, (char)x));
        }
        g_ptr_array_add(labels, g_strdup_printf("%s %s", kind, part));
        range = false;
        g_free(last_owned);
        last = last_owned = part;
    }
    g_free(last_owned);
    return labels;
}

static void read_cites(const char *text, ap_document *d)
{
    GArray *cites = g_array_new(FALSE, FALSE, sizeof(ap_citation));
    GHashTable *per_label = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    size_t len = strlen(text);
    ap_match m;
    for (size_t from = 0; cites->len < MAX_CITES && ap_re_search(rules()->cite, text, from, &m);
         from = m.end[0]) {
        const char *kind = g_ascii_tolower(text[m.start[0] + 1]) == 'p' ? "Appendix" : "Annex";
        char *list = ap_match_dup(&m, text, 2);
        GPtrArray *labels = cited_labels(kind, list);
        g_free(list);
        size_t a = char_start(text, m.start[0] > CONTEXT_BYTES ? m.start[0] - CONTEXT_BYTES : 0);
        size_t b = char_start(text, m.end[0] + CONTEXT_BYTES < len ? m.end[0] + CONTEXT_BYTES : len);
        for (guint i = 0; i < labels->len && cites->len < MAX_CITES; i++) {
            const char *label = labels->pdata[i];
            guint seen = GPOINTER_TO_UINT(g_hash_table_lookup(per_label, label));
            if (seen >= CITES_PER_LABEL)
                continue;
            g_hash_table_insert(per_label, g_strdup(label), GUINT_TO_POINTER(seen + 1));
            char *raw = g_strndup(text + a, b - a);
            ap_citation c = {g_strdup(label), ap_collapse_space(raw)};
            g_free(raw);
            g_array_append_val(cites, c);
        }
        g_ptr_array_free(labels, TRUE);
    }
    g_hash_table_destroy(per_label);
    d->refs.ncites = cites->len;
    d->refs.cites = (ap_citation *)(void *)g_array_free(cites, FALSE);
}

void ap_document_read_references(const ap_doc *doc, ap_document *d)
{
    read_headings(doc, d);
    char *text = document_text(doc, d);
    read_decision_refs(text, d);
    read_cites(text, d);
    g_free(text);
}

void ap_references_clear(ap_references *r)
{
    g_free(r->label);
    g_strfreev(r->headings);
    g_strfreev(r->decision_refs);
    for (size_t i = 0; i < r->ncites; i++) {
        g_free(r->cites[i].label);
        g_free(r->cites[i].context);
    }
    g_free(r->cites);
    *r = (ap_references){0};
}
