/*
 * test_schema.c: our draft-07 subset validator, keyword by keyword, and the
 * project's schema itself.
 */
#include <criterion/criterion.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "tests/helpers.h"
#include "record/schema.h"

static ap_schema *load(const char *text)
{
    ap_error err = {{0}};
    ap_schema *s = ap_schema_load(text, &err);
    cr_assert_not_null(s, "%s", err.message);
    return s;
}

static void expect_valid(const ap_schema *s, const char *json)
{
    cJSON *v = cJSON_Parse(json);
    cr_assert_not_null(v, "bad test JSON %s", json);
    ap_error err = {{0}};
    cr_expect(ap_schema_validate(s, v, &err), "%s: %s", json, err.message);
    cJSON_Delete(v);
}

static void expect_invalid(const ap_schema *s, const char *json, const char *why)
{
    cJSON *v = cJSON_Parse(json);
    cr_assert_not_null(v, "bad test JSON %s", json);
    ap_error err = {{0}};
    cr_expect(!ap_schema_validate(s, v, &err), "%s passed", json);
    cr_expect(strstr(err.message, why) != NULL, "%s: '%s' lacks '%s'", json,
              err.message, why);
    cJSON_Delete(v);
}

Test(schema, types_and_nullable_types)
{
    ap_schema *s = load("{\"type\":\"object\",\"properties\":{"
                        "\"n\":{\"type\":\"integer\",\"minimum\":1},"
                        "\"t\":{\"type\":[\"string\",\"null\"],\"minLength\":1}}}");
    expect_valid(s, "{\"n\":3,\"t\":null}");
    expect_valid(s, "{\"t\":\"x\"}");
    expect_invalid(s, "{\"n\":2.5}", "#/n: expected \"integer\", got number");
    expect_invalid(s, "{\"n\":0}", "below the minimum");
    expect_invalid(s, "{\"t\":\"\"}", "shorter than 1");
    expect_invalid(s, "{\"t\":4}", "#/t: expected");
    expect_invalid(s, "[]", "expected \"object\", got array");
    ap_schema_free(s);
}

Test(schema, required_and_additional_properties)
{
    ap_schema *s = load("{\"type\":\"object\",\"required\":[\"a\"],"
                        "\"additionalProperties\":false,"
                        "\"properties\":{\"a\":{},\"b\":{}}}");
    expect_valid(s, "{\"a\":1,\"b\":2}");
    expect_invalid(s, "{\"b\":2}", "required field 'a' is missing");
    expect_invalid(s, "{\"a\":1,\"c\":2}", "#/c: field is not allowed here");
    ap_schema_free(s);
    s = load("{\"additionalProperties\":{\"type\":\"string\"}}");
    expect_valid(s, "{\"x\":\"y\"}");
    expect_invalid(s, "{\"x\":1}", "#/x: expected");
    ap_schema_free(s);
    /* the path of a value deep in arrays and objects */
    s = load("{\"properties\":{\"rows\":{\"items\":{\"properties\":{"
             "\"cells\":{\"items\":{\"type\":\"string\"}}}}}}}");
    expect_valid(s, "{\"rows\":[{\"cells\":[\"a\"]},{\"cells\":[\"b\",\"c\"]}]}");
    expect_invalid(s, "{\"rows\":[{\"cells\":[\"a\"]},{\"cells\":[\"b\",3]}]}",
                   "#/rows/1/cells/1: expected \"string\", got number");
    ap_schema_free(s);
}

Test(schema, enum_const_and_pattern)
{
    ap_schema *s = load("{\"properties\":{"
                        "\"e\":{\"enum\":[\"red\",\"amber\",null]},"
                        "\"c\":{\"const\":\"v1\"},"
                        "\"d\":{\"type\":\"string\",\"pattern\":\"^[0-9]{4}-[0-9]{2}$\"}}}");
    expect_valid(s, "{\"e\":null,\"c\":\"v1\",\"d\":\"2023-11\"}");
    expect_invalid(s, "{\"e\":\"blue\"}", "not one of the allowed values");
    expect_invalid(s, "{\"c\":\"v2\"}", "required constant");
    expect_invalid(s, "{\"d\":\"Nov-23\"}", "does not match");
    ap_schema_free(s);
}

Test(schema, arrays_and_refs)
{
    ap_schema *s = load("{\"definitions\":{\"box\":{\"type\":\"array\","
                        "\"minItems\":4,\"maxItems\":4,\"items\":{\"type\":\"number\"}}},"
                        "\"type\":\"array\",\"items\":{\"$ref\":\"#/definitions/box\"}}");
    expect_valid(s, "[[1,2,3,4],[0,0,1,1]]");
    expect_invalid(s, "[[1,2,3]]", "#/0: 3 items is outside");
    expect_invalid(s, "[[1,2,3,\"4\"]]", "#/0/3: expected");
    ap_schema_free(s);
    s = load("{\"$ref\":\"#/definitions/missing\"}");
    expect_invalid(s, "1", "does not resolve");
    ap_schema_free(s);
}

