/*
 * minutes_meeting.c: the meeting a set of minutes records, from the rows
 * above its first entry: the committee ("Minutes of a meeting of the X held
 * in Y on <date>", "Minutes of: X", a "<Committee> <date>" heading), the
 * venue, and when it commenced and terminated.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extractors/extractor.h"
#include "extractors/minutesInt.h"

/* ---- the meeting minuted ------------------------------------------------- */

/* Label rows of the header: "Date of Meeting: 17 March 2022", or the
 * label in one cell and the value in the next. */
char *ap_minutes_label(const minutes *m, const char *want)
{
    for (guint i = 0; i < m->header->len; i++) {
        const ap_row *row = m->header->pdata[i];
        ap_match mt;
        if (!ap_re_search(ap_minutes_rules()->label, row->cells[0].text, 0, &mt))
            continue;
        char *label = ap_match_dup(&mt, row->cells[0].text, 1);
        bool hit = g_ascii_strncasecmp(label, want, strlen(want)) == 0;
        g_free(label);
        if (!hit)
            continue;
        GString *v = g_string_new(row->cells[0].text + mt.start[2]);
        for (size_t c = 1; c < row->ncells; c++) {
            if (v->len)
                g_string_append_c(v, ' ');
            g_string_append(v, row->cells[c].text);
        }
        if (v->len)
            return g_string_free(v, FALSE);
        g_string_free(v, TRUE);
    }
    return NULL;
}

char *ap_minutes_committee(const minutes *m, ap_date_match *date, bool have_date,
                          const char *pack_committee)
{
    const minutes_rules *r = ap_minutes_rules();
    char *name = ap_minutes_label(m, "minutes of");
    if (!name)
        name = ap_minutes_label(m, "title of meeting");
    /* "MINUTES" over "Meeting: | Planning Committee" */
    if (!name) {
        name = ap_minutes_label(m, "meeting");
        if (name && !ap_re_search(r->body_end, name, 0, NULL)) {
            g_free(name);
            name = NULL;
        }
    }
    ap_match mt;
    if (!name && (ap_re_search(r->minutes_of, m->header_text, 0, &mt) ||
                  ap_re_search(r->minutes_of_cy, m->header_text, 0, &mt))) {
        name = ap_match_dup(&mt, m->header_text, 1);
        if (strstr(name, "above ") || !*name) {   /* "of the above Council" */
            g_free(name);
            name = NULL;
        }
    }
    /* "<Committee> <date>" as a heading */
    if (!name && have_date && date->start > 0) {
        char *before = g_strndup(m->header_text, date->start);
        char *t = ap_collapse_space(before);
        g_free(before);
        const char *last_row = t;
        for (guint i = 0; i < m->header->len; i++) {
            char *rt = ap_row_text(m->header->pdata[i], 0);
            const char *at = strstr(t, rt);
            if (at && *rt)
                last_row = at;
            g_free(rt);
        }
        /* "ADULT SOCIAL CARE SCRUTINY PANEL – 4th March 2024": the dash
         * between them is neither's */
        char *body = g_strdup(last_row);
        g_strchomp(body);
        size_t n = strlen(body);
        while (n && (strchr(" ,:-", body[n - 1]) ||
                     (n >= 3 && (!strcmp(body + n - 3, "–") || !strcmp(body + n - 3, "—"))))) {
            n -= strchr(" ,:-", body[n - 1]) ? 1 : 3;
            body[n] = '\0';
        }
        ap_match lead;
        const char *b = ap_re_search(r->heading_lead, body, 0, &lead) ? body + lead.end[0] : body;
        if (ap_re_search(r->body_end, b, 0, NULL) && n < 120)
            name = g_strdup(b);
        g_free(body);
        g_free(t);
    }
    for (guint i = 0; !name && i < m->header->len; i++) {
        char *t = ap_row_text(m->header->pdata[i], 0);
        if (ap_re_search(r->body_end, t, 0, NULL) && strlen(t) < 120 &&
            !g_unichar_islower(g_utf8_get_char(t)))
            name = g_strdup(t);
        g_free(t);
    }
    if (!name && pack_committee)
        name = g_strdup(pack_committee);
    if (name) {
        char *clean = ap_collapse_space(name);
        g_free(name);
        name = clean;
    }
    return name;
}

char *ap_minutes_venue(const minutes *m, const ap_date_match *d, bool have_date)
{
    const minutes_rules *r = ap_minutes_rules();
    char *v = ap_minutes_label(m, "place");
    if (!v)
        v = ap_minutes_label(m, "venue");
    if (!v)
        v = ap_minutes_label(m, "location");
    if (v || !have_date)
        return v;
    v = ap_venue_near_date(m->header_text, d, ap_minutes_header_row_end(m, d->end, 1));
    /* the venue ends where the attendance starts: "... Hall. Present: ..." */
    for (size_t i = 0; v && v[i]; i++)
        if ((i == 0 || v[i - 1] == ' ') && ap_re_search(r->people_label, v + i, 0, NULL)) {
            v[i] = '\0';
            g_strchomp(v);
            break;
        }
    if (v && !*v) {
        g_free(v);
        v = NULL;
    }
    return v;
}

/* ---- times --------------------------------------------------------------- */

static char *section_text(const minutes *m)
{
    GString *s = g_string_new(NULL);
    for (size_t p = 0; p < m->set.npages; p++)
        for (size_t r = 0; r < m->set.pages[p]->nrows; r++) {
            char *t = ap_row_text(&m->set.pages[p]->rows[r], 0);
            g_string_append(s, t);
            g_string_append_c(s, ' ');
            g_free(t);
        }
    return g_string_free(s, FALSE);
}

/* A time right after a pattern: "commenced at 10.00 am". */
static bool time_after(const pcre2_code *re, const char *text, char hhmm[6])
{
    ap_match mt;
    for (size_t from = 0; ap_re_search(re, text, from, &mt); from = mt.end[0]) {
        ap_time_match t;
        if (ap_find_time(text, mt.end[0], true, &t) && t.start == mt.end[0]) {
            memcpy(hhmm, t.hhmm, 6);
            return true;
        }
    }
    return false;
}

void ap_minutes_times(const minutes *m, const ap_date_match *d, bool have_date,
                       char start[6], char end[6])
{
    const minutes_rules *r = ap_minutes_rules();
    start[0] = end[0] = '\0';
    char *text = section_text(m);
    if (!time_after(r->commenced_label, text, start))
        time_after(r->started, text, start);
    if (!time_after(r->terminated_label, text, end))
        time_after(r->ended, text, end);
    g_free(text);
    char *range = ap_minutes_label(m, "time");
    ap_time_match t;
    if (range && ap_find_time(range, 0, true, &t)) {
        if (!start[0])
            memcpy(start, t.hhmm, 6);
        ap_time_match t2;
        if (!end[0] && ap_find_time(range, t.end, true, &t2))
            memcpy(end, t2.hhmm, 6);
    }
    g_free(range);
    if (!start[0] && have_date && ap_find_time(m->header_text, d->end, false, &t) &&
        t.start - d->end < 12)
        memcpy(start, t.hhmm, 6);
    /* "closed at 8.08" after a 7.00pm start is in the evening */
    if (start[0] && end[0] && strcmp(end, start) < 0 && atoi(end) < 12) {
        int h = atoi(end) + 12;
        g_snprintf(end, 6, "%02d:%s", h, end + 3);
    }
}

