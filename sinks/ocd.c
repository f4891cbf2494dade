/*
 * ocd.c: meetings as Open Civic Data Events (the "ocd" sink, and
 * ap_meeting_to_ocd), and as their records, one per line (the
 * "meetings-ndjson" sink); the recorded votes of the store's meetings, one
 * per line, as Open Civic Data VoteEvents (the "ocd-votes" sink; pupa's
 * vote_event fields, options "yes", "no", "abstain", results "pass",
 * "fail") or as our own vote objects with their meeting and minute (the
 * "votes-ndjson" sink). A vote is a minute entry's "votes" item
 * (extractors/minutes_votes.c).
 */
#include <string.h>

#include <glib.h>

#include "agendapack.h"
#include "core/json_fields.h"
#include "record/fields.h"
#include "record/record.h"
#include "sinks/sink.h"

/* "2024-01-10T18:00" when the time is known, else the date: OCD dates are
 * ISO 8601; the papers print no time zone, so none is given. */
static char *when(const cJSON *m, const char *time_key)
{
    const char *date = ap_field_text_or(m, "date", "");
    const char *time = ap_field_text(m, time_key);
    return time ? g_strconcat(date, "T", time, NULL) : g_strdup(date);
}

static cJSON *ocd_participants(const cJSON *m)
{
    cJSON *list = cJSON_CreateArray();
    cJSON *host = cJSON_CreateObject();
    cJSON_AddStringToObject(host, "name", ap_field_text_or(m, "committee", ""));
    cJSON_AddStringToObject(host, "entity_type", "organization");
    cJSON_AddStringToObject(host, "note", "host");
    cJSON_AddItemToArray(list, host);
    const cJSON *a;
    cJSON_ArrayForEach(a, ap_field(m, "attendance")) {
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "name", ap_field_text_or(a, "name", ""));
        cJSON_AddStringToObject(p, "entity_type", "person");
        const char *role = ap_field_text(a, "role");
        char *note = role ? g_strdup_printf("%s (%s)", ap_field_text_or(a, "status", ""), role)
                          : g_strdup(ap_field_text_or(a, "status", ""));
        cJSON_AddStringToObject(p, "note", note);
        g_free(note);
        cJSON_AddItemToArray(list, p);
    }
    return list;
}

/* The minutes that record agenda item `number`, as OCD agenda notes. */
static cJSON *ocd_notes(const cJSON *m, const char *number)
{
    cJSON *notes = cJSON_CreateArray();
    const cJSON *e;
    cJSON_ArrayForEach(e, ap_field(m, "minutes")) {
        const char *item = ap_field_text(e, "agenda_number");
        if (item && number && !strcmp(item, number))
            cJSON_AddItemToArray(notes, cJSON_CreateString(ap_field_text_or(e, "text", "")));
    }
    return notes;
}

static cJSON *ocd_agenda(const cJSON *m)
{
    cJSON *list = cJSON_CreateArray();
    const cJSON *item;
    cJSON_ArrayForEach(item, ap_field(m, "agenda")) {
        cJSON *a = cJSON_CreateObject();
        cJSON_AddStringToObject(a, "description", ap_field_text_or(item, "title", ""));
        cJSON_AddStringToObject(a, "order", ap_field_text_or(item, "number", ""));
        cJSON_AddItemToObject(a, "subjects", cJSON_CreateArray());
        cJSON_AddItemToObject(a, "classification", cJSON_CreateArray());
        cJSON_AddItemToObject(a, "notes", ocd_notes(m, ap_field_text(item, "number")));
        cJSON_AddItemToObject(a, "related_entities", cJSON_CreateArray());
        cJSON *extras = cJSON_AddObjectToObject(a, "extras");
        static const char *const keep[] = {"description", "part", "exempt", "page_start",
                                           "page_end", "pdf_page_start", "pdf_page_end"};
        for (size_t k = 0; k < G_N_ELEMENTS(keep); k++)
            cJSON_AddItemToObject(extras, keep[k], cJSON_Duplicate(ap_field(item, keep[k]), true));
        cJSON_AddItemToArray(list, a);
    }
    return list;
}

