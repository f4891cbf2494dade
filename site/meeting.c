/*
 * meeting.c: a meeting's page, made from its record alone (so `convert
 * --html` and `site --meeting` make the same page as the whole site):
 * its details, the agenda with each item's documents and tables, the
 * minutes with attendance, resolutions, declarations and recorded votes,
 * its indicators, warnings and sources. Each source PDF is linked at the
 * page the thing was read from.
 */
#include <string.h>

#include <glib.h>

#include "core/json_fields.h"
#include "site/siteInt.h"

typedef struct page {
    ap_html *h;
    const cJSON *m;
    const ap_site_pdfs *pdfs;
    char *dir;              /* the page's folder, absolute */
    const char *root;       /* to the site's root; NULL standing alone */
    char *council;          /* the id's council part, for people's pages */
    const cJSON *minutes_source;    /* the source whose role is minutes */
} page;

/* ---- small pieces ----------------------------------------------------------------------- */

static const cJSON *array(const cJSON *o, const char *key)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsArray(a) ? a : NULL;
}

/* A link to source (a {file, sha256}) at pdf_page, with text; the text
 * alone when the PDF is not known here. */
static void pdf_link(page *p, const cJSON *source, int pdf_page, const char *text)
{
    char *href = ap_site_pdf_href(p->pdfs, p->dir, ap_field_text(source, "sha256"),
                                  ap_field_text(source, "file"), pdf_page);
    ap_html_link(p->h, href, text);
    g_free(href);
}

/* "pages 3 to 9" (as printed), linked to the first page in the PDF. */
static void page_range(page *p, const cJSON *o, const cJSON *source)
{
    int start = ap_field_int(o, "pdf_page_start"), end = ap_field_int(o, "pdf_page_end");
    int printed_start = ap_field_int(o, "page_start"), printed_end = ap_field_int(o, "page_end");
    if (!start)
        return;
    char *text;
    if (printed_start)
        text = printed_end > printed_start ? g_strdup_printf("pages %d to %d", printed_start,
                                                             printed_end)
                                           : g_strdup_printf("page %d", printed_start);
    else
        text = end > start ? g_strdup_printf("PDF pages %d to %d", start, end)
                           : g_strdup_printf("PDF page %d", start);
    ap_html_open(p->h, "span", "class", "pages", NULL);
    pdf_link(p, source, start, text);
    ap_html_close(p->h);
    g_free(text);
}

/* "report_to" as "Report to". */
static char *field_name(const char *key)
{
    char *name = g_strdup(key);
    for (char *c = name; *c; c++)
        if (*c == '_')
            *c = ' ';
    name[0] = g_ascii_toupper(name[0]);
    return name;
}

/* ---- the head of the page ------------------------------------------------------------------ */

static void details(page *p)
{
    ap_html *h = p->h;
    const cJSON *m = p->m;
    char *date = ap_site_long_date(ap_field_text(m, "date"));
    ap_html_elem(h, "p", ap_field_text(m, "council"), "class", "caption", NULL);
    ap_html_elem(h, "h1", ap_field_text(m, "committee"), NULL);
    ap_html_elem(h, "p", date, "class", "lead", NULL);
    ap_html_open(h, "dl", "class", "summary", NULL);
    ap_html_field(h, "Council", ap_field_text(m, "council"));
    ap_html_field(h, "Date", date);
    ap_html_field(h, "Time", ap_field_text(m, "start_time"));
    ap_html_field(h, "Venue", ap_field_text(m, "venue"));
    char *papers = ap_site_papers(ap_field_text(m, "status"));
    ap_html_field(h, "Papers", papers);
    g_free(papers);
    ap_html_field(h, "Commenced", ap_field_text(m, "commenced"));
    ap_html_field(h, "Ended", ap_field_text(m, "terminated"));
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "supplement")))
        ap_html_field(h, "Supplement", "yes: papers to follow the agenda");
    ap_html_close(h);
    if (p->root) {
        char *committee = ap_site_committee_file(ap_field_text(m, "id"));
        char *href = g_strconcat(p->root, "committees/", committee, NULL);
        ap_html_open(h, "p", NULL);
        ap_html_link(h, href, "All meetings and indicators of this committee");
        ap_html_close(h);
        g_free(href);
        g_free(committee);
    }
    g_free(date);
}

/* ---- tables --------------------------------------------------------------------------------- */

