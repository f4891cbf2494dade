/*
 * record.c: the meeting record as the contract shapes it, and its id.
 *
 * A record starts with every contract field present and empty (null
 * scalars, empty lists) and is filled by the extractors; it is finished
 * with its source file and an id made from what they found. A record
 * without a committee and a date is not written: ap_no_record_reason
 * says why, for the caller's notice. A documents pack (a report published
 * on its own) always gives a record: its meeting's when its cover names
 * one, else an unplaced document record (ap_unplaced_record).
 */
#include <stdarg.h>
#include <math.h>
#include <string.h>

#include <glib.h>

#include "core/sha256.h"
#include "core/json_fields.h"
#include "core/page_model.h"
#include "lexicon/normalise.h"
#include "record/fields.h"
#include "record/record.h"

void ap_meeting_warn(cJSON *meeting, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(meeting, "warnings"),
                         cJSON_CreateString(msg));
    g_free(msg);
}

/* "council/committee/date" as "council__committee__date.json": an id is
 * a path of slugs, a file name holds no "/". An unplaced document's
 * "document/HASH" is "HASH.json", in a folder of its own. */
char *ap_record_file_name(const char *id)
{
    if (g_str_has_prefix(id, AP_UNPLACED_ID_PREFIX))
        return g_strconcat(id + strlen(AP_UNPLACED_ID_PREFIX), ".json", NULL);
    char **parts = g_strsplit(id, "/", -1);
    char *joined = g_strjoinv("__", parts);
    char *name = g_strconcat(joined, ".json", NULL);
    g_strfreev(parts);
    g_free(joined);
    return name;
}

void ap_record_set_text(cJSON *record, const char *key, const char *text)
{
    cJSON_ReplaceItemInObjectCaseSensitive(record, key,
                                           text ? cJSON_CreateString(text) : cJSON_CreateNull());
}

void ap_json_set_page(cJSON *o, const char *key, int page)
{
    if (page > 0)
        cJSON_AddNumberToObject(o, key, page);
    else
        cJSON_AddNullToObject(o, key);
}

void ap_json_set_text(cJSON *o, const char *key, const char *text)
{
    if (text)
        cJSON_AddStringToObject(o, key, text);
    else
        cJSON_AddNullToObject(o, key);
}

cJSON *ap_evidence_json(const ap_doc *doc, size_t page, const ap_bbox *bbox,
                        const char *text)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddNumberToObject(e, "pdf_page", (double)page + 1);
    ap_json_set_page(e, "page", doc->pages[page].printed_page);
    if (bbox) {
        const double v[4] = {bbox->x0, bbox->y0, bbox->x1, bbox->y1};
        cJSON *b = cJSON_AddArrayToObject(e, "bbox");
        /* to the hundredth, as (long)(x + 0.5) rounds, but in doubles: a
         * glyph placed at 1e41 points (a fuzzed PDF) overflows a long */
        for (int i = 0; i < 4; i++)
            cJSON_AddItemToArray(b, cJSON_CreateNumber(trunc(v[i] * 100 + 0.5) / 100));
    } else {
        cJSON_AddNullToObject(e, "bbox");
    }
    cJSON_AddStringToObject(e, "text", text);
    /* recognised, not read: a user can tell the two apart */
    if (doc->pages[page].ocr) {
        cJSON_AddTrueToObject(e, "ocr");
        cJSON_AddNumberToObject(e, "ocr_confidence",
                                round(ap_page_ocr_confidence(&doc->pages[page], bbox)));
    }
    return e;
}

cJSON *ap_file_json(const ap_doc *doc)
{
    cJSON *f = cJSON_CreateObject();
    char *base = g_path_get_basename(doc->path);
    cJSON_AddStringToObject(f, "file", base);
    g_free(base);
    cJSON_AddStringToObject(f, "sha256", doc->sha256);
    return f;
}

static bool doc_has_furniture(const ap_doc *doc, ap_furniture_kind kind)
{
    for (size_t p = 0; p < doc->npages; p++)
        for (size_t i = 0; i < doc->pages[p].nfurniture; i++)
            if (doc->pages[p].furniture[i].kind == kind)
                return true;
    return false;
}

/* What a file is to its meeting: a supplement, a set of minutes, a
 * document published on its own, an agenda pack (stamped as one, or
 * carrying documents after its agenda), or a frontsheet (the agenda
 * alone). */
static const char *source_role(const ap_doc *doc, const char *status, bool supplement,
                               size_t ndocuments)
{
    if (supplement)
        return "supplement";
    if (!strcmp(status, "minutes"))
        return "minutes";
    if (!strcmp(status, "documents"))
        return "document";
    if (doc_has_furniture(doc, AP_FURN_PACK_STAMP) || doc_has_furniture(doc, AP_FURN_ITEM_STAMP) ||
        ndocuments)
        return "agenda_pack";
    return !strcmp(status, "agenda") ? "frontsheet" : "other";
}

