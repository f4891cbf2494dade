/*
 * normalise.c: printed dates and times to ISO forms (see normalise.h).
 *
 * GLib's GDate parser guesses at the order of numbers from the locale and
 * strptime() needs one exact format per call; the packs print a dozen forms
 * with ordinals split from their numbers ("25 th July"), commas anywhere
 * and weekdays optional. So the forms are PCRE2 patterns, and GDate does
 * the calendar checks.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "lexicon/normalise.h"
#include "core/regex.h"
#include "core/error.h"

/* Months in English and in Welsh (MONTHS_CY, in their order), and
 * Welsh ordinals: "3ydd Mawrth 2021", "1af", "21ain". */
#define MONTHS_CY                                                           \
    "ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|"        \
    "hydref|tachwedd|rhagfyr"
#define MONTH                                                               \
    "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"    \
    "aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|"           \
    "dec(?:ember)?|" MONTHS_CY ")\\.?"
#define WEEKDAY                                                             \
    "(?:((?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|"  \
    "d?dydd\\s+(?:llun|mawrth|mercher|iau|gwener|sadwrn|sul))"             \
    "\\.?,?\\s+)?"
#define ORDINAL "\\s*(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)?"

typedef struct date_rules {
    pcre2_code *day_month_year, *month_day_year, *numeric, *iso;
    pcre2_code *ampm, *noon, *h24, *h24_alone;
    pcre2_code *held_in, *venue_after, *council, *council_kind;
} date_rules;

