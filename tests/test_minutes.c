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
        cr_expect_str_eq(item_string(e, "resolutions", 0), "the plan be noted.");
        cr_expect_str_eq(item_string(e, "resolutions", 1),
                         "a progress report come to the March meeting.");
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
        cr_expect_str_eq(item_string(e, "resolutions", 0), "the report be noted.");
        cr_expect_str_eq(item_string(e, "resolutions", 1), "officers report back in June.");
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
        cr_expect_str_eq(item_string(e, "resolutions", 0), "the report be noted.");
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

/* The names of vote v cast for option ("names_for" ...), joined by ", ". */
static char *vote_names(const cJSON *v, const char *key)
{
    GString *s = g_string_new(NULL);
    const cJSON *n;
    cJSON_ArrayForEach(n, list(v, key))
        g_string_append_printf(s, "%s%s", s->len ? ", " : "", n->valuestring);
    return g_string_free(s, FALSE);
}

static void expect_vote(const cJSON *v, int f, int a, int ab, const char *result,
                        const char *motion, const char *names_for, const char *names_against,
                        const char *names_abstain, const char *font)
{
    cr_assert_not_null(v, "[%s]", font);
    cr_expect_eq(cJSON_GetObjectItem(v, "for")->valueint, f, "[%s]", font);
    cr_expect_eq(cJSON_GetObjectItem(v, "against")->valueint, a, "[%s]", font);
    cr_expect_eq(cJSON_GetObjectItem(v, "abstain")->valueint, ab, "[%s]", font);
    cr_expect_str_eq(str(v, "result"), result, "[%s]", font);
    cr_expect_str_eq(str(v, "motion"), motion, "[%s]", font);
    const char *want[] = {names_for, names_against, names_abstain};
    const char *keys[] = {"names_for", "names_against", "names_abstain"};
    for (int k = 0; k < 3; k++) {
        char *got = vote_names(v, keys[k]);
        cr_expect_str_eq(got, want[k], "[%s] %s", font, keys[k]);
        g_free(got);
    }
}

static void expect_resolutions(const cJSON *entry, const char *const *want, int n,
                               const char *font)
{
    const cJSON *res = list(entry, "resolutions");
    cr_assert_eq(cJSON_GetArraySize(res), n, "[%s] minute %s: %d resolutions", font,
                 str(entry, "number"), cJSON_GetArraySize(res));
    for (int i = 0; i < n; i++)
        cr_expect_str_eq(item_string(entry, "resolutions", i), want[i], "[%s] minute %s",
                         font, str(entry, "number"));
}

/* A full council's printed minutes: the present list stopping at the
 * headings under it; the election of its chair, minuted under a heading
 * of its own before the first numbered minute, an entry without a
 * number; resolutions whatever their lead and
 * numbering, each clause one string, its lead, number and "that" gone; no
 * resolution from a line a sentence wrapped onto ("Decision - ..."), from
 * "Agreed unanimously." alone, or from the debate's "It was agreed that"
 * where the minute records RESOLVED; votes recorded in named blocks with
 * each member's vote, the motion put and the result, and a vote counted
 * inline; two members declaring in one sentence, each declaration
 * stopping at its sentence's end; a name broken at its hyphen over two
 * lines. Three typefaces. */
