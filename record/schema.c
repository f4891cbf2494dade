/*
 * schema.c: a JSON Schema (draft-07) validator over cJSON for the subset of
 * keywords schemas/meeting.schema.json uses.
 *
 * Why our own: Debian 12 packages no C JSON Schema validator, and every
 * record is checked at run time before it is written. The subset is small
 * and fixed; a schema using any other keyword is refused when it is loaded,
 * so the schema cannot grow a rule this code would silently skip. The test
 * suite checks the same records with python3-jsonschema as well.
 *
 * Supported: type (name or list), enum, const, required, properties,
 * additionalProperties (boolean or schema), items (one schema), minItems,
 * maxItems, minLength, minimum, pattern (PCRE2; the schema's patterns are
 * plain enough to mean the same in ECMA 262), $ref to a JSON pointer in
 * the same schema ("#/definitions/NAME") or in another built-in one
 * ("meeting.schema.json#/definitions/table": the unplaced document record
 * shares the meeting record's parts), and the annotations $schema, $id,
 * title, description, definitions.
 * As in draft-07, a keyword for one type ignores values of other types.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <stdarg.h>
#include <pcre2.h>
#include <string.h>

#include <glib.h>

#include "agendapack.h"
#include "record/schema.h"
#include "core/error.h"

extern const char ap_meeting_schema_json[], ap_document_schema_json[];

struct ap_schema {
    cJSON *root;
    GHashTable *patterns;   /* pattern text -> pcre2_code */
};

/* The keywords of the subset, with what each one's value must be. The
 * loader refuses a schema whose keyword has a value of another kind, so
 * the validator can take each as what it is ("$ref": [] is not a
 * reference, and found by fuzzing, it was read as one). */
typedef enum { ANY, TEXT, NUMBER, TEXTS, TYPES, LIST, SCHEMA, SCHEMAS } keyword_kind;

static const struct keyword {
    const char *name;
    keyword_kind kind;
} keywords[] = {
    {"$schema", TEXT},   {"$id", TEXT},       {"title", TEXT},
    {"description", TEXT}, {"definitions", SCHEMAS}, {"type", TYPES},
    {"enum", LIST},      {"const", ANY},      {"required", TEXTS},
    {"properties", SCHEMAS}, {"additionalProperties", SCHEMA}, {"items", SCHEMA},
    {"minItems", NUMBER}, {"maxItems", NUMBER}, {"minLength", NUMBER},
    {"minimum", NUMBER}, {"pattern", TEXT},    {"$ref", TEXT},
};

static const struct keyword *keyword_of(const char *k)
{
    for (size_t i = 0; i < G_N_ELEMENTS(keywords); i++)
        if (strcmp(keywords[i].name, k) == 0)
            return &keywords[i];
    return NULL;
}

static bool all_text(const cJSON *list)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
        if (!cJSON_IsString(e))
            return false;
    return true;
}

/* Whether value is of the kind the keyword takes (a schema is checked
 * further by check_schema). */
static bool of_kind(keyword_kind kind, const cJSON *value)
{
    switch (kind) {
    case TEXT: return cJSON_IsString(value);
    case NUMBER: return cJSON_IsNumber(value);
    case TEXTS: return cJSON_IsArray(value) && all_text(value);
    case TYPES: return cJSON_IsString(value) || (cJSON_IsArray(value) && all_text(value));
    case LIST: return cJSON_IsArray(value);
    case SCHEMA: return cJSON_IsObject(value) || cJSON_IsBool(value);
    case SCHEMAS: return cJSON_IsObject(value);
    case ANY: return true;
    }
    return false;
}

/* ---- loading: check keywords, compile patterns ------------------------ */

static bool check_schema(ap_schema *s, const cJSON *node, const char *where,
                         ap_error *err);

static bool check_children(ap_schema *s, const cJSON *map, const char *where,
                           ap_error *err)
{
    const cJSON *child;
    cJSON_ArrayForEach(child, map) {
        char *path = g_strdup_printf("%s/%s", where, child->string);
        bool ok = check_schema(s, child, path, err);
        g_free(path);
        if (!ok)
            return false;
    }
    return true;
}

static bool compile_pattern(ap_schema *s, const char *pattern,
                            const char *where, ap_error *err)
{
    if (g_hash_table_contains(s->patterns, pattern))
        return true;
    int code;
    PCRE2_SIZE offset;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF, &code, &offset, NULL);
    if (!re) {
        ap_error_set(err, "schema %s: pattern does not compile at %zu",
                     where, (size_t)offset);
        return false;
    }
    g_hash_table_insert(s->patterns, g_strdup(pattern), re);
    return true;
}