static cJSON *source_json(const ap_doc *doc, const char *role)
{
    cJSON *s = ap_file_json(doc);
    cJSON_AddNumberToObject(s, "pdf_pages", (double)doc->npages);
    cJSON_AddStringToObject(s, "role", role);
    return s;
}

cJSON *ap_record_new(const char *status)
{
    cJSON *m = cJSON_CreateObject();
    for (size_t i = 0; i < ap_nrecord_fields; i++) {
        const ap_record_field *f = &ap_record_fields[i];
        if (!strcmp(f->name, "schema"))
            cJSON_AddStringToObject(m, f->name, AP_SCHEMA_ID);
        else if (!strcmp(f->name, "id"))
            cJSON_AddStringToObject(m, f->name, "");    /* set by set_id() */
        else if (!strcmp(f->name, "status"))
            cJSON_AddStringToObject(m, f->name, status);
        else if (f->kind == AP_TEXT)
            cJSON_AddNullToObject(m, f->name);
        else if (f->kind == AP_BOOL)
            cJSON_AddFalseToObject(m, f->name);
        else if (f->kind == AP_LIST)
            cJSON_AddArrayToObject(m, f->name);
        /* an OBJECT is added by the extractor that reads one */
    }
    return m;
}

/* The council's slug without the kind of council, so "Tameside", printed
 * in one pack, and "Tameside Council", inferred in the next, file the same
 * meeting under one id: "tameside". */
char *ap_council_slug(const char *council)
{
    static const char *const kinds[] = {"council", "borough", "county",
                                        "city", "district", "metropolitan",
                                        NULL};
    char *slug = ap_slug(council);
    for (bool cut = true; cut;) {
        cut = false;
        char *dash = strrchr(slug, '-');
        for (const char *const *k = kinds; dash && *k; k++)
            if (strcmp(dash + 1, *k) == 0) {
                *dash = '\0';
                cut = true;
                break;
            }
    }
    return slug;
}

/* A slug of at most MAX_SLUG bytes. The id becomes a file name
 * (council__committee__date.json, at most 2 * 80 + 19 bytes, far inside
 * the 255 a file system allows), and a name read from a damaged or
 * hostile page may be any length. A longer slug is cut at a dash and
 * given the first 8 hex digits of its SHA-256, so two long names that
 * share their first 70 bytes still give two ids. */
#define MAX_SLUG 80
#define SLUG_HASH 8

static char *bounded_slug(char *slug)
{
    if (strlen(slug) <= MAX_SLUG)
        return slug;
    char *sha = ap_sha256_hex(slug, strlen(slug));
    size_t keep = MAX_SLUG - SLUG_HASH - 1;
    while (keep > 1 && slug[keep] != '-')
        keep--;     /* at a word's end */
    char *cut = g_strdup_printf("%.*s-%.*s", (int)keep, slug, SLUG_HASH, sha);
    g_free(sha);
    g_free(slug);
    return cut;
}

/* council-slug/committee-slug/date: a record has a committee and a date,
 * or it is not written (ap_no_record_reason). The slugs fold case and
 * punctuation ("CABINET", "Cabinet"); the full council is "council"
 * whatever it is called ("County Council", "Full Council"). */
char *ap_committee_slug(const char *committee)
{
    return bounded_slug(ap_is_full_council_name(committee) ? g_strdup("council")
                                                           : ap_slug(committee));
}

void ap_record_set_id(cJSON *m)
{
    const char *council = ap_field_text(m, "council"), *committee = ap_field_text(m, "committee");
    const char *date = ap_field_text(m, "date"), *old = ap_field_text(m, "id");
    char *cs = bounded_slug(council ? ap_council_slug(council) : g_strdup("unknown"));
    char *ms = ap_committee_slug(committee);
    /* a second meeting of the day keeps its number ("2026-03-03-2") */
    const char *last = old ? strrchr(old, '/') : NULL;
    const char *number = last && g_str_has_prefix(last + 1, date) ? last + 1 + strlen(date) : "";
    char *id = g_strdup_printf("%s/%s/%s%s", cs, ms, date, number);
    cJSON_ReplaceItemInObjectCaseSensitive(m, "id", cJSON_CreateString(id));
    g_free(id);
    g_free(ms);
    g_free(cs);
}

void ap_record_add_pack_warnings(cJSON *m, const ap_pack *pack)
{
    for (size_t i = 0; i < pack->doc->nwarnings; i++)
        ap_meeting_warn(m, "%s", pack->doc->warnings[i]);
    for (size_t i = 0; i < pack->nwarnings; i++)
        ap_meeting_warn(m, "%s", pack->warnings[i]);
}

