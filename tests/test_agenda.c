/*
 * test_agenda.c: the frontsheet read into meeting fields and agenda items,
 * for each agenda layout the project's fixtures print, in three typefaces
 * (a rule that only works in one font is a rule keyed to that font).
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <glib.h>
#include <string.h>

#include "tests/helpers.h"

static char *dir;
static void setup(void) { dir = scratch_dir(); }
static void teardown(void) { scratch_remove(dir); }
TestSuite(agenda, .init = setup, .fini = teardown);

/* NULL: the fixture's own font. */
static const char *const fonts[] = {NULL, "Liberation Serif", "Liberation Mono"};
#define NFONTS 3

/* The pack's own meeting record, or NULL with the notice in *notice. */
static cJSON *record_for(const char *fixture, const char *font, char **notice)
{
    return record_of_status(dir, fixture, font, "agenda", notice);
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valueint : 0;
}

static const cJSON *item(const cJSON *record, int i)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(record, "agenda"), i);
}

static int nitems(const cJSON *record)
{
    return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(record, "agenda"));
}

typedef struct want_item {
    const char *number, *title;
    int page_start, page_end, pdf_start, pdf_end;
} want_item;

static void expect_items(const cJSON *record, const want_item *want, int n,
                         const char *font)
{
    const char *f = font ? font : "own font";
    cr_assert_eq(nitems(record), n, "[%s] %d items", f, nitems(record));
    for (int i = 0; i < n; i++) {
        const cJSON *it = item(record, i);
        cr_expect_str_eq(str(it, "number"), want[i].number, "[%s]", f);
        cr_expect_str_eq(str(it, "title"), want[i].title, "[%s] item %s", f,
                         want[i].number);
        cr_expect_eq(num(it, "page_start"), want[i].page_start, "[%s] item %s", f,
                     want[i].number);
        cr_expect_eq(num(it, "page_end"), want[i].page_end, "[%s] item %s", f,
                     want[i].number);
        cr_expect_eq(num(it, "pdf_page_start"), want[i].pdf_start, "[%s] item %s",
                     f, want[i].number);
        cr_expect_eq(num(it, "pdf_page_end"), want[i].pdf_end, "[%s] item %s", f,
                     want[i].number);
    }
}

Test(agenda, table_with_capital_titles_and_a_page_column)
{
    static const want_item want[] = {
        {"1", "APOLOGIES FOR ABSENCE", 0, 0, 0, 0},
        {"2", "MINUTES", 1, 4, 0, 0},
        {"3", "TENANT SATISFACTION 2025 TO 2026", 5, 12, 0, 0},
        {"4", "A STRATEGY FOR EMPTY HOMES", 13, 20, 0, 0},
        {"5", "CHAIR'S UPDATE", 0, 0, 0, 0},
        {"6", "URGENT ITEMS", 0, 0, 0, 0},
    };
    for (int f = 0; f < NFONTS; f++) {
        cJSON *r = record_for("agenda-table", fonts[f], NULL);
        cr_assert_not_null(r);
        expect_items(r, want, 6, fonts[f]);
        cr_expect_str_eq(str(item(r, 2), "description"),
                         "The Panel to meet the Director of Housing about the annual survey.");
        cr_expect_str_eq(str(r, "committee"), "RIVERMOUTH HOUSING SCRUTINY PANEL");
        cr_expect_str_eq(str(r, "date"), "2026-02-12");
        cr_expect_str_eq(str(r, "start_time"), "19:00");
        cr_expect_str_eq(str(r, "venue"), "Room 4 - Rivermouth Civic Hall");
        /* no council printed: inferred from the gov.uk address */
        cr_expect_str_eq(str(r, "council"), "Rivermouth");
        cr_expect_str_eq(str(r, "id"),
                         "rivermouth/rivermouth-housing-scrutiny-panel/2026-02-12");
        const cJSON *contact = cJSON_GetObjectItemCaseSensitive(r, "contact");
        cr_expect_str_eq(str(contact, "name"), "Jo Example");
        cr_expect_str_eq(str(contact, "email"), "jo.example@rivermouth.gov.uk");
        /* a frontsheet on its own: the agenda, no documents */
        cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "documents")), 0);
        cJSON_Delete(r);
    }
}

