/*
 * test_furniture.c: the furniture stage on synthetic page models, one
 * numbering or stamping convention per test. Pages are A4 (842 pt high):
 * y 20 is the top margin, y 400 the body, y 810 the bottom margin.
 */
#include <criterion/criterion.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "tests/helpers.h"
#include "pages/furniture.h"
#include "core/page_model.h"

#define TOP 20
#define BODY 400
#define BOTTOM 810

static void footer(ap_doc *doc, int page, const char *text)
{
    add_line(doc, page, 280, BOTTOM, text);
}

static void body(ap_doc *doc, int page, const char *text)
{
    add_line(doc, page, 56, BODY, text);
}

static void expect_printed(const ap_doc *doc, const int *want)
{
    for (size_t p = 0; p < doc->npages; p++)
        cr_expect_eq(doc->pages[p].printed_page, want[p],
                     "pdf page %zu: printed %d, want %d", p + 1,
                     doc->pages[p].printed_page, want[p]);
}

static void expect_items(const ap_doc *doc, const char *const *want)
{
    for (size_t p = 0; p < doc->npages; p++)
        cr_expect(g_strcmp0(doc->pages[p].agenda_item, want[p]) == 0,
                  "pdf page %zu: item %s, want %s", p + 1,
                  doc->pages[p].agenda_item ? doc->pages[p].agenda_item : "null",
                  want[p] ? want[p] : "null");
}

Test(furniture, uncounted_frontsheet_and_stamped_items)
{
    ap_doc *doc = synthetic_doc(6);
    add_line(doc, 1, 450, TOP, "Public Document Pack");
    body(doc, 1, "AGENDA");
    body(doc, 2, "This page is intentionally left blank");
    add_line(doc, 3, 450, TOP, "Agenda Item 3");
    body(doc, 3, "Minutes");
    footer(doc, 3, "Page 1");
    body(doc, 4, "More minutes");
    footer(doc, 4, "Page 2");
    add_line(doc, 5, 450, TOP, "Agenda Item 4");
    body(doc, 5, "A report");
    body(doc, 6, "The report's last page");
    footer(doc, 6, "Page 4");
    ap_furniture_apply(doc);

    expect_printed(doc, (int[]){0, 0, 1, 2, 3, 4});
    expect_items(doc, (const char *[]){NULL, NULL, "3", "3", "4", "4"});
    cr_expect(doc->pages[1].blank);
    cr_expect(!doc->pages[0].blank && !doc->pages[2].blank);
    /* stamps and footers leave the text and are kept as furniture */
    cr_expect_eq(find_line(&doc->pages[2], "Agenda Item 3"), -1);
    cr_expect_eq(find_line(&doc->pages[2], "Page 1"), -1);
    cr_expect_eq(doc->pages[2].nlines, 1);
    cr_expect_eq(doc->pages[2].nfurniture, 2);
    cr_expect_eq(doc->pages[0].furniture[0].kind, AP_FURN_PACK_STAMP);
    cr_expect_eq(doc->nwarnings, 0);
    ap_doc_free(doc);
}

Test(furniture, counted_frontsheet)
{
    ap_doc *doc = synthetic_doc(4);
    for (int p = 1; p <= 4; p++) {
        char text[16];
        snprintf(text, sizeof text, "Page %d", p);
        body(doc, p, "text");
        if (p != 2)
            footer(doc, p, text);
    }
    add_line(doc, 3, 450, TOP, "Agenda Item 2");
    ap_furniture_apply(doc);
    expect_printed(doc, (int[]){1, 2, 3, 4});
    expect_items(doc, (const char *[]){NULL, NULL, "2", "2"});
    ap_doc_free(doc);
}

Test(furniture, footer_that_breaks_the_sequence_is_ignored_with_a_warning)
{
    ap_doc *doc = synthetic_doc(6);
    const char *footers[] = {"Page 1", "Page 2", "Page 3", "Page 24", "Page 5",
                             "Page 6"};
    for (int p = 1; p <= 6; p++) {
        body(doc, p, "text");
        footer(doc, p, footers[p - 1]);
    }
    ap_furniture_apply(doc);
    expect_printed(doc, (int[]){1, 2, 3, 4, 5, 6});
    cr_assert_eq(doc->nwarnings, 1);
    cr_expect(strstr(doc->warnings[0], "page 4") != NULL, "%s", doc->warnings[0]);
    cr_expect(strstr(doc->warnings[0], "expected 4") != NULL, "%s",
              doc->warnings[0]);
    ap_doc_free(doc);
}

Test(furniture, page_words_in_the_body_are_text)
{
    ap_doc *doc = synthetic_doc(2);
    body(doc, 1, "Page 7");
    body(doc, 2, "text");
    ap_furniture_apply(doc);
    cr_expect_eq(doc->pages[0].printed_page, 0);
    cr_expect_neq(find_line(&doc->pages[0], "Page 7"), -1);
    ap_doc_free(doc);
}

