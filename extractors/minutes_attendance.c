/*
 * minutes_attendance.c: who attended a minuted meeting, from the labelled
 * lists above the first entry (lexicon/people.c splits them into people,
 * titles and roles), and apologies minuted as an entry.
 */
#include <string.h>

#include <glib.h>

#include "extractors/extractor.h"
#include "extractors/minutesInt.h"
#include "lexicon/people.h"

/* ---- attendance ---------------------------------------------------------- */

static const char *status_of(const char *label)
{
    char *l = g_ascii_strdown(label, -1);
    const char *s = g_str_has_prefix(l, "apolog") ||
                            g_str_has_prefix(l, "ymddiheur")       ? "apologies"
                    : g_str_has_prefix(l, "yn bresennol")          ? "present"
                    : strstr(l, "present") && !g_str_has_prefix(l, "also")
                        ? "present"
                    : g_str_has_prefix(l, "attendees")             ? "present"
                    : g_str_has_prefix(l, "absent")                ? "absent"
                    : g_str_has_prefix(l, "substitut")             ? "substitute"
                    : g_str_has_prefix(l, "public")                ? NULL
                                                                   : "in_attendance";
    g_free(l);
    return s;
}

/* Where a list of names ends: the first full stop that ends a sentence,
 * not one after an initial ("J. Smith") or a title ("Dr. Poultor"). */
static size_t list_end(const char *t)
{
    for (const char *p = t; *p; p++) {
        if (p[0] != '.' || p[1] != ' ' || !g_ascii_isupper(p[2]))
            continue;
        const char *w = p;
        while (w > t && g_ascii_isalpha(w[-1]))
            w--;
        size_t wl = (size_t)(p - w);
        bool abbrev = wl <= 1 || (wl <= 3 && g_ascii_isupper(*w) &&
                                  (strncmp(w, "Dr", 2) == 0 || strncmp(w, "Mr", 2) == 0 ||
                                   strncmp(w, "Mrs", 3) == 0 || strncmp(w, "Ms", 2) == 0 ||
                                   strncmp(w, "St", 2) == 0));
        if (!abbrev)
            return (size_t)(p - t);
    }
    return strlen(t);
}

static bool listed(const cJSON *list, const char *name)
{
    const cJSON *a;
    cJSON_ArrayForEach(a, list)
        if (!g_strcmp0(cJSON_GetStringValue(cJSON_GetObjectItem(a, "name")), name))
            return true;
    return false;
}

/* The people text names into list; with only_new, those not listed yet. */
static void add_people_to(cJSON *list, const char *text, const char *status,
                          cJSON *evidence, bool only_new)
{
    size_t n;
    ap_person *people = ap_people_parse(text, &n);
    for (size_t i = 0; i < n; i++) {
        if (only_new && listed(list, people[i].name))
            continue;
        cJSON *a = cJSON_CreateObject();
        cJSON_AddStringToObject(a, "name", people[i].name);
        ap_json_set_text(a, "title", people[i].title);
        ap_json_set_text(a, "role", people[i].role);
        /* a member present for another is there as a substitute */
        bool sub = people[i].substitute && !strcmp(status, "present");
        cJSON_AddStringToObject(a, "status", sub ? "substitute" : status);
        cJSON_AddItemToObject(a, "evidence", cJSON_Duplicate(evidence, true));
        cJSON_AddItemToArray(list, a);
    }
    ap_people_free(people, n);
}

static void add_people(cJSON *list, const char *text, const char *status,
                       cJSON *evidence)
{
    add_people_to(list, text, status, evidence, false);
}

/* A row that opens an attendance list: its text with the label first, or
 * NULL. The label may sit alone in its cell, wrapped ("Apologies for"
 * over "Absence:"), with the list in the next cell. */
static char *people_label_row(const ap_row *row, ap_match *mt)
{
    const minutes_rules *r = ap_minutes_rules();
    char *t;
    if (row->ncells > 1 && ap_re_search(r->people_label, row->cells[0].text, 0, mt) &&
        mt->end[2] == row->cells[0].len) {
        char *rest = ap_row_text(row, 1);
        const char *c0 = row->cells[0].text;
        t = g_strconcat(c0, c0[strlen(c0) - 1] == ':' ? " " : ": ", rest, NULL);
        g_free(rest);
    } else {
        t = ap_row_text(row, 0);
    }
    if (ap_re_search(r->people_label, t, 0, mt))
        return t;
    g_free(t);
    return NULL;
}

/* Whether row is a heading set apart below prev ("UNRESTRICTED ITEMS",
 * "Election of Chair"): a list of names ends there, not taking the
 * business under it ("Mr Gough proposed" is no attendee). */
static bool heading_below(const ap_row *prev, const ap_row *row)
{
    double h = prev->bbox.y1 - prev->bbox.y0;
    bool apart = row->bbox.y0 < prev->bbox.y0 || row->bbox.y0 - prev->bbox.y1 > h;
    return apart && ap_minutes_heading_row(row);
}

/* Members present written as a sentence above the first minute, where no
 * list is labelled: "Councillors A Shaw, B Patel and C Wood attended the
 * meeting." */
