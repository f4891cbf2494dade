/*
 * lists.c: the site's pages made from the store: the index (councils,
 * committees, meetings by date, files that failed or gave no data,
 * documents no meeting was found for) and a page per committee (its
 * meetings, and each indicator its scorecards carry charted over time).
 */
#include <string.h>

#include <glib.h>

#include "core/error.h"
#include "sinks/store.h"
#include "site/siteInt.h"

/* ---- reading the store ----------------------------------------------------------------------- */

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* A committee: the meetings whose ids begin council/committee/. */
typedef struct committee {
    char *file;             /* its page's name */
    char *prefix;           /* "council/committee/" */
    char *council, *name;   /* as printed at its latest meeting */
    int meetings;
    char *first, *last;     /* dates */
} committee;

static void committee_free(gpointer p)
{
    committee *c = p;
    g_free(c->file);
    g_free(c->prefix);
    g_free(c->council);
    g_free(c->name);
    g_free(c->first);
    g_free(c->last);
    g_free(c);
}

/* The committees, in id order (council, then committee). */
static GPtrArray *committees(ap_site_build *b)
{
    sqlite3_stmt *st = ap_site_query(b, "SELECT id, council, committee, date FROM meetings"
                                  " ORDER BY id");
    if (!st)
        return NULL;
    GPtrArray *list = g_ptr_array_new_with_free_func(committee_free);
    committee *c = NULL;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *id = col(st, 0), *date = col(st, 3);
        char *file = ap_site_committee_file(id);
        if (!c || strcmp(c->file, file)) {
            c = g_new0(committee, 1);
            c->file = file;
            const char *cut = strrchr(id, '/');
            c->prefix = g_strndup(id, cut ? (size_t)(cut - id + 1) : strlen(id));
            c->first = g_strdup(date);
            g_ptr_array_add(list, c);
        } else {
            g_free(file);
        }
        c->meetings++;
        g_free(c->last);
        c->last = g_strdup(date);
        g_free(c->council);
        c->council = g_strdup(col(st, 1) ? col(st, 1) : "");
        g_free(c->name);
        c->name = g_strdup(col(st, 2));
    }
    sqlite3_finalize(st);
    return list;
}

/* ---- pieces of pages -------------------------------------------------------------------------- */

void ap_site_header(ap_html *h)
{
    const char *root = ap_html_root(h);
    char *home = g_strconcat(root, "index.html", NULL);
    char *people = g_strconcat(root, "people/index.html", NULL);
    char *search = g_strconcat(root, "search.html", NULL);
    ap_html_elem(h, "a", "Skip to main content", "class", "skip", "href", "#main", NULL);
    ap_html_open(h, "header", "class", "site-header", NULL);
    ap_html_elem(h, "a", "agendapack", "class", "site-name", "href", home, NULL);
    ap_html_open(h, "nav", "aria-label", "Site", NULL);
    ap_html_open(h, "ul", NULL);
    ap_html_open(h, "li", NULL), ap_html_link(h, home, "Meetings"), ap_html_close(h);
    ap_html_open(h, "li", NULL), ap_html_link(h, people, "People"), ap_html_close(h);
    ap_html_open(h, "li", NULL), ap_html_link(h, search, "Search"), ap_html_close(h);
    ap_html_close(h);
    ap_html_close(h);
    ap_html_close(h);
    ap_html_open(h, "main", "id", "main", NULL);
    g_free(home);
    g_free(people);
    g_free(search);
}

void ap_site_table_head(ap_html *h, const char *const *heads, size_t n)
{
    ap_html_open(h, "thead", NULL);
    ap_html_open(h, "tr", NULL);
    for (size_t i = 0; i < n; i++)
        ap_html_elem(h, "th", heads[i], "scope", "col", NULL);
    ap_html_close(h);
    ap_html_close(h);
}

void ap_site_table_open(ap_html *h, const char *const *heads, size_t n)
{
    ap_html_open(h, "div", "class", "scroll", NULL);
    ap_html_open(h, "table", NULL);
    ap_site_table_head(h, heads, n);
    ap_html_open(h, "tbody", NULL);
}

void ap_site_table_close(ap_html *h)
{
    ap_html_close(h);   /* tbody */
    ap_html_close(h);   /* table */
    ap_html_close(h);   /* div */
}