static bool check_schema(ap_schema *s, const cJSON *node, const char *where,
                         ap_error *err)
{
    if (cJSON_IsBool(node))
        return true;
    if (!cJSON_IsObject(node)) {
        ap_error_set(err, "schema %s: not a schema object", where);
        return false;
    }
    const cJSON *kw;
    cJSON_ArrayForEach(kw, node) {
        const struct keyword *k = keyword_of(kw->string);
        if (!k) {
            ap_error_set(err, "schema %s: keyword '%s' is not supported",
                         where, kw->string);
            return false;
        }
        char *path = g_strdup_printf("%s/%s", where, kw->string);
        bool ok = of_kind(k->kind, kw);
        if (!ok)
            ap_error_set(err, "schema %s: not a value '%s' takes", path, kw->string);
        else if (k->kind == SCHEMAS)
            ok = check_children(s, kw, path, err);
        else if (k->kind == SCHEMA)
            ok = check_schema(s, kw, path, err);
        else if (!strcmp(kw->string, "pattern"))
            ok = compile_pattern(s, kw->valuestring, path, err);
        g_free(path);
        if (!ok)
            return false;
    }
    return true;
}

static void free_pattern(gpointer re) { pcre2_code_free(re); }

ap_schema *ap_schema_load(const char *json_text, ap_error *err)
{
    ap_schema *s = g_new0(ap_schema, 1);
    s->patterns = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                        free_pattern);
    s->root = cJSON_Parse(json_text);
    if (!s->root) {
        ap_error_set(err, "schema: not valid JSON");
        ap_schema_free(s);
        return NULL;
    }
    if (!check_schema(s, s->root, "#", err)) {
        ap_schema_free(s);
        return NULL;
    }
    return s;
}

void ap_schema_free(ap_schema *s)
{
    if (!s)
        return;
    cJSON_Delete(s->root);
    g_hash_table_unref(s->patterns);
    g_free(s);
}

static ap_schema *built_in(const char *json_text, const char *what)
{
    ap_error err;
    ap_schema *s = ap_schema_load(json_text, &err);
    if (!s)     /* the build embeds it; the tests load it */
        g_error("built-in %s schema: %s", what, err.message);
    return s;
}

const ap_schema *ap_schema_meeting(void)
{
    static ap_schema *meeting;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        meeting = built_in(ap_meeting_schema_json, "meeting");
        g_once_init_leave(&ready, 1);
    }
    return meeting;
}

const ap_schema *ap_schema_document(void)
{
    static ap_schema *document;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        document = built_in(ap_document_schema_json, "document");
        g_once_init_leave(&ready, 1);
    }
    return document;
}

const ap_schema *ap_schema_for(const cJSON *record)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(record, "schema");
    return cJSON_IsString(id) && !strcmp(id->valuestring, AP_DOCUMENT_SCHEMA_ID)
               ? ap_schema_document()
               : ap_schema_meeting();
}

/* ---- validation --------------------------------------------------------- */

/* References being followed at once: the meeting schema nests 5 deep. */
#define MAX_REF_DEPTH 64

typedef struct validation {
    const ap_schema *schema;
    ap_error *err;
    int refs;               /* references being followed now */
} validation;

/* Where in the value a check stands: a chain up to the root, on the
 * stack. Its text ("#/agenda/3/title") is made only for an error: every
 * record is checked (in its worker, and again merged), and formatting a
 * path for each of its thousands of nodes cost more than the checks. */
typedef struct where {
    const struct where *up;     /* NULL at the root, "#" */
    const char *key;            /* a member's name, or NULL for an index */
    int index;
} where;

static void append_path(GString *s, const where *at)
{
    if (!at->up) {
        g_string_append_c(s, '#');
        return;
    }
    append_path(s, at->up);
    if (at->key)
        g_string_append_printf(s, "/%s", at->key);
    else
        g_string_append_printf(s, "/%d", at->index);
}

/* The error "PATH: message". */
G_GNUC_PRINTF(3, 4)
static bool fail(validation *v, const where *at, const char *fmt, ...)
{
    GString *path = g_string_new(NULL);
    append_path(path, at);
    va_list ap;
    va_start(ap, fmt);
    char *message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    ap_error_set(v->err, "%s: %s", path->str, message);
    g_free(message);
    g_string_free(path, TRUE);
    return false;
}