Test(minutes, resolutions_as_written_and_votes_by_name)
{
    static const char *const chair[] = {"Mr Amos be elected to Chair the meeting."};
    static const char *const m12[] = {
        "the minutes of the meeting held on 4 December 2025 be approved."};
    static const char *const m14[] = {"Approves the revenue budget of £1,234.5m for 2026-27",
                                      "Approves the capital programme for 2026-27 to 2028-29",
                                      "Notes the risks set out in the report."};
    static const char *const m15[] = {"Note the report.", "Agree the action plan."};
    static const char *const m16[] = {"the motion be adopted."};
    for (int f = 0; f < NFONTS; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        cJSON *m = minutes_for("minutes-votes", fonts[f]);
        const cJSON *all = list(m, "minutes");
        cr_assert_eq(cJSON_GetArraySize(all), 7, "[%s]", font);
        /* the present list stops at the heading under it */
        static const want_person present[] = {
            {"P Amos", "present", "Chairman"}, {"C Bell", "present", NULL},
            {"D Cole", "present", NULL},       {"E Dent", "present", NULL},
            {"F Ford-Jones", "present", NULL}, {"G Gale", "present", NULL},
            {"H Hart", "present", NULL},       {"A Shah", "present", NULL}};
        expect_attendance(m, present, 8, fonts[f]);
        /* the election of the chair, unnumbered, before minute 12 */
        const cJSON *election = cJSON_GetArrayItem(all, 0);
        cr_expect(cJSON_IsNull(cJSON_GetObjectItem(election, "number")), "[%s]", font);
        cr_expect_str_eq(str(election, "title"), "Election of Chair", "[%s]", font);
        expect_resolutions(election, chair, 1, font);
        cJSON *entries = cJSON_CreateArray();     /* the numbered ones */
        for (int i = 1; i < cJSON_GetArraySize(all); i++)
            cJSON_AddItemReferenceToArray(entries, cJSON_GetArrayItem(all, i));
        expect_resolutions(cJSON_GetArrayItem(entries, 0), m12, 1, font);
        expect_resolutions(cJSON_GetArrayItem(entries, 1), NULL, 0, font);
        expect_resolutions(cJSON_GetArrayItem(entries, 2), m14, 3, font);
        expect_resolutions(cJSON_GetArrayItem(entries, 3), m15, 2, font);
        expect_resolutions(cJSON_GetArrayItem(entries, 4), m16, 1, font);
        const cJSON *budget = list(cJSON_GetArrayItem(entries, 2), "votes");
        cr_assert_eq(cJSON_GetArraySize(budget), 2, "[%s] budget votes", font);
        expect_vote(cJSON_GetArrayItem(budget, 0), 3, 4, 1, "lost",
                    "the amendment set out in paragraph 2", "Mr Amos, Mrs Bell, Dr Shah",
                    "Mr Cole, Mr Dent, Mrs Ford, Mr Gale", "Ms Hart", font);
        expect_vote(cJSON_GetArrayItem(budget, 1), 5, 2, 1, "carried", "the substantive motion",
                    "Mr Amos, Mrs Bell, Mr Cole, Mr Dent, Dr Shah", "Mrs Ford, Mr Gale",
                    "Ms Hart", font);
        const cJSON *bus = cJSON_GetArrayItem(list(cJSON_GetArrayItem(entries, 4), "votes"), 0);
        cr_assert_not_null(bus, "[%s] the inline vote", font);
        cr_expect_eq(cJSON_GetObjectItem(bus, "for")->valueint, 5);
        cr_expect_eq(cJSON_GetObjectItem(bus, "against")->valueint, 2);
        cr_expect_eq(cJSON_GetObjectItem(bus, "abstain")->valueint, 1);
        /* two members declaring in one sentence: both */
        const cJSON *decl = list(cJSON_GetArrayItem(entries, 5), "declarations");
        cr_assert_eq(cJSON_GetArraySize(decl), 3, "[%s] %d declarations", font,
                     cJSON_GetArraySize(decl));
        /* each declaration stops at its sentence, not at the next number */
        cr_expect(g_str_has_suffix(str(cJSON_GetArrayItem(decl, 1), "text"), "governors."),
                  "[%s] %s", font, str(cJSON_GetArrayItem(decl, 1), "text"));
        cr_expect_str_eq(str(cJSON_GetArrayItem(decl, 2), "member"), "Shah", "[%s]", font);
        cr_expect_str_eq(str(cJSON_GetArrayItem(decl, 2), "kind"), "prejudicial", "[%s]", font);
        cr_expect_str_eq(str(cJSON_GetArrayItem(decl, 0), "member"), "Bell", "[%s]", font);
        cr_expect_str_eq(str(cJSON_GetArrayItem(decl, 1), "member"), "Cole", "[%s]", font);
        cr_expect_str_eq(str(cJSON_GetArrayItem(decl, 1), "item"), "5", "[%s]", font);
        cr_expect_str_eq(str(cJSON_GetArrayItem(decl, 0), "kind"), "personal", "[%s]", font);
        cJSON_Delete(entries);
        cJSON_Delete(m);
    }
}

/* A parish council's minutes: found by "Minutes of the Meeting held on
 * ..." under the council's name; the meeting's date, time and place from
 * that line; a present list in prose whose "also present" members attend;
 * minutes numbered by year and month ("21.06.04") read as printed; a
 * section under a heading and no number between two minutes its own
 * entry. */