/* A cell's RAG fill or arrow, said as a word beside its text. */
static void cell_marks(page *p, const cJSON *table, int row, int col)
{
    const cJSON *mark;
    cJSON_ArrayForEach(mark, array(table, "marks")) {
        if (ap_field_int(mark, "row") != row || ap_field_int(mark, "col") != col)
            continue;
        const char *fill = ap_field_text(mark, "fill"), *arrow = ap_field_text(mark, "arrow");
        if (fill) {
            char *cls = g_strconcat("tag rag-", fill, NULL);
            ap_html_elem(p->h, "span", ap_site_rag_word(fill), "class", cls, NULL);
            g_free(cls);
        }
        if (arrow)
            ap_html_elem(p->h, "span", ap_site_direction_word(arrow), "class", "tag", NULL);
    }
}

static void table(page *p, const cJSON *t, int index)
{
    ap_html *h = p->h;
    const cJSON *rows = array(t, "rows");
    int nrows = cJSON_GetArraySize(rows);
    char id[32];
    g_snprintf(id, sizeof id, "table-%d", index);
    ap_html_open(h, "details", "class", "table", "id", id, NULL);
    ap_html_open(h, "summary", NULL);
    ap_html_textf(h, "Table on PDF page %d, %d row%s%s", ap_field_int(t, "pdf_page"), nrows,
                  nrows == 1 ? "" : "s",
                  cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(t, "continued"))
                      ? ", continued from the page before" : "");
    ap_html_close(h);
    ap_html_open(h, "p", NULL);
    pdf_link(p, cJSON_GetObjectItemCaseSensitive(t, "source"), ap_field_int(t, "pdf_page"),
             "The table in the PDF");
    ap_html_close(h);
    ap_html_open(h, "div", "class", "scroll", NULL);
    ap_html_open(h, "table", NULL);
    int r = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, rows) {
        /* the first row is the table's head as printed: every table the
         * tables stage writes begins with it */
        if (r == 0)
            ap_html_open(h, "thead", NULL);
        else if (r == 1)
            ap_html_open(h, "tbody", NULL);
        ap_html_open(h, "tr", NULL);
        int c = 0;
        const cJSON *cell;
        cJSON_ArrayForEach(cell, row) {
            ap_html_open(h, r == 0 ? "th" : "td", "scope", r == 0 ? "col" : NULL, NULL);
            ap_html_text(h, cJSON_IsString(cell) ? cell->valuestring : NULL);
            cell_marks(p, t, r, c);
            ap_html_close(h);
            c++;
        }
        ap_html_close(h);
        if (r == 0 || r + 1 == nrows)
            ap_html_close(h);
        r++;
    }
    ap_html_close(h);
    ap_html_close(h);
    ap_html_close(h);
}

/* The tables of item number (or, number NULL, of no item of the agenda). */
static void tables_of(page *p, const char *item, GHashTable *items)
{
    int i = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, array(p->m, "tables")) {
        const char *of = ap_field_text(t, "item");
        bool mine = item ? of && !strcmp(of, item) : !of || !g_hash_table_contains(items, of);
        if (mine)
            table(p, t, i);
        i++;
    }
}

/* ---- the agenda ------------------------------------------------------------------------------ */

static void document(page *p, const cJSON *d)
{
    ap_html *h = p->h;
    const char *kind = ap_field_text(d, "kind"), *title = ap_field_text(d, "title");
    const cJSON *source = cJSON_GetObjectItemCaseSensitive(d, "source");
    ap_html_open(h, "li", "class", "document", NULL);
    ap_html_elem(h, "span", kind ? kind : "document", "class", "tag", NULL);
    ap_html_text(h, " ");
    pdf_link(p, source, ap_field_int(d, "pdf_page_start"),
             title ? title : ap_field_text(source, "file"));
    const char *label = ap_field_text(d, "label");
    if (label)
        ap_html_textf(h, " (%s)", label);
    ap_html_text(h, " ");
    page_range(p, d, source);
    const cJSON *cover = cJSON_GetObjectItemCaseSensitive(d, "cover");
    if (cJSON_IsObject(cover) && cover->child) {
        ap_html_open(h, "dl", "class", "cover", NULL);
        const cJSON *f;
        cJSON_ArrayForEach(f, cover) {
            char *name = field_name(f->string);
            ap_html_field(h, name, cJSON_IsString(f) ? f->valuestring : NULL);
            g_free(name);
        }
        ap_html_close(h);
    }
    ap_html_close(h);
}