static cJSON *ocd_documents(const cJSON *m)
{
    cJSON *list = cJSON_CreateArray();
    const cJSON *d;
    cJSON_ArrayForEach(d, ap_field(m, "documents")) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "note", ap_field_text_or(d, "title", ap_field_text_or(d, "kind", "document")));
        cJSON_AddStringToObject(o, "date", "");
        cJSON_AddStringToObject(o, "classification", ap_field_text_or(d, "kind", ""));
        /* the document's own file, at its first page (a merged meeting's
         * documents come from several files) */
        const cJSON *src = ap_field(d, "source");
        if (!src)
            src = cJSON_GetArrayItem(ap_field(m, "sources"), 0);
        cJSON *links = cJSON_AddArrayToObject(o, "links");
        cJSON *link = cJSON_CreateObject();
        cJSON_AddStringToObject(link, "media_type", "application/pdf");
        char *url = g_strdup_printf("%s#page=%d", ap_field_text_or(src, "file", ""),
                                    cJSON_IsNumber(ap_field(d, "pdf_page_start"))
                                        ? ap_field(d, "pdf_page_start")->valueint : 1);
        cJSON_AddStringToObject(link, "url", url);
        g_free(url);
        cJSON_AddItemToArray(links, link);
        cJSON_AddItemToArray(list, o);
    }
    return list;
}

static cJSON *ocd_sources(const cJSON *m)
{
    cJSON *list = cJSON_CreateArray();
    const cJSON *s;
    cJSON_ArrayForEach(s, ap_field(m, "sources")) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "url", ap_field_text_or(s, "file", ""));
        cJSON_AddStringToObject(o, "note", ap_field_text_or(s, "role", ""));
        cJSON_AddItemToArray(list, o);
    }
    return list;
}

cJSON *ap_meeting_to_ocd(const cJSON *m)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "name", ap_field_text_or(m, "committee", ""));
    cJSON_AddStringToObject(e, "description", "");
    cJSON_AddStringToObject(e, "classification", "committee-meeting");
    char *start = when(m, "start_time"), *end = when(m, "terminated");
    cJSON_AddStringToObject(e, "start_date", start);
    /* the end only where the minutes give it: OCD has no empty date */
    if (ap_field_text(m, "terminated"))
        cJSON_AddStringToObject(e, "end_date", end);
    g_free(start);
    g_free(end);
    cJSON_AddBoolToObject(e, "all_day", false);
    /* minutes mean it took place; an agenda alone, that it was called */
    const char *status = ap_field_text_or(m, "status", "");
    cJSON_AddStringToObject(e, "status", strstr(status, "minutes") ? "passed" : "confirmed");
    cJSON *loc = cJSON_AddObjectToObject(e, "location");
    cJSON_AddStringToObject(loc, "name", ap_field_text_or(m, "venue", ""));
    cJSON_AddStringToObject(loc, "note", "");
    cJSON_AddNullToObject(loc, "coordinates");
    cJSON_AddItemToObject(e, "participants", ocd_participants(m));
    cJSON_AddItemToObject(e, "agenda", ocd_agenda(m));
    cJSON_AddItemToObject(e, "documents", ocd_documents(m));
    cJSON_AddItemToObject(e, "media", cJSON_CreateArray());
    cJSON_AddItemToObject(e, "links", cJSON_CreateArray());
    cJSON_AddItemToObject(e, "sources", ocd_sources(m));
    /* our fields that no Event field carries (record/fields.def) */
    cJSON *extras = cJSON_AddObjectToObject(e, "extras");
    for (size_t k = 0; k < ap_nrecord_fields; k++)
        if (ap_record_fields[k].ocd == AP_OCD_EXTRA && ap_field(m, ap_record_fields[k].name))
            cJSON_AddItemToObject(extras, ap_record_fields[k].name,
                                  cJSON_Duplicate(ap_field(m, ap_record_fields[k].name), true));
    return e;
}