Test(agenda, numbered_paragraphs_with_bold_titles_and_parts)
{
    static const want_item want[] = {
        {"1", "Apologies for Absence", 0, 0, 0, 0},
        {"2", "Minutes of Previous Meeting", 1, 2, 2, 3},
        {"3", "Coastal Erosion Monitoring Programme for the Northern Shoreline",
         3, 4, 5, 5},
        {"4", "Harbour Land Disposal", 5, 6, 6, 7},
    };
    for (int f = 0; f < NFONTS; f++) {
        cJSON *r = record_for("agenda-paragraphs", fonts[f], NULL);
        cr_assert_not_null(r);
        expect_items(r, want, 4, fonts[f]);
        cr_expect_str_eq(str(r, "date"), "2026-03-02");
        cr_expect_str_eq(str(r, "start_time"), "12:00");  /* 12.00 pm is noon */
        cr_expect_str_eq(str(r, "venue"),
                         "Room 2, Harbour Offices, Quay Street, Portlaw PT1 2AB");
        cr_expect_null(str(r, "council"));                 /* never guessed */
        const cJSON *exempt = item(r, 3);
        cr_expect_eq(num(exempt, "part"), 2);
        cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(exempt, "exempt")));
        cr_expect(g_str_has_prefix(str(exempt, "exemption"), "paragraph 3 of Part 1 of Schedule 12A"));
        cr_expect_eq(num(item(r, 1), "part"), 1);
        cr_expect(cJSON_IsFalse(cJSON_GetObjectItem(item(r, 1), "exempt")));
        /* the stamp and the printed range disagree: stamp kept, warned */
        const cJSON *w = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "warnings"), 0);
        cr_assert_not_null(w);
        cr_expect(strstr(w->valuestring, "agenda item 3") != NULL, "%s", w->valuestring);
        cJSON_Delete(r);
    }
}

Test(agenda, plain_rows_prose_summons_and_two_lists)
{
    static const want_item want[] = {
        {"101", "Apologies for absence", 0, 0, 0, 0},
        {"102", "Accounts for payment", 0, 0, 0, 0},
        {"103", "Planning", 0, 0, 0, 0},
        {"104", "Reports from groups:- Finance", 0, 0, 0, 0},
        {"201", "Election of Chair", 0, 0, 0, 0},
        {"202", "Election of Vice-Chair", 0, 0, 0, 0},
        {"203", "Any other business", 0, 0, 0, 0},
    };
    for (int f = 0; f < NFONTS; f++) {
        cJSON *r = record_for("agenda-plain", fonts[f], NULL);
        cr_assert_not_null(r);
        expect_items(r, want, 7, fonts[f]);
        cr_expect_str_eq(str(item(r, 1), "description"), "Office supplies Clerk's salary");
        cr_expect_str_eq(str(item(r, 2), "description"), "To consider applications received.");
        cr_expect_str_eq(str(r, "committee"), "Greenhill Parish Council");
        cr_expect_str_eq(str(r, "date"), "2026-04-14");
        cr_expect_str_eq(str(r, "start_time"), "19:30");
        cr_expect_str_eq(str(r, "venue"), "Village Hall, Greenhill");
        cJSON_Delete(r);
    }
}

Test(agenda, to_follow_supplement_restarts_its_pages)
{
    static const want_item want[] = {
        {"7", "TAXI LICENSING POLICY REVIEW", 1, 10, 3, 4},
        {"8", "STREET TRADING CONSENTS", 11, 14, 0, 0},
    };
    for (int f = 0; f < NFONTS; f++) {
        cJSON *r = record_for("agenda-to-follow", fonts[f], NULL);
        cr_assert_not_null(r);
        expect_items(r, want, 2, fonts[f]);
        cr_expect_str_eq(str(item(r, 0), "description"),
                         "To consider a report of the Head of Regulation.");
        cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(r, "supplement")));
        cr_expect_str_eq(str(r, "committee"), "LICENSING AND REGULATORY COMMITTEE");
        /* printed in capitals, written as names are */
        cr_expect_str_eq(str(r, "council"), "Westbury Council");
        /* the id drops the kind of council, so packs that print it and
         * packs that do not file the meeting under one id */
        cr_expect_str_eq(str(r, "id"),
                         "westbury/licensing-and-regulatory-committee/2026-03-25");
        cr_expect_str_eq(str(r, "start_time"), "18:30");
        cr_expect_str_eq(str(r, "venue"),
                         "Committee Room 1, Westbury Town Hall, Market Square, Westbury WB1 1AA");
        const cJSON *src = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "sources"), 0);
        cr_expect_str_eq(str(src, "role"), "supplement");
        cJSON_Delete(r);
    }
}

/* A report published on its own: its numbered sections are no agenda,
 * and, its meeting not named, it is an unplaced document record holding
 * the report, with the date its cover prints. */
Test(agenda, a_lone_report_is_a_document_not_a_meeting)
{
    for (int f = 0; f < NFONTS; f++) {
        cJSON *r = record_for("lone-report", fonts[f], NULL);
        cr_expect_null(r, "a report's numbered sections became an agenda");
        cJSON_Delete(r);
        cJSON *records = records_for(dir, "lone-report", fonts[f], NULL);
        cr_assert_eq(cJSON_GetArraySize(records), 1);
        const cJSON *d = cJSON_GetArrayItem(records, 0);
        cr_expect_str_eq(str(d, "schema"), "agendapack.document/1");
        cr_expect_str_eq(str(d, "kind"), "report");
        cr_expect_str_eq(str(cJSON_GetObjectItem(d, "printed_for"), "date"), "2026-03-03");
        const cJSON *docs = cJSON_GetObjectItem(d, "documents");
        cr_assert_eq(cJSON_GetArraySize(docs), 1);
        cr_expect(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(docs, 0), "linked_by")));
        cJSON_Delete(records);
    }
}

