/* figures.c: performance-table figures read (see figures.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "lexicon/figures.h"
#include "lexicon/normalise.h"
#include "core/regex.h"

#define MONTHS "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?"

typedef struct figure_rules {
    pcre2_code *month, *quarter, *calendar_quarter, *year_end, *fin_year, *year, *number, *range,
        *bound, *missing;
} figure_rules;

static const figure_rules *rules(void)
{
    static figure_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        /* 1 month, 2 year: "Jun-23", "Nov 21", "Jan 2015", "October '23" */
        r.month = ap_re_compile("^" MONTHS "[\\s'’-]*([0-9]{4}|[0-9]{2})\\b");
        /* 1 quarter, 2 first year: "Qu 1 17-18", "Q2 2017/18" */
        r.quarter = ap_re_compile(
            "^(?:qu(?:arter)?|q)\\.?\\s*([1-4])\\s+(?:20)?([0-9]{2})\\s*[-/]\\s*(?:20)?[0-9]{2}\\b");
        /* 1 quarter, 2 year, or 3 year, 4 quarter: "Q1 2024", "Quarter 3
         * 2023", "2024 Q1" (a calendar year's) */
        r.calendar_quarter = ap_re_compile(
            "^(?:(?:qu(?:arter)?|q)\\.?\\s*([1-4])\\s+((?:19|20)[0-9]{2})|"
            "((?:19|20)[0-9]{2})\\s*[-/ ]?\\s*q([1-4]))$");
        /* 1 first year: "Yr. end 16-17" */
        r.year_end = ap_re_compile(
            "^(?:yr|year)\\.?\\s*end\\s+(?:20)?([0-9]{2})\\s*[-/]\\s*(?:20)?[0-9]{2}\\b");
        /* 1 first year, 2 second: "2021/22", "2017-18" */
        r.fin_year = ap_re_compile("^(20[0-9]{2})\\s*[-/]\\s*([0-9]{2})$");
        r.year = ap_re_compile("^((?:19|20)[0-9]{2})(?:\\s*\\([^)]*\\))?$");
        /* 1 a bound sign, 2 the number, 3 a percent sign */
        r.number = ap_re_compile("^([<>]=?|≤|≥)?\\s*(-?[0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(%)?");
        /* 1 low, 2 high: "20-24%", "53.1 - 59.7", "97%-99%" */
        r.range = ap_re_compile(
            "^([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*%?\\s*[-–]\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*%?$");
        r.bound = ap_re_compile("^([<>]=?|≤|≥)\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*%?$");
        r.missing = ap_re_compile("^(?:|n/?a|-|–|tbc|tba|nil|none|supp?ressed|\\*)$");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

static int month_index(const char *s)
{
    static const char *const m[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; i++)
        if (g_ascii_strncasecmp(s, m[i], 3) == 0)
            return i + 1;
    return 0;
}

char *ap_period_read(const char *label, ap_period_kind *kind)
{
    const figure_rules *r = rules();
    ap_match m;
    char *clean = ap_collapse_space(label);
    char *out = NULL;
    ap_period_kind k = AP_PERIOD_NONE;
    if (ap_re_search(r->month, clean, 0, &m)) {
        int y = atoi(clean + m.start[2]);
        out = g_strdup_printf("%04d-%02d", m.end[2] - m.start[2] == 2 ? 2000 + y : y,
                              month_index(clean + m.start[1]));
        k = AP_PERIOD_MONTH;
    } else if (ap_re_search(r->quarter, clean, 0, &m)) {
        out = g_strdup_printf("%04d-Q%c", 2000 + atoi(clean + m.start[2]), clean[m.start[1]]);
        k = AP_PERIOD_FINANCIAL_QUARTER;
    } else if (ap_re_search(r->calendar_quarter, clean, 0, &m)) {
        bool year_first = m.start[3] != m.end[3];
        int y = year_first ? 3 : 2, q = year_first ? 4 : 1;
        out = g_strdup_printf("%.4s-Q%c", clean + m.start[y], clean[m.start[q]]);
        k = AP_PERIOD_CALENDAR_QUARTER;
    } else if (ap_re_search(r->year_end, clean, 0, &m)) {
        int y = 2000 + atoi(clean + m.start[1]);
        out = g_strdup_printf("%04d/%02d", y, (y + 1) % 100);
        k = AP_PERIOD_FINANCIAL_YEAR;
    } else if (ap_re_search(r->fin_year, clean, 0, &m)) {
        out = g_strdup_printf("%.4s/%.2s", clean + m.start[1], clean + m.start[2]);
        k = AP_PERIOD_FINANCIAL_YEAR;
    } else if (ap_re_search(r->year, clean, 0, &m)) {
        out = ap_match_dup(&m, clean, 1);
        k = AP_PERIOD_YEAR;
    }
    g_free(clean);
    if (kind)
        *kind = k;
    return out;
}

