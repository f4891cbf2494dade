/*
 * figures.h: what performance tables print, read: period headings, values,
 * targets, RAG ratings and direction-of-travel arrows. The normaliser for
 * numbers, as normalise.h is for dates and times.
 *
 * Periods: a month is YYYY-MM ("Nov-23", "Jan 2015", "October '23"); a year
 * YYYY; a financial year YYYY/YY ("2021/22", "2017-18", "Yr. end 16-17");
 * a quarter of a financial year is the year that financial year starts in
 * and the quarter's number within it ("Qu 4 17-18" -> 2017-Q4); a quarter
 * of a calendar year is written the same ("Q1 2024" -> 2024-Q1), so the
 * kind of period is said beside it (ap_period_read), never guessed from the
 * string.
 */
#ifndef AP_FIGURES_H
#define AP_FIGURES_H

#include <stdbool.h>

/* The period a column heading names, normalised; NULL when none. */
char *ap_period_of(const char *label);

typedef enum ap_period_kind {
    AP_PERIOD_NONE, AP_PERIOD_MONTH, AP_PERIOD_CALENDAR_QUARTER,
    AP_PERIOD_FINANCIAL_QUARTER, AP_PERIOD_FINANCIAL_YEAR, AP_PERIOD_YEAR
} ap_period_kind;

/* The same, and its kind (kind may be NULL). */
char *ap_period_read(const char *label, ap_period_kind *kind);
/* "month", "calendar_quarter", "financial_quarter", "financial_year",
 * "year"; NULL for none. */
const char *ap_period_kind_name(ap_period_kind kind);
/* The month a normalised period of that kind ends in, counted from year
 * 0 (2024-03 is 2024 * 12 + 2), for putting periods in order: a financial
 * year (April to March) and its quarters end three months after the
 * calendar's; -1 when it cannot be read. */
int ap_period_end_month(const char *period, ap_period_kind kind);

/* A cell's number: "93.7%" -> 93.7 and percent, "1,346" -> 1346; false
 * for a blank, "n/a", "-", "TBC", "suppressed", a bound or a range. */
bool ap_figure_read(const char *raw, double *value, bool *percent);

/* A target: "95%" is "=", "<7%" and ">65%" bounds ("<", ">", "<=",
 * ">="), "20-24%" and "53.1 - 59.7" a "range" from value to max. */
typedef struct ap_target {
    bool blank;             /* nothing printed */
    bool has_value, has_max;
    double value, max;
    const char *op;         /* NULL when no number could be read */
} ap_target;

ap_target ap_target_read(const char *raw);

/* "red", "amber", "green" from R/A/G letters or the words; else NULL. */
const char *ap_rag_of(const char *raw);
/* "up", "down", "flat" from an arrow glyph in the cell; else NULL. */
const char *ap_direction_of(const char *raw);

/* What a scorecard column holds, from its heading: the reference ("Ref",
 * "PI Ref"), the indicator's name ("Indicator", "Measure"), a period
 * ("Jun-23", "Qu 1 17-18"), the target, a comparator ("... Average",
 * "Previous Year", "Floor"), the RAG rating ("RAG", "Performance",
 * "Status"), the direction of travel, the polarity, or a value that names
 * no period ("Latest", "Actual", "Result"). */
typedef enum ap_column_role {
    AP_ROLE_NONE, AP_ROLE_REF, AP_ROLE_NAME, AP_ROLE_PERIOD, AP_ROLE_TARGET,
    AP_ROLE_COMPARATOR, AP_ROLE_RAG, AP_ROLE_DIRECTION, AP_ROLE_POLARITY, AP_ROLE_VALUE
} ap_column_role;

ap_column_role ap_column_role_of(const char *heading);
/* A label of a measure printed as label and value ("Latest (Sep-25)",
 * "Target:", "Floor standard"): what its value is, as a heading, and the
 * period it names in brackets or itself (*period: g_free it; NULL). */
ap_column_role ap_label_role(const char *label, char **period);

#endif
