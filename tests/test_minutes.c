/*
 * test_minutes.c: minutes read into the record of the meeting they minute,
 * for each heading, attendance and numbering style the fixtures print, in
 * three typefaces.
 */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "tests/helpers.h"

static char *dir;
static void setup(void) { dir = scratch_dir(); }
static void teardown(void) { scratch_remove(dir); }
TestSuite(minutes, .init = setup, .fini = teardown);

static const char *const fonts[] = {NULL, "Liberation Serif", "Liberation Mono"};
#define NFONTS 3

static cJSON *minutes_for(const char *fixture, const char *font)
{
    cJSON *m = record_of_status(dir, fixture, font, "minutes", NULL);
    cr_assert_not_null(m, "%s [%s]: no minutes record", fixture, font ? font : "own font");
    return m;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const cJSON *list(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

typedef struct want_person {
    const char *name, *status, *role;
} want_person;

static void expect_attendance(const cJSON *rec, const want_person *w, int n,
                              const char *font)
{
    const cJSON *att = list(rec, "attendance");
    cr_assert_eq(cJSON_GetArraySize(att), n, "[%s] %d attendees",
                 font ? font : "own font", cJSON_GetArraySize(att));
    for (int i = 0; i < n; i++) {
        const cJSON *a = cJSON_GetArrayItem(att, i);
        cr_expect_str_eq(str(a, "name"), w[i].name);
        cr_expect_str_eq(str(a, "status"), w[i].status, "%s", w[i].name);
        if (w[i].role)
            cr_expect_str_eq(str(a, "role") ? str(a, "role") : "(null)", w[i].role,
                             "%s", w[i].name);
        cr_expect_not_null(cJSON_GetObjectItem(a, "evidence"));
    }
}

static void expect_entries(const cJSON *rec, const char *const (*w)[2], int n,
                           const char *font)
{
    const cJSON *entries = list(rec, "minutes");
    cr_assert_eq(cJSON_GetArraySize(entries), n, "[%s] %d entries",
                 font ? font : "own font", cJSON_GetArraySize(entries));
    for (int i = 0; i < n; i++) {
        const cJSON *e = cJSON_GetArrayItem(entries, i);
        cr_expect_str_eq(str(e, "number"), w[i][0]);
        cr_expect_str_eq(str(e, "title"), w[i][1], "[%s] minute %s",
                         font ? font : "own font", w[i][0]);
        const cJSON *ev = cJSON_GetObjectItem(e, "evidence");
        cr_expect(g_str_has_prefix(str(ev, "text"), w[i][0]), "%s", str(ev, "text"));
    }
}

static const char *item_string(const cJSON *entry, const char *key, int i)
{
    const cJSON *v = cJSON_GetArrayItem(list(entry, key), i);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

Test(minutes, committee_and_date_heading_labelled_times_actions)
{
    static const char *const entries[][2] = {
        {"14", "DECLARATIONS OF INTEREST"}, {"15", "FLOOD RESILIENCE"},
        {"16", "URGENT ITEMS"}};
    static const want_person people[] = {
        {"Adebayo", "present", "Chair"}, {"Lindqvist", "present", "Deputy"},
        {"Moreau", "present", NULL},     {"Okafor", "present", NULL},
        {"J Quint", "present", NULL},    {"Ruiz", "present", NULL},
        {"P Varga", "apologies", NULL}};
    for (int f = 0; f < NFONTS; f++) {
        cJSON *m = minutes_for("minutes-labels", fonts[f]);
        cr_expect_str_eq(str(m, "committee"), "Harbourside Scrutiny Panel");
        cr_expect_str_eq(str(m, "date"), "2026-01-13");
        cr_expect_str_eq(str(m, "commenced"), "18:30");
        cr_expect_str_eq(str(m, "terminated"), "20:05");
        /* the numbered list inside minute 15 is not three more minutes */
        expect_entries(m, entries, 3, fonts[f]);
        expect_attendance(m, people, 7, fonts[f]);
        const cJSON *e = cJSON_GetArrayItem(list(m, "minutes"), 1);
        cr_expect_str_eq(item_string(e, "resolutions", 0), "That the plan be noted.");
        cr_expect_str_eq(item_string(e, "resolutions", 1),
                         "That a progress report come to the March meeting.");
        cr_expect_str_eq(item_string(e, "actions", 0),
                         "The Director to circulate the barrier costs.");
        cr_expect_str_eq(item_string(e, "actions", 1),
                         "The Chair to write to the Environment Agency.");
        cJSON_Delete(m);
    }
}

Test(minutes, sentence_heading_one_person_a_line_declarations_votes)
{
    static const char *const entries[][2] = {
        {"54", "APOLOGIES FOR ABSENCE"}, {"55", "DECLARATIONS OF INTEREST"},
        {"56", "HIGHWAYS MAINTENANCE"},  {"57", "CANAL RESTORATION"}};
    static const want_person people[] = {
        {"Rhian Bailey", "present", "Chairman"}, {"S Pike", "present", "Vice-Chairman"},
        {"M Bean", "present", NULL},   {"Bracken", "present", NULL},
        {"M Dale", "present", NULL},   {"D Fenn", "present", NULL},
        {"M Ward", "present", NULL},   {"J Sands", "in_attendance", "Portfolio Holder"},
        {"J Forrest", "in_attendance", "Director of Environment"},
        {"B Burr", "apologies", NULL}, {"J Nash", "apologies", NULL}};
    for (int f = 0; f < NFONTS; f++) {
        cJSON *m = minutes_for("minutes-prose", fonts[f]);
        cr_expect_str_eq(str(m, "committee"),
                         "Environment and Communities Overview and Scrutiny Committee");
        cr_expect_str_eq(str(m, "date"), "2026-03-12");
        cr_expect_str_eq(str(m, "venue"),
                         "Committee Suite 2, Civic Offices, Mill Road, Westdale, WD1 2AB");
        cr_expect_str_eq(str(m, "commenced"), "10:00");
        cr_expect_str_eq(str(m, "terminated"), "12:00");   /* 12.00 pm is noon */
        expect_entries(m, entries, 4, fonts[f]);
        expect_attendance(m, people, 11, fonts[f]);
        const cJSON *d = cJSON_GetArrayItem(
            list(cJSON_GetArrayItem(list(m, "minutes"), 1), "declarations"), 0);
        cr_assert_not_null(d);
        cr_expect_str_eq(str(d, "member"), "Pike");
        cr_expect_str_eq(str(d, "item"), "57");
        cr_expect_str_eq(str(d, "kind"), "personal");
        const cJSON *v = cJSON_GetArrayItem(
            list(cJSON_GetArrayItem(list(m, "minutes"), 2), "votes"), 0);
        cr_assert_not_null(v);
        cr_expect_eq(cJSON_GetObjectItem(v, "for")->valueint, 7);
        cr_expect_eq(cJSON_GetObjectItem(v, "against")->valueint, 2);
        cr_expect_eq(cJSON_GetObjectItem(v, "abstain")->valueint, 1);
        cJSON_Delete(m);
    }
}

Test(minutes, key_value_table_restarting_numbers_agreed_list)
{
    static const char *const entries[][2] = {
        {"1", "APOLOGIES FOR ABSENCE"}, {"2", "SCHOOL PLACES"}, {"3", "URGENT BUSINESS"}};
    static const want_person people[] = {
        {"S Wright", "present", "in the Chair"}, {"C Boles", "present", NULL},
        {"S Butler", "present", NULL}, {"P Cropper", "present", NULL},
        {"M Whitby", "present", NULL}, {"J Rowe", "in_attendance", "Director of Education"},
        {"L McBride", "apologies", NULL}};
    for (int f = 0; f < NFONTS; f++) {
        cJSON *m = minutes_for("minutes-table", fonts[f]);
        cr_expect_str_eq(str(m, "committee"), "RIVERSIDE CHILDREN SCRUTINY COMMITTEE");
        cr_expect_str_eq(str(m, "date"), "2026-03-17");
        cr_expect_str_eq(str(m, "commenced"), "18:30");
        cr_expect_str_eq(str(m, "terminated"), "21:00");
        expect_entries(m, entries, 3, fonts[f]);
        expect_attendance(m, people, 7, fonts[f]);
        const cJSON *e = cJSON_GetArrayItem(list(m, "minutes"), 1);
        cr_expect_str_eq(item_string(e, "resolutions", 0), "That the report be noted.");
        cr_expect_str_eq(item_string(e, "resolutions", 1), "That officers report back in June.");
        cJSON_Delete(m);
    }
}

Test(minutes, printed_minutes_prefixed_numbers_item_refs_decision_refs)
{
    static const char *const entries[][2] = {
        {"CAB.84", "Apologies"}, {"CAB.85", "26/00108 - Budget Monitoring Report"},
        {"CAB.86", "Highways Strategy"}};
    static const want_person people[] = {
        {"R W Gale", "present", "Chairman"}, {"C Bell", "present", NULL},
        {"R C Lowe, OBE", "present", NULL},  {"A Shah", "present", NULL},
        {"R J Toms", "present", NULL},       {"A Beer", "in_attendance", "Chief Executive"},
        {"B Watt", "in_attendance", "General Counsel"}, {"D Kemp", "apologies", NULL}};
    for (int f = 0; f < NFONTS; f++) {
        cJSON *m = minutes_for("minutes-printed", fonts[f]);
        cr_expect_str_eq(str(m, "committee"), "Cabinet");
        cr_expect_str_eq(str(m, "date"), "2026-01-29");
        /* the council printed over the minutes names the record, written
         * as names are ("NORTHSHIRE COUNTY COUNCIL" on the page) */
        cr_expect_str_eq(str(m, "council"), "Northshire County Council");
        cr_expect_str_eq(str(m, "id"), "northshire/cabinet/2026-01-29");
        cr_expect_str_eq(str(m, "venue"), "Council Chamber, Shire Hall, Northtown");
        /* no times printed: none invented */
        cr_expect_null(str(m, "commenced"));
        cr_expect_null(str(m, "terminated"));
        expect_entries(m, entries, 3, fonts[f]);
        expect_attendance(m, people, 8, fonts[f]);
        const cJSON *e = cJSON_GetArrayItem(list(m, "minutes"), 1);
        cr_expect_str_eq(str(e, "agenda_number"), "5");
        cr_expect_str_eq(item_string(e, "resolutions", 0), "that the report be noted.");
        const cJSON *src = cJSON_GetArrayItem(list(m, "sources"), 0);
        cr_expect_str_eq(str(src, "role"), "minutes");
        cJSON_Delete(m);
    }
}

/* A pack's minutes become the record of the earlier meeting; their
 * entries are not the pack's agenda items. */
Test(minutes, a_packs_minutes_are_their_own_record)
{
    cJSON *m = minutes_for("sample-pack", NULL);
    cr_expect_str_eq(str(m, "status"), "minutes");
    cr_expect_str_eq(str(m, "date"), "2026-01-13");
    cr_expect_str_eq(str(m, "commenced"), "18:30");
    cr_expect_eq(cJSON_GetArraySize(list(m, "minutes")), 3);
    cr_expect_eq(cJSON_GetArraySize(list(m, "agenda")), 0);
    cr_expect_str_eq(str(cJSON_GetArrayItem(list(m, "minutes"), 0), "number"), "14");
    cJSON_Delete(m);
}