/* The documents of item number (or, number NULL, of no item). */
static void documents_of(page *p, const char *item, GHashTable *items)
{
    bool any = false;
    const cJSON *d;
    cJSON_ArrayForEach(d, array(p->m, "documents")) {
        const char *of = ap_field_text(d, "item");
        if (item ? !of || strcmp(of, item) : of && g_hash_table_contains(items, of))
            continue;
        if (!any)
            ap_html_open(p->h, "ul", "class", "documents", NULL);
        any = true;
        document(p, d);
    }
    if (any)
        ap_html_close(p->h);
}

static void agenda_item(page *p, const cJSON *item, int index, GHashTable *items)
{
    ap_html *h = p->h;
    const char *num = ap_field_text(item, "number"), *title = ap_field_text(item, "title");
    char id[32];
    g_snprintf(id, sizeof id, "item-%d", index);
    ap_html_open(h, "section", "class", "item", "aria-labelledby", id, NULL);
    ap_html_open(h, "h3", "id", id, NULL);
    ap_html_elem(h, "span", num, "class", "number", NULL);
    ap_html_text(h, " ");
    ap_html_text(h, title ? title : "(no title)");
    ap_html_close(h);
    if (ap_field_text(item, "description"))
        ap_html_elem(h, "p", ap_field_text(item, "description"), NULL);
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "exempt")) ||
        ap_field_int(item, "part") == 2) {
        const char *why = ap_field_text(item, "exemption");
        ap_html_open(h, "p", "class", "exempt", NULL);
        ap_html_textf(h, "Part 2: not for publication%s%s", why ? ": " : "", why ? why : "");
        ap_html_close(h);
    }
    if (ap_field_text(item, "decision_ref"))
        ap_html_elem(h, "p", ap_field_text(item, "decision_ref"), "class", "ref", NULL);
    if (ap_field_int(item, "pdf_page_start")) {
        ap_html_open(h, "p", NULL);
        page_range(p, item, cJSON_GetObjectItemCaseSensitive(item, "source"));
        ap_html_close(h);
    }
    if (num) {
        documents_of(p, num, items);
        tables_of(p, num, items);
    }
    ap_html_close(h);
}

static void agenda(page *p)
{
    const cJSON *items = array(p->m, "agenda");
    GHashTable *numbers = g_hash_table_new(g_str_hash, g_str_equal);
    const cJSON *item;
    cJSON_ArrayForEach(item, items)
        if (ap_field_text(item, "number"))
            g_hash_table_add(numbers, (gpointer)ap_field_text(item, "number"));
    if (cJSON_GetArraySize(items) > 0) {
        ap_html_heading(p->h, 2, "agenda", "Agenda");
        int i = 0;
        cJSON_ArrayForEach(item, items)
            agenda_item(p, item, i++, numbers);
    }
    /* what no agenda item claims */
    bool docs = false, tabs = false;
    cJSON_ArrayForEach(item, array(p->m, "documents")) {
        const char *of = ap_field_text(item, "item");
        docs |= !of || !g_hash_table_contains(numbers, of);
    }
    cJSON_ArrayForEach(item, array(p->m, "tables")) {
        const char *of = ap_field_text(item, "item");
        tabs |= !of || !g_hash_table_contains(numbers, of);
    }
    if (docs || tabs) {
        ap_html_heading(p->h, 2, "documents",
                        cJSON_GetArraySize(items) ? "Other documents and tables"
                                                  : "Documents and tables");
        documents_of(p, NULL, numbers);
        tables_of(p, NULL, numbers);
    }
    g_hash_table_destroy(numbers);
}

/* ---- the minutes ----------------------------------------------------------------------------- */

static void person(page *p, const char *name)
{
    if (!p->root || !name) {
        ap_html_text(p->h, name);
        return;
    }
    char *file = ap_site_person_file(p->council, name);
    char *href = g_strconcat(p->root, "people/", file, NULL);
    ap_html_link(p->h, href, name);
    g_free(href);
    g_free(file);
}

static void attendance_group(page *p, const char *status, const char *heading)
{
    ap_html *h = p->h;
    bool any = false;
    const cJSON *a;
    cJSON_ArrayForEach(a, array(p->m, "attendance")) {
        const char *s = ap_field_text(a, "status");
        if (!s || strcmp(s, status))
            continue;
        if (!any) {
            ap_html_elem(h, "h4", heading, NULL);
            ap_html_open(h, "ul", "class", "people", NULL);
        }
        any = true;
        ap_html_open(h, "li", NULL);
        const char *title = ap_field_text(a, "title"), *role = ap_field_text(a, "role");
        if (title)
            ap_html_textf(h, "%s ", title);
        person(p, ap_field_text(a, "name"));
        if (role)
            ap_html_textf(h, " (%s)", role);
        ap_html_close(h);
    }
    if (any)
        ap_html_close(h);
}

