/*
 * agendapack.h: the public interface of libagendapack.
 *
 * A pack goes through staged filters, each a function over one value:
 *
 *   ap_doc_open()        PDF bytes -> page model (lines, boxes, fonts)
 *   ap_furniture_apply() page model -> furniture removed, printed page
 *                        numbers, agenda item and blank flag per page
 *   ap_meeting_build()   page model -> meeting record (cJSON), filled in by
 *                        the registered extractors
 *   ap_schema_validate() meeting record -> checked against the schema
 *
 * ap_convert_file() runs all of them for one file and writes the records.
 *
 * Errors never print: every fallible call takes an ap_error and fills its
 * message with the reason, so callers can add context (usually the file
 * name) and decide what to show.
 *
 * Coordinates are PDF points with the origin at the page's top-left corner
 * and y growing downwards (poppler's text-layout convention).
 */
#ifndef AGENDAPACK_H
#define AGENDAPACK_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#define AP_VERSION "0.1.0"

/* What the shared library exports: the functions declared here. It is
 * built with hidden visibility, so the rest of the library's functions,
 * however named, are not part of its interface. */
#if defined(__GNUC__)
#define AP_API __attribute__((visibility("default")))
#else
#define AP_API
#endif
#define AP_SCHEMA_ID "agendapack.meeting/1"

typedef struct ap_error {
    char message[512];
} ap_error;

typedef struct ap_bbox {
    double x0, y0, x1, y1;
} ap_bbox;

/* A run of characters in one font within a line; offsets are bytes into
 * the line's UTF-8 text. */
typedef struct ap_span {
    size_t start, len;
    char *font;
    double size;
    bool bold, italic;
} ap_span;

/* A stretch of a line between wide horizontal gaps: one table cell or one
 * column's part of a row that poppler read as a single line. Offsets are
 * bytes into the line's text. */
typedef struct ap_cell {
    size_t start, len;
    ap_bbox bbox;
} ap_cell;

typedef struct ap_line {
    char *text;            /* UTF-8, trimmed, never empty */
    ap_bbox bbox;
    ap_span *spans;
    size_t nspans;
    ap_cell *cells;        /* at least one when read from a PDF; a line
                            * with none is one cell */
    size_t ncells;
    ap_cell *words;        /* runs between spaces, with their boxes; none in
                            * a line built by hand */
    size_t nwords;
} ap_line;

typedef enum ap_furniture_kind {
    AP_FURN_PACK_STAMP,     /* "Public Document Pack" */
    AP_FURN_ITEM_STAMP,     /* "Agenda Item 7" */
    AP_FURN_PAGE_NUMBER,    /* the pack's own "Page 12" */
    AP_FURN_DOC_FOOTER,     /* a document's own "Page 3 of 54" */
    AP_FURN_RUNNING,        /* a header or footer repeated across pages */
    AP_FURN_BLANK_NOTICE    /* "This page is intentionally left blank" */
} ap_furniture_kind;

typedef struct ap_furniture {
    ap_furniture_kind kind;
    ap_line line;
    int number;             /* AP_FURN_PAGE_NUMBER: the printed number */
    char *item;             /* AP_FURN_ITEM_STAMP: the item number */
} ap_furniture;

typedef struct ap_page {
    int pdf_page;           /* 1-based */
    double width, height;
    ap_line *lines;         /* content lines in reading order */
    size_t nlines;
    ap_furniture *furniture;
    size_t nfurniture;
    bool has_graphics;      /* images or drawing; looked up only for pages
                             * with little text */
    int printed_page;       /* 0 when the page has no printed number */
    char *agenda_item;      /* NULL when the page belongs to no item */
    bool blank;             /* a padding page */
} ap_page;

typedef struct ap_doc {
    char *path;
    char *sha256;           /* hex digest of the file's bytes */
    ap_page *pages;
    size_t npages;
    char **warnings;        /* each names its page */
    size_t nwarnings;
    void *source;           /* the open PDF, for rendering a page later;
                             * NULL in a document built by hand */
    void (*source_free)(void *);
} ap_doc;

/* Ruling lines drawn on a page (table rules), found by rendering it. */
typedef struct ap_rule {
    double x0, y0, x1, y1;  /* a thin box: vertical or horizontal */
} ap_rule;

typedef struct ap_rulings {
    ap_rule *vertical, *horizontal;
    size_t nvertical, nhorizontal;
} ap_rulings;

/* A page rendered into pixels (parsers/rulings.c), for what poppler-glib
 * does not hand out as data: drawn rules, cell fills, drawn arrows. NULL
 * when the page cannot be rendered (a document built by hand). */