/* ---- recorded votes ----------------------------------------------------------- */

static const char *const OPTION_NAMES[][3] = {
    /* our names key, our count key, the OCD option */
    {"names_for", "for", "yes"},
    {"names_against", "against", "no"},
    {"names_abstain", "abstain", "abstain"},
};

/* "pass" or "fail": as the minutes say, else as the counts fall. */
static const char *ocd_result(const cJSON *v)
{
    const char *result = ap_field_text(v, "result");
    if (result)
        return strcmp(result, "carried") == 0 ? "pass" : "fail";
    const cJSON *f = ap_field(v, "for"), *a = ap_field(v, "against");
    return cJSON_IsNumber(f) && cJSON_IsNumber(a) && f->valuedouble > a->valuedouble ? "pass"
                                                                                    : "fail";
}

static cJSON *vote_event(const cJSON *m, const cJSON *e, const cJSON *v, int k)
{
    cJSON *o = cJSON_CreateObject();
    const char *number = ap_field_text(e, "number");
    char *id = g_strdup_printf("minute %s vote %d", number ? number : "-", k + 1);
    cJSON_AddStringToObject(o, "identifier", id);
    g_free(id);
    cJSON_AddStringToObject(o, "motion_text",
                            ap_field_text_or(v, "motion", ap_field_text_or(e, "title", "")));
    cJSON_AddItemToObject(o, "motion_classification", cJSON_CreateArray());
    cJSON_AddStringToObject(o, "start_date", ap_field_text_or(m, "date", ""));
    cJSON_AddStringToObject(o, "end_date", "");
    cJSON_AddStringToObject(o, "result", ocd_result(v));
    cJSON_AddStringToObject(o, "organization", ap_field_text_or(m, "committee", ""));
    cJSON_AddStringToObject(o, "legislative_session", "");
    cJSON_AddNullToObject(o, "bill");
    cJSON *votes = cJSON_AddArrayToObject(o, "votes");
    cJSON *counts = cJSON_AddArrayToObject(o, "counts");
    for (size_t i = 0; i < G_N_ELEMENTS(OPTION_NAMES); i++) {
        const cJSON *name;
        cJSON_ArrayForEach(name, ap_field(v, OPTION_NAMES[i][0])) {
            cJSON *one = cJSON_CreateObject();
            cJSON_AddStringToObject(one, "option", OPTION_NAMES[i][2]);
            cJSON_AddStringToObject(one, "voter_name", cJSON_GetStringValue(name));
            cJSON_AddStringToObject(one, "note", "");
            cJSON_AddItemToArray(votes, one);
        }
        const cJSON *count = ap_field(v, OPTION_NAMES[i][1]);
        if (cJSON_IsNumber(count)) {
            cJSON *c = cJSON_CreateObject();
            cJSON_AddStringToObject(c, "option", OPTION_NAMES[i][2]);
            cJSON_AddNumberToObject(c, "value", count->valuedouble);
            cJSON_AddItemToArray(counts, c);
        }
    }
    cJSON_AddItemToObject(o, "sources", ocd_sources(m));
    cJSON *extras = cJSON_AddObjectToObject(o, "extras");
    ap_json_set_text(extras, "council", ap_field_text(m, "council"));
    ap_json_set_text(extras, "minute", number);
    ap_json_set_text(extras, "minute_title", ap_field_text(e, "title"));
    return o;
}

/* The file a meeting's minutes were read from: its source in the role of
 * minutes, else its first. */
static const char *minutes_file(const cJSON *m)
{
    const cJSON *src;
    cJSON_ArrayForEach(src, ap_field(m, "sources"))
        if (!g_strcmp0(ap_field_text(src, "role"), "minutes"))
            return ap_field_text(src, "file");
    return ap_field_text(cJSON_GetArrayItem(ap_field(m, "sources"), 0), "file");
}