static void attendance(page *p)
{
    if (cJSON_GetArraySize(array(p->m, "attendance")) == 0)
        return;
    ap_html_heading(p->h, 3, "attendance", "Attendance");
    attendance_group(p, "present", "Present");
    attendance_group(p, "substitute", "Substitutes");
    attendance_group(p, "apologies", "Apologies");
    attendance_group(p, "absent", "Absent");
    attendance_group(p, "in_attendance", "In attendance");
}

static void names_voting(page *p, const cJSON *names, const char *how)
{
    const cJSON *n;
    cJSON_ArrayForEach(n, names) {
        if (!cJSON_IsString(n))
            continue;
        ap_html_open(p->h, "tr", NULL);
        ap_html_open(p->h, "th", "scope", "row", NULL);
        person(p, n->valuestring);
        ap_html_close(p->h);
        ap_html_elem(p->h, "td", how, NULL);
        ap_html_close(p->h);
    }
}

static void vote(page *p, const cJSON *v)
{
    ap_html *h = p->h;
    const char *motion = ap_field_text(v, "motion"), *result = ap_field_text(v, "result");
    ap_html_open(h, "div", "class", "vote", NULL);
    ap_html_open(h, "p", NULL);
    ap_html_elem(h, "strong", "Recorded vote", NULL);
    if (motion)
        ap_html_textf(h, " on %s", motion);
    if (result)
        ap_html_textf(h, ": %s", result);
    ap_html_close(h);
    GString *counts = g_string_new(NULL);
    static const char *const keys[] = {"for", "against", "abstain"};
    static const char *const words[] = {"For", "Against", "Abstained"};
    for (size_t k = 0; k < 3; k++) {
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(v, keys[k]);
        if (cJSON_IsNumber(n))
            g_string_append_printf(counts, "%s%s %d", counts->len ? ", " : "", words[k],
                                   n->valueint);
    }
    if (counts->len)
        ap_html_elem(h, "p", counts->str, NULL);
    g_string_free(counts, TRUE);
    int named = cJSON_GetArraySize(array(v, "names_for")) +
                cJSON_GetArraySize(array(v, "names_against")) +
                cJSON_GetArraySize(array(v, "names_abstain"));
    if (named) {
        ap_html_open(h, "table", "class", "votes", NULL);
        ap_html_elem(h, "caption", motion ? motion : "How each member voted", NULL);
        ap_html_open(h, "thead", NULL);
        ap_html_open(h, "tr", NULL);
        ap_html_elem(h, "th", "Member", "scope", "col", NULL);
        ap_html_elem(h, "th", "Vote", "scope", "col", NULL);
        ap_html_close(h);
        ap_html_close(h);
        ap_html_open(h, "tbody", NULL);
        names_voting(p, array(v, "names_for"), "For");
        names_voting(p, array(v, "names_against"), "Against");
        names_voting(p, array(v, "names_abstain"), "Abstained");
        ap_html_close(h);
        ap_html_close(h);
    }
    ap_html_close(h);
}

static void declarations(page *p, const cJSON *list)
{
    if (cJSON_GetArraySize(list) == 0)
        return;
    ap_html *h = p->h;
    ap_html_elem(h, "h4", "Declarations of interest", NULL);
    ap_html_open(h, "ul", "class", "declarations", NULL);
    const cJSON *d;
    cJSON_ArrayForEach(d, list) {
        const char *member = ap_field_text(d, "member"), *kind = ap_field_text(d, "kind");
        const char *item = ap_field_text(d, "item");
        ap_html_open(h, "li", NULL);
        if (member) {
            person(p, member);
            ap_html_text(h, ": ");
        }
        if (kind)
            ap_html_textf(h, "%s interest", kind);
        if (item)
            ap_html_textf(h, "%sitem %s", kind ? ", " : "", item);
        if (kind || item)
            ap_html_text(h, ". ");
        ap_html_text(h, ap_field_text(d, "text"));
        ap_html_close(h);
    }
    ap_html_close(h);
}

