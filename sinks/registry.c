/* registry.c: the sinks, by name, and the calls every caller makes. */
#include <string.h>

#include "sinks/sink.h"
#include "core/error.h"

extern const ap_sink_class ap_sink_meetings, ap_sink_documents, ap_sink_sqlite,
    ap_sink_indicators_csv, ap_sink_indicators_ndjson, ap_sink_meetings_ndjson, ap_sink_ocd,
    ap_sink_ocd_votes, ap_sink_votes_ndjson, ap_sink_indicators_latest_csv,
    ap_sink_indicators_latest_ndjson;

static const ap_sink_class *const sinks[] = {
    &ap_sink_meetings,
    &ap_sink_documents,
    &ap_sink_sqlite,
    &ap_sink_indicators_csv,
    &ap_sink_indicators_ndjson,
    &ap_sink_indicators_latest_csv,
    &ap_sink_indicators_latest_ndjson,
    &ap_sink_meetings_ndjson,
    &ap_sink_ocd,
    &ap_sink_ocd_votes,
    &ap_sink_votes_ndjson,
    NULL,
};

const ap_sink_class *ap_sink_find(const char *name)
{
    for (const ap_sink_class *const *s = sinks; *s; s++)
        if (!strcmp((*s)->name, name) && (*s)->version == AP_SINK_VERSION)
            return *s;
    return NULL;
}

bool ap_sink_open(ap_sink *sink, const char *name, const char *where, FILE *out,
                  ap_error *err)
{
    *sink = (ap_sink){ap_sink_find(name), NULL};
    if (!sink->cls) {
        ap_error_set(err, "no sink named %s", name);
        return false;
    }
    sink->state = sink->cls->open(where, out, err);
    return sink->state != NULL;
}

bool ap_sink_update(ap_sink *sink, const char *name, const char *where, ap_error *err)
{
    *sink = (ap_sink){ap_sink_find(name), NULL};
    if (sink->cls && sink->cls->update)
        sink->state = sink->cls->update(where, NULL, err);
    /* nothing to update (or it cannot be read): built anew, as a first
     * run would, which says why if that fails too */
    if (sink->state)
        return true;
    if (err)
        err->message[0] = '\0';
    return ap_sink_open(sink, name, where, NULL, err);
}

bool ap_sink_keep(ap_sink *sink, const char *id, bool document)
{
    /* a record of a kind the sink does not take: nothing to hand it */
    if (document ? !sink->cls->document : !sink->cls->meeting)
        return true;
    return sink->cls->keep && sink->cls->keep(sink->state, id);
}

bool ap_sink_file(ap_sink *sink, const cJSON *entry, ap_error *err)
{
    return !sink->cls->file || sink->cls->file(sink->state, entry, err);
}

bool ap_sink_record(ap_sink *sink, const cJSON *record, const char *text, ap_error *err)
{
    const char *schema = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(record, "schema"));
    if (schema && !strcmp(schema, AP_DOCUMENT_SCHEMA_ID))
        return !sink->cls->document || sink->cls->document(sink->state, record, text, err);
    return !sink->cls->meeting || sink->cls->meeting(sink->state, record, text, err);
}

bool ap_sink_close(ap_sink *sink, bool commit, ap_error *err)
{
    bool ok = !sink->state || sink->cls->close(sink->state, commit, err);
    sink->state = NULL;
    return ok;
}