static void cell_number(ap_html *h, sqlite3_stmt *st, int i)
{
    ap_html_elem(h, "td", col(st, i), "class", "num", NULL);
}

/* A table of meetings, latest first: those whose ids begin with prefix
 * (all with NULL). */
static bool meetings_table(ap_site_build *b, ap_html *h, const char *prefix)
{
    sqlite3_stmt *st = ap_site_query(
        b, "SELECT m.id, m.date, m.council, m.committee, m.status,"
           " (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id),"
           " (SELECT count(*) FROM minute_entries e WHERE e.meeting_id = m.id),"
           " (SELECT count(*) FROM resolutions r WHERE r.meeting_id = m.id)"
           " FROM meetings m WHERE ?1 IS NULL OR (m.id >= ?1 AND m.id < ?1 || char(0x10ffff))"
           " ORDER BY m.date DESC, m.id");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
    const char *root = ap_html_root(h);
    static const char *const all[] = {"Date", "Council", "Committee", "Papers", "Items",
                                      "Minutes", "Resolutions"};
    static const char *const one[] = {"Date", "Papers", "Items", "Minutes", "Resolutions"};
    if (prefix)
        ap_site_table_open(h, one, G_N_ELEMENTS(one));
    else
        ap_site_table_open(h, all, G_N_ELEMENTS(all));
    while (sqlite3_step(st) == SQLITE_ROW) {
        char *file = ap_site_meeting_file(col(st, 0));
        char *href = g_strconcat(root, "meetings/", file, NULL);
        ap_html_open(h, "tr", NULL);
        ap_html_open(h, "td", NULL);
        ap_html_link(h, href, col(st, 1));
        ap_html_close(h);
        if (!prefix) {
            char *committee = ap_site_committee_file(col(st, 0));
            char *chref = g_strconcat(root, "committees/", committee, NULL);
            ap_html_elem(h, "td", col(st, 2), NULL);
            ap_html_open(h, "td", NULL);
            ap_html_link(h, chref, col(st, 3));
            ap_html_close(h);
            g_free(chref);
            g_free(committee);
        }
        char *papers = ap_site_papers(col(st, 4));
        ap_html_elem(h, "td", papers, NULL);
        g_free(papers);
        for (int i = 5; i <= 7; i++)
            cell_number(h, st, i);
        ap_html_close(h);
        g_free(href);
        g_free(file);
    }
    ap_site_table_close(h);
    sqlite3_finalize(st);
    return true;
}

/* ---- the index ---------------------------------------------------------------------------------- */

static void committees_table(ap_html *h, GPtrArray *list)
{
    ap_html_open(h, "table", "class", "committees", NULL);
    static const char *const heads[] = {"Council", "Committee", "Meetings", "First", "Latest"};
    ap_site_table_head(h, heads, G_N_ELEMENTS(heads));
    ap_html_open(h, "tbody", NULL);
    for (guint i = 0; i < list->len; i++) {
        committee *c = g_ptr_array_index(list, i);
        char *href = g_strconcat("committees/", c->file, NULL);
        ap_html_open(h, "tr", NULL);
        ap_html_elem(h, "td", c->council, NULL);
        ap_html_open(h, "td", NULL);
        ap_html_link(h, href, c->name);
        ap_html_close(h);
        ap_html_open(h, "td", "class", "num", NULL);
        ap_html_textf(h, "%d", c->meetings);
        ap_html_close(h);
        ap_html_elem(h, "td", c->first, NULL);
        ap_html_elem(h, "td", c->last, NULL);
        ap_html_close(h);
        g_free(href);
    }
    ap_html_close(h);
    ap_html_close(h);
}

/* A table of files shown only when its query has rows: columns sha256,
 * path, the text linked to the file, then the other cells. */
typedef struct file_listing {
    const char *id, *heading, *note;
    const char *const *heads;
    size_t nheads;
    const char *sql;
} file_listing;

