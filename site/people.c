/*
 * people.c: a page for each person named in the minutes, by name as
 * printed and council (names that differ only in punctuation or case
 * share a page): the meetings they attended or sent apologies to, their
 * declarations and their recorded votes; and the list of everyone.
 *
 * "Mr Gough" in a vote and "R Gough" in the attendance are two pages:
 * the minutes print them so, and telling which members are one person
 * needs more than one meeting's names (`agendapack person` matches by
 * surname and initial when asked).
 */
#include <string.h>

#include <glib.h>

#include "core/error.h"
#include "sinks/store.h"
#include "site/siteInt.h"

typedef struct person {
    char *file, *name, *council;
    char *namesake_key;     /* council and surname: the pages printed by it */
    GPtrArray *attended, *votes, *declared;   /* rows: GStrv */
    int present, apologies;
} person;

static void person_free(gpointer p)
{
    person *x = p;
    g_free(x->file);
    g_free(x->name);
    g_free(x->council);
    g_free(x->namesake_key);
    g_ptr_array_free(x->attended, TRUE);
    g_ptr_array_free(x->votes, TRUE);
    g_ptr_array_free(x->declared, TRUE);
    g_free(x);
}

/* The person called name at meeting id, made on first sight. */
static person *find(GHashTable *people, const char *id, const char *council, const char *name)
{
    char **parts = g_strsplit(id, "/", 2);
    char *file = ap_site_person_file(parts[0], name);
    g_strfreev(parts);
    person *p = g_hash_table_lookup(people, file);
    if (p) {
        g_free(file);
        return p;
    }
    p = g_new0(person, 1);
    p->file = file;
    p->name = g_strdup(name);
    p->council = g_strdup(council ? council : "");
    p->attended = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    p->votes = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    p->declared = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    g_hash_table_insert(people, p->file, p);
    return p;
}

/* The row's columns from first on, as strings ("" for NULL). */
static GStrv row(sqlite3_stmt *st, int first)
{
    int n = sqlite3_column_count(st) - first;
    GStrv r = g_new0(char *, n + 1);
    for (int i = 0; i < n; i++) {
        const char *t = (const char *)sqlite3_column_text(st, first + i);
        r[i] = g_strdup(t ? t : "");
    }
    return r;
}

static const char *status_word(const char *status)
{
    static const char *const words[][2] = {
        {"present", "Present"}, {"apologies", "Apologies"}, {"absent", "Absent"},
        {"substitute", "Substitute"}, {"in_attendance", "In attendance"}};
    for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
        if (!strcmp(status, words[i][0]))
            return words[i][1];
    return status;
}

/* Each row of sql: (name, meeting id, council, ...rest) into the list
 * of the person it names (offset: which list). */
static bool gather(ap_site_build *b, GHashTable *people, const char *sql, size_t list)
{
    sqlite3_stmt *st = ap_site_query(b, sql);
    if (!st)
        return false;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (!name || !*name)
            continue;
        person *p = find(people, (const char *)sqlite3_column_text(st, 1),
                         (const char *)sqlite3_column_text(st, 2), name);
        GPtrArray *lists[] = {p->attended, p->votes, p->declared};
        GStrv r = row(st, 1);
        g_ptr_array_add(lists[list], r);
        if (list == 0) {
            p->present += !strcmp(r[4], "present") || !strcmp(r[4], "substitute");
            p->apologies += !strcmp(r[4], "apologies");
            char *word = g_strdup(status_word(r[4]));
            g_free(r[4]);
            r[4] = word;
        }
    }
    sqlite3_finalize(st);
    return true;
}

/* Rows: (meeting id, council, date, committee, ...). */
static const char ATTENDED[] =
    "SELECT a.name, m.id, m.council, m.date, m.committee, a.status, a.title, a.role"
    " FROM attendance a JOIN meetings m ON m.id = a.meeting_id ORDER BY m.date, m.id";
static const char VOTED[] =
    "SELECT mv.name, m.id, m.council, m.date, m.committee, v.minute_number, v.motion,"
    " mv.option, v.result, CAST(v.minute_position AS INTEGER)"
    " FROM member_votes mv JOIN votes v ON v.id = mv.vote_id"
    " JOIN meetings m ON m.id = v.meeting_id ORDER BY m.date, m.id, v.position";