Test(schema, unsupported_keywords_are_refused_at_load)
{
    const char *schemas[] = {"{\"oneOf\":[{}]}",
                             "{\"properties\":{\"a\":{\"format\":\"date\"}}}",
                             "{\"items\":{\"uniqueItems\":true}}"};
    for (size_t i = 0; i < G_N_ELEMENTS(schemas); i++) {
        ap_error err = {{0}};
        cr_expect_null(ap_schema_load(schemas[i], &err), "%s loaded", schemas[i]);
        cr_expect(strstr(err.message, "is not supported") != NULL, "%s",
                  err.message);
    }
    ap_error err = {{0}};
    cr_expect_null(ap_schema_load("{\"pattern\":\"(\"}", &err));
    cr_expect(strstr(err.message, "does not compile") != NULL, "%s", err.message);
    cr_expect_null(ap_schema_load("{not json", &err));
}

Test(schema, the_project_schema_loads_and_is_the_embedded_one)
{
    char *path = g_build_filename(AP_SOURCE_DIR, "schemas", "meeting.schema.json", NULL);
    gchar *text;
    cr_assert(g_file_get_contents(path, &text, NULL, NULL));
    ap_schema *s = load(text);
    /* a minimal record passes both the file's schema and the built-in one */
    const char *record =
        "{\"schema\":\"agendapack.meeting/1\",\"id\":\"unknown/panel/2026-01-31\","
        "\"council\":null,\"committee\":\"Panel\",\"date\":\"2026-01-31\",\"start_time\":null,"
        "\"venue\":null,\"status\":\"agenda\",\"supplement\":false,"
        "\"sources\":[{\"file\":\"a.pdf\",\"sha256\":\"" 
        "0000000000000000000000000000000000000000000000000000000000000000\","
        "\"pdf_pages\":1,\"role\":\"other\"}],\"agenda\":[],\"commenced\":null,"
        "\"terminated\":null,\"attendance\":[],\"minutes\":[],\"documents\":[],"
        "\"tables\":[],\"indicators\":[],\"warnings\":[]}";
    expect_valid(s, record);
    expect_valid(ap_schema_meeting(), record);
    /* and both refuse the same broken dates and times */
    char *bad_date = g_strdup(record);
    char *at = strstr(bad_date, "\"date\":\"2026-01-31\"");
    memcpy(at, "\"date\":\"2026-13-01\"", 19);
    expect_invalid(s, bad_date, "#/date");
    expect_invalid(ap_schema_meeting(), bad_date, "#/date");
    g_free(bad_date);
    /* a record always names its committee and date */
    char *no_committee = g_strdup(record);
    at = strstr(no_committee, "\"committee\":\"Panel\"");
    memcpy(at, "\"committee\":null   ", 19);
    expect_invalid(ap_schema_meeting(), no_committee, "#/committee");
    g_free(no_committee);
    ap_schema_free(s);
    g_free(text);
    g_free(path);
}

/* Found by fuzzing (tests/fuzz/fuzz_schema.c): a keyword's value of the
 * wrong kind reached the validator as if it were right, and references
 * that lead to each other recursed until the stack ran out. */
Test(schema, malformed_keywords_are_refused_when_loaded)
{
    static const char *const bad[] = {
        "{\"$ref\": []}", "{\"required\": [1]}", "{\"minLength\": \"3\"}",
        "{\"type\": 7}", "{\"properties\": [{}]}", "{\"items\": 3}", "{\"enum\": {}}",
        "{\"pattern\": 5}"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        ap_error err = {{0}};
        ap_schema *s = ap_schema_load(bad[i], &err);
        cr_expect_null(s, "%s was loaded", bad[i]);
        cr_expect(strstr(err.message, "not a value") != NULL, "%s: %s", bad[i], err.message);
        ap_schema_free(s);
    }
}

Test(schema, references_that_loop_end_in_an_error)
{
    ap_error err = {{0}};
    ap_schema *s = ap_schema_load("{\"$ref\": \"#/definitions/a\", \"definitions\": "
                                  "{\"a\": {\"$ref\": \"#/definitions/b\"},"
                                  " \"b\": {\"$ref\": \"#/definitions/a\"}}}", &err);
    cr_assert_not_null(s, "%s", err.message);
    cJSON *v = cJSON_Parse("{}");
    cr_expect_not(ap_schema_validate(s, v, &err));
    cr_expect(strstr(err.message, "references loop") != NULL, "%s", err.message);
    cJSON_Delete(v);
    ap_schema_free(s);
}