static const date_rules *rules(void)
{
    static date_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        /* groups: 1 weekday, 2 day, 3 month, 4 year */
        r.day_month_year = ap_re_compile(
            "\\b" WEEKDAY "(?:the\\s+)?([0-9]{1,2})" ORDINAL
            "(?:\\s+of)?,?\\s+" MONTH ",?\\s+([0-9]{4})\\b");
        /* groups: 1 weekday, 2 month, 3 day, 4 year */
        r.month_day_year = ap_re_compile(
            "\\b" WEEKDAY MONTH "\\s+([0-9]{1,2})" ORDINAL ",?\\s+([0-9]{4})\\b");
        /* groups: 1 day, 2 month, 3 year; not part of a longer number run */
        r.numeric = ap_re_compile(
            "(?<![0-9.])([0-9]{1,2})[./]([0-9]{1,2})[./]([0-9]{4}|[0-9]{2})"
            "(?![0-9]|[./][0-9])");
        r.iso = ap_re_compile("\\b([0-9]{4})-([0-9]{2})-([0-9]{2})\\b");
        /* groups: 1 hour, 2 minutes, 3 a or p */
        r.ampm = ap_re_compile(
            "(?<![0-9.])([0-9]{1,2})(?:[.:]([0-9]{2}))?\\s*"
            "(a|p)\\.?\\s?m\\b\\.?");
        r.noon = ap_re_compile("(?<![0-9.:])(?:12(?:[.:]00)?\\s*)?(?:noon|midday)\\b");
        /* "14:05" anywhere; "19.30" only after a word that introduces a
         * time, since "13.10." is as often a section number */
        r.h24 = ap_re_compile(
            "(?:(?<![0-9.:])([01]?[0-9]|2[0-3]):([0-5][0-9])"
            "|(?<=\\bat |\\buntil |\\bfrom |\\bto |\\bby |\\bbefore |\\bafter )"
            "([01]?[0-9]|2[0-3])\\.([0-5][0-9]))(?![0-9]|[.:/][0-9])");
        r.h24_alone = ap_re_compile(
            "^\\s*([01]?[0-9]|2[0-3])[.:]([0-5][0-9])\\s*$");
        r.council = ap_re_compile("^(?:the\\s+)?(?:[\\w’'.&-]+\\s+){1,4}council$");
        r.council_kind = ap_re_compile(
            "^(?:the|county|city|borough|district|town|parish|community|"
            "metropolitan|royal|council|of|full)$");
        r.held_in = ap_re_compile("\\bheld\\s+(?:in|at)\\s+(?:the\\s+)?(.+?),?\\s+on\\s*$");
        r.venue_after = ap_re_compile("^[\\s,.]*(?:in|at)\\s+(?:the\\s+)?([^.;]+)");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

static int group_int(const ap_match *m, const char *text, int g)
{
    return (int)strtol(text + m->start[g], NULL, 10);
}

static int month_number(const char *name)
{
    static const char *const welsh[] = {"ionawr", "chwefror", "mawrth", "ebrill",
                                        "mai", "mehefin", "gorffennaf", "awst",
                                        "medi", "hydref", "tachwedd", "rhagfyr"};
    static const char *const months[] = {"jan", "feb", "mar", "apr",
                                         "may", "jun", "jul", "aug",
                                         "sep", "oct", "nov", "dec"};
    /* Welsh first: "Mai" is May, "Medi" September */
    for (int i = 0; i < 12; i++)
        if (g_ascii_strncasecmp(name, welsh[i], strlen(welsh[i])) == 0)
            return i + 1;
    for (int i = 0; i < 12; i++)
        if (g_ascii_strncasecmp(name, months[i], 3) == 0)
            return i + 1;
    return 0;
}

static int full_year(int year, size_t digits)
{
    if (digits == 2)
        return year < 70 ? 2000 + year : 1900 + year;
    return year;
}

static bool valid_date(int year, int month, int day)
{
    return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 &&
           g_date_valid_dmy((GDateDay)day, (GDateMonth)month,
                            (GDateYear)year);
}

/* One form's first valid match at or after from. */
static bool search_form(const pcre2_code *re, int form, const char *text,
                        size_t from, ap_date_match *out)
{
    ap_match m;
    while (ap_re_search(re, text, from, &m)) {
        int y = 0, mo = 0, d = 0;
        bool weekday = false;
        if (form == 0) {
            weekday = ap_match_set(&m, 1);
            d = group_int(&m, text, 2);
            mo = month_number(text + m.start[3]);
            y = group_int(&m, text, 4);
        } else if (form == 1) {
            weekday = ap_match_set(&m, 1);
            mo = month_number(text + m.start[2]);
            d = group_int(&m, text, 3);
            y = group_int(&m, text, 4);
        } else if (form == 2) {
            d = group_int(&m, text, 1);
            mo = group_int(&m, text, 2);
            y = full_year(group_int(&m, text, 3), m.end[3] - m.start[3]);
        } else {
            y = group_int(&m, text, 1);
            mo = group_int(&m, text, 2);
            d = group_int(&m, text, 3);
        }
        if (valid_date(y, mo, d)) {
            out->start = m.start[0];
            out->end = m.end[0];
            g_snprintf(out->iso, sizeof out->iso, "%04d-%02d-%02d", y, mo, d);
            out->weekday = weekday;
            out->numeric = form >= 2;
            return true;
        }
        from = m.start[0] + 1;
    }
    return false;
}

bool ap_find_date(const char *text, size_t from, bool allow_numeric,
                  ap_date_match *m)
{
    const date_rules *r = rules();
    const pcre2_code *forms[] = {r->day_month_year, r->month_day_year,
                                 r->numeric, r->iso};
    int nforms = allow_numeric ? 4 : 2;
    bool found = false;
    for (int f = 0; f < nforms; f++) {
        ap_date_match cand;
        if (search_form(forms[f], f, text, from, &cand) &&
            (!found || cand.start < m->start)) {
            *m = cand;
            found = true;
        }
    }
    return found;
}

/* Only blanks and punctuation outside [start, end). */
static bool covers(const char *text, size_t start, size_t end)
{
    for (size_t i = 0; text[i]; i++)
        if ((i < start || i >= end) && g_ascii_isalnum(text[i]))
            return false;
    return true;
}

/* Why text that should be a date is not one. */
static void explain_bad_date(const char *text, ap_error *err)
{
    static pcre2_code *day_month, *month_year, *any_dmy;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        day_month = ap_re_compile("\\b[0-9]{1,2}" ORDINAL "\\s+" MONTH "\\b");
        month_year = ap_re_compile("\\b" MONTH ",?\\s+[0-9]{4}\\b");
        any_dmy = ap_re_compile("\\b([0-9]{1,2})" ORDINAL "(?:\\s+|[./])"
                                "(" "[a-z]+|[0-9]{1,2}" ")\\.?,?(?:\\s+|[./])"
                                "([0-9]{4})\\b");
        g_once_init_leave(&ready, 1);
    }
    ap_match m;
    if (ap_re_search(any_dmy, text, 0, &m)) {
        const char *mon = text + m.start[2];
        int mo = g_ascii_isdigit(*mon) ? atoi(mon) : month_number(mon);
        if (mo < 1 || mo > 12)
            ap_error_set(err, "no such month in '%s'", text);
        else
            ap_error_set(err, "day %d is out of range for month %d of %d in '%s'",
                         group_int(&m, text, 1), mo, group_int(&m, text, 3),
                         text);
    } else if (ap_re_search(month_year, text, 0, NULL)) {
        ap_error_set(err, "no day of the month in '%s'", text);
    } else if (ap_re_search(day_month, text, 0, NULL)) {
        ap_error_set(err, "no year in '%s'", text);
    } else {
        ap_error_set(err, "not a date: '%s'", text);
    }
}