static bool file_table(ap_site_build *b, ap_html *h, const file_listing *l)
{
    sqlite3_stmt *st = ap_site_query(b, l->sql);
    if (!st)
        return false;
    bool any = false;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (!any) {
            ap_html_heading(h, 2, l->id, l->heading);
            if (l->note)
                ap_html_elem(h, "p", l->note, NULL);
            ap_site_table_open(h, l->heads, l->nheads);
        }
        any = true;
        char *href = ap_site_pdf_href(&b->pdfs, b->sitedir, col(st, 0), col(st, 1), 0);
        ap_html_open(h, "tr", NULL);
        ap_html_open(h, "td", NULL);
        ap_html_link(h, href, col(st, 2) ? col(st, 2) : col(st, 1));
        ap_html_close(h);
        for (int i = 3; i < sqlite3_column_count(st); i++)
            ap_html_elem(h, "td", col(st, i), NULL);
        ap_html_close(h);
        g_free(href);
    }
    if (any)
        ap_site_table_close(h);
    sqlite3_finalize(st);
    return true;
}

/* The files that failed or gave no record, with why. */
static bool problem_files(ap_site_build *b, ap_html *h)
{
    static const char *const heads[] = {"File", "Outcome", "Why"};
    file_listing l = {"problems", "Files that failed or gave no data", NULL, heads,
                      G_N_ELEMENTS(heads),
                      "SELECT sha256, path, path, CASE status WHEN 'failed' THEN 'failed'"
                      " ELSE 'no data' END, error FROM files WHERE status != 'converted'"
                      " ORDER BY path"};
    return file_table(b, h, &l);
}

/* Documents no meeting was found for: what they say of themselves. */
static bool unplaced(ap_site_build *b, ap_html *h)
{
    static const char *const heads[] = {"Document", "Kind", "Council", "Committee", "Date"};
    file_listing l = {"unplaced", "Documents not placed at a meeting",
                      "No meeting's agenda or minutes could be found for these; what they "
                      "print of their committee and date is shown.",
                      heads, G_N_ELEMENTS(heads),
                      "SELECT sha256, file, title, kind, council, printed_committee,"
                      " printed_date FROM unplaced_documents ORDER BY file"};
    return file_table(b, h, &l);
}

/* "12 meetings of 3 committees, 2018-05-10 to 2024-01-10, from 40 files." */
static bool totals(ap_site_build *b, ap_html *h)
{
    sqlite3_stmt *st = ap_site_query(b, "SELECT (SELECT count(*) FROM meetings),"
                                  " (SELECT count(DISTINCT council) FROM meetings),"
                                  " (SELECT min(date) FROM meetings),"
                                  " (SELECT max(date) FROM meetings),"
                                  " (SELECT count(*) FROM files),"
                                  " (SELECT count(*) FROM files WHERE status != 'converted')");
    if (!st)
        return false;
    if (sqlite3_step(st) == SQLITE_ROW) {
        ap_html_open(h, "p", "class", "lead", NULL);
        ap_html_textf(h, "%d meeting%s of %d committee%s of %d council%s", sqlite3_column_int(st, 0),
                      sqlite3_column_int(st, 0) == 1 ? "" : "s", b->sum->committees,
                      b->sum->committees == 1 ? "" : "s", sqlite3_column_int(st, 1),
                      sqlite3_column_int(st, 1) == 1 ? "" : "s");
        if (col(st, 2))
            ap_html_textf(h, ", %s to %s", col(st, 2), col(st, 3));
        ap_html_textf(h, ", read from %d file%s", sqlite3_column_int(st, 4),
                      sqlite3_column_int(st, 4) == 1 ? "" : "s");
        if (sqlite3_column_int(st, 5))
            ap_html_textf(h, " (%d failed or gave no data)", sqlite3_column_int(st, 5));
        ap_html_text(h, ".");
        ap_html_close(h);
    }
    sqlite3_finalize(st);
    if (b->sum->unread) {
        ap_html_open(h, "p", "class", "warning", NULL);
        ap_html_textf(h, "%d meeting%s in the store had no readable record in the output folder "
                         "and no page: run the batch again to remake them.",
                      b->sum->unread, b->sum->unread == 1 ? "" : "s");
        ap_html_close(h);
    }
    return true;
}

static bool index_page(ap_site_build *b, GPtrArray *list)
{
    b->sum->committees = (int)list->len;
    ap_html *h = ap_html_new("Committee papers: meetings", "");
    ap_site_header(h);
    ap_html_elem(h, "h1", "Committee papers", NULL);
    bool ok = totals(b, h);
    ap_html_heading(h, 2, "committees", "Committees");
    committees_table(h, list);
    ap_html_heading(h, 2, "meetings", "Meetings by date");
    ok = ok && meetings_table(b, h, NULL) && problem_files(b, h) && unplaced(b, h);
    return ap_site_save(b, h, NULL, "index.html", ok);
}