char *ap_period_of(const char *label)
{
    return ap_period_read(label, NULL);
}

const char *ap_period_kind_name(ap_period_kind kind)
{
    static const char *const names[] = {NULL, "month", "calendar_quarter", "financial_quarter",
                                        "financial_year", "year"};
    return (size_t)kind < G_N_ELEMENTS(names) ? names[kind] : NULL;
}

int ap_period_end_month(const char *period, ap_period_kind kind)
{
    int y = 0, n = 0;
    if (!period || sscanf(period, "%4d", &y) != 1)
        return -1;
    switch (kind) {
    case AP_PERIOD_MONTH:
        return sscanf(period + 4, "-%2d", &n) == 1 && n >= 1 && n <= 12 ? y * 12 + n - 1 : -1;
    case AP_PERIOD_CALENDAR_QUARTER:
        return sscanf(period + 4, "-Q%1d", &n) == 1 ? y * 12 + 3 * n - 1 : -1;
    case AP_PERIOD_FINANCIAL_QUARTER:    /* Q1 is April to June */
        return sscanf(period + 4, "-Q%1d", &n) == 1 ? y * 12 + 3 * n + 2 : -1;
    case AP_PERIOD_FINANCIAL_YEAR:       /* to March of the next year */
        return (y + 1) * 12 + 2;
    case AP_PERIOD_YEAR:
        return y * 12 + 11;
    default:
        return -1;
    }
}

/* "1,346" -> 1346: GLib's parser does not skip thousands separators. */
static double number_of(const char *s)
{
    char *copy = g_strdup(s), *w = copy;
    for (const char *p = s; *p; p++)
        if (*p != ',')
            *w++ = *p;
    *w = '\0';
    double v = g_ascii_strtod(copy, NULL);
    g_free(copy);
    return v;
}

static bool is_missing(const char *text)
{
    return ap_re_search(rules()->missing, text, 0, NULL);
}

bool ap_figure_read(const char *raw, double *value, bool *percent)
{
    char *t = ap_collapse_space(raw);
    ap_match m;
    bool ok = !is_missing(t) && !ap_re_search(rules()->range, t, 0, NULL) &&
              ap_re_search(rules()->number, t, 0, &m) && !ap_match_set(&m, 1);
    if (ok) {
        *value = number_of(t + m.start[2]);
        *percent = ap_match_set(&m, 3);
    }
    g_free(t);
    return ok;
}

ap_target ap_target_read(const char *raw)
{
    const figure_rules *r = rules();
    ap_target out = {0};
    char *t = ap_collapse_space(raw);
    ap_match m;
    if (!*t) {
        out.blank = true;
    } else if (ap_re_search(r->range, t, 0, &m)) {
        out = (ap_target){.has_value = true, .has_max = true, .op = "range",
                          .value = number_of(t + m.start[1]),
                          .max = number_of(t + m.start[2])};
    } else if (ap_re_search(r->bound, t, 0, &m)) {
        const char *op = t + m.start[1];
        size_t len = m.end[1] - m.start[1];
        out = (ap_target){.has_value = true, .value = number_of(t + m.start[2]),
                          .op = !strncmp(op, "≤", len) ? "<="
                                : !strncmp(op, "≥", len) ? ">="
                                : !strncmp(op, "<=", len) && len == 2 ? "<="
                                : !strncmp(op, ">=", len) && len == 2 ? ">="
                                : *op == '<' ? "<" : ">"};
    } else if (!is_missing(t) && ap_re_search(r->number, t, 0, &m) && m.end[0] == strlen(t)) {
        out = (ap_target){.has_value = true, .value = number_of(t + m.start[2]), .op = "="};
    }
    g_free(t);
    return out;
}