static void present_sentence(const minutes *m, cJSON *list)
{
    const cJSON *a;
    cJSON_ArrayForEach(a, list)
        if (!g_strcmp0(cJSON_GetStringValue(cJSON_GetObjectItem(a, "status")), "present"))
            return;
    /* a sentence opening a row of the header */
    ap_match mt;
    size_t row = 0;
    while (row < m->header->len &&
           !(ap_re_search(ap_minutes_rules()->present_sentence, m->header_text,
                          m->header_offsets[row], &mt) &&
             mt.start[0] == m->header_offsets[row]))
        row++;
    if (row == m->header->len)
        return;
    char *names = ap_match_dup(&mt, m->header_text, 1);
    cJSON *ev = ap_minutes_row_evidence(m, g_array_index(m->header_pages, size_t, row),
                                        m->header->pdata[row]);
    add_people(list, names, "present", ev);
    cJSON_Delete(ev);
    g_free(names);
}

/* The labelled lists of the header. A list runs on over the rows under its
 * label until the next label or a heading. */
bool ap_minutes_attendance(const minutes *m, cJSON *list)
{
    const minutes_rules *r = ap_minutes_rules();
    bool apologies = false;
    for (guint i = 0; i < m->header->len; i++) {
        const ap_row *row = m->header->pdata[i];
        ap_match mt;
        char *t = people_label_row(row, &mt);
        if (!t)
            continue;
        char *label = ap_match_dup(&mt, t, 1);
        const char *status = status_of(label);
        GString *value = g_string_new(t + mt.start[2]);
        guint k = i + 1;
        for (; k < m->header->len; k++) {
            const ap_row *nrow = m->header->pdata[k];
            char *next = ap_row_text(nrow, 0);
            const char *c0 = nrow->cells[0].text;
            /* another label, even the tail of one wrapped in its cell */
            ap_match lm;
            char *other = people_label_row(nrow, &lm);
            bool stop = other || ap_re_search(r->label, next, 0, NULL) ||
                        (*c0 && c0[strlen(c0) - 1] == ':') ||
                        heading_below(m->header->pdata[k - 1], nrow);
            g_free(other);
            if (!stop) {
                /* one person a line, a role after a dash: "J Forrest -
                 * Director of Environment" */
                bool dashed = strstr(next, " - ") || strstr(next, " – ");
                bool open = value->len && value->str[value->len - 1] != ',';
                if (dashed && open) {
                    g_string_append(value, ", ");
                    g_string_append(value, next);
                } else {
                    ap_minutes_join_line(value, next);
                }
            }
            g_free(next);
            if (stop)
                break;
        }
        if (status) {
            cJSON *ev = ap_minutes_row_evidence(m, g_array_index(m->header_pages, size_t, i), row);
            /* "... & the Clerk. Members of the public – Mr A Langton." */
            g_string_truncate(value, list_end(value->str));
            /* "Present: Cllrs A Smith (Chair) and B Jones; also present
             * District Cllr D Green": those after are in attendance */
            ap_match also;
            char *also_present = NULL;
            if (!strcmp(status, "present") &&
                ap_re_search(r->also_present, value->str, 0, &also)) {
                also_present = g_strdup(value->str + also.end[0]);
                g_string_truncate(value, also.start[0]);
            }
            add_people(list, value->str, status, ev);
            if (also_present)
                add_people(list, also_present, "in_attendance", ev);
            g_free(also_present);
            cJSON_Delete(ev);
            apologies |= strcmp(status, "apologies") == 0;
        }
        g_string_free(value, TRUE);
        g_free(label);
        g_free(t);
        i = k - 1;
    }
    if (m->header->len)
        present_sentence(m, list);
    return apologies;
}

/* "Apologies for absence were received from Councillors B Burkhill and J
 * Nicholas." minuted as an entry. */
void ap_minutes_apologies_from_entry(const char *rest, cJSON *list, cJSON *evidence)
{
    const minutes_rules *r = ap_minutes_rules();
    ap_match mt;
    const char *t = rest;
    if (ap_re_search(r->apologies_lead, t, 0, &mt))
        t += mt.end[0];
    while (*t == ':' || *t == ' ' || *t == '-')
        t++;
    if (!*t || ap_re_search(r->none, t, 0, NULL))
        return;
    /* the list ends with its sentence */
    char *list_text = g_strndup(t, list_end(t));
    add_people(list, list_text, "apologies", evidence);
    g_free(list_text);
}


/* Apologies reported anywhere in a minute's text: "The Chair reported
 * apologies from Councillor M North, who had been delayed." Each person
 * not already listed. */
void ap_minutes_apologies_reported(const char *text, cJSON *list, cJSON *evidence)
{
    ap_match mt;
    size_t at = 0;
    while (ap_re_search(ap_minutes_rules()->apologies_reported, text, at, &mt)) {
        const char *t = text + mt.end[0];
        char *names = g_strndup(t, list_end(t));
        add_people_to(list, names, "apologies", evidence, true);
        g_free(names);
        at = mt.end[0];
    }
}