/* ---- a committee's indicators ---------------------------------------------------------------- */

/* One indicator of a committee over its meetings: each period's value,
 * a later meeting's figure for a period replacing an earlier one's (a
 * scorecard reprints the last quarters, sometimes revised). */
typedef struct series {
    char *name, *ref, *target_text, *rag, *direction, *unit;
    double target, target_max;
    bool has_target;
    GArray *points;         /* ap_chart_point, strings owned by strings */
    GHashTable *at;         /* period -> index in points + 1 */
    GPtrArray *raw;         /* each period's figure as printed, for the table */
    GStringChunk *strings;
} series;

static series *series_new(sqlite3_stmt *st)
{
    series *s = g_new0(series, 1);
    s->strings = g_string_chunk_new(1024);
    s->points = g_array_new(FALSE, FALSE, sizeof(ap_chart_point));
    s->at = g_hash_table_new(g_str_hash, g_str_equal);
    s->raw = g_ptr_array_new();
    s->name = g_string_chunk_insert(s->strings, col(st, 1));
    return s;
}

static void series_free(series *s)
{
    g_array_free(s->points, TRUE);
    g_hash_table_destroy(s->at);
    g_ptr_array_free(s->raw, TRUE);
    g_string_chunk_free(s->strings);
    g_free(s);
}

static char *chunk(series *s, const char *text)
{
    return text ? g_string_chunk_insert(s->strings, text) : NULL;
}

/* A row of the indicator query: the indicator's latest rating and
 * target (rows come in meeting order), and its value for a period. */
static void series_add(series *s, sqlite3_stmt *st)
{
    s->ref = chunk(s, col(st, 0));
    s->target_text = chunk(s, col(st, 2));
    s->has_target = sqlite3_column_type(st, 3) != SQLITE_NULL;
    s->target = sqlite3_column_double(st, 3);
    s->target_max = sqlite3_column_type(st, 4) != SQLITE_NULL ? sqlite3_column_double(st, 4) : 0;
    s->rag = chunk(s, col(st, 5));
    s->direction = chunk(s, col(st, 6));
    if (sqlite3_column_type(st, 11) == SQLITE_NULL)
        return;     /* a figure that is no number: in the meeting's table, not charted */
    const char *label = col(st, 8), *period = col(st, 9) ? col(st, 9) : label;
    ap_chart_point p = {.label = chunk(s, label ? label : ""),
                        .value = sqlite3_column_double(st, 11), .meeting = chunk(s, col(st, 7))};
    if (col(st, 12))
        s->unit = chunk(s, col(st, 12));
    gpointer at = g_hash_table_lookup(s->at, period ? period : "");
    if (at) {
        g_array_index(s->points, ap_chart_point, GPOINTER_TO_UINT(at) - 1) = p;
        g_ptr_array_index(s->raw, GPOINTER_TO_UINT(at) - 1) = chunk(s, col(st, 10));
    } else {
        g_array_append_val(s->points, p);
        g_ptr_array_add(s->raw, chunk(s, col(st, 10)));
        g_hash_table_insert(s->at, chunk(s, period ? period : ""),
                            GUINT_TO_POINTER(s->points->len));
    }
}

static void series_table(ap_html *h, const series *s)
{
    ap_html_open(h, "details", NULL);
    ap_html_elem(h, "summary", "The figures", NULL);
    ap_html_open(h, "table", NULL);
    ap_html_elem(h, "caption", s->name, NULL);
    static const char *const heads[] = {"Period", "Value", "Reported at the meeting of"};
    ap_site_table_head(h, heads, G_N_ELEMENTS(heads));
    ap_html_open(h, "tbody", NULL);
    for (guint i = 0; i < s->points->len; i++) {
        const ap_chart_point *p = &g_array_index(s->points, ap_chart_point, i);
        ap_html_open(h, "tr", NULL);
        ap_html_elem(h, "th", p->label, "scope", "row", NULL);
        ap_html_elem(h, "td", g_ptr_array_index(s->raw, i), "class", "num", NULL);
        ap_html_elem(h, "td", p->meeting, NULL);
        ap_html_close(h);
    }
    ap_html_close(h);
    ap_html_close(h);
    ap_html_close(h);
}