static bool validate(validation *v, const cJSON *schema, const cJSON *value,
                     const where *at);

static const char *type_name(const cJSON *value)
{
    if (cJSON_IsNull(value)) return "null";
    if (cJSON_IsBool(value)) return "boolean";
    if (cJSON_IsNumber(value)) return "number";
    if (cJSON_IsString(value)) return "string";
    if (cJSON_IsArray(value)) return "array";
    return "object";
}

static bool is_type(const cJSON *value, const char *type)
{
    if (!strcmp(type, "integer"))
        return cJSON_IsNumber(value) &&
               value->valuedouble == floor(value->valuedouble);
    return !strcmp(type, type_name(value));
}

static bool check_type(validation *v, const cJSON *type, const cJSON *value,
                       const where *at)
{
    if (cJSON_IsString(type) && is_type(value, type->valuestring))
        return true;
    const cJSON *t;
    if (cJSON_IsArray(type))
        cJSON_ArrayForEach(t, type)
            if (cJSON_IsString(t) && is_type(value, t->valuestring))
                return true;
    char *want = cJSON_PrintUnformatted(type);
    fail(v, at, "expected %s, got %s", want, type_name(value));
    cJSON_free(want);
    return false;
}

static bool check_enum(validation *v, const cJSON *options, const cJSON *value,
                       const where *at)
{
    const cJSON *o;
    cJSON_ArrayForEach(o, options)
        if (cJSON_Compare(o, value, true))
            return true;
    char *got = cJSON_PrintUnformatted(value);
    fail(v, at, "%s is not one of the allowed values", got);
    cJSON_free(got);
    return false;
}

/* A built-in schema by its file name, as a reference names it. */
static const ap_schema *schema_named(const char *name, size_t len)
{
    if (len == strlen("meeting.schema.json") && !strncmp(name, "meeting.schema.json", len))
        return ap_schema_meeting();
    if (len == strlen("document.schema.json") && !strncmp(name, "document.schema.json", len))
        return ap_schema_document();
    return NULL;
}

/* The node a JSON pointer ("/definitions/table") names under root. */
static const cJSON *follow_pointer(const cJSON *root, const char *pointer)
{
    const cJSON *node = root;
    while (node && *pointer == '/') {
        const char *end = strchr(pointer + 1, '/');
        size_t len = end ? (size_t)(end - pointer - 1) : strlen(pointer + 1);
        GString *token = g_string_new(NULL);
        for (size_t i = 1; i <= len; i++) {
            char c = pointer[i];
            if (c == '~' && i < len && (pointer[i + 1] == '0' || pointer[i + 1] == '1'))
                c = pointer[++i] == '0' ? '~' : '/';
            g_string_append_c(token, c);
        }
        node = cJSON_GetObjectItemCaseSensitive(node, token->str);
        g_string_free(token, TRUE);
        pointer += len + 1;
    }
    return *pointer ? NULL : node;
}

/* What ref names: a pointer into this schema ("#/...") or into another
 * built-in one ("meeting.schema.json#/..."); *in is the schema it is in. */
static const cJSON *resolve_ref(validation *v, const char *ref, const where *at,
                                const ap_schema **in)
{
    const char *hash = strchr(ref, '#');
    *in = !hash ? NULL : hash == ref ? v->schema : schema_named(ref, (size_t)(hash - ref));
    const cJSON *target = *in ? follow_pointer((*in)->root, hash + 1) : NULL;
    if (!target)
        fail(v, at, "schema reference %s does not resolve", ref);
    return target;
}

static bool check_object(validation *v, const cJSON *schema, const cJSON *value,
                         const where *at)
{
    const cJSON *required = cJSON_GetObjectItemCaseSensitive(schema, "required");
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(schema, "properties");
    const cJSON *extra =
        cJSON_GetObjectItemCaseSensitive(schema, "additionalProperties");
    const cJSON *r, *member;
    cJSON_ArrayForEach(r, required)
        if (!cJSON_GetObjectItemCaseSensitive(value, r->valuestring))
            return fail(v, at, "required field '%s' is missing", r->valuestring);
    cJSON_ArrayForEach(member, value) {
        where sub = {at, member->string, 0};
        const cJSON *ps = cJSON_GetObjectItemCaseSensitive(props, member->string);
        bool ok = true;
        if (ps)
            ok = validate(v, ps, member, &sub);
        else if (cJSON_IsFalse(extra))
            ok = fail(v, &sub, "field is not allowed here");
        else if (cJSON_IsObject(extra))
            ok = validate(v, extra, member, &sub);
        if (!ok)
            return false;
    }
    return true;
}

