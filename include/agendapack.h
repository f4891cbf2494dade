/*
 * agendapack.h: the public interface of libagendapack.
 *
 * agendapack turns local-government committee papers (PDF) into meeting
 * records (JSON, schemas/meeting.schema.json). A library user converts
 * files (ap_convert_file, ap_convert_files) or an archive (ap_batch_run),
 * then searches (ap_store_query) and exports (ap_export) the store a batch
 * builds. The stages inside (the page model, segmentation, extractors,
 * sinks) have their own headers beside their code; docs/ says how each
 * decides.
 *
 * Errors never print: every fallible call takes an ap_error and fills its
 * message with the reason, so callers can add context (usually the file
 * name) and decide what to show.
 */
#ifndef AGENDAPACK_H
#define AGENDAPACK_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#define AP_VERSION "0.1.0"
#define AP_SCHEMA_ID "agendapack.meeting/1"
/* An unplaced document's record: a document whose meeting is not known. */
#define AP_DOCUMENT_SCHEMA_ID "agendapack.document/1"

/* What the shared library exports: the functions declared here. It is
 * built with hidden visibility, so the rest of the library's functions,
 * however named, are not part of its interface. */
#if defined(__GNUC__)
#define AP_API __attribute__((visibility("default")))
#else
#define AP_API
#endif

/* The library's version, as AP_VERSION was when it was built. */
AP_API const char *ap_version(void);

typedef struct ap_error {
    char message[512];
} ap_error;

/* ---- converting files ---------------------------------------------------------- */

/* Which pages are read by OCR (parsers/ocr.c): AUTO, those with no text
 * but ink, or a garbled text layer; NEVER; ALWAYS, every page. */
typedef enum ap_ocr_mode { AP_OCR_AUTO, AP_OCR_NEVER, AP_OCR_ALWAYS } ap_ocr_mode;

/* The OCR mode and Tesseract's languages ("eng", "cym+eng") for every
 * file this process reads from now on, and the workers it starts (they
 * inherit it). A setting of the process, as the engine it drives is one:
 * set by the program once, before the first file. */
AP_API void ap_ocr_configure(ap_ocr_mode mode, const char *languages);

typedef struct ap_convert_summary {
    int pages, documents, warnings;
    int rendered;           /* pages rendered for drawn rules or marks */
    int ocr_pages;          /* pages recognised by OCR, and the seconds */
    double ocr_seconds;     /* that took */
    char **paths;           /* NULL-terminated: the files written */
    char *notice;           /* why nothing was written, or NULL */
} ap_convert_summary;

/* One PDF through every stage, in this process: one JSON file per meeting
 * it holds written into outdir (named by meeting id), and what was
 * written said in *summary (clear it with ap_convert_summary_clear). */
AP_API bool ap_convert_file(const char *pdf_path, const char *outdir,
                            ap_convert_summary *summary, ap_error *err);
AP_API void ap_convert_summary_clear(ap_convert_summary *summary);

/* Several files converted in order, each in a worker process with a time
 * and a memory limit (run/convert_run.c); the records of one meeting from
 * several of them merged into one file, and a record file already in
 * outdir drawn from files not given never overwritten. */
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

/* Called by an allocator's out-of-memory hook (the program registers one
 * with mimalloc): a worker that then crashes ended at its memory limit. */
AP_API void ap_allocation_failed(void);

/* ---- an archive ------------------------------------------------------------------ */

/* Many files converted by worker processes, resumably (run/batch.c).
 * Every PDF under the inputs (folders walked) is converted by at most
 * jobs forked workers into OUTDIR, its records merged into one per meeting
 * (OUTDIR/meetings) and a store built (OUTDIR/agendapack.sqlite). A
 * content logged before is skipped unless forced. */