/* The indicator's chart, what it shows in words, and its figures. */
static void series_write(ap_html *h, series *s, int n)
{
    if (s->points->len == 0)
        return;
    char id[32];
    g_snprintf(id, sizeof id, "chart-%d", n);
    ap_html_open(h, "section", "class", "indicator", "aria-labelledby", id, NULL);
    ap_html_open(h, "h3", "id", id, NULL);
    if (s->ref)
        ap_html_textf(h, "%s ", s->ref);
    ap_html_text(h, s->name);
    ap_html_close(h);
    ap_chart c = {.name = s->name, .unit = s->unit,
                  .points = (const ap_chart_point *)(void *)s->points->data,
                  .npoints = s->points->len, .has_target = s->has_target, .target = s->target,
                  .target_max = s->target_max, .target_text = s->target_text, .rag = s->rag,
                  .direction = s->direction};
    ap_chart_write(h, &c);
    ap_html_open(h, "p", "class", "chart-key", NULL);
    const ap_chart_point *last = &c.points[c.npoints - 1];
    ap_html_textf(h, "Latest: %s (%s).", (const char *)g_ptr_array_index(s->raw, c.npoints - 1),
                  last->label);
    if (s->target_text)
        ap_html_textf(h, " Target: %s.", s->target_text);
    if (s->rag) {
        char *cls = g_strconcat("tag rag-", s->rag, NULL);
        ap_html_text(h, " Rating: ");
        ap_html_elem(h, "span", ap_site_rag_word(s->rag), "class", cls, NULL);
        ap_html_text(h, ".");
        g_free(cls);
    }
    if (s->direction)
        ap_html_textf(h, " Direction of travel: %s.", ap_site_direction_word(s->direction));
    ap_html_close(h);
    series_table(h, s);
    ap_html_close(h);
}

/* Every indicator of the committee's meetings, one chart each, by name
 * (a scorecard's reference numbers change from year to year). */
static bool indicators(ap_site_build *b, ap_html *h, const committee *c)
{
    sqlite3_stmt *st = ap_site_query(
        b, "SELECT i.ref, i.name, i.target_raw, i.target_value, i.target_max, i.rag,"
           " i.direction, m.date, v.label, v.period, v.raw, v.value, v.unit"
           " FROM indicators i JOIN meetings m ON m.id = i.meeting_id"
           " JOIN indicator_values v ON v.indicator_id = i.id"
           " WHERE m.id >= ?1 AND m.id < ?1 || char(0x10ffff)"
           " ORDER BY lower(i.name), m.date, m.id, i.id, v.position");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, c->prefix, -1, SQLITE_STATIC);
    series *s = NULL;
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (s && g_ascii_strcasecmp(s->name, col(st, 1) ? col(st, 1) : "") != 0) {
            series_write(h, s, n++);
            series_free(s);
            s = NULL;
        }
        if (!s) {
            if (n == 0)
                ap_html_heading(h, 2, "indicators", "Indicators over time");
            s = series_new(st);
        }
        series_add(s, st);
    }
    if (s) {
        series_write(h, s, n++);
        series_free(s);
    }
    b->sum->charts += n;
    sqlite3_finalize(st);
    return true;
}

static bool committee_pages(ap_site_build *b, GPtrArray *list)
{
    bool ok = true;
    for (guint i = 0; ok && i < list->len; i++) {
        committee *c = g_ptr_array_index(list, i);
        char *title = g_strdup_printf("%s, %s", c->name, c->council);
        ap_html *h = ap_html_new(title, "../");
        ap_site_header(h);
        ap_html_elem(h, "p", c->council, "class", "caption", NULL);
        ap_html_elem(h, "h1", c->name, NULL);
        ap_html_open(h, "p", "class", "lead", NULL);
        ap_html_textf(h, "%d meeting%s, %s to %s.", c->meetings, c->meetings == 1 ? "" : "s",
                      c->first, c->last);
        ap_html_close(h);
        ap_html_heading(h, 2, "meetings", "Meetings");
        ok = meetings_table(b, h, c->prefix) && indicators(b, h, c);
        ok = ap_site_save(b, h, "committees", c->file, ok);
        g_free(title);
    }
    return ok;
}

bool ap_site_lists(ap_site_build *b)
{
    GPtrArray *list = committees(b);
    if (!list)
        return false;
    bool ok = committee_pages(b, list) && index_page(b, list);
    g_ptr_array_free(list, TRUE);
    return ok;
}
