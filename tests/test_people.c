/* Attendance lists as minutes print them, split into people. */
#include <criterion/criterion.h>
#include <string.h>

#include "lexicon/people.h"

typedef struct want {
    const char *name, *title, *role;
} want;

static void expect_people(const char *text, const want *w, size_t n)
{
    size_t got = 0;
    ap_person *p = ap_people_parse(text, &got);
    cr_assert_eq(got, n, "%s: %zu people, first '%s'", text, got,
                 got ? p[0].name : "");
    for (size_t i = 0; i < n; i++) {
        cr_expect_str_eq(p[i].name, w[i].name, "%s: got %s", text, p[i].name);
        if (w[i].title)
            cr_expect_str_eq(p[i].title ? p[i].title : "(null)", w[i].title,
                             "%s: %s", text, w[i].name);
        else
            cr_expect_null(p[i].title, "%s: %s", text, w[i].name);
        if (w[i].role)
            cr_expect_str_eq(p[i].role ? p[i].role : "(null)", w[i].role,
                             "%s: %s", text, w[i].name);
        else
            cr_expect_null(p[i].role, "%s: %s", text, w[i].name);
    }
    ap_people_free(p, got);
}

Test(people, collective_title_and_roles_in_parentheses)
{
    const want w[] = {{"Roderick", "Councillor", "Chair"},
                      {"Tilbrook", "Councillor", "Deputy"},
                      {"Fitzpatrick", "Councillor", NULL},
                      {"J Homer", "Councillor", NULL}};
    expect_people("Councillors Roderick (Chair), Tilbrook (Deputy), Fitzpatrick and J Homer",
                  w, 4);
}

Test(people, a_title_inside_a_run_starts_a_person)
{
    const want w[] = {{"S Wright", "Councillor", "in the Chair"},
                      {"C Boles", "Councillor", NULL},
                      {"S Butler", "Councillor", NULL},
                      {"M Whitby", "Councillor", NULL}};
    expect_people("Councillor S Wright (in the Chair) Councillors C Boles, S Butler and M Whitby",
                  w, 4);
}

Test(people, one_per_line_joined_and_wrapped)
{
    const want w[] = {{"Rhoda Bailey", "Councillor", "Chairman"},
                      {"S Pochin", "Councillor", "Vice-Chairman"},
                      {"M Beanland", "Councillor", NULL},
                      {"Bratherton", "Councillor", NULL},
                      {"M Warren", "Councillor", NULL}};
    expect_people("Councillor Rhoda Bailey (Chairman) Councillor S Pochin (Vice-Chairman) "
                  "Councillors M Beanland, Bratherton and M\nWarren", w, 5);
}

Test(people, personal_titles_and_post_nominals)
{
    const want w[] = {{"R W Gough", "Mr", "Chairman"},
                      {"C Bell", "Mrs", NULL},
                      {"R C Love, OBE", "Mr", NULL},
                      {"Sir Paul Carter, CBE", NULL, NULL},
                      {"Carey", "Miss", NULL},
                      {"R J Thomas", "Mr", NULL}};
    expect_people("Mr R W Gough (Chairman), Mrs C Bell, Mr R C Love, OBE, "
                  "Sir Paul Carter, CBE, Miss Carey and Mr R J Thomas", w, 6);
}

Test(people, parish_style_with_leading_role_and_the_clerk)
{
    const want w[] = {{"Shewell", "Councillor", "Chairman"},
                      {"Hayward", "Councillor", NULL},
                      {"Cobb", "Councillor", NULL},
                      {"Evans", "Councillor", NULL}};
    expect_people("Chairman Cllr Mrs Shewell, Cllrs Hayward, Cobb & Evans & the Clerk.", w, 4);
    const want v[] = {{"Hayward", "Councillor", "in the Chair"},
                      {"Hoskins", "Councillor", NULL},
                      {"Webb", "County Councillor", NULL}};
    expect_people("Cllr Hayward in the chair, Cllrs Hoskins, County Cllr Webb and the Clerk.", v, 3);
}

Test(people, dash_roles_keep_their_ands)
{
    const want w[] = {{"Deborah Cadman", NULL, "SCC"},
                      {"Daniel Poultor", "Dr", "MP for Central Suffolk and North Ipswich"},
                      {"Peter Bernard", NULL, "Eye Library Friends"}};
    expect_people("Deborah Cadman – SCC, Dr. Daniel Poultor – MP for Central Suffolk and "
                  "North Ipswich, Peter Bernard\n– Eye Library Friends", w, 3);
}

Test(people, sentences_and_groups_are_not_people)
{
    size_t n = 9;
    ap_person *p = ap_people_parse("Two members of the public was present at the meeting.", &n);
    cr_expect_eq(n, 0);
    ap_people_free(p, n);
    p = ap_people_parse("None", &n);
    cr_expect_eq(n, 0);
    ap_people_free(p, n);
}

Test(people, a_post_after_a_name_is_its_role)
{
    const want w[] = {{"Tariq", "Councillor", "Cabinet Member for Children"},
                      {"J Rowe", NULL, "Director of Education"}};
    expect_people("Councillor Tariq, Cabinet Member for Children, J Rowe, Director of Education",
                  w, 2);
}

/* A title inside parentheses names the member substituted for, not a new
 * person; the one substituting is marked so. */
Test(people, a_substitute_and_the_member_substituted_for)
{
    const want w[] = {{"C Dale", "Councillor", NULL},
                      {"E Fox", "Mrs", "substitute for Councillor F Gray"},
                      {"H Ince", NULL, NULL}};
    const char *text = "Councillors C Dale, Mrs E Fox (substitute for Councillor F Gray) and H Ince";
    expect_people(text, w, 3);
    size_t n = 0;
    ap_person *p = ap_people_parse(text, &n);
    cr_assert_eq(n, 3);
    cr_expect(!p[0].substitute);
    cr_expect(p[1].substitute);
    cr_expect(!p[2].substitute);
    ap_people_free(p, n);
}