static const char DECLARED[] =
    "SELECT d.member, m.id, m.council, m.date, m.committee, d.item, d.kind, d.text,"
    " CAST(d.minute_position AS INTEGER) FROM declarations d JOIN meetings m ON m.id = d.meeting_id"
    " ORDER BY m.date, m.id";

/* One of a person's tables: a row per meeting, its date linking the
 * meeting's page at #attendance or the minute (the row's column anchor,
 * or -1), then the row's columns cols. */
typedef struct rows_spec {
    const char *id, *heading;
    const char *const *heads;
    size_t nheads;
    int anchor;             /* the column of the minute's position, or -1 */
    int cols[4];            /* the row's columns after the meeting, -1 ended */
} rows_spec;

static void rows_table(ap_html *h, const GPtrArray *rows, const rows_spec *t)
{
    if (!rows->len)
        return;
    ap_html_heading(h, 2, t->id, t->heading);
    ap_site_table_open(h, t->heads, t->nheads);
    for (guint i = 0; i < rows->len; i++) {
        GStrv r = g_ptr_array_index(rows, i);
        char *file = ap_site_meeting_file(r[0]);
        char *href = t->anchor < 0 ? g_strconcat("../meetings/", file, "#attendance", NULL)
                     : *r[t->anchor] ? g_strconcat("../meetings/", file, "#minute-",
                                                   r[t->anchor], NULL)
                                     : g_strconcat("../meetings/", file, "#minutes", NULL);
        ap_html_open(h, "tr", NULL);
        ap_html_open(h, "td", NULL);
        ap_html_link(h, href, r[2]);
        ap_html_close(h);
        for (size_t c = 0; c < G_N_ELEMENTS(t->cols) && t->cols[c] >= 0; c++)
            ap_html_elem(h, "td", *r[t->cols[c]] ? r[t->cols[c]] : NULL, NULL);
        ap_html_close(h);
        g_free(href);
        g_free(file);
    }
    ap_site_table_close(h);
}

/* Row columns: 0 meeting id, 1 council, 2 date, 3 committee, then as the
 * query of each list says. */
static const char *const ATTENDED_HEADS[] = {"Meeting", "Committee", "Attendance", "As"};
static const rows_spec ATTENDED_TABLE = {"meetings", "Meetings", ATTENDED_HEADS, 4, -1,
                                         {3, 4, 6, -1}};
static const char *const VOTED_HEADS[] = {"Meeting", "Minute", "Motion", "Vote", "Result"};
static const rows_spec VOTED_TABLE = {"votes", "Recorded votes", VOTED_HEADS, 5, 8,
                                      {4, 5, 6, 7}};
static const char *const DECLARED_HEADS[] = {"Meeting", "Item", "Interest", "Declared"};
static const rows_spec DECLARED_TABLE = {"declarations", "Declarations of interest",
                                         DECLARED_HEADS, 4, 7, {4, 5, 6, -1}};

/* "Present at 3 meetings; 2 recorded votes.": what there is. g_free it. */
static char *summary_line(const person *p)
{
    GString *s = g_string_new(NULL);
    int counts[] = {p->present, p->apologies, (int)p->votes->len, (int)p->declared->len};
    static const char *const one[] = {"Present at %d meeting", "Apologies sent to %d meeting",
                                      "%d recorded vote", "%d declaration"};
    for (size_t i = 0; i < G_N_ELEMENTS(counts); i++) {
        if (!counts[i])
            continue;
        if (s->len)
            g_string_append(s, "; ");
        g_string_append_printf(s, one[i], counts[i]);
        g_string_append(s, counts[i] == 1 ? "" : "s");
        if (i == 3)
            g_string_append(s, " of interest");
    }
    g_string_append_c(s, '.');
    return g_string_free(s, FALSE);
}

/* The pages of the same council whose names end in the same surname:
 * minutes print one member as "Mr Gough" in a vote and "R W Gough" in
 * the attendance, and which of them are one person is the reader's call
 * (`agendapack person` matches by surname and initial). */
static void also_printed(ap_html *h, const person *p, GHashTable *same_surname)
{
    GPtrArray *others = p->namesake_key ? g_hash_table_lookup(same_surname, p->namesake_key)
                                        : NULL;
    bool any = false;
    for (guint i = 0; others && i < others->len; i++) {
        const person *o = g_ptr_array_index(others, i);
        if (o == p)
            continue;
        if (!any) {
            ap_html_open(h, "p", "class", "note", NULL);
            ap_html_text(h, "Printed by the same surname: ");
        } else {
            ap_html_text(h, ", ");
        }
        any = true;
        ap_html_link(h, o->file, o->name);
    }
    if (any) {
        ap_html_text(h, ".");
        ap_html_close(h);
    }
}

