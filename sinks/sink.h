/*
 * sink.h: where records go, behind one interface.
 *
 * A sink is a versioned table of methods, as SQLite's VFS is: open it on
 * where it writes, hand it each input file's log entry, then each meeting
 * (merged, checked against the schema, with the text it is written as)
 * and each unplaced document record, and close it, committing what it
 * wrote or abandoning it. The batch
 * (run/batch.c) feeds every sink it is given; `export` runs one over the
 * store (sinks/export.c). A new sink is one file defining an
 * ap_sink_class and one line in sinks/registry.c.
 */
#ifndef AP_SINK_H
#define AP_SINK_H

#include <stdbool.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "agendapack.h"

/* 2: unplaced document records (document); 3: update and keep, for a
 * rebuild that hands on only the records whose inputs changed */
#define AP_SINK_VERSION 3

typedef struct ap_sink_class {
    int version;            /* AP_SINK_VERSION */
    const char *name;
    /* where: the folder or file it writes, or NULL to write to out. NULL
     * (err set) when it cannot be opened. */
    void *(*open)(const char *where, FILE *out, ap_error *err);
    /* Opens the sink on what it holds from the last build, to be updated
     * record by record: each record is then kept (keep) or handed again
     * (a record kept and then handed replaces what was kept), and at
     * commit the sink holds those and nothing else. NULL, or NULL
     * returned: it opens anew (open), holding nothing. */
    void *(*update)(const char *where, FILE *out, ap_error *err);
    /* Keeps the record of this id as the sink holds it from the last
     * build; false when it holds none (it is then handed the record).
     * NULL: it never holds any. */
    bool (*keep)(void *sink, const char *id);
    /* an input file's log entry (run/runlog.h); NULL: not wanted */
    bool (*file)(void *sink, const cJSON *entry, ap_error *err);
    /* a meeting, and its text as written; NULL: not wanted */
    bool (*meeting)(void *sink, const cJSON *meeting, const char *text, ap_error *err);
    /* an unplaced document record (schemas/document.schema.json), and
     * its text as written; NULL: not wanted */
    bool (*document)(void *sink, const cJSON *record, const char *text, ap_error *err);
    /* commit: make what was written visible (rename into place, flush);
     * else throw it away. Frees the sink either way. */
    bool (*close)(void *sink, bool commit, ap_error *err);
} ap_sink_class;

/* An open sink. */
typedef struct ap_sink {
    const ap_sink_class *cls;
    void *state;
} ap_sink;

/* The sink class of that name, or NULL. */
const ap_sink_class *ap_sink_find(const char *name);

bool ap_sink_open(ap_sink *sink, const char *name, const char *where, FILE *out,
                  ap_error *err);
/* The same, on what the sink holds from the last build where it can
 * (update), else anew. */
bool ap_sink_update(ap_sink *sink, const char *name, const char *where, ap_error *err);
/* Whether the sink keeps the record of this id (an unplaced document's
 * when document) it holds from the last build: false when it must be
 * handed the record; true too when it takes none of that kind. */
bool ap_sink_keep(ap_sink *sink, const char *id, bool document);
bool ap_sink_file(ap_sink *sink, const cJSON *entry, ap_error *err);
/* A record, to the method its kind takes: meeting or document. */
bool ap_sink_record(ap_sink *sink, const cJSON *record, const char *text, ap_error *err);
bool ap_sink_close(ap_sink *sink, bool commit, ap_error *err);

#endif