Test(agenda, every_item_carries_evidence_and_reports_numbering_is_not_agenda)
{
    cJSON *r = record_for("sample-pack", NULL, NULL);
    cr_assert_not_null(r);
    /* the minutes inside the pack number 14 to 16: not agenda items */
    cr_assert_eq(nitems(r), 6);
    for (int i = 0; i < 6; i++) {
        const cJSON *ev = cJSON_GetObjectItem(item(r, i), "evidence");
        cr_expect_eq(num(ev, "pdf_page"), 1);
        cr_expect(cJSON_IsNull(cJSON_GetObjectItem(ev, "page")));
        const cJSON *bbox = cJSON_GetObjectItem(ev, "bbox");
        cr_assert_eq(cJSON_GetArraySize(bbox), 4);
        cr_expect_gt(cJSON_GetArrayItem(bbox, 2)->valuedouble,
                     cJSON_GetArrayItem(bbox, 0)->valuedouble);
        char prefix[8];
        g_snprintf(prefix, sizeof prefix, "%d.", i + 1);
        cr_expect(g_str_has_prefix(str(ev, "text"), prefix), "%s", str(ev, "text"));
    }
    cJSON_Delete(r);
}

Test(agenda, covering_letter_lists_one_item_and_dates_the_meeting_not_the_letter)
{
    static const want_item want[] = {
        {"7", "Riverside Development Framework", 1, 2, 2, 3},
    };
    for (int f = 0; f < NFONTS; f++) {
        cJSON *r = record_for("agenda-letter", fonts[f], NULL);
        cr_assert_not_null(r);
        expect_items(r, want, 1, fonts[f]);
        cr_expect_str_eq(str(item(r, 0), "decision_ref"), "26/00012");
        cr_expect_str_eq(str(r, "committee"), "PLANNING COMMITTEE");
        /* the letter is dated 27 January; the meeting is 5 February */
        cr_expect_str_eq(str(r, "date"), "2026-02-05");
        cr_expect_null(str(r, "start_time"));
        cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(r, "supplement")));
        const cJSON *contact = cJSON_GetObjectItemCaseSensitive(r, "contact");
        cr_expect_str_eq(str(contact, "name"), "Sam Example");
        cJSON_Delete(r);
    }
}

Test(agenda, item_labels_and_bold_titles_run_on_into_descriptions)
{
    static const want_item want[] = {
        {"1", "Welcome and apologies", 0, 0, 0, 0},
        {"2", "Minutes of the last meeting", 0, 0, 0, 0},
        {"3", "Care home fees", 5, 12, 0, 0},
        {"4", "Work programme", 0, 0, 0, 0},
    };
    for (int f = 0; f < NFONTS; f++) {
        cJSON *r = record_for("agenda-item-labels", fonts[f], NULL);
        cr_assert_not_null(r);
        expect_items(r, want, 4, fonts[f]);
        cr_expect_str_eq(str(item(r, 2), "description"), "A report of the Director.");
        cr_expect_str_eq(str(r, "committee"), "Adult Social Care Scrutiny Sub-Committee");
        cr_expect_str_eq(str(r, "date"), "2026-03-03");
        cr_expect_str_eq(str(r, "start_time"), "14:00");
        cr_expect_str_eq(str(r, "venue"), "Meeting Room A, County Offices");
        cJSON_Delete(r);
    }
}

/* An American agenda prints the kind of meeting after the body's name
 * ("PLANNING COMMISSION ADJOURNED REGULAR MEETING"): the committee is the
 * body, the date is read month first, and the items are its own. */
Test(agenda, the_kind_of_meeting_after_the_body_name_is_not_the_name)
{
    static const char *const titles[] = {"CALL TO ORDER", "ROLL CALL",
                                         "PUBLIC COMMENTS ON LISTED AGENDA ITEMS",
                                         "CONSENT CALENDAR", "NEW BUSINESS", "ADJOURN"};
    for (int f = 0; f < NFONTS; f++) {
        cJSON *r = record_for("agenda-us", fonts[f], NULL);
        cr_assert_not_null(r, "[%s] no agenda record", fonts[f] ? fonts[f] : "own font");
        cr_expect_str_eq(str(r, "committee"), "LAKEVIEW PLANNING COMMISSION");
        cr_expect_str_eq(str(r, "date"), "2022-11-30");
        cr_expect_str_eq(str(r, "start_time"), "18:30");
        cr_expect_eq(nitems(r), 6);
        for (int i = 0; i < 6 && i < nitems(r); i++)
            cr_expect(g_str_has_prefix(str(item(r, i), "title"), titles[i]), "[%s] %d: %s",
                      fonts[f] ? fonts[f] : "own font", i, str(item(r, i), "title"));
        cJSON_Delete(r);
    }
}