Test(minutes, a_parish_councils_minutes_as_it_writes_them)
{
    static const char *const entries[][2] = {
        {"21.06.01", "Election of Chair"}, {"21.06.02", "Apologies"},
        {"21.06.03", "Declarations of Interest"}, {"21.06.04", "Playground Repairs"},
        {"21.06.05", "Date of Next Meeting"}};
    static const want_person people[] = {
        {"A Smith", "present", "Chair"}, {"B Jones", "present", NULL},
        {"C Brown", "present", NULL},    {"D Green", "in_attendance", NULL},
        {"E Hall", "apologies", NULL}};
    for (int f = 0; f < NFONTS; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        cJSON *m = minutes_for("minutes-parish", fonts[f]);
        cr_expect_str_eq(str(m, "date"), "2021-06-07", "[%s]", font);
        cr_expect_str_eq(str(m, "start_time"), "19:00", "[%s]", font);
        cr_expect_str_eq(str(m, "venue"), "Memorial Hall", "[%s]", font);
        /* the section without a number between 21.06.02 and 21.06.03 */
        const cJSON *all = list(m, "minutes");
        cr_assert_eq(cJSON_GetArraySize(all), 6, "[%s] %d entries", font,
                     cJSON_GetArraySize(all));
        const cJSON *forum = cJSON_GetArrayItem(all, 2);
        cr_expect(cJSON_IsNull(cJSON_GetObjectItem(forum, "number")), "[%s]", font);
        cr_expect_str_eq(str(forum, "title"), "Public Participation", "[%s]", font);
        cJSON *numbered = cJSON_CreateObject(), *only = cJSON_AddArrayToObject(numbered, "minutes");
        for (int i = 0; i < cJSON_GetArraySize(all); i++)
            if (i != 2)
                cJSON_AddItemReferenceToArray(only, cJSON_GetArrayItem(all, i));
        expect_entries(numbered, entries, 5, fonts[f]);
        cJSON_Delete(numbered);
        expect_attendance(m, people, 5, fonts[f]);
        const cJSON *green = cJSON_GetArrayItem(list(m, "attendance"), 3);
        cr_expect_str_eq(str(green, "title"), "District Councillor", "[%s]", font);
        static const char *const res[] = {"the quotation of £1,200 be accepted."};
        expect_resolutions(cJSON_GetArrayItem(list(m, "minutes"), 4), res, 1, font);
        cJSON_Delete(m);
    }
}

/* Minutes that open with the panel's name and the date in one heading,
 * with no "Minutes of" and no labelled list: minutes by what they record
 * (a dated heading naming a body, and a decision); the committee and date
 * from that heading; members present from a sentence. */
Test(minutes, minutes_found_by_what_they_record)
{
    static const char *const entries[][2] = {
        {"1", "ELECTION OF CHAIR"}, {"2", "APOLOGIES"}, {"3", "CARE HOME FEES"},
        {"4", "DATE OF NEXT MEETING"}};
    static const want_person people[] = {
        {"A Shaw", "present", NULL}, {"B Patel", "present", NULL},
        {"C Wood", "present", NULL}, {"D Ray", "apologies", NULL}};
    static const char *const res[] = {"the fees for 2024-25 be increased by 5%."};
    for (int f = 0; f < NFONTS; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        cJSON *m = minutes_for("minutes-panel", fonts[f]);
        cr_expect_str_eq(str(m, "committee"), "ADULT SOCIAL CARE SCRUTINY PANEL", "[%s]", font);
        cr_expect_str_eq(str(m, "date"), "2024-03-04", "[%s]", font);
        expect_entries(m, entries, 4, fonts[f]);
        expect_attendance(m, people, 4, fonts[f]);
        expect_resolutions(cJSON_GetArrayItem(list(m, "minutes"), 2), res, 1, font);
        cJSON_Delete(m);
    }
}

/* Minutes in Welsh: "Cofnodion cyfarfod o'r Pwyllgor Craffu" names the
 * committee; "Dydd Mercher, 3ydd Mawrth 2021" is the date; "Yn bresennol"
 * and "Ymddiheuriadau" list members titled "Y Cynghorydd", joined by "a";
 * "PENDERFYNWYD" leads a decision. */
Test(minutes, a_welsh_set_of_minutes)
{
    static const char *const entries[][2] = {
        {"1", "DATGAN BUDDIANT"}, {"2", "CYLLIDEB 2021-22"},
        {"3", "DYDDIAD Y CYFARFOD NESAF"}};
    static const want_person people[] = {
        {"A Jones", "present", "Cadeirydd"}, {"B Evans", "present", NULL},
        {"C Hughes", "present", NULL},       {"D Price", "apologies", NULL}};
    static const char *const res[] = {"cymeradwyo'r gyllideb ddrafft ar gyfer 2021-22."};
    for (int f = 0; f < NFONTS; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        cJSON *m = minutes_for("minutes-welsh", fonts[f]);
        cr_expect_str_eq(str(m, "committee"), "Pwyllgor Craffu", "[%s]", font);
        cr_expect_str_eq(str(m, "date"), "2021-03-03", "[%s]", font);
        cr_expect_str_eq(str(m, "start_time"), "10:00", "[%s]", font);
        expect_entries(m, entries, 3, fonts[f]);
        expect_attendance(m, people, 4, fonts[f]);
        expect_resolutions(cJSON_GetArrayItem(list(m, "minutes"), 1), res, 1, font);
        cJSON_Delete(m);
    }
}