typedef struct ap_page_image ap_page_image;
AP_API ap_page_image *ap_page_image_new(const ap_doc *doc, size_t page);
AP_API void ap_page_image_free(ap_page_image *img);

/* The image's long straight lines. Free with ap_rulings_clear(). */
AP_API void ap_image_rulings(const ap_page_image *img, ap_rulings *out);
/* Renders page (0-based) of doc and returns its long straight lines;
 * false when the page cannot be rendered. */
AP_API bool ap_page_rulings(const ap_doc *doc, size_t page, ap_rulings *out);
/* How many pages this process has rendered so far (parsers/render.c). */
AP_API unsigned long ap_pages_rendered(void);

/* What a box of the page shows where it prints no text: its fill
 * ("red", "amber", "green" or NULL) and an arrow drawn as a shape ("up",
 * "down", "flat" or NULL). */
typedef struct ap_mark {
    const char *fill, *arrow;
} ap_mark;
AP_API ap_mark ap_image_mark(const ap_page_image *img, ap_bbox box);
AP_API void ap_rulings_clear(ap_rulings *r);

/* PDF stage (parsers/pdf_reader.c). Returns NULL and fills err for a
 * missing, empty, non-PDF, damaged, truncated or encrypted file. */
AP_API ap_doc *ap_doc_open(const char *path, ap_error *err);
/* The same, with the file's SHA-256 (hex) known already, as a batch knows
 * it: the bytes are not hashed again. */
AP_API ap_doc *ap_doc_open_hashed(const char *path, const char *sha256, ap_error *err);
/* A PDF's bytes (len of them, at data, copied), named name in the page
 * model and the records; sha256 may be NULL. */
AP_API ap_doc *ap_doc_open_data(const char *name, const void *data, size_t len, const char *sha256,
                         ap_error *err);
