/*
 * series.h: an indicator's values read as a series over time, for the
 * store and the exports alike: the kind of each value's period (read again
 * from the heading it was printed under, since "2017-Q1" may be a calendar
 * or a financial year's quarter) and which value is the latest, the one
 * the indicator's RAG rating, direction and target speak of.
 */
#ifndef AP_SERIES_H
#define AP_SERIES_H

#include <cjson/cJSON.h>

/* The index of the latest value of values (an indicator's "values"): of
 * those with a figure, the one whose period ends last, the later column
 * on a tie; where any of them has no period, the last printed. -1 when
 * none has a figure. kinds (NULL: not wanted), one slot a value, gets
 * each value's kind of period, read once for both: "month",
 * "calendar_quarter", "financial_quarter", "financial_year", "year", or
 * NULL for a value without a period. */
int ap_series_latest(const cJSON *values, const char **kinds);

#endif