typedef struct ap_batch_totals {
    size_t total, done;
    size_t converted;       /* in this run (with or without a record) */
    size_t no_data;         /* of those, the files that gave no record */
    size_t skipped;         /* done before, or the same content again */
    size_t failed;          /* in this run or before */
    long pages;             /* of the files converted in this run */
    long ocr_pages;         /* of those, read by OCR */
    long peak_kb;           /* the most memory one worker held */
    size_t meetings;        /* files in OUTDIR/meetings */
    size_t rebuilt;         /* of those, made again in this run (the
                             * others' records had not changed) */
    size_t linked;          /* documents published on their own, tied to
                             * their meetings */
    size_t unplaced;        /* files in OUTDIR/documents: documents whose
                             * meeting is not known */
    size_t other_shards;    /* left to the other shards (in skipped too) */
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
    /* Only the files whose content hash falls in shard `shard` (0 to
     * shards - 1) of `shards`, when shards > 1: N runs given the same
     * inputs split them with no coordination (ap_shard_of). */
    unsigned shard, shards;
    ap_batch_report_fn report;
    void *report_ctx;
} ap_batch_options;

/* False (err set, naming the path and the reason) only when OUTDIR
 * cannot be made, is locked by another run, or cannot be written (a full
 * disk, a read-only folder: the run then stops handing out files); a file
 * that fails is counted in t->failed and reported. */
AP_API bool ap_batch_run(char *const *inputs, size_t ninputs, const ap_batch_options *o,
                         ap_batch_totals *t, ap_error *err);

/* Which of n shards the content with this SHA-256 (64 hex digits) falls
 * in: its first 32 bits modulo n. The same on every machine, whatever the
 * file is called or where it lies. */
AP_API unsigned ap_shard_of(const char *sha256, unsigned n);

/* The OUTDIRs of several runs (shards) joined into o->outdir: each log
 * entry and its records copied in unless there already, then the meetings
 * and the store rebuilt as a batch would. The meeting files equal those
 * of one batch over all the shards' inputs. Only o->outdir, report and
 * report_ctx of o are read; t counts what was copied (converted) and what
 * was there already (skipped). False (err) when an OUTDIR cannot be read
 * or o->outdir written. */
AP_API bool ap_batch_join(char *const *outdirs, size_t n, const ap_batch_options *o,
                          ap_batch_totals *t, ap_error *err);

/* ---- the store -------------------------------------------------------------------- */

/* A search of a batch's store. */
typedef struct ap_query {
    const char *words;      /* FTS5's query syntax (AND, OR, NOT, NEAR,
                             * "phrases", prefix*); NULL or blank for all */
    const char *committee;  /* a part of the committee's name, any case */
    const char *council;    /* a part of the council's name, any case */
    const char *since;      /* YYYY, YYYY-MM or YYYY-MM-DD, inclusive */
    const char *until;
    const char *kind;       /* item, minute, resolution, document or vote */
    int limit;              /* at most this many hits; 0 for all */
    bool by_date;           /* by date, else by relevance (bm25) */
    bool with_resolutions;  /* each hit with the minute it leads to, its
                             * resolutions and votes, once per minute */
} ap_query;

/* Full-text search of a batch's store: agenda items, minutes,
 * resolutions, documents and recorded votes. Each hit an object {date,
 * council, committee, meeting_id, kind, number, title, snippet} (and with
 * with_resolutions item_number, item_title, minute_number, minute_title,
 * resolutions, votes, minutes_file, pdf_page). NULL (err set, one line)
 * when the store cannot be read, the query is malformed, a filter is
 * wrong, or there is nothing to search for. */
AP_API cJSON *ap_store_query(const char *db_path, const ap_query *q, ap_error *err);
/* Hits as CSV, a header line first; false when out cannot be written. */
AP_API bool ap_hits_write_csv(const cJSON *hits, FILE *out);
/* A member's record by name as printed ("Mrs Bell", "C Bell"): meetings
 * attended or sent apologies to, declarations, recorded votes, each with
 * its meeting; matched by surname and, where both give one, first
 * initial. {name, attendance, declarations, votes}; NULL (err set). */
AP_API cJSON *ap_store_person(const char *db_path, const char *name, ap_error *err);

