/*
 * test_documents.c: the meeting record built from a page model, and the
 * documents extractor's split of items into documents.
 */
#include <criterion/criterion.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "tests/helpers.h"
#include "record/schema.h"
#include "pages/furniture.h"
#include "extractors/extractor.h"
#include "parsers/pdf.h"
#include "segment/cover.h"
#include "core/page_model.h"

static char *dir;
static void setup(void) { dir = scratch_dir(); }
static void teardown(void) { scratch_remove(dir); }
TestSuite(documents, .init = setup, .fini = teardown);

/* The pack's own meeting; any minutes it carries are records of their own. */
static cJSON *record_for(const char *fixture)
{
    cJSON *record = record_of_status(dir, fixture, NULL, "agenda", NULL);
    cr_assert_not_null(record, "%s gave no agenda record", fixture);
    return record;
}

static int num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valueint : -1;
}

Test(documents, items_split_at_blank_pages)
{
    cJSON *record = record_for("sample-pack");
    ap_error err = {{0}};
    cr_expect(ap_schema_validate(ap_schema_meeting(), record, &err), "%s",
              err.message);
    const cJSON *docs = cJSON_GetObjectItemCaseSensitive(record, "documents");
    /* item 3: pdf 3-4; item 4: pdf 5-7 (8 is padding); item 5: pdf 9-10 */
    const int want[][5] = {{3, 3, 4, 1, 2}, {4, 5, 7, 3, 5}, {5, 9, 10, 7, 8}};
    cr_assert_eq(cJSON_GetArraySize(docs), 3);
    for (int i = 0; i < 3; i++) {
        const cJSON *d = cJSON_GetArrayItem(docs, i);
        char item[8];
        snprintf(item, sizeof item, "%d", want[i][0]);
        cr_expect_str_eq(cJSON_GetObjectItem(d, "item")->valuestring, item);
        cr_expect_eq(num(d, "pdf_page_start"), want[i][1]);
        cr_expect_eq(num(d, "pdf_page_end"), want[i][2]);
        cr_expect_eq(num(d, "page_start"), want[i][3]);
        cr_expect_eq(num(d, "page_end"), want[i][4]);
    }
    const cJSON *title = cJSON_GetObjectItem(cJSON_GetArrayItem(docs, 1), "title");
    cr_expect_str_eq(title->valuestring, "Flood Resilience Plan 2026-2030");
    cJSON_Delete(record);
}

Test(documents, record_names_its_source)
{
    cJSON *record = record_for("sample-pack");
    const cJSON *src = cJSON_GetArrayItem(
        cJSON_GetObjectItemCaseSensitive(record, "sources"), 0);
    cr_expect_str_eq(cJSON_GetObjectItem(src, "file")->valuestring, "sample-pack.pdf");
    cr_expect_str_eq(cJSON_GetObjectItem(src, "role")->valuestring, "agenda_pack");
    cr_expect_eq(num(src, "pdf_pages"), 10);
    cr_expect_eq(strlen(cJSON_GetObjectItem(src, "sha256")->valuestring), 64);
    const char *id = cJSON_GetObjectItem(record, "id")->valuestring;
    cr_expect_str_eq(id, "unknown/harbourside-environment-scrutiny-panel/2026-03-03");
    cJSON_Delete(record);
}