const char *ap_rag_of(const char *raw)
{
    char *t = g_ascii_strdown(raw, -1);
    g_strstrip(t);
    const char *out = !strcmp(t, "r") || !strcmp(t, "red")     ? "red"
                      : !strcmp(t, "a") || !strcmp(t, "amber") ? "amber"
                      : !strcmp(t, "g") || !strcmp(t, "green") ? "green"
                                                               : NULL;
    g_free(t);
    return out;
}

const char *ap_direction_of(const char *raw)
{
    static const char *const up[] = {"↑", "⬆", "↗", "▲", "⇧", NULL};
    static const char *const down[] = {"↓", "⬇", "↘", "▼", "⇩", NULL};
    static const char *const flat[] = {"↔", "→", "➡", "⇔", "⟷", "▶", NULL};
    for (int i = 0; up[i]; i++)
        if (strstr(raw, up[i]))
            return "up";
    for (int i = 0; down[i]; i++)
        if (strstr(raw, down[i]))
            return "down";
    for (int i = 0; flat[i]; i++)
        if (strstr(raw, flat[i]))
            return "flat";
    return NULL;
}

/* ---- column headings ------------------------------------------------------ */

typedef struct heading_rules {
    pcre2_code *ref, *name, *target, *comparator, *rag, *direction, *polarity, *value;
} heading_rules;

static const heading_rules *heading_rules_get(void)
{
    static heading_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        r.ref = ap_re_compile("^(?:pi\\s+)?ref(?:erence)?\\.?(?:\\s+no\\.?)?$|^(?:kpi|pi)\\s*(?:no\\.?)?$|^code$");
        r.name = ap_re_compile("\\b(?:indicator|measure|metric|description|kpi)s?\\b");
        r.target = ap_re_compile("\\btarget\\b");
        r.comparator = ap_re_compile(
            "\\b(?:average|av|neighbours?|neighbourhood|national|england|regional|"
            "benchmark|previous\\s+year|last\\s+year|comparator|floor)\\b");
        r.rag = ap_re_compile("^(?:rag|r\\.a\\.g\\.?|rag\\s+rating|performance|status|rating)$");
        r.direction = ap_re_compile("\\b(?:direction|travel|trend|dot)\\b");
        r.polarity = ap_re_compile("\\bpolarity\\b");
        r.value = ap_re_compile("^(?:latest|current|previous|prior|actual|result|outturn|value)(?:\\s+(?:value|result|data|figure|position))?$");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

ap_column_role ap_column_role_of(const char *heading)
{
    const heading_rules *r = heading_rules_get();
    char *h = ap_collapse_space(heading);
    char *p = ap_period_of(h);
    ap_column_role out = p                                         ? AP_ROLE_PERIOD
                         : ap_re_search(r->ref, h, 0, NULL)        ? AP_ROLE_REF
                         : ap_re_search(r->rag, h, 0, NULL)        ? AP_ROLE_RAG
                         : ap_re_search(r->direction, h, 0, NULL)  ? AP_ROLE_DIRECTION
                         : ap_re_search(r->polarity, h, 0, NULL)   ? AP_ROLE_POLARITY
                         : ap_re_search(r->target, h, 0, NULL)     ? AP_ROLE_TARGET
                         : ap_re_search(r->comparator, h, 0, NULL) ? AP_ROLE_COMPARATOR
                         : ap_re_search(r->name, h, 0, NULL)       ? AP_ROLE_NAME
                         : ap_re_search(r->value, h, 0, NULL)      ? AP_ROLE_VALUE
                                                                   : AP_ROLE_NONE;
    g_free(p);
    g_free(h);
    return out;
}

ap_column_role ap_label_role(const char *label, char **period)
{
    char *base = ap_collapse_space(label);
    size_t n = strlen(base);
    while (n && (base[n - 1] == ':' || base[n - 1] == ' '))
        base[--n] = '\0';
    char *open = n && base[n - 1] == ')' ? strrchr(base, '(') : NULL;
    *period = NULL;
    if (open && open > base) {
        base[n - 1] = '\0';
        *period = ap_period_of(open + 1);
        *open = '\0';
        g_strchomp(base);
    }
    ap_column_role role = ap_column_role_of(base);
    if (!*period)
        *period = ap_period_of(base);
    g_free(base);
    return role;
}
