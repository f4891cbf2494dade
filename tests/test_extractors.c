/*
 * test_extractors.c: the extractors' contract (extractors/extractor.h):
 * each writes only the record fields it declares, no field is declared
 * twice, and none reads what another wrote. The last is checked by its
 * consequence: an extractor run alone on an empty record gives exactly the
 * fields it gives in the full pipeline, on every fixture and in three
 * typefaces. An extractor that read the record's agenda or tables would
 * find them empty when alone, and give something else.
 */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "extractors/extractor.h"
#include "record/record.h"
#include "segment/segment.h"
#include "tests/helpers.h"
#include "parsers/pdf.h"
#include "pages/stages.h"
#include "core/page_model.h"

static char *dir;
static void setup(void) { dir = scratch_dir(); }
static void teardown(void) { scratch_remove(dir); }
TestSuite(extractors, .init = setup, .fini = teardown);

static bool declares(const ap_extractor *x, const char *field)
{
    for (const char *const *f = x->fields; f && *f; f++)
        if (!strcmp(*f, field))
            return true;
    return false;
}

Test(extractors, no_field_is_declared_twice)
{
    for (const ap_extractor *const *x = ap_extractors; *x; x++)
        for (const char *const *f = (*x)->fields; f && *f; f++) {
            cr_expect_str_neq(*f, "warnings", "%s declares warnings, which all may add to",
                              (*x)->name);
            for (const ap_extractor *const *y = x + 1; *y; y++)
                cr_expect_not(declares(*y, *f), "%s and %s both declare %s", (*x)->name,
                              (*y)->name, *f);
        }
}

/* The fixtures, each in its own face, a serif and a monospace one. */
static const char *const fixtures[] = {
    "sample-pack", "harbourside-january", "agenda-table", "agenda-paragraphs",
    "agenda-plain", "agenda-to-follow", "agenda-item-labels", "agenda-letter",
    "pack-covers", "scorecard-pack", "scorecard-county", "ruled-reports",
    "minutes-printed", "lone-report", "kpi-summary", "kpi-detail"};
static const char *const faces[] = {NULL, "Liberation Serif", "Liberation Mono"};

/* The pack's own record, as the pipeline fills it (extractors/build.c). */
static cJSON *full_record(const ap_pack *pack)
{
    cJSON *record = ap_record_new("agenda");
    for (const ap_extractor *const *x = ap_extractors; *x; x++)
        if ((*x)->run && !((*x)->costly && ap_no_record_reason(pack, record)))
            (*x)->run(pack, record);
    return record;
}

/* x run alone on an empty record, against the full one: its fields the
 * same, every other field still empty (warnings aside). */
static void expect_alone_as_in_full(const ap_pack *pack, const ap_extractor *x,
                                    const cJSON *full, const char *what)
{
    cJSON *alone = ap_record_new("agenda"), *empty = ap_record_new("agenda");
    x->run(pack, alone);
    const cJSON *field;
    cJSON_ArrayForEach(field, alone) {
        if (!strcmp(field->string, "warnings"))
            continue;
        const cJSON *want = declares(x, field->string)
                                ? cJSON_GetObjectItemCaseSensitive(full, field->string)
                                : cJSON_GetObjectItemCaseSensitive(empty, field->string);
        char *got_text = cJSON_PrintUnformatted(field);
        cr_expect(cJSON_Compare(field, want, true), "%s: %s alone wrote %s = %.200s",
                  what, x->name, field->string, got_text);
        cJSON_free(got_text);
    }
    for (const char *const *f = x->fields; f && *f; f++)
        cr_expect(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(alone, *f),
                                cJSON_GetObjectItemCaseSensitive(full, *f), true),
                  "%s: %s gives another %s alone than in the pipeline", what, x->name, *f);
    cJSON_Delete(empty);
    cJSON_Delete(alone);
}

Test(extractors, each_alone_gives_what_it_gives_in_the_pipeline)
{
    for (size_t f = 0; f < G_N_ELEMENTS(fixtures); f++)
        for (size_t k = 0; k < G_N_ELEMENTS(faces); k++) {
            char *pdf = render_fixture(dir, fixtures[f], faces[k]);
            ap_error err = {{0}};
            ap_doc *doc = ap_doc_open(pdf, &err);
            cr_assert_not_null(doc, "%s: %s", pdf, err.message);
            ap_page_stages_run(doc);
            ap_pack *pack = ap_pack_segment(doc);
            cJSON *full = full_record(pack);
            bool gives_record = ap_no_record_reason(pack, full) == NULL;
            char *what = g_strdup_printf("%s [%s]", fixtures[f], faces[k] ? faces[k] : "own");
            for (const ap_extractor *const *x = ap_extractors; *x; x++)
                if ((*x)->run && (gives_record || !(*x)->costly))
                    expect_alone_as_in_full(pack, *x, full, what);
            g_free(what);
            cJSON_Delete(full);
            ap_pack_free(pack);
            ap_doc_free(doc);
            g_free(pdf);
        }
}

/* A box placed where no page is (a fuzzed PDF put a glyph at 6e41 points)
 * is written rounded to the hundredth like any other, not cast through a
 * long it overflows (UBSan fails the sanitizer build on that). */
Test(extractors, evidence_of_a_box_far_off_the_page)
{
    ap_doc *doc = synthetic_doc(1);
    const ap_bbox far = {6.33444e41, -6.33444e41, 12.345, -0.305};
    cJSON *e = ap_evidence_json(doc, 0, &far, "x");
    const cJSON *b = cJSON_GetObjectItem(e, "bbox");
    cr_assert_eq(cJSON_GetArraySize(b), 4);
    cr_expect_gt(cJSON_GetArrayItem(b, 0)->valuedouble, 6e41);
    cr_expect_lt(cJSON_GetArrayItem(b, 1)->valuedouble, -6e41);
    cr_expect_float_eq(cJSON_GetArrayItem(b, 2)->valuedouble, 12.35, 1e-9);
    cr_expect_float_eq(cJSON_GetArrayItem(b, 3)->valuedouble, -0.30, 1e-9);
    cJSON_Delete(e);
    ap_doc_free(doc);
}