Test(documents, page_model_warnings_reach_the_record)
{
    ap_doc *doc = synthetic_doc(4);
    add_line(doc, 1, 56, 60, "TEST SCRUTINY PANEL");
    add_line(doc, 1, 56, 80, "Date: 3 March 2026");
    add_line(doc, 1, 56, 100, "AGENDA");
    add_line(doc, 1, 56, 120, "1. APOLOGIES");
    add_line(doc, 1, 56, 140, "2. MINUTES");
    const char *footers[] = {"Page 1", "Page 2", "Page 30", "Page 4"};
    for (int p = 1; p <= 4; p++) {
        add_line(doc, p, 56, 400, "text");
        add_line(doc, p, 280, 810, footers[p - 1]);
    }
    ap_furniture_apply(doc);
    ap_error err;
    cJSON *records = ap_meeting_build(doc, NULL, &err);
    cr_assert_eq(cJSON_GetArraySize(records), 1);
    const cJSON *warnings = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetArrayItem(records, 0), "warnings");
    cr_assert_eq(cJSON_GetArraySize(warnings), 1);
    cr_expect(strstr(cJSON_GetArrayItem(warnings, 0)->valuestring, "page 3") != NULL);
    cJSON_Delete(records);
    ap_doc_free(doc);
}

static const char *field(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Without padding pages between them, documents still split where a cover
 * sheet or an "Appendix" heading starts one; cover fields are read from
 * label rows, one or two pairs to a row. */
Test(documents, split_at_cover_sheets_and_appendices)
{
    cJSON *record = record_for("pack-covers");
    const cJSON *docs = cJSON_GetObjectItemCaseSensitive(record, "documents");
    cr_assert_eq(cJSON_GetArraySize(docs), 3);
    const struct { const char *item, *kind; int pdf_start, pdf_end; } want[] = {
        {"2", "report", 3, 4}, {"2", "appendix", 5, 5}, {"3", "report", 6, 6}};
    for (int i = 0; i < 3; i++) {
        const cJSON *d = cJSON_GetArrayItem(docs, i);
        cr_expect_str_eq(field(d, "item"), want[i].item);
        cr_expect_str_eq(field(d, "kind"), want[i].kind, "document %d", i);
        cr_expect_eq(num(d, "pdf_page_start"), want[i].pdf_start);
        cr_expect_eq(num(d, "pdf_page_end"), want[i].pdf_end);
    }
    const cJSON *cover = cJSON_GetObjectItem(cJSON_GetArrayItem(docs, 0), "cover");
    cr_expect_str_eq(field(cover, "report_to"), "Audit Committee");
    cr_expect_str_eq(field(cover, "date"), "9 June 2026");
    cr_expect_str_eq(field(cover, "report_of"), "Head of Finance");
    cr_expect_str_eq(field(cover, "title"), "Risk Management Update");
    cr_expect_str_eq(field(cover, "purpose"), "To update the Committee on strategic risks.");
    cr_expect_str_eq(field(cover, "recommendations"), "That the Committee notes the report.");
    cr_expect_str_eq(field(cJSON_GetArrayItem(docs, 0), "title"), "Risk Management Update");
    cr_expect(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(docs, 1), "cover")));
    cover = cJSON_GetObjectItem(cJSON_GetArrayItem(docs, 2), "cover");
    cr_expect_str_eq(field(cover, "title"), "Internal Audit Plan");
    cr_expect_str_eq(field(cover, "date"), "2 June 2026");
    cr_expect_str_eq(field(cover, "report_for"), "Audit Committee");
    cr_expect_str_eq(field(cover, "report_of"), "Chief Auditor");
    cJSON_Delete(record);
}

/* Cover sheets as councils print them (fixtures/report-covers.txt), in
 * three typefaces: values in a column, over several lines, wrapped under
 * their label, beneath a label alone, and in a grid under their labels;
 * the body's first section ends the cover; justified prose whose lines
 * begin "to" and "from" is no cover. */
