/*
 * merge.c: one record per meeting across the files of a batch.
 *
 * A meeting's agenda comes from its own pack and its minutes from a later
 * pack or a printed-minutes PDF, so the batch holds several records with
 * one id. They are merged into OUTDIR/meetings/ID.json: the agenda side
 * (agenda, documents, tables, indicators, venue, time) from the agenda
 * records, the minutes side (minutes, attendance, commenced, terminated)
 * from the minutes records, every source listed, and where two records
 * disagree the first kept and the other named in a warning.
 *
 * Documents published on their own whose cover names the meeting add
 * their documents, tables and indicators; an unplaced document record
 * (no meeting named) is handed on as it is.
 *
 * The result must not depend on the order files were converted in, so the
 * records of an id are sorted by what they are (the full pack before a
 * supplement, agendas before minutes, documents last, then by content
 * hash) before they are merged. Every run reads all the records in
 * OUTDIR, since one new file may tie documents or a council to any
 * meeting, but merges only the meetings whose records, so read, differ
 * from those they were last built from (their digest); each is handed on
 * (to the batch's sinks: the meeting files, the store) in the order of its
 * file name.
 */
#define _POSIX_C_SOURCE 200809L  /* lstat */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "agendapack.h"
#include "record/record.h"   /* ap_meeting_warn */
#include "core/json_files.h"
#include "core/json_fields.h"
#include "core/sha256.h"
#include "record/fields.h"
#include "record/record.h"
#include "run/merge.h"
#include "run/outdir.h"
#include "run/reconcile.h"
#include "run/link.h"
#include "run/runlog.h"
#include "record/schema.h"
#include "core/error.h"

/* Raised whenever the merge makes another record of the same records
 * (a rule here, in reconcile.c or link.c that reads the records after
 * them, in record/fields.def, or in the schema): records built by
 * another merge version are all made again. */
#define AP_MERGE_VERSION 1

static const char *first_source(const cJSON *record, const char *key)
{
    const char *s = ap_field_text(cJSON_GetArrayItem(ap_field(record, "sources"), 0), key);
    return s ? s : "";
}

/* ---- reading the records -------------------------------------------------- */

typedef struct loading {
    GPtrArray *records;
    ap_notice_fn damaged;
    void *ctx;
} loading;

static bool add_record(cJSON *record, const char *path, const char *text, const ap_error *err,
                       void *ctx)
{
    (void)text;
    loading *ld = ctx;
    const char *id = ap_field_text(record, "id");
    if (!record || !id) {
        /* left out of the meetings, and said so: its file is converted
         * again by a run given it (the log's check of each record) */
        ld->damaged(path, record ? "a record with no id" : err->message, ld->ctx);
        cJSON_Delete(record);
        return true;
    }
    g_ptr_array_add(ld->records, record);
    return true;
}

/* Every record under OUTDIR/records (its real SHA256 folders only). */
static GPtrArray *load_records(const char *outdir, ap_notice_fn damaged, void *ctx)
{
    loading ld = {g_ptr_array_new(), damaged, ctx};
    char *records = ap_outdir_records(outdir);
    GDir *d = g_dir_open(records, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *sub = g_build_filename(records, name, NULL);
        GStatBuf st;
        if (ap_is_sha256_name(name) && g_lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
            ap_each_json_file(sub, add_record, &ld);
        g_free(sub);
    }
    if (d)
        g_dir_close(d);
    g_free(records);
    return ld.records;
}

/* The records grouped by id; the groups own them. */
static GHashTable *group_by_id(GPtrArray *records)
{
    GHashTable *by_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)g_ptr_array_unref);
    for (guint i = 0; i < records->len; i++) {
        cJSON *record = records->pdata[i];
        const char *id = ap_field_text(record, "id");
        GPtrArray *group = g_hash_table_lookup(by_id, id);
        if (!group) {
            group = g_ptr_array_new_with_free_func((GDestroyNotify)cJSON_Delete);
            g_hash_table_insert(by_id, g_strdup(id), group);
        }
        g_ptr_array_add(group, record);
    }
    g_ptr_array_free(records, TRUE);
    return by_id;
}

/* ---- order ------------------------------------------------------------------ */

static bool has_agenda(const cJSON *r)
{
    const char *s = ap_field_text(r, "status");
    return s && strncmp(s, "agenda", 6) == 0;
}

static bool has_minutes(const cJSON *r)
{
    const char *s = ap_field_text(r, "status");
    return s && strstr(s, "minutes") != NULL;
}

static bool has_documents_only(const cJSON *r)
{
    const char *s = ap_field_text(r, "status");
    return s && strcmp(s, "documents") == 0;
}

