/* Figures as performance tables print them: periods, values, targets,
 * RAG ratings and arrows. */
#include <criterion/criterion.h>
#include <glib.h>
#include <math.h>

#include "lexicon/figures.h"
#include "sinks/series.h"

static void expect_period(const char *label, const char *want)
{
    char *got = ap_period_of(label);
    if (want)
        cr_expect_str_eq(got ? got : "(null)", want, "%s", label);
    else
        cr_expect_null(got, "%s gave %s", label, got);
    g_free(got);
}

Test(figures, periods)
{
    expect_period("Nov-23", "2023-11");
    expect_period("Jun 23", "2023-06");
    expect_period("Jan 2015", "2015-01");
    expect_period("October '23", "2023-10");
    expect_period("Sept 23", "2023-09");
    expect_period("Qu 4 17-18", "2017-Q4");
    expect_period("Q1 2017/18", "2017-Q1");
    expect_period("Yr. end 16-17", "2016/17");
    expect_period("2021/22", "2021/22");
    expect_period("2017-18", "2017/18");
    expect_period("2023 (end of June)", "2023");
    expect_period("Previous Year", NULL);
    expect_period("Target", NULL);
}

/* Each period with its kind: "2017-Q1" is written alike for a calendar
 * and a financial year's quarter; the kind tells them apart, and the
 * month each ends in puts them in order. */
Test(figures, kinds_of_period_and_their_order)
{
    static const struct {
        const char *label, *period, *kind;
        int end;            /* year * 12 + month - 1 */
    } want[] = {
        {"Nov-23", "2023-11", "month", 2023 * 12 + 10},
        {"Q1 2024", "2024-Q1", "calendar_quarter", 2024 * 12 + 2},
        {"2024 Q3", "2024-Q3", "calendar_quarter", 2024 * 12 + 8},
        {"Quarter 2 2023", "2023-Q2", "calendar_quarter", 2023 * 12 + 5},
        {"Qu 1 17-18", "2017-Q1", "financial_quarter", 2017 * 12 + 5},
        {"Qu 4 17-18", "2017-Q4", "financial_quarter", 2018 * 12 + 2},
        {"2021/22", "2021/22", "financial_year", 2022 * 12 + 2},
        {"Yr. end 16-17", "2016/17", "financial_year", 2017 * 12 + 2},
        {"2023", "2023", "year", 2023 * 12 + 11},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
        ap_period_kind kind = AP_PERIOD_NONE;
        char *p = ap_period_read(want[i].label, &kind);
        cr_expect_str_eq(p ? p : "(null)", want[i].period, "%s", want[i].label);
        cr_expect_str_eq(ap_period_kind_name(kind), want[i].kind, "%s", want[i].label);
        cr_expect_eq(ap_period_end_month(p, kind), want[i].end, "%s", want[i].label);
        g_free(p);
    }
    ap_period_kind kind = AP_PERIOD_MONTH;
    cr_expect_null(ap_period_read("Target", &kind));
    cr_expect_eq(kind, AP_PERIOD_NONE);
    cr_expect_null(ap_period_kind_name(AP_PERIOD_NONE));
}

static void expect_value(const char *raw, double want, bool want_percent)
{
    double v = -1;
    bool pc = !want_percent;
    cr_assert(ap_figure_read(raw, &v, &pc), "%s not read", raw);
    cr_expect(fabs(v - want) < 1e-9, "%s: %g", raw, v);
    cr_expect_eq(pc, want_percent, "%s", raw);
}

Test(figures, values_and_missing_values)
{
    expect_value("93.7%", 93.7, true);
    expect_value("1,346", 1346, false);
    expect_value("59 %", 59, true);
    expect_value("-1.46%", -1.46, true);
    expect_value("106.8", 106.8, false);
    double v;
    bool pc;
    const char *none[] = {"", "n/a", "N/A", "-", "TBC", "supressed", "20-24%", "<7%", NULL};
    for (int i = 0; none[i]; i++)
        cr_expect_not(ap_figure_read(none[i], &v, &pc), "'%s' read as a value", none[i]);
}

Test(figures, targets)
{
    ap_target t = ap_target_read("20-24%");
    cr_expect_str_eq(t.op, "range");
    cr_expect(t.value == 20 && t.has_max && t.max == 24);
    t = ap_target_read("53.1 - 59.7");
    cr_expect_str_eq(t.op, "range");
    cr_expect(fabs(t.max - 59.7) < 1e-9);
    t = ap_target_read("<7%");
    cr_expect_str_eq(t.op, "<");
    cr_expect_eq(t.value, 7);
    t = ap_target_read(">65%");
    cr_expect_str_eq(t.op, ">");
    t = ap_target_read("95%");
    cr_expect_str_eq(t.op, "=");
    cr_expect_eq(t.value, 95);
    t = ap_target_read("");
    cr_expect(t.blank);
    t = ap_target_read("TBC");
    cr_expect(!t.blank && !t.has_value && t.op == NULL);
}

Test(figures, rag_and_direction)
{
    cr_expect_str_eq(ap_rag_of("R"), "red");
    cr_expect_str_eq(ap_rag_of("AMBER"), "amber");
    cr_expect_str_eq(ap_rag_of(" g "), "green");
    cr_expect_null(ap_rag_of("Low is good"));
    cr_expect_str_eq(ap_direction_of("↑"), "up");
    cr_expect_str_eq(ap_direction_of("⬇"), "down");
    cr_expect_str_eq(ap_direction_of("↔"), "flat");
    cr_expect_str_eq(ap_direction_of("➡"), "flat");
    cr_expect_str_eq(ap_direction_of("8.37 ↑"), "up");
    cr_expect_null(ap_direction_of("n/a"));
}

static int latest_of(const char *json)
{
    cJSON *values = cJSON_Parse(json);
    cr_assert_not_null(values, "%s", json);
    int i = ap_series_latest(values, NULL);
    cJSON_Delete(values);
    return i;
}

/* The latest value of a series: by period where every figure has one
 * (newest printed first or last), else the last figure printed; a blank
 * cell is never the latest. */
Test(figures, the_latest_value_of_a_series)
{
    cr_expect_eq(latest_of("[{\"label\":\"Oct-25\",\"period\":\"2025-10\",\"value\":1},"
                           "{\"label\":\"Sep-25\",\"period\":\"2025-09\",\"value\":2}]"), 0);
    cr_expect_eq(latest_of("[{\"label\":\"Qu 4 17-18\",\"period\":\"2017-Q4\",\"value\":1},"
                           "{\"label\":\"Yr. end 16-17\",\"period\":\"2016/17\",\"value\":2}]"),
                 0);
    cr_expect_eq(latest_of("[{\"label\":\"Sep-25\",\"period\":\"2025-09\",\"value\":1},"
                           "{\"label\":\"Oct-25\",\"period\":\"2025-10\",\"value\":null}]"),
                 0);
    cr_expect_eq(latest_of("[{\"label\":\"Previous\",\"period\":null,\"value\":1},"
                           "{\"label\":\"Latest\",\"period\":null,\"value\":2}]"), 1);
    cr_expect_eq(latest_of("[{\"label\":\"Latest\",\"period\":null,\"value\":null}]"), -1);
}
