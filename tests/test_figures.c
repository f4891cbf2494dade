/* Figures as performance tables print them: periods, values, targets,
 * RAG ratings and arrows. */
#include <criterion/criterion.h>
#include <glib.h>
#include <math.h>

#include "lexicon/figures.h"

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