/* The pack first, then its supplements, the minutes, and last the
 * documents published on their own: meeting details come from the first
 * record that has them. */
static int rank(const cJSON *r)
{
    if (has_agenda(r))
        return cJSON_IsTrue(ap_field(r, "supplement")) ? 1 : 0;
    return has_documents_only(r) ? 3 : 2;
}

static gint by_kind_then_hash(gconstpointer a, gconstpointer b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    if (rank(x) != rank(y))
        return rank(x) - rank(y);
    int c = strcmp(first_source(x, "sha256"), first_source(y, "sha256"));
    if (c)
        return c;
    /* one file giving two records of one id: by their text */
    char *tx = cJSON_PrintUnformatted(x), *ty = cJSON_PrintUnformatted(y);
    c = strcmp(tx, ty);
    cJSON_free(tx);
    cJSON_free(ty);
    return c;
}

/* ---- merging ----------------------------------------------------------------- */

static bool same(const cJSON *a, const cJSON *b)
{
    return cJSON_Compare(a, b, true);
}

static bool empty(const cJSON *v)
{
    return !v || cJSON_IsNull(v) || (cJSON_IsArray(v) && cJSON_GetArraySize(v) == 0);
}

/* Whether two entries of a list are one: an agenda item is its number (a
 * supplement lists again the items it brings papers for, with its own
 * pages); anything else, its whole value. */
static bool same_entry(const char *key, const cJSON *a, const cJSON *b)
{
    if (!strcmp(key, "agenda"))
        return same(ap_field(a, "number"), ap_field(b, "number"));
    return same(a, b);
}

static void append_new(cJSON *m, const char *key, const cJSON *o)
{
    cJSON *into = cJSON_GetObjectItemCaseSensitive(m, key);
    const cJSON *from = ap_field(o, key);
    const cJSON *item;
    cJSON_ArrayForEach(item, from) {
        bool seen = false;
        const cJSON *have;
        cJSON_ArrayForEach(have, into) seen |= same_entry(key, have, item);
        if (!seen)
            cJSON_AddItemToArray(into, cJSON_Duplicate(item, true));
    }
}

static void take(cJSON *m, const cJSON *o, const char *key)
{
    cJSON_ReplaceItemInObjectCaseSensitive(m, key, cJSON_Duplicate(ap_field(o, key), true));
}

/* The fields of one merge rule (record/fields.def) kept from the first
 * record that has them; a later record that says otherwise is named in a
 * warning, which says what they are. */
static void merge_fields(cJSON *m, const cJSON *o, ap_merge_rule rule, const char *what)
{
    bool conflict = false;
    for (size_t i = 0; i < ap_nrecord_fields; i++) {
        const char *k = ap_record_fields[i].name;
        if (ap_record_fields[i].merge != rule || empty(ap_field(o, k)))
            continue;
        if (empty(ap_field(m, k)))
            take(m, o, k);
        else if (!same(ap_field(m, k), ap_field(o, k)))
            conflict = true;
    }
    if (conflict)
        ap_meeting_warn(m, "%s in %s differ from those kept (from %s)", what,
                        first_source(o, "file"), first_source(m, "file"));
}

/* The entries of every field of one merge rule, each once. */
static void append_fields(cJSON *m, const cJSON *o, ap_merge_rule rule)
{
    for (size_t i = 0; i < ap_nrecord_fields; i++)
        if (ap_record_fields[i].merge == rule)
            append_new(m, ap_record_fields[i].name, o);
}

static void merge_into(cJSON *m, const cJSON *o)
{
    append_fields(m, o, AP_MERGE_ADD);
    merge_fields(m, o, AP_MERGE_DETAIL, "meeting details");
    if (has_minutes(o))
        merge_fields(m, o, AP_MERGE_MINUTES, "minutes");
    if (has_agenda(o)) {
        /* a supplement adds its items, documents and tables to the pack's */
        if (cJSON_IsTrue(ap_field(o, "supplement")))
            append_fields(m, o, AP_MERGE_AGENDA);
        else
            merge_fields(m, o, AP_MERGE_AGENDA, "agenda items");
        append_fields(m, o, AP_MERGE_AGENDA_ADD);
    }
    if (has_documents_only(o))
        append_fields(m, o, AP_MERGE_AGENDA_ADD);  /* its documents, tables, indicators */
    if (!cJSON_IsTrue(ap_field(o, "supplement")))
        cJSON_ReplaceItemInObjectCaseSensitive(m, "supplement", cJSON_CreateFalse());
}