static bool person_page(ap_site_build *b, const person *p, GHashTable *same_surname)
{
    char *title = g_strdup_printf("%s, %s", p->name, p->council);
    ap_html *h = ap_html_new(title, "../");
    ap_site_header(h);
    ap_html_elem(h, "p", p->council, "class", "caption", NULL);
    ap_html_elem(h, "h1", p->name, NULL);
    ap_html_open(h, "p", "class", "lead", NULL);
    char *line = summary_line(p);
    ap_html_text(h, line);
    g_free(line);
    ap_html_close(h);
    also_printed(h, p, same_surname);
    rows_table(h, p->attended, &ATTENDED_TABLE);
    rows_table(h, p->votes, &VOTED_TABLE);
    rows_table(h, p->declared, &DECLARED_TABLE);
    g_free(title);
    return ap_site_save(b, h, "people", p->file, true);
}

static gint by_name(gconstpointer a, gconstpointer b)
{
    const person *x = *(person *const *)a, *y = *(person *const *)b;
    int c = g_ascii_strcasecmp(x->name, y->name);
    return c ? c : strcmp(x->file, y->file);
}

static bool people_index(ap_site_build *b, GPtrArray *sorted)
{
    ap_html *h = ap_html_new("People named in the minutes", "../");
    ap_site_header(h);
    ap_html_elem(h, "h1", "People", NULL);
    ap_html_open(h, "p", "class", "lead", NULL);
    ap_html_textf(h, "%u name%s as printed in the minutes' attendance, votes and declarations.",
                  sorted->len, sorted->len == 1 ? "" : "s");
    ap_html_close(h);
    if (sorted->len) {
        static const char *const heads[] = {"Name", "Council", "Present", "Apologies",
                                            "Votes", "Declarations"};
        ap_site_table_open(h, heads, G_N_ELEMENTS(heads));
        for (guint i = 0; i < sorted->len; i++) {
            const person *p = g_ptr_array_index(sorted, i);
            ap_html_open(h, "tr", NULL);
            ap_html_open(h, "th", "scope", "row", NULL);
            ap_html_link(h, p->file, p->name);
            ap_html_close(h);
            ap_html_elem(h, "td", p->council, NULL);
            int counts[] = {p->present, p->apologies, (int)p->votes->len, (int)p->declared->len};
            for (size_t k = 0; k < G_N_ELEMENTS(counts); k++) {
                ap_html_open(h, "td", "class", "num", NULL);
                ap_html_textf(h, "%d", counts[k]);
                ap_html_close(h);
            }
            ap_html_close(h);
        }
        ap_site_table_close(h);
    }
    return ap_site_save(b, h, "people", "index.html", true);
}

bool ap_site_people_pages(ap_site_build *b)
{
    GHashTable *people = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, person_free);
    bool ok = gather(b, people, ATTENDED, 0) && gather(b, people, VOTED, 1) &&
              gather(b, people, DECLARED, 2);
    GPtrArray *sorted = g_ptr_array_new();
    GList *all = g_hash_table_get_values(people);
    for (GList *l = all; l; l = l->next)
        g_ptr_array_add(sorted, l->data);
    g_list_free(all);
    g_ptr_array_sort(sorted, by_name);
    GHashTable *same_surname = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                                     (GDestroyNotify)g_ptr_array_unref);
    for (guint i = 0; i < sorted->len; i++) {
        person *p = g_ptr_array_index(sorted, i);
        char *sur = ap_name_surname(p->name);
        if (sur) {
            p->namesake_key = g_strconcat(p->council, "\t", sur, NULL);
            GPtrArray *list = g_hash_table_lookup(same_surname, p->namesake_key);
            if (!list)
                g_hash_table_insert(same_surname, g_strdup(p->namesake_key),
                                    list = g_ptr_array_new());
            g_ptr_array_add(list, p);
        }
        g_free(sur);
    }
    for (guint i = 0; ok && i < sorted->len; i++)
        ok = person_page(b, g_ptr_array_index(sorted, i), same_surname);
    g_hash_table_destroy(same_surname);
    ok = ok && people_index(b, sorted);
    b->sum->people = (int)sorted->len;
    g_ptr_array_free(sorted, TRUE);
    g_hash_table_destroy(people);
    return ok;
}