Test(furniture, document_footers_are_removed_but_do_not_number_pages)
{
    ap_doc *doc = synthetic_doc(3);
    for (int p = 1; p <= 3; p++) {
        char text[32];
        snprintf(text, sizeof text, "Page %d of 3", p);
        body(doc, p, "text");
        add_line(doc, p, 450, BOTTOM, text);
    }
    ap_furniture_apply(doc);
    expect_printed(doc, (int[]){0, 0, 0});
    cr_expect_eq(doc->pages[1].nlines, 1);
    cr_expect_eq(doc->pages[1].furniture[0].kind, AP_FURN_DOC_FOOTER);
    ap_doc_free(doc);
}

Test(furniture, numbering_restarts_in_an_appended_pack)
{
    ap_doc *doc = synthetic_doc(6);
    const char *footers[] = {"Page 1", "Page 2", "Page 3", "Page 1", "Page 2",
                             "Page 3"};
    for (int p = 1; p <= 6; p++) {
        body(doc, p, "text");
        footer(doc, p, footers[p - 1]);
    }
    ap_furniture_apply(doc);
    expect_printed(doc, (int[]){1, 2, 3, 1, 2, 3});
    cr_expect_eq(doc->nwarnings, 0);
    ap_doc_free(doc);
}

Test(furniture, pages_without_footer_take_the_nearest_anchor)
{
    ap_doc *doc = synthetic_doc(7);
    for (int p = 1; p <= 7; p++)
        body(doc, p, "text");
    footer(doc, 3, "Page 1");
    footer(doc, 7, "Page 5");
    ap_furniture_apply(doc);
    expect_printed(doc, (int[]){0, 0, 1, 2, 3, 4, 5});
    ap_doc_free(doc);
}

Test(furniture, running_header_repeated_on_three_pages_is_removed)
{
    ap_doc *doc = synthetic_doc(3);
    for (int p = 1; p <= 3; p++) {
        char text[48];
        snprintf(text, sizeof text, "Annual Report %d - OFFICIAL", p);
        add_line(doc, p, 200, TOP, text);
        body(doc, p, "body text");
    }
    ap_furniture_apply(doc);
    for (int p = 0; p < 3; p++) {
        cr_expect_eq(doc->pages[p].nlines, 1);
        cr_expect_eq(doc->pages[p].furniture[0].kind, AP_FURN_RUNNING);
    }
    ap_doc_free(doc);
}

Test(furniture, header_on_two_pages_and_repeated_table_header_rows_stay)
{
    ap_doc *doc = synthetic_doc(3);
    add_line(doc, 1, 200, TOP, "Only twice");
    add_line(doc, 2, 200, TOP, "Only twice");
    for (int p = 1; p <= 3; p++) {
        const char *cells[] = {"Ref", "Indicator", "Target", "RAG"};
        for (int c = 0; c < 4; c++)
            add_line(doc, p, 56 + 120 * c, TOP + 20, cells[c]);
    }
    ap_furniture_apply(doc);
    cr_expect_neq(find_line(&doc->pages[0], "Only twice"), -1);
    for (int p = 0; p < 3; p++)
        cr_expect_neq(find_line(&doc->pages[p], "Indicator"), -1,
                      "table header removed from page %d", p + 1);
    ap_doc_free(doc);
}

Test(furniture, empty_page_is_blank_unless_it_has_graphics)
{
    ap_doc *doc = synthetic_doc(3);
    body(doc, 1, "text");
    doc->pages[2].has_graphics = true;
    ap_furniture_apply(doc);
    cr_expect(!doc->pages[0].blank);
    cr_expect(doc->pages[1].blank);
    cr_expect(!doc->pages[2].blank);
    ap_doc_free(doc);
}

Test(furniture, item_stamps_with_letters_and_sub_numbers)
{
    ap_doc *doc = synthetic_doc(3);
    add_line(doc, 1, 450, TOP, "Agenda Item 7a");
    add_line(doc, 2, 450, TOP, "Agenda Item 7.1");
    add_line(doc, 3, 56, BODY, "Agenda Item No");  /* a heading, not a stamp */
    ap_furniture_apply(doc);
    expect_items(doc, (const char *[]){"7a", "7.1", "7.1"});
    cr_expect_neq(find_line(&doc->pages[2], "Agenda Item No"), -1);
    ap_doc_free(doc);
}

Test(furniture, blank_notice_wordings)
{
    const char *notices[] = {"This page is intentionally left blank",
                             "This page has been intentionally left blank.",
                             "PAGE INTENTIONALLY LEFT BLANK"};
    for (size_t i = 0; i < 3; i++) {
        ap_doc *doc = synthetic_doc(1);
        body(doc, 1, notices[i]);
        ap_furniture_apply(doc);
        cr_expect(doc->pages[0].blank, "%s", notices[i]);
        cr_expect_eq(doc->pages[0].nlines, 0);
        ap_doc_free(doc);
    }
}