cJSON *ap_merge_records(GPtrArray *group)
{
    g_ptr_array_sort(group, by_kind_then_hash);
    cJSON *m = cJSON_Duplicate(group->pdata[0], true);
    bool agenda = has_agenda(m), minuted = has_minutes(m);
    for (guint i = 1; i < group->len; i++) {
        merge_into(m, group->pdata[i]);
        agenda |= has_agenda(group->pdata[i]);
        minuted |= has_minutes(group->pdata[i]);
    }
    const char *status = agenda && minuted ? "agenda+minutes"
                         : agenda          ? "agenda"
                         : minuted         ? "minutes"
                                           : "documents";
    cJSON_ReplaceItemInObjectCaseSensitive(m, "status", cJSON_CreateString(status));
    return m;
}

/* ---- handing on ------------------------------------------------------------- */

/* qsort hands its comparison pointers to the elements. */
static int by_file_name(const void *a, const void *b)
{
    char *x = ap_record_file_name(*(char *const *)a), *y = ap_record_file_name(*(char *const *)b);
    gint c = strcmp(x, y);
    g_free(x);
    g_free(y);
    return c;
}

/* A JSON value fed to a checksum as its structure: each node's type, its
 * key, and its string, or its number's bytes. Walked rather than printed:
 * printing a record allocates its text and writes every number through
 * printf and back through sscanf, several times the cost of the walk. */
static void checksum_json(ap_sha256 *sum, const cJSON *node)
{
    unsigned char type = (unsigned char)(node->type & 0xff);
    ap_sha256_update(sum, &type, 1);
    if (node->string)
        ap_sha256_update(sum, node->string, strlen(node->string) + 1);
    if (cJSON_IsString(node))
        ap_sha256_update(sum, node->valuestring, strlen(node->valuestring) + 1);
    else if (cJSON_IsNumber(node))
        ap_sha256_update(sum, &node->valuedouble, sizeof node->valuedouble);
    for (const cJSON *c = node->child; c; c = c->next)
        checksum_json(sum, c);
    unsigned char end = 0xff;  /* a node's end: [[a],b] is not [[a,b]] */
    ap_sha256_update(sum, &end, 1);
}

/* The digest of a group sorted for merging (ap_merge_meetings). */
static char *group_digest(GPtrArray *group)
{
    ap_sha256 *sum = ap_sha256_new();
    char *salt = g_strdup_printf("agendapack %s merge %d", AP_VERSION, AP_MERGE_VERSION);
    ap_sha256_update(sum, salt, strlen(salt) + 1);
    g_free(salt);
    for (guint i = 0; i < group->len; i++)
        checksum_json(sum, group->pdata[i]);
    return ap_sha256_finish(sum);
}

/* A record checked against its schema and handed on. */
static bool hand_on(const cJSON *record, const char *id, const char *digest,
                    const ap_merge_target *to, ap_error *err)
{
    if (!ap_schema_validate(ap_schema_for(record), record, err)) {
        ap_error_prefix(err, "internal error: merged %s breaks the schema", id);
        return false;
    }
    char *text = cJSON_Print(record);
    bool ok = to->emit(record, text, digest, to->ctx, err);
    cJSON_free(text);
    return ok;
}

/* The record of one id made, unless the target keeps it as built. */
static bool make(const char *id, GPtrArray *group, const ap_merge_target *to, ap_error *err)
{
    g_ptr_array_sort(group, by_kind_then_hash);
    char *digest = group_digest(group);
    bool ok = true;
    if (!to->keep || !to->keep(id, digest, to->ctx)) {
        /* an unplaced document is one file's, named by its hash: nothing
         * to merge */
        cJSON *m = ap_record_unplaced(group->pdata[0]) ? NULL : ap_merge_records(group);
        ok = hand_on(m ? m : group->pdata[0], id, digest, to, err);
        cJSON_Delete(m);
    }
    g_free(digest);
    return ok;
}

bool ap_merge_meetings(const char *outdir, ap_notice_fn damaged, void *damaged_ctx,
                       const ap_merge_target *to, ap_error *err)
{
    GPtrArray *records = load_records(outdir, damaged, damaged_ctx);
    ap_reconcile_councils(records);
    GHashTable *paths = ap_log_paths(outdir);
    ap_link_documents(records, paths);
    g_hash_table_destroy(paths);
    GHashTable *by_id = group_by_id(records);
    /* in the order of their files' names: what is built from them does not
     * depend on a hash table's order */
    guint n = 0;
    gpointer *ids = g_hash_table_get_keys_as_array(by_id, &n);   /* not copied */
    qsort(ids, n, sizeof *ids, by_file_name);
    bool ok = true;
    for (guint i = 0; ok && i < n; i++)
        ok = make(ids[i], g_hash_table_lookup(by_id, ids[i]), to, err);
    g_free(ids);
    g_hash_table_destroy(by_id);
    return ok;
}