static void minute(page *p, const cJSON *e, int index)
{
    ap_html *h = p->h;
    const char *num = ap_field_text(e, "number");
    char id[32];
    g_snprintf(id, sizeof id, "minute-%d", index);
    ap_html_open(h, "section", "class", "minute", "aria-labelledby", id, NULL);
    ap_html_open(h, "h3", "id", id, NULL);
    if (num) {
        ap_html_elem(h, "span", num, "class", "number", NULL);
        ap_html_text(h, " ");
    }
    ap_html_text(h, ap_field_text(e, "title"));
    ap_html_close(h);
    const cJSON *ev = cJSON_GetObjectItemCaseSensitive(e, "evidence");
    if (ev && p->minutes_source) {
        char *text = g_strdup_printf("PDF page %d", ap_field_int(ev, "pdf_page"));
        ap_html_open(h, "p", "class", "pages", NULL);
        pdf_link(p, p->minutes_source, ap_field_int(ev, "pdf_page"), text);
        ap_html_close(h);
        g_free(text);
    }
    const char *agenda_number = ap_field_text(e, "agenda_number");
    if (agenda_number) {
        ap_html_open(h, "p", NULL);
        ap_html_textf(h, "Agenda item %s", agenda_number);
        ap_html_close(h);
    }
    if (ap_field_text(e, "text") && *ap_field_text(e, "text"))
        ap_html_elem(h, "p", ap_field_text(e, "text"), "class", "minute-text", NULL);
    const cJSON *list = array(e, "resolutions");
    if (cJSON_GetArraySize(list) > 0) {
        ap_html_elem(h, "h4", "Resolved", NULL);
        ap_html_open(h, "ol", "class", "resolutions", NULL);
        const cJSON *r;
        cJSON_ArrayForEach(r, list)
            ap_html_elem(h, "li", cJSON_IsString(r) ? r->valuestring : NULL, NULL);
        ap_html_close(h);
    }
    list = array(e, "actions");
    if (cJSON_GetArraySize(list) > 0) {
        ap_html_elem(h, "h4", "Actions", NULL);
        ap_html_open(h, "ul", NULL);
        const cJSON *r;
        cJSON_ArrayForEach(r, list)
            ap_html_elem(h, "li", cJSON_IsString(r) ? r->valuestring : NULL, NULL);
        ap_html_close(h);
    }
    declarations(p, array(e, "declarations"));
    const cJSON *v;
    cJSON_ArrayForEach(v, array(e, "votes"))
        vote(p, v);
    ap_html_close(h);
}

static void minutes(page *p)
{
    const cJSON *list = array(p->m, "minutes");
    if (cJSON_GetArraySize(list) == 0 && cJSON_GetArraySize(array(p->m, "attendance")) == 0)
        return;
    ap_html_heading(p->h, 2, "minutes", "Minutes");
    attendance(p);
    int i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
        minute(p, e, i++);
}

/* ---- indicators, warnings, sources ------------------------------------------------------------ */

static void indicator_row(page *p, const cJSON *ind)
{
    ap_html *h = p->h;
    const cJSON *values = array(ind, "values");
    const cJSON *last = cJSON_GetArrayItem(values, cJSON_GetArraySize(values) - 1);
    const cJSON *target = cJSON_GetObjectItemCaseSensitive(ind, "target");
    const char *rag = ap_field_text(ind, "rag");
    ap_html_open(h, "tr", NULL);
    ap_html_open(h, "th", "scope", "row", NULL);
    const char *ref = ap_field_text(ind, "ref");
    if (ref)
        ap_html_textf(h, "%s ", ref);
    ap_html_text(h, ap_field_text(ind, "name"));
    ap_html_close(h);
    ap_html_open(h, "td", NULL);
    if (last)
        ap_html_textf(h, "%s (%s)", ap_field_text(last, "raw") ? ap_field_text(last, "raw") : "",
                      ap_field_text(last, "label") ? ap_field_text(last, "label") : "");
    ap_html_close(h);
    ap_html_elem(h, "td", target ? ap_field_text(target, "raw") : NULL, NULL);
    ap_html_open(h, "td", NULL);
    if (rag) {
        char *cls = g_strconcat("tag rag-", rag, NULL);
        ap_html_elem(h, "span", ap_site_rag_word(rag), "class", cls, NULL);
        g_free(cls);
    }
    ap_html_close(h);
    ap_html_elem(h, "td", ap_site_direction_word(ap_field_text(ind, "direction")), NULL);
    ap_html_open(h, "td", NULL);
    const cJSON *ev = cJSON_GetObjectItemCaseSensitive(ind, "evidence");
    if (ev) {
        char *text = g_strdup_printf("PDF page %d", ap_field_int(ev, "pdf_page"));
        pdf_link(p, cJSON_GetObjectItemCaseSensitive(ind, "source"), ap_field_int(ev, "pdf_page"),
                 text);
        g_free(text);
    }
    ap_html_close(h);
    ap_html_close(h);
}