bool ap_parse_date(const char *text, char iso[11], ap_error *err)
{
    ap_date_match m = {0};
    if (ap_find_date(text, 0, true, &m)) {
        if (covers(text, m.start, m.end)) {
            memcpy(iso, m.iso, sizeof m.iso);
            return true;
        }
        ap_error_set(err, "more than a date in '%s'", text);
        return false;
    }
    explain_bad_date(text, err);
    return false;
}

static bool first_time(const char *text, size_t from, bool allow_24h,
                       ap_time_match *out)
{
    const date_rules *r = rules();
    bool found = false;
    ap_match m;
    size_t at = from;
    while (ap_re_search(r->ampm, text, at, &m)) {
        int h = group_int(&m, text, 1);
        int min = ap_match_set(&m, 2) ? group_int(&m, text, 2) : 0;
        if (h >= 1 && h <= 12 && min < 60) {
            bool pm = g_ascii_tolower(text[m.start[3]]) == 'p';
            h = h % 12 + (pm ? 12 : 0);
            *out = (ap_time_match){.start = m.start[0], .end = m.end[0]};
            g_snprintf(out->hhmm, sizeof out->hhmm, "%02d:%02d", h, min);
            found = true;
            break;
        }
        at = m.start[0] + 1;
    }
    if (ap_re_search(r->noon, text, from, &m) &&
        (!found || m.start[0] < out->start)) {
        *out = (ap_time_match){.start = m.start[0], .end = m.end[0]};
        memcpy(out->hhmm, "12:00", 6);
        found = true;
    }
    if (allow_24h && ap_re_search(r->h24, text, from, &m) &&
        (!found || m.start[0] < out->start)) {
        int g = ap_match_set(&m, 1) ? 1 : 3;
        *out = (ap_time_match){.start = m.start[0], .end = m.end[0]};
        g_snprintf(out->hhmm, sizeof out->hhmm, "%02d:%02d",
                   group_int(&m, text, g), group_int(&m, text, g + 1));
        found = true;
    }
    return found;
}

bool ap_find_time(const char *text, size_t from, bool allow_24h,
                  ap_time_match *m)
{
    return first_time(text, from, allow_24h, m);
}

bool ap_parse_time(const char *text, char hhmm[6], ap_error *err)
{
    ap_time_match m = {0};
    if (first_time(text, 0, true, &m) && covers(text, m.start, m.end)) {
        memcpy(hhmm, m.hhmm, 6);
        return true;
    }
    ap_match alone;
    if (ap_re_search(rules()->h24_alone, text, 0, &alone)) {
        g_snprintf(hhmm, 6, "%02d:%02d", group_int(&alone, text, 1),
                   group_int(&alone, text, 2));
        return true;
    }
    static pcre2_code *clockish;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        clockish = ap_re_compile("^\\s*[0-9]{1,2}(?:[.:][0-9]{2})?\\s*"
                                 "(?:[ap]\\.?\\s?m\\.?)?\\s*$");
        g_once_init_leave(&ready, 1);
    }
    if (ap_re_search(clockish, text, 0, NULL))
        ap_error_set(err, "time out of range: '%s'", text);
    else
        ap_error_set(err, "not a time: '%s'", text);
    return false;
}

char *ap_venue_near_date(const char *text, const ap_date_match *d,
                         size_t limit)
{
    const date_rules *r = rules();
    ap_match m;
    char *before = g_strndup(text, d->start);
    char *venue = ap_re_search(r->held_in, before, 0, &m) ? ap_match_dup(&m, before, 1)
                                                         : NULL;
    g_free(before);
    size_t end = d->end;
    ap_time_match t;
    if (!venue && ap_find_time(text, end, false, &t) && t.start - end < 12)
        end = t.end;
    if (!venue && limit > end) {
        char *near = g_strndup(text + end, limit - end);
        if (ap_re_search(r->venue_after, near, 0, &m) && m.start[0] == 0)
            venue = ap_match_dup(&m, near, 1);
        g_free(near);
    }
    if (!venue)
        return NULL;
    char *clean = ap_collapse_space(venue);
    g_free(venue);
    size_t n = strlen(clean);
    while (n && strchr(" ,.", clean[n - 1]))
        clean[--n] = '\0';
    if (!*clean) {
        g_free(clean);
        return NULL;
    }
    return clean;
}