AP_API void ap_doc_free(ap_doc *doc);
AP_API void ap_doc_warn(ap_doc *doc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Page furniture stage (pages/furniture.c). */
AP_API void ap_furniture_apply(ap_doc *doc);
AP_API const char *ap_furniture_kind_name(ap_furniture_kind kind);

/* Views of the page model (pages/page_view.c). */
AP_API cJSON *ap_doc_pages_json(const ap_doc *doc);
AP_API char *ap_doc_plain_text(const ap_doc *doc);     /* g_free() the result */

/* Meeting records (record/record.c): a cJSON array of records, empty
 * when the document holds no agenda; *notice (g_free it; may be NULL) then
 * says why. */
AP_API cJSON *ap_meeting_build(const ap_doc *doc, char **notice, ap_error *err);

/* JSON Schema draft-07 subset (record/schema.c). */
typedef struct ap_schema ap_schema;
AP_API ap_schema *ap_schema_load(const char *json_text, ap_error *err);
AP_API const ap_schema *ap_schema_meeting(void);  /* the built-in schema */
AP_API bool ap_schema_validate(const ap_schema *schema, const cJSON *value,
                        ap_error *err);
AP_API void ap_schema_free(ap_schema *schema);

/* One file through the whole pipeline (run/convert.c): writes one JSON
 * file per meeting into outdir and says what it wrote. */
typedef struct ap_convert_summary {
    int pages, documents, warnings;
    int rendered;           /* pages rendered for drawn rules or marks */
    char **paths;           /* NULL-terminated: the files written */
    char *notice;           /* why nothing was written, or NULL */
} ap_convert_summary;

AP_API bool ap_convert_file(const char *pdf_path, const char *outdir,
                     ap_convert_summary *summary, ap_error *err);
/* The same for a file whose SHA-256 (hex) the caller has computed. */
AP_API bool ap_convert_file_hashed(const char *pdf_path, const char *sha256, const char *outdir,
                            ap_convert_summary *summary, ap_error *err);
/* Tells the library that this process will convert many files: it then
 * compiles its patterns to machine code (PCRE2's JIT), which costs about
 * 3 ms once and makes matching about three times faster. */
AP_API void ap_tune_for_many_files(void);
/* Several files converted in order, each in a worker process with a
 * time and a memory limit (run/convert_run.c); the records of one
 * meeting from several of them merged into one file. */
typedef void (*ap_convert_report_fn)(const char *file, const ap_convert_summary *summary,
                                     const char *error, void *ctx);
typedef struct ap_convert_options {
    size_t nfiles;
    const char *outdir;         /* NULL: the records to out instead, merged,
                                 * one JSON text a line */
    FILE *out;
    unsigned timeout_s;         /* per file; 0: none */
    size_t memory_mb;           /* address space of the worker; 0: none */
    const void *stdin_data;     /* the bytes of the input named "-" */
    size_t stdin_len;
    ap_convert_report_fn report;    /* each file once done: its summary, or
                                     * NULL and its error */
    void *report_ctx;
} ap_convert_options;
/* Returns how many files failed. */
AP_API size_t ap_convert_files(char *const *files, const ap_convert_options *o);

/* Called by an allocator's out-of-memory hook (the CLI registers one with
 * mimalloc): a worker that then crashes ended at its memory limit. */
AP_API void ap_allocation_failed(void);

/* The file a record of meeting id is written to: the id with "/" as "__",
 * then ".json". g_free it. */
AP_API char *ap_record_file_name(const char *id);
AP_API void ap_convert_summary_clear(ap_convert_summary *summary);

/* Many files converted by worker processes, resumably (run/batch.c).
 * Every PDF under the inputs (folders recursed) is converted by at most
 * jobs forked worker processes, into OUTDIR/records/SHA256/;
 * OUTDIR/files/SHA256.json logs each content's status, and a content
 * logged before is skipped unless forced. */
typedef struct ap_batch_totals {
    size_t total, done;
    size_t converted;       /* in this run (with or without a record) */
    size_t skipped;         /* done before, or the same content again */
    size_t failed;          /* in this run or before */
    long pages;             /* of the files converted in this run */
    long peak_kb;           /* the most memory one worker held */
    size_t meetings;        /* files in OUTDIR/meetings */
    int64_t started;        /* g_get_monotonic_time() at the start */
} ap_batch_totals;

/* Called once a file is done: status "converted", "no-record", "failed"
 * or "skipped", and the reason (an error, a notice) or NULL; and with
 * status "warning" for a damaged log entry or record in OUTDIR (file is
 * then its path). */
typedef void (*ap_batch_report_fn)(const ap_batch_totals *t, const char *file,
                                   const char *status, const char *reason, void *ctx);

typedef struct ap_batch_options {
    const char *outdir;
    int jobs;
    unsigned timeout_s;     /* per file; 0: none */
    size_t memory_mb;       /* address space per worker; 0: none */
    bool force;             /* convert again what the log holds */
    bool retry_failed;      /* convert again what failed before */
    ap_batch_report_fn report;
    void *report_ctx;
} ap_batch_options;

/* Told of a file the program wrote earlier and cannot take now (damaged,
 * missing): its path, and why. */
typedef void (*ap_notice_fn)(const char *path, const char *why, void *ctx);

/* One record per meeting across files: every record under OUTDIR/records
 * merged by id into OUTDIR/meetings/ (run/merge.c), whatever order
 * they were converted in; *nmeetings written. A damaged record is left
 * out and passed to damaged. */
AP_API bool ap_merge_meetings(const char *outdir, ap_notice_fn damaged, void *ctx, size_t *nmeetings,
                       ap_error *err);

/* OUTDIR/agendapack.sqlite rebuilt from OUTDIR/files and OUTDIR/meetings
 * (sinks/store.c; the schema is in the README). */
AP_API bool ap_store_rebuild(const char *outdir, ap_error *err);
/* Whether the store was built from exactly the files OUTDIR logs. */
AP_API bool ap_store_current(const char *outdir);

/* Full-text search of a store: item titles and descriptions, minute
 * titles and text, resolutions. Each hit an object {date, committee,
 * meeting_id, kind, number, title, snippet}, by date; NULL (err set) when
 * the store cannot be read. words: the user's words, all of which must
 * occur. */
AP_API cJSON *ap_store_query(const char *db_path, const char *words, ap_error *err);

/* Exports from a store (sinks/export.c): indicator values as csv or
 * ndjson, or meetings as ndjson (the records) or ocd (Open Civic Data
 * Events), one per line to out. */
AP_API bool ap_export(const char *db_path, bool meetings, const char *format, FILE *out,
               ap_error *err);
/* A meeting record as an Open Civic Data Event; cJSON_Delete it. */
AP_API cJSON *ap_meeting_to_ocd(const cJSON *meeting);

/* False (err set, naming the path and the reason) only when OUTDIR
 * cannot be made, is locked by another run, or cannot be written (a full
 * disk, a read-only folder: the run then stops handing out files); a file
 * that fails is counted in t->failed and reported. Ends with
 * ap_merge_meetings() and ap_store_rebuild() unless nothing changed. */
AP_API bool ap_batch_run(char *const *inputs, size_t ninputs, const ap_batch_options *o,
                  ap_batch_totals *t, ap_error *err);

/* Error helpers (core/error.c). */
AP_API void ap_error_set(ap_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
AP_API void ap_error_prefix(ap_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
