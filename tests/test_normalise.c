/* The normaliser: every date and time form the packs print, and the ways
 * a date or time can be wrong. */
#include <criterion/criterion.h>
#include <string.h>

#include <glib.h>

#include "lexicon/normalise.h"

static void expect_date(const char *text, const char *iso)
{
    char out[11] = "";
    ap_error err = {{0}};
    cr_expect(ap_parse_date(text, out, &err), "%s: %s", text, err.message);
    cr_expect_str_eq(out, iso, "%s", text);
}

static void expect_bad_date(const char *text, const char *reason)
{
    char out[11] = "";
    ap_error err = {{0}};
    cr_expect_not(ap_parse_date(text, out, &err), "%s parsed", text);
    cr_expect(strstr(err.message, reason) != NULL, "%s: got '%s'", text,
              err.message);
}

Test(normalise, dates_in_every_printed_form)
{
    expect_date("Monday, 16th July, 2018", "2018-07-16");
    expect_date("25 th July 2023", "2023-07-25");
    expect_date("30.06.2022", "2022-06-30");
    expect_date("10 January 2024", "2024-01-10");
    expect_date("Tuesday, 25 July 2023", "2023-07-25");
    expect_date("Wednesday 23rd March 2022", "2022-03-23");
    expect_date("Thursday, 9th January, 2025", "2025-01-09");
    expect_date("10 Jul 2018", "2018-07-10");
    expect_date("11 Sept 2018.", "2018-09-11");
    expect_date("January 20, 2021", "2021-01-20");
    expect_date("THURSDAY, 30 JANUARY 2025", "2025-01-30");
    expect_date("31/3/2019", "2019-03-31");
    expect_date("2024-02-29", "2024-02-29");
    expect_date("the 1st of March 2020", "2020-03-01");
}

Test(normalise, bad_dates_say_why)
{
    expect_bad_date("31 February 2023", "out of range");
    expect_bad_date("29.02.2023", "out of range");
    expect_bad_date("June 2022", "no day of the month");
    expect_bad_date("22nd July", "no year");
    expect_bad_date("Committee Room 1", "not a date");
    expect_bad_date("13.10.", "not a date");
    expect_bad_date("10 January 2024 and 11 January 2024", "more than a date");
}

Test(normalise, finds_the_first_date_in_prose)
{
    ap_date_match m;
    const char *text = "meeting held on 17th March 2022 and 23rd March 2022";
    cr_assert(ap_find_date(text, 0, false, &m));
    cr_expect_str_eq(m.iso, "2022-03-17");
    cr_assert(ap_find_date(text, m.end, false, &m));
    cr_expect_str_eq(m.iso, "2022-03-23");
    cr_expect_not(ap_find_date(text, m.end, false, &m));
    /* numeric forms only when asked for, and never section numbers */
    cr_expect_not(ap_find_date("see 28.06.2022", 0, false, &m));
    cr_expect(ap_find_date("see 28.06.2022", 0, true, &m));
    cr_expect_not(ap_find_date("section 13.10.1 applies", 0, true, &m));
    cr_assert(ap_find_date("on Monday 20th May 2019 at 6.30pm", 0, false, &m));
    cr_expect(m.weekday);
}

static void expect_time(const char *text, const char *hhmm)
{
    char out[6] = "";
    ap_error err = {{0}};
    cr_expect(ap_parse_time(text, out, &err), "%s: %s", text, err.message);
    cr_expect_str_eq(out, hhmm, "%s", text);
}

Test(normalise, times_in_every_printed_form)
{
    expect_time("6.00 pm", "18:00");
    expect_time("6.30 p.m.", "18:30");
    expect_time("12.00 pm", "12:00");
    expect_time("12.00 am", "00:00");
    expect_time("19.30", "19:30");
    expect_time("6.00pm", "18:00");
    expect_time("10AM", "10:00");
    expect_time("12 NOON", "12:00");
    expect_time("1.30 pm", "13:30");
    expect_time("14:05", "14:05");
    expect_time("7pm", "19:00");
}

Test(normalise, bad_times_say_why)
{
    char out[6];
    ap_error err = {{0}};
    cr_expect_not(ap_parse_time("25.00", out, &err));
    cr_expect(strstr(err.message, "out of range") != NULL, "%s", err.message);
    cr_expect_not(ap_parse_time("13.30 pm", out, &err));
    cr_expect(strstr(err.message, "out of range") != NULL, "%s", err.message);
    cr_expect_not(ap_parse_time("Committee Room", out, &err));
    cr_expect(strstr(err.message, "not a time") != NULL, "%s", err.message);
}

Test(normalise, times_in_prose_skip_dates_and_section_numbers)
{
    ap_time_match m;
    cr_expect_not(ap_find_time("see 28.06.2022 and 13.10.", 0, true, &m));
    cr_assert(ap_find_time("Time:2.00pm Venue: Westfields", 0, false, &m));
    cr_expect_str_eq(m.hhmm, "14:00");
    cr_assert(ap_find_time("left the meeting at 19.30.", 0, true, &m));
    cr_expect_str_eq(m.hhmm, "19:30");
    cr_expect_not(ap_find_time("left the meeting at 19.30.", 0, false, &m));
    cr_expect_not(ap_find_time("7 amendments", 0, false, &m));
}

Test(normalise, spaces_and_slugs)
{
    char *s = ap_collapse_space("  Committee Suite 1,2 & 3,\n Westfields  ");
    cr_expect_str_eq(s, "Committee Suite 1,2 & 3, Westfields");
    g_free(s);
    s = ap_slug("CHILDREN'S SERVICES SCRUTINY PANEL");
    cr_expect_str_eq(s, "childrens-services-scrutiny-panel");
    g_free(s);
    s = ap_slug("Children\u2019s & Families");
    cr_expect_str_eq(s, "childrens-families");
    g_free(s);
    s = ap_slug("--");
    cr_expect_str_eq(s, "unknown");
    g_free(s);
    /* broken UTF-8 (the fuzzer's find: a sequence cut at the string's end
     * was read past it) gives the slug of what is readable */
    s = ap_slug("3  Mar 201\001`\335\335\335");
    cr_expect_str_eq(s, "3-mar-201");
    g_free(s);
}

Test(normalise, council_names_need_a_place)
{
    cr_expect(ap_is_council_name("TRAFFORD COUNCIL"));
    cr_expect(ap_is_council_name("Kent County Council"));
    cr_expect(ap_is_council_name("Tintern Community Council"));
    cr_expect_not(ap_is_council_name("County Council"));
    cr_expect_not(ap_is_council_name("THE COUNCIL"));
    cr_expect_not(ap_is_council_name("All Members of the County Council"));
}

/* Found by fuzzing (tests/fuzz/fuzz_normalise.c): a byte that starts a
 * six-byte sequence at the end of the text made the walk step past the
 * terminating NUL. */
Test(normalise, text_that_is_not_utf8_is_read_within_its_bounds)
{
    static const char text[] = "PANEL\x02\x02 \xfe\xfd\xfd\xfd\xfd\xfc";
    char *c = ap_collapse_space(text);
    cr_expect(g_str_has_prefix(c, "PANEL\x02\x02 "), "%s", c);
    cr_expect(g_utf8_validate(c, -1, NULL), "the result is not UTF-8");
    g_free(c);
}