/* Our vote object, with the meeting and minute it belongs to, and the
 * file and page that minute was read from. */
static cJSON *vote_record(const cJSON *m, const cJSON *e, const cJSON *v, int k)
{
    (void)k;
    cJSON *o = cJSON_Duplicate(v, true);
    ap_json_set_text(o, "meeting_id", ap_field_text(m, "id"));
    ap_json_set_text(o, "source_file", minutes_file(m));
    const cJSON *page = ap_field(ap_field(e, "evidence"), "pdf_page");
    if (cJSON_IsNumber(page))
        cJSON_AddNumberToObject(o, "pdf_page", page->valuedouble);
    else
        cJSON_AddNullToObject(o, "pdf_page");
    ap_json_set_text(o, "council", ap_field_text(m, "council"));
    ap_json_set_text(o, "committee", ap_field_text(m, "committee"));
    ap_json_set_text(o, "date", ap_field_text(m, "date"));
    ap_json_set_text(o, "minute", ap_field_text(e, "number"));
    ap_json_set_text(o, "minute_title", ap_field_text(e, "title"));
    return o;
}

/* ---- the sinks ------------------------------------------------------------------- */

static void put_json(FILE *out, const cJSON *o)
{
    char *text = cJSON_PrintUnformatted(o);
    fputs(text, out);
    fputc('\n', out);
    cJSON_free(text);
}

static void *stream_open(const char *where, FILE *out, ap_error *err)
{
    (void)where, (void)err;
    return out;
}

/* Each vote of meeting m, made into an object by make, one per line. */
static void put_votes(FILE *out, const cJSON *m,
                      cJSON *(*make)(const cJSON *, const cJSON *, const cJSON *, int))
{
    const cJSON *e;
    cJSON_ArrayForEach(e, ap_field(m, "minutes")) {
        int k = 0;
        const cJSON *v;
        cJSON_ArrayForEach(v, ap_field(e, "votes")) {
            cJSON *o = make(m, e, v, k++);
            put_json(out, o);
            cJSON_Delete(o);
        }
    }
}

static bool ocd_votes_meeting(void *out, const cJSON *m, const char *text, ap_error *err)
{
    (void)text, (void)err;
    put_votes(out, m, vote_event);
    return true;
}

static bool votes_meeting(void *out, const cJSON *m, const char *text, ap_error *err)
{
    (void)text, (void)err;
    put_votes(out, m, vote_record);
    return true;
}

static bool ocd_meeting(void *out, const cJSON *m, const char *text, ap_error *err)
{
    (void)text, (void)err;
    cJSON *e = ap_meeting_to_ocd(m);
    put_json(out, e);
    cJSON_Delete(e);
    return true;
}

static bool record_meeting(void *out, const cJSON *m, const char *text, ap_error *err)
{
    (void)text, (void)err;
    put_json(out, m);
    return true;
}

static bool stream_close(void *out, bool commit, ap_error *err)
{
    (void)out, (void)commit, (void)err;
    return true;
}

const ap_sink_class ap_sink_ocd = {
    .version = AP_SINK_VERSION,
    .name = "ocd",
    .open = stream_open,
    .meeting = ocd_meeting,
    .close = stream_close,
};

const ap_sink_class ap_sink_meetings_ndjson = {
    .version = AP_SINK_VERSION,
    .name = "meetings-ndjson",
    .open = stream_open,
    .meeting = record_meeting,
    .close = stream_close,
};

const ap_sink_class ap_sink_ocd_votes = {
    .version = AP_SINK_VERSION,
    .name = "ocd-votes",
    .open = stream_open,
    .meeting = ocd_votes_meeting,
    .close = stream_close,
};

const ap_sink_class ap_sink_votes_ndjson = {
    .version = AP_SINK_VERSION,
    .name = "votes-ndjson",
    .open = stream_open,
    .meeting = votes_meeting,
    .close = stream_close,
};
