/*
 * votes.c: the recorded votes of the store's meetings, one per line: as
 * Open Civic Data VoteEvents (the "ocd-votes" sink; pupa's vote_event
 * fields, options "yes", "no", "abstain", results "pass", "fail") or as
 * our own vote objects with their meeting and minute (the "votes-ndjson"
 * sink). A vote is a minute entry's "votes" item (extractors/
 * minutes_votes.c).
 */
#include <string.h>

#include <glib.h>

#include "agendapack.h"
#include "core/json_fields.h"
#include "record/record.h"
#include "sinks/sink.h"

static const char *const OPTION_NAMES[][3] = {
    /* our names key, our count key, the OCD option */
    {"names_for", "for", "yes"},
    {"names_against", "against", "no"},
    {"names_abstain", "abstain", "abstain"},
};

static const char *text_or(const cJSON *o, const char *key, const char *otherwise)
{
    const char *v = ap_field_text(o, key);
    return v ? v : otherwise;
}

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
                            text_or(v, "motion", text_or(e, "title", "")));
    cJSON_AddItemToObject(o, "motion_classification", cJSON_CreateArray());
    cJSON_AddStringToObject(o, "start_date", text_or(m, "date", ""));
    cJSON_AddStringToObject(o, "end_date", "");
    cJSON_AddStringToObject(o, "result", ocd_result(v));
    cJSON_AddStringToObject(o, "organization", text_or(m, "committee", ""));
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
    cJSON *sources = cJSON_AddArrayToObject(o, "sources");
    const cJSON *s;
    cJSON_ArrayForEach(s, ap_field(m, "sources")) {
        cJSON *src = cJSON_CreateObject();
        cJSON_AddStringToObject(src, "url", text_or(s, "file", ""));
        cJSON_AddStringToObject(src, "note", text_or(s, "role", ""));
        cJSON_AddItemToArray(sources, src);
    }
    cJSON *extras = cJSON_AddObjectToObject(o, "extras");
    ap_json_set_text(extras, "council", ap_field_text(m, "council"));
    ap_json_set_text(extras, "minute", number);
    ap_json_set_text(extras, "minute_title", ap_field_text(e, "title"));
    return o;
}

/* Our vote object, with the meeting and minute it belongs to. */
static cJSON *vote_record(const cJSON *m, const cJSON *e, const cJSON *v, int k)
{
    (void)k;
    cJSON *o = cJSON_Duplicate(v, true);
    ap_json_set_text(o, "council", ap_field_text(m, "council"));
    ap_json_set_text(o, "committee", ap_field_text(m, "committee"));
    ap_json_set_text(o, "date", ap_field_text(m, "date"));
    ap_json_set_text(o, "minute", ap_field_text(e, "number"));
    ap_json_set_text(o, "minute_title", ap_field_text(e, "title"));
    return o;
}

static void put_votes(FILE *out, const cJSON *m,
                      cJSON *(*make)(const cJSON *, const cJSON *, const cJSON *, int))
{
    const cJSON *e;
    cJSON_ArrayForEach(e, ap_field(m, "minutes")) {
        int k = 0;
        const cJSON *v;
        cJSON_ArrayForEach(v, ap_field(e, "votes")) {
            cJSON *o = make(m, e, v, k++);
            char *text = cJSON_PrintUnformatted(o);
            fputs(text, out);
            fputc('\n', out);
            cJSON_free(text);
            cJSON_Delete(o);
        }
    }
}

static void *stream_open(const char *where, FILE *out, ap_error *err)
{
    (void)where, (void)err;
    return out;
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

static bool stream_close(void *out, bool commit, ap_error *err)
{
    (void)out, (void)commit, (void)err;
    return true;
}

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