/* Each agenda item, table and indicator names the file it was read from:
 * a merged meeting's come from several, and their pdf_page is that
 * file's. */
static void name_sources(cJSON *m, const ap_doc *doc)
{
    static const char *const lists[] = {"agenda", "tables", "indicators"};
    for (size_t i = 0; i < G_N_ELEMENTS(lists); i++) {
        cJSON *x;
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(m, lists[i]))
            if (!cJSON_HasObjectItem(x, "source"))
                cJSON_AddItemToObject(x, "source", ap_file_json(doc));
    }
}

void ap_record_finish(cJSON *m, const ap_pack *pack)
{
    name_sources(m, pack->doc);
    bool supplement = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "supplement"));
    const char *role = source_role(pack->doc, ap_field_text(m, "status"), supplement,
                                   pack->ndocuments);
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(m, "sources"),
                         source_json(pack->doc, role));
    ap_record_set_id(m);
}

/* The first 16 hex digits of the file's SHA-256 name an unplaced record. */
#define UNPLACED_ID_DIGITS 16

bool ap_record_unplaced(const cJSON *record)
{
    const char *schema = ap_field_text(record, "schema");
    return schema && !strcmp(schema, AP_DOCUMENT_SCHEMA_ID);
}

cJSON *ap_unplaced_record(cJSON *m, const ap_pack *pack)
{
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "schema", AP_DOCUMENT_SCHEMA_ID);
    char *id = g_strdup_printf(AP_UNPLACED_ID_PREFIX "%.*s", UNPLACED_ID_DIGITS,
                               pack->doc->sha256);
    cJSON_AddStringToObject(d, "id", id);
    g_free(id);
    cJSON_AddItemToObject(d, "council", cJSON_DetachItemFromObjectCaseSensitive(m, "council"));
    const ap_document *first = pack->ndocuments ? &pack->documents[0] : NULL;
    ap_json_set_text(d, "title", first ? first->title : NULL);
    cJSON_AddStringToObject(d, "kind", first ? first->kind : "other");
    const ap_meeting_ref *ref = &pack->printed_for;
    cJSON *printed = cJSON_AddObjectToObject(d, "printed_for");
    ap_json_set_text(printed, "committee", ref->committee);
    ap_json_set_text(printed, "date", *ref->date ? ref->date : NULL);
    ap_json_set_text(printed, "decision_ref", ref->decision_ref);
    cJSON *sources = cJSON_AddArrayToObject(d, "sources");
    cJSON_AddItemToArray(sources, source_json(pack->doc, "document"));
    name_sources(m, pack->doc);
    static const char *const moved[] = {"documents", "tables", "indicators", "warnings"};
    for (size_t i = 0; i < G_N_ELEMENTS(moved); i++)
        cJSON_AddItemToObject(d, moved[i], cJSON_DetachItemFromObjectCaseSensitive(m, moved[i]));
    cJSON_Delete(m);
    return d;
}

cJSON *ap_record_placed(cJSON *d, const cJSON *meeting)
{
    cJSON *m = ap_record_new("documents");
    static const char *const named[] = {"id", "council", "committee", "date"};
    for (size_t i = 0; i < G_N_ELEMENTS(named); i++)
        ap_record_set_text(m, named[i], ap_field_text(meeting, named[i]));
    static const char *const moved[] = {"sources", "documents", "tables", "indicators",
                                        "warnings"};
    for (size_t i = 0; i < G_N_ELEMENTS(moved); i++)
        cJSON_ReplaceItemInObjectCaseSensitive(m, moved[i],
                                               cJSON_DetachItemFromObjectCaseSensitive(d, moved[i]));
    cJSON_Delete(d);
    return m;
}

/* Why a document gives no record, or NULL when it gives one. */
static bool has_text(const ap_doc *doc)
{
    for (size_t p = 0; p < doc->npages; p++)
        if (doc->pages[p].nlines)
            return true;
    return false;
}

const char *ap_no_record_reason(const ap_pack *pack, const cJSON *m)
{
    if (pack->kind == AP_PACK_DOCUMENTS)
        return pack->ndocuments && has_text(pack->doc)
                   ? NULL
                   : "no text to read (no text layer, or only blank pages): no record written";
    if (pack->minutes_only)
        return "a set of minutes, not an agenda, and none could be read: no "
               "meeting record written";
    if (!pack->nitems)
        return "no agenda found (not a frontsheet or agenda pack): no meeting "
               "record written";
    if (!ap_field_text(m, "committee"))
        return "no committee name found on the frontsheet: no meeting record "
               "written";
    if (!ap_field_text(m, "date"))
        return "no meeting date found on the frontsheet: no meeting record "
               "written";
    return NULL;
}