static bool check_array(validation *v, const cJSON *schema, const cJSON *value,
                        const where *at)
{
    const cJSON *min = cJSON_GetObjectItemCaseSensitive(schema, "minItems");
    const cJSON *max = cJSON_GetObjectItemCaseSensitive(schema, "maxItems");
    int n = cJSON_GetArraySize(value);
    if ((min && n < min->valueint) || (max && n > max->valueint))
        return fail(v, at, "%d items is outside the allowed count", n);
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(schema, "items");
    if (!items)
        return true;
    int i = 0;
    const cJSON *el;
    cJSON_ArrayForEach(el, value) {
        where sub = {at, NULL, i++};
        if (!validate(v, items, el, &sub))
            return false;
    }
    return true;
}

static bool check_string(validation *v, const cJSON *schema, const cJSON *value,
                         const where *at)
{
    const cJSON *min = cJSON_GetObjectItemCaseSensitive(schema, "minLength");
    if (min && (long)g_utf8_strlen(value->valuestring, -1) < min->valueint)
        return fail(v, at, "string is shorter than %d", min->valueint);
    const cJSON *pattern = cJSON_GetObjectItemCaseSensitive(schema, "pattern");
    if (!pattern)
        return true;
    pcre2_code *re = g_hash_table_lookup(v->schema->patterns, pattern->valuestring);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc = pcre2_match(re, (PCRE2_SPTR)value->valuestring,
                         PCRE2_ZERO_TERMINATED, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    if (rc < 0)
        return fail(v, at, "\"%.60s\" does not match %s", value->valuestring,
                    pattern->valuestring);
    return true;
}

static bool validate(validation *v, const cJSON *schema, const cJSON *value,
                     const where *at)
{
    if (cJSON_IsBool(schema)) {
        if (cJSON_IsFalse(schema))
            fail(v, at, "no value is allowed here");
        return cJSON_IsTrue(schema);
    }
    const cJSON *ref = cJSON_GetObjectItemCaseSensitive(schema, "$ref");
    if (ref) {
        /* draft-07: $ref replaces its siblings. References that lead to
         * each other would never end: a bound on how many are followed at
         * once, far above what a real schema nests. */
        if (++v->refs > MAX_REF_DEPTH) {
            v->refs--;
            return fail(v, at, "schema references loop (%s)", ref->valuestring);
        }
        const ap_schema *in, *was = v->schema;
        const cJSON *target = resolve_ref(v, ref->valuestring, at, &in);
        v->schema = in;     /* its own references are into its own schema */
        bool ok = target && validate(v, target, value, at);
        v->schema = was;
        v->refs--;
        return ok;
    }
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(schema, "type");
    if (type && !check_type(v, type, value, at))
        return false;
    const cJSON *options = cJSON_GetObjectItemCaseSensitive(schema, "enum");
    if (options && !check_enum(v, options, value, at))
        return false;
    const cJSON *constant = cJSON_GetObjectItemCaseSensitive(schema, "const");
    if (constant && !cJSON_Compare(constant, value, true))
        return fail(v, at, "value differs from the required constant");
    const cJSON *minimum = cJSON_GetObjectItemCaseSensitive(schema, "minimum");
    if (minimum && cJSON_IsNumber(value) && value->valuedouble < minimum->valuedouble)
        return fail(v, at, "%g is below the minimum %g", value->valuedouble,
                    minimum->valuedouble);
    if (cJSON_IsObject(value))
        return check_object(v, schema, value, at);
    if (cJSON_IsArray(value))
        return check_array(v, schema, value, at);
    if (cJSON_IsString(value))
        return check_string(v, schema, value, at);
    return true;
}

bool ap_schema_validate(const ap_schema *schema, const cJSON *value,
                        ap_error *err)
{
    validation v = {.schema = schema, .err = err};
    const where root = {NULL, NULL, 0};
    return validate(&v, schema->root, value, &root);
}

bool ap_record_validate(const char *text, size_t len, ap_error *err)
{
    cJSON *value = cJSON_ParseWithLength(text, len);
    if (!value) {
        ap_error_set(err, "not valid JSON");
        return false;
    }
    bool ok = ap_schema_validate(ap_schema_for(value), value, err);
    cJSON_Delete(value);
    return ok;
}