/* "MINUTES" over a table of the meeting, date, time and place: the
 * committee from "Meeting:", the rest from their labels. */
Test(minutes, minutes_over_a_table_of_fields)
{
    static const char *const entries[][2] = {{"1", "Apologies"}, {"2", "Planning Applications"}};
    static const want_person people[] = {
        {"J Fry", "present", "Chair"}, {"K Lane", "present", NULL},
        {"M Snow", "present", NULL},   {"P Rowe", "apologies", NULL}};
    for (int f = 0; f < NFONTS; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        cJSON *m = minutes_for("minutes-fields", fonts[f]);
        cr_expect_str_eq(str(m, "committee"), "Planning Committee", "[%s]", font);
        cr_expect_str_eq(str(m, "date"), "2021-11-09", "[%s]", font);
        cr_expect_str_eq(str(m, "start_time"), "19:30", "[%s]", font);
        cr_expect_str_eq(str(m, "venue"), "Council Offices, High Street", "[%s]", font);
        expect_entries(m, entries, 2, fonts[f]);
        expect_attendance(m, people, 4, fonts[f]);
        cJSON_Delete(m);
    }
}

/* A present list set in two columns; the clerk in attendance; members of
 * the public not counted; minutes numbered "21/118" read as printed. */
Test(minutes, a_present_list_in_two_columns)
{
    static const char *const entries[][2] = {
        {"21/118", "Apologies"}, {"21/119", "Planning"}, {"21/120", "Accounts for Payment"}};
    static const want_person people[] = {
        {"A Smith", "present", "Chair"}, {"D Evans", "present", NULL},
        {"B Jones", "present", NULL},    {"E Green", "present", NULL},
        {"C Brown", "present", NULL},    {"F Hale", "in_attendance", "Clerk"},
        {"G Hill", "apologies", NULL}};
    for (int f = 0; f < NFONTS; f++) {
        cJSON *m = minutes_for("minutes-columns", fonts[f]);
        cr_expect_str_eq(str(m, "date"), "2021-10-04");
        expect_attendance(m, people, 7, fonts[f]);
        expect_entries(m, entries, 3, fonts[f]);
        cJSON_Delete(m);
    }
}

/* An extract of a cabinet's minutes under a banner that is a picture and
 * a DRAFT watermark set across the page: the watermark's letters are no
 * lines of the page; the committee from "Minutes extract from Cabinet –
 * date"; a number printed twice and one out of sequence each head their
 * own minute; a member substituting for another is a substitute; the
 * apologies reported in a later minute are apologies; decisions led by
 * "It was resolved", "Members agreed" and "DECIDED:". */
Test(minutes, an_extract_under_a_draft_watermark)
{
    static const char *const entries[][2] = {
        {"12.24.01", "Apologies for Absence"}, {"12.24.02", "Leisure Centre Contract"},
        {"12.24.02", "Housing Allocations Policy"}, {"12.24.04", "Council Tax Base"},
        {"12.24.03", "Urgent Items"}};
    static const want_person people[] = {
        {"A Reed", "present", "Chair"},
        {"B Cooke", "present", NULL},
        {"C Dale", "present", NULL},
        {"E Fox", "substitute", "substitute for Councillor F Gray"},
        {"H Ince", "present", NULL},
        {"J King", "in_attendance", "Chief Executive"},
        {"F Gray", "apologies", NULL},
        {"L Moss", "apologies", NULL},
        {"M North", "apologies", NULL}};
    static const char *const leisure[] = {"the contract be awarded to the preferred bidder."};
    static const char *const housing[] = {"to consult on the revised policy for eight weeks."};
    static const char *const tax[] = {
        "the council tax base for 2025-26 be 41,250.5 Band D equivalents."};
    for (int f = 0; f < NFONTS; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        cJSON *m = minutes_for("minutes-extract", fonts[f]);
        cr_expect_str_eq(str(m, "committee"), "Cabinet", "[%s]", font);
        cr_expect_str_eq(str(m, "date"), "2024-12-13", "[%s]", font);
        expect_entries(m, entries, 5, fonts[f]);
        expect_attendance(m, people, 9, fonts[f]);
        const cJSON *all = list(m, "minutes");
        expect_resolutions(cJSON_GetArrayItem(all, 1), leisure, 1, font);
        expect_resolutions(cJSON_GetArrayItem(all, 2), housing, 1, font);
        expect_resolutions(cJSON_GetArrayItem(all, 3), tax, 1, font);
        expect_resolutions(cJSON_GetArrayItem(all, 4), NULL, 0, font);
        cJSON_Delete(m);
    }
}
