/*
 * export.c: `agendapack export`: a sink (sinks/sink.h) run over the store's
 * meetings, in the order the export reads best: indicator rows by council,
 * committee and date; meetings and votes by date.
 */
#include <errno.h>
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "agendapack.h"
#include "sinks/export.h"
#include "sinks/sink.h"
#include "sinks/store.h"
#include "core/error.h"

const char *ap_export_sink_name(ap_export_what what, const char *format, ap_error *err)
{
    static const char *const whats[] = {"indicators", "meetings", "votes", "latest indicators"};
    /* [what][csv, ndjson, ocd] */
    static const char *const sinks[][3] = {
        {"indicators-csv", "indicators-ndjson", NULL},
        {NULL, "meetings-ndjson", "ocd"},
        {NULL, "votes-ndjson", "ocd-votes"},
        {"indicators-latest-csv", "indicators-latest-ndjson", NULL},
    };
    int f = !strcmp(format, "csv") ? 0 : !strcmp(format, "ocd") ? 2 : 1;
    const char *name = (size_t)what < G_N_ELEMENTS(sinks) ? sinks[what][f] : NULL;
    if (!name)
        ap_error_set(err, "%s cannot be exported as %s",
                     (size_t)what < G_N_ELEMENTS(whats) ? whats[what] : "that", format);
    return name;
}

/* Feeds every meeting of the store to the sink; the last step's result
 * (SQLITE_DONE when all were read), *fed false when the sink failed. */
static int feed(sqlite3 *db, const char *sql, ap_sink *sink, ap_error *err, bool *fed)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    *fed = true;
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        if ((rc = sqlite3_step(st)) != SQLITE_ROW)
            break;
        const char *text = (const char *)sqlite3_column_text(st, 0);
        if (!text) {
            rc = SQLITE_CORRUPT;    /* a meeting without its record */
            break;
        }
        if (!(*fed = ap_export_feed_text(sink, text, err)))
            break;
    }
    sqlite3_finalize(st);
    return rc;
}

bool ap_export_feed_text(ap_sink *sink, const char *text, ap_error *err)
{
    cJSON *m = cJSON_Parse(text);
    if (!m) {
        ap_error_set(err, "the store holds a record that is not JSON; a batch run rebuilds it");
        return false;
    }
    bool ok = ap_sink_record(sink, m, text, err);
    cJSON_Delete(m);
    return ok;
}

bool ap_export_flushed(FILE *out, ap_error *err)
{
    if (fflush(out) != 0 || ferror(out)) {
        ap_error_set(err, "cannot write the export: %s", g_strerror(errno));
        return false;
    }
    return true;
}

bool ap_export(const char *db_path, ap_export_what what, const char *format, FILE *out,
               ap_error *err)
{
    const char *name = ap_export_sink_name(what, format, err);
    if (!name)
        return false;
    sqlite3 *db = ap_store_open_read(db_path, err);
    if (!db)
        return false;
    ap_sink sink;
    if (!ap_sink_open(&sink, name, NULL, out, err)) {
        sqlite3_close(db);
        return false;
    }
    const char *sql = what == AP_EXPORT_INDICATORS || what == AP_EXPORT_LATEST
                          ? "SELECT record FROM meetings ORDER BY council, committee, date, id"
                          : "SELECT record FROM meetings ORDER BY date, id";
    bool fed;
    int rc = feed(db, sql, &sink, err, &fed);
    bool ok = fed && rc == SQLITE_DONE;
    if (fed && !ok)
        ap_error_set(err, "%s", ap_store_damage(db, rc));
    ok = ap_sink_close(&sink, ok, err) && ok && ap_export_flushed(out, err);
    sqlite3_close(db);
    return ok;
}