/* What ap_export writes. */
typedef enum ap_export_what {
    AP_EXPORT_INDICATORS,   /* indicator values: csv or ndjson */
    AP_EXPORT_MEETINGS,     /* the records (ndjson) or Open Civic Data Events (ocd) */
    AP_EXPORT_VOTES,        /* recorded votes: ours (ndjson) or OCD VoteEvents (ocd) */
    AP_EXPORT_LATEST,       /* each indicator's latest value: csv or ndjson */
} ap_export_what;

/* What a store holds, one per line to out, in format. */
AP_API bool ap_export(const char *db_path, ap_export_what what, const char *format, FILE *out,
                      ap_error *err);
/* A meeting record as an Open Civic Data Event; cJSON_Delete it. */
AP_API cJSON *ap_meeting_to_ocd(const cJSON *meeting);

/* ---- the store in PostgreSQL ------------------------------------------------------- */

typedef struct ap_postgres_counts {
    size_t loaded;          /* meetings written */
    size_t unchanged;       /* meetings PostgreSQL held as they are */
    size_t pruned;          /* meetings deleted: not in the store */
} ap_postgres_counts;

/* The batch store at db_path loaded into the PostgreSQL database at url
 * (a libpq connection string or URI): its tables made if missing, each
 * meeting upserted by id in a transaction of its own (left alone when its
 * record is unchanged), files and unplaced documents upserted. Several
 * loads may run at once (shards'). With prune, what the database holds
 * and the store does not is deleted: for the store of a whole archive,
 * loaded over its shards' (a document a shard held as a meeting of its
 * own may belong to another meeting once merged). */
AP_API bool ap_postgres_load(const char *db_path, const char *url, bool prune,
                             ap_postgres_counts *counts, ap_error *err);
/* ap_store_query over PostgreSQL: the same hits (snippets made by
 * PostgreSQL); q->words in web-search syntax (words, "a phrase", OR,
 * -word); --with resolutions is not offered. */
AP_API cJSON *ap_postgres_query(const char *url, const ap_query *q, ap_error *err);
/* ap_export over PostgreSQL: the same output. */
AP_API bool ap_postgres_export(const char *url, ap_export_what what, const char *format,
                               FILE *out, ap_error *err);

/* ---- a site to look at ------------------------------------------------------------- */

typedef struct ap_site_summary {
    int meetings, committees, people, charts, pages;
    int unread;             /* meetings whose record could not be read: no page */
} ap_site_summary;

/* The static site of a batch's OUTDIR (its store and meeting records)
 * written into sitedir (NULL: OUTDIR/site): an index, a page per meeting,
 * committee and person, a search page and its index. Pages of an earlier
 * build that are no longer made are removed. */
AP_API bool ap_site_write(const char *outdir, const char *sitedir, ap_site_summary *sum,
                          ap_error *err);
/* One meeting's page of that OUTDIR, standing alone (its stylesheet
 * inside, no links to other pages), written into dir (NULL:
 * OUTDIR/site); the page's path (g_free it), or NULL and err. */
AP_API char *ap_site_write_meeting(const char *outdir, const char *meeting_id, const char *dir,
                                   ap_error *err);
/* The page standing alone of the meeting record at record_path, written
 * beside it (NAME.html for NAME.json), linking the PDFs among pdfs
 * (npdfs paths) its sources name; its path or NULL and err. */
AP_API char *ap_site_write_record(const char *record_path, char *const *pdfs, size_t npdfs,
                                  ap_error *err);

/* ---- looking at a file, checking a record ---------------------------------------- */

/* The page model of a PDF (the file at name, or len bytes at data when
 * data is not NULL), furniture removed: as text with a header line per
 * page, or as JSON, one object per page (g_free the result). */
AP_API char *ap_page_text(const char *name, const void *data, size_t len, bool json,
                          ap_error *err);
/* Whether text (len bytes) is a meeting record the schema accepts. */
AP_API bool ap_record_validate(const char *text, size_t len, ap_error *err);

#endif