bool ap_is_council_name(const char *text)
{
    const date_rules *r = rules();
    if (!ap_re_search(r->council, text, 0, NULL))
        return false;
    char **words = g_strsplit(text, " ", -1);
    bool place = false;
    for (char **w = words; *w; w++)
        place |= **w && !ap_re_search(r->council_kind, *w, 0, NULL);
    g_strfreev(words);
    return place;
}

bool ap_is_full_council_name(const char *text)
{
    const date_rules *r = rules();
    char **words = g_strsplit(text, " ", -1);
    bool only_kinds = words[0] != NULL, council = false;
    for (char **w = words; *w; w++) {
        if (!**w)
            continue;
        council = g_ascii_strcasecmp(*w, "council") == 0;
        only_kinds &= g_ascii_strcasecmp(*w, "full") == 0 ||
                      ap_re_search(r->council_kind, *w, 0, NULL);
    }
    g_strfreev(words);
    return only_kinds && council;
}

/* Words a name keeps in lower case after its first: "Isles of Scilly". */
static bool small_word(const char *w)
{
    static const char *const small[] = {"of", "the", "and", "upon", "on", "in", "under", NULL};
    for (const char *const *s = small; *s; s++)
        if (g_ascii_strcasecmp(w, *s) == 0)
            return true;
    return false;
}

char *ap_name_case(const char *text)
{
    bool lower = false, upper = false;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        lower |= g_unichar_islower(c);
        upper |= g_unichar_isupper(c);
    }
    if (lower || !upper)
        return g_strdup(text);
    GString *out = g_string_new(NULL);
    bool word_start = true, first_word = true;
    const char *word = text;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isalpha(c) && c != '\'' && c != 0x2019) {
            word_start = true;
            g_string_append_unichar(out, c);
            continue;
        }
        if (word_start) {
            word = p;
            const char *end = p;
            while (*end && (g_unichar_isalpha(g_utf8_get_char(end)) ||
                            g_utf8_get_char(end) == '\''))
                end = g_utf8_next_char(end);
            char *w = g_strndup(word, (gsize)(end - word));
            bool keep_small = !first_word && small_word(w);
            g_free(w);
            g_string_append_unichar(out, keep_small ? g_unichar_tolower(c) : c);
            first_word = false;
        } else {
            g_string_append_unichar(out, g_unichar_tolower(c));
        }
        word_start = false;
    }
    return g_string_free(out, FALSE);
}

char *ap_collapse_space(const char *text)
{
    GString *out = g_string_sized_new(strlen(text));
    bool space = false;
    for (const char *p = text; *p;) {
        /* validated: a byte that starts no whole character (text that is
         * not UTF-8) is one U+FFFD, never a jump past the end */
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            c = 0xFFFD;
            p++;
        } else {
            p = g_utf8_next_char(p);
        }
        if (g_unichar_isspace(c) || c == 0xA0) {
            space = out->len > 0;
            continue;
        }
        if (space)
            g_string_append_c(out, ' ');
        space = false;
        g_string_append_unichar(out, c);
    }
    return g_string_free(out, FALSE);
}

char *ap_slug(const char *text)
{
    /* g_str_to_ascii transliterates accents and curly quotes; apostrophes
     * vanish so that "Children's" gives "childrens". It reads only valid
     * UTF-8 (past a broken sequence's end otherwise), and a PDF's text
     * may hold any bytes: what is broken becomes U+FFFD first. */
    char *valid = g_utf8_make_valid(text, -1);
    char *ascii = g_str_to_ascii(valid, "C");
    g_free(valid);
    GString *out = g_string_new(NULL);
    bool dash = false;
    for (const char *p = ascii; *p; p++) {
        if (*p == '\'' || *p == '`')
            continue;
        if (g_ascii_isalnum(*p)) {
            if (dash && out->len)
                g_string_append_c(out, '-');
            g_string_append_c(out, g_ascii_tolower(*p));
            dash = false;
        } else {
            dash = true;
        }
    }
    g_free(ascii);
    if (out->len == 0)
        g_string_append(out, "unknown");
    return g_string_free(out, FALSE);
}