static void indicators(page *p)
{
    const cJSON *list = array(p->m, "indicators");
    if (cJSON_GetArraySize(list) == 0)
        return;
    ap_html *h = p->h;
    ap_html_heading(h, 2, "indicators", "Performance indicators");
    if (p->root) {
        char *committee = ap_site_committee_file(ap_field_text(p->m, "id"));
        char *href = g_strconcat(p->root, "committees/", committee, "#indicators", NULL);
        ap_html_open(h, "p", NULL);
        ap_html_link(h, href, "These indicators over time, as charts");
        ap_html_close(h);
        g_free(href);
        g_free(committee);
    }
    static const char *const heads[] = {"Indicator", "Latest", "Target", "Rating", "Direction",
                                        "Source"};
    ap_site_table_open(h, heads, G_N_ELEMENTS(heads));
    const cJSON *ind;
    cJSON_ArrayForEach(ind, list)
        indicator_row(p, ind);
    ap_site_table_close(h);
}

static void warnings(page *p)
{
    const cJSON *list = array(p->m, "warnings");
    if (cJSON_GetArraySize(list) == 0)
        return;
    ap_html_heading(p->h, 2, "warnings", "Warnings");
    ap_html_elem(p->h, "p", "What the conversion could not read with certainty:", NULL);
    ap_html_open(p->h, "ul", "class", "warnings", NULL);
    const cJSON *w;
    cJSON_ArrayForEach(w, list)
        ap_html_elem(p->h, "li", cJSON_IsString(w) ? w->valuestring : NULL, NULL);
    ap_html_close(p->h);
}

static void sources(page *p)
{
    ap_html *h = p->h;
    ap_html_heading(h, 2, "sources", "Sources");
    static const char *const heads[] = {"File", "Kind", "Pages"};
    ap_site_table_open(h, heads, G_N_ELEMENTS(heads));
    const cJSON *s;
    cJSON_ArrayForEach(s, array(p->m, "sources")) {
        ap_html_open(h, "tr", NULL);
        ap_html_open(h, "td", NULL);
        pdf_link(p, s, 0, ap_field_text(s, "file"));
        ap_html_close(h);
        const char *role = ap_field_text(s, "role");
        char *kind = g_strdup(role ? role : "");
        g_strdelimit(kind, "_", ' ');
        ap_html_elem(h, "td", kind, NULL);
        g_free(kind);
        ap_html_open(h, "td", NULL);
        ap_html_textf(h, "%d", ap_field_int(s, "pdf_pages"));
        ap_html_close(h);
        ap_html_close(h);
    }
    ap_site_table_close(h);
}

/* ---- the page ------------------------------------------------------------------------------ */

bool ap_site_meeting_page(const cJSON *meeting, const ap_site_pdfs *pdfs, const char *root,
                          const char *path, ap_error *err)
{
    char *abs = g_canonicalize_filename(path, NULL);
    const char *id = ap_field_text(meeting, "id");
    char **parts = g_strsplit(id ? id : "unknown", "/", 2);
    page p = {.m = meeting, .pdfs = pdfs, .dir = g_path_get_dirname(abs), .root = root,
              .council = g_strdup(parts[0])};
    g_strfreev(parts);
    g_free(abs);
    const cJSON *s;
    cJSON_ArrayForEach(s, array(meeting, "sources"))
        if (!p.minutes_source && !g_strcmp0(ap_field_text(s, "role"), "minutes"))
            p.minutes_source = s;
    char *date = ap_site_long_date(ap_field_text(meeting, "date"));
    char *title = g_strdup_printf("%s, %s", ap_field_text(meeting, "committee"), date);
    p.h = ap_html_new(title, root);
    if (root) {
        ap_site_header(p.h);
    } else {
        ap_html_elem(p.h, "a", "Skip to main content", "class", "skip", "href", "#main", NULL);
        ap_html_open(p.h, "main", "id", "main", NULL);
    }
    details(&p);
    agenda(&p);
    minutes(&p);
    indicators(&p);
    warnings(&p);
    sources(&p);
    bool ok = ap_html_save(p.h, path, err);
    ap_html_free(p.h);
    g_free(title);
    g_free(date);
    g_free(p.dir);
    g_free(p.council);
    return ok;
}