Test(documents, cover_sheets_read_as_printed)
{
    static const char *const fonts[] = {NULL, "Liberation Serif", "Liberation Mono"};
    static const struct { const char *key, *value; } want[] = {
        {"report_of", "Alex Morgan, Cabinet Member for Education Sam Patel, Corporate Director "
                      "of Children, Young People and Education"},
        {"report_to", "Cabinet – 30 January 2026"},
        {"title", "School Places Plan 2026-30"},
        {"decision_ref", "26/00012"},
        {"classification", "Unrestricted"},
        {"summary", "This report provides the Cabinet with the School Places Plan for approval, "
                    "setting out where new places are needed."},
        {"recommendations", "Cabinet is asked to agree the School Places Plan 2026-30."},
    };
    for (int f = 0; f < 3; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        char *pdf = render_fixture(dir, "report-covers", fonts[f]);
        ap_error err = {{0}};
        ap_doc *doc = ap_doc_open(pdf, &err);
        cr_assert_not_null(doc, "%s", err.message);
        ap_cover *cover = ap_cover_read(&doc->pages[0]);
        cr_assert_not_null(cover, "[%s] no cover on page 1", font);
        cr_expect_eq(cover->nreport, 6, "[%s] %zu report labels", font, cover->nreport);
        cr_expect_eq(cover->n, G_N_ELEMENTS(want), "[%s] %zu fields", font, cover->n);
        for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
            cr_expect_str_eq(ap_cover_value(cover, want[i].key), want[i].value, "[%s] %s: %s",
                             font, want[i].key, ap_cover_value(cover, want[i].key));
        ap_cover_free(cover);
        cover = ap_cover_read(&doc->pages[1]);
        cr_assert_not_null(cover, "[%s] no cover on page 2", font);
        cr_expect_str_eq(ap_cover_value(cover, "report_to"), "Cabinet", "[%s]", font);
        cr_expect_str_eq(ap_cover_value(cover, "decision_ref"), "26/00012", "[%s]", font);
        ap_cover_free(cover);
        cover = ap_cover_read(&doc->pages[2]);
        cr_expect_null(cover, "[%s] prose read as a cover", font);
        ap_cover_free(cover);
        ap_doc_free(doc);
        g_free(pdf);
    }
}

/* Appendices in one file that print their heading atop every page: one
 * document an appendix, whatever the typeface, each knowing its label. */
Test(documents, an_appendix_heading_every_page_is_one_document)
{
    static const char *const fonts[] = {NULL, "Liberation Serif", "Liberation Mono"};
    for (size_t f = 0; f < G_N_ELEMENTS(fonts); f++) {
        cJSON *records = records_for(dir, "appendix-headings", fonts[f], NULL);
        const cJSON *docs = cJSON_GetObjectItem(cJSON_GetArrayItem(records, 0), "documents");
        cr_assert_eq(cJSON_GetArraySize(docs), 2, "%s", fonts[f] ? fonts[f] : "own font");
        const struct { const char *label; int first, last; } want[] = {{"Appendix C", 1, 2},
                                                                        {"Appendix D", 3, 3}};
        for (int i = 0; i < 2; i++) {
            const cJSON *d = cJSON_GetArrayItem(docs, i);
            cr_expect_str_eq(field(d, "label"), want[i].label);
            cr_expect_eq(num(d, "pdf_page_start"), want[i].first);
            cr_expect_eq(num(d, "pdf_page_end"), want[i].last);
        }
        cJSON_Delete(records);
    }
}

/* A cover's labels and values set as a grid ("DECISION TO BE TAKEN BY: |
 * DECISION NO:" over "Cabinet | 26/00012") are the cover, read as such,
 * not a table too. */
Test(documents, a_cover_grid_is_no_table)
{
    static const char *const fonts[] = {NULL, "Liberation Serif", "Liberation Mono"};
    for (size_t f = 0; f < G_N_ELEMENTS(fonts); f++) {
        cJSON *records = records_for(dir, "report-covers", fonts[f], NULL);
        const cJSON *r, *t;
        cJSON_ArrayForEach(r, records)
            cJSON_ArrayForEach(t, cJSON_GetObjectItem(r, "tables"))
                cr_expect_neq(num(t, "pdf_page"), 2, "[%s] a table on the grid cover's page",
                              fonts[f] ? fonts[f] : "own font");
        cJSON_Delete(records);
    }
}
