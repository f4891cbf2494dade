/*
 * main.c: the agendapack command line.
 *
 *   agendapack convert PDF... -o OUTDIR      meeting records as JSON files
 *   agendapack batch INPUT... -o OUTDIR      the same for an archive, by
 *                                            worker processes, resumably
 *   agendapack query DB QUERY...             full-text search of the store
 *   agendapack person DB NAME...             a member's record
 *   agendapack export DB --indicators|--meetings   for dashboards
 *   agendapack site OUTDIR                   a static site to look at
 *   agendapack text PDF...                   the page model, for debugging
 *   agendapack validate JSON...              check files against the schema
 *
 * Each command parses its own options with getopt_long (so "--jobs=2",
 * "-j2" and "--output=DIR" work, and options may stand anywhere before
 * "--") and has its own --help. This is the only place that writes
 * errors: one line per failed input, "agendapack: FILE: reason", with
 * every control character in it escaped, since file names and PDF text
 * may hold terminal escape codes. Exit status 0 when every input
 * succeeded, 1 when any failed, 2 for a usage error. One bad file never
 * stops the others.
 */
#define _GNU_SOURCE  /* getopt_long */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#ifdef AP_WITH_MIMALLOC
#include <mimalloc.h>
#endif

#include "agendapack.h"

#define EXIT_FAILED 1
#define EXIT_USAGE 2

/* ---- output that is safe on a terminal ---------------------------------------- */

/* Strings made safe for the message being printed; freed once it is. */
static GPtrArray *scratch;

/* s with every control character (C0, DEL, C1, and bytes that are not
 * UTF-8, which a terminal may take for C1) written as an escape: "\n",
 * "\x1b", "\u009b", newlines too unless keep_lines. A file name or PDF
 * text cannot then move the cursor, recolour the terminal or split a
 * one-line message. */
static char *escape_controls(const char *s, bool keep_lines)
{
    GString *out = g_string_new(NULL);
    for (const char *p = s; *p;) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            g_string_append_printf(out, "\\x%02x", (unsigned char)*p++);
            continue;
        }
        const char *next = g_utf8_next_char(p);
        if (c == '\n' && keep_lines)
            g_string_append_c(out, '\n');
        else if (c == '\n')
            g_string_append(out, "\\n");
        else if (c == '\t')
            g_string_append(out, "\\t");
        else if (c < 0x20 || c == 0x7f)
            g_string_append_printf(out, "\\x%02x", c);
        else if (c >= 0x80 && c < 0xa0)
            g_string_append_printf(out, "\\u%04x", c);
        else
            g_string_append_len(out, p, next - p);
        p = next;
    }
    return g_string_free(out, FALSE);
}

/* One string for the message being printed: escaped, freed after it. */
static const char *clean(const char *s)
{
    if (!s)
        return "";
    char *safe = escape_controls(s, false);
    g_ptr_array_add(scratch, safe);
    return safe;
}

/* printf to f, every argument passed through clean() by the caller; the
 * scratch strings are freed after. */
static void say(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    g_ptr_array_set_size(scratch, 0);
}

static void print_failure(const char *file, const char *reason)
{
    say(stderr, "agendapack: %s: %s\n", clean(file), clean(reason));
}

/* ---- options -------------------------------------------------------------------- */

typedef struct command command;

typedef struct options {
    const command *cmd;
    const char *outdir, *format, *output;
    const char *committee, *council, *since, *until, *kind, *sort, *with, *meeting;
    const char *postgres;   /* a PostgreSQL connection string or URI */
    const char *ocr, *lang; /* --ocr auto|never|always, --lang eng|cym+eng */
    bool csv;
    int limit;
    bool json, quiet, verbose, force, indicators, meetings, votes, retry_failed, latest, html;
    bool prune;
    int jobs;
    unsigned shard, shards;     /* --shard K/N; shards 0 without */
    unsigned timeout_s;
    size_t memory_mb;
    char **args;            /* what is left: files, words */
    int nargs;
} options;

struct command {
    const char *name;
    int (*run)(const options *o);
    const char *usage;
    const char *shorts;
    const struct option *longs;
};

static int usage_error(const options *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int usage_error(const options *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    const char *name = o && o->cmd ? o->cmd->name : NULL;
    say(stderr, "agendapack%s%s: %s\nTry 'agendapack%s%s --help'.\n", name ? " " : "",
        name ? name : "", clean(msg), name ? " " : "", name ? name : "");
    g_free(msg);
    return EXIT_USAGE;
}

/* Long-only options' codes. */
enum {
    OPT_JSON = 256, OPT_FORCE, OPT_TIMEOUT, OPT_MAX_MEMORY, OPT_INDICATORS, OPT_MEETINGS, OPT_VOTES,
    OPT_FORMAT, OPT_RETRY, OPT_NO_RETRY, OPT_LATEST, OPT_COMMITTEE, OPT_COUNCIL, OPT_SINCE,
    OPT_UNTIL, OPT_KIND, OPT_LIMIT, OPT_SORT, OPT_CSV, OPT_WITH, OPT_HTML, OPT_MEETING, OPT_SHARD, OPT_POSTGRES, OPT_PRUNE,
    OPT_OCR, OPT_LANG
};

/* A whole number within [1, max] from an option's argument. */
static int number_arg(const options *o, const char *name, const char *arg, long max,
                      const char *unit, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (!*arg || *end)
        return usage_error(o, "%s needs a whole number, not '%s'", name, arg);
    if (errno == ERANGE || v < 1 || v > max)
        return usage_error(o, "%s: %s is out of range (1 to %ld%s%s)", name, arg, max,
                           *unit ? " " : "", unit);
    *out = v;
    return 0;
}

/* --shard K/N: shard K (0 to N-1) of N. */
static int shard_arg(options *o, const char *arg)
{
    unsigned k = 0, n = 0;
    char tail;
    if (sscanf(arg, "%u/%u%c", &k, &n, &tail) != 2 || n < 1 || n > 1u << 20 || k >= n ||
        !g_ascii_isdigit(arg[0]))
        return usage_error(o, "--shard takes K/N, shard K (0 to N-1) of N shards, not '%s'",
                           arg);
    o->shard = k;
    o->shards = n;
    return 0;
}

/* One option; returns 0 or the exit status of a usage error. */
static int take_option(options *o, int c, const char *arg)
{
    long v = 0;
    int rc = 0;
    switch (c) {
    case 'o': o->outdir = o->output = arg; break;
    case 'q': o->quiet = true; break;
    case 'v': o->verbose = true; break;
    case 'j':
        if (!(rc = number_arg(o, "--jobs", arg, 1024, "", &v)))
            o->jobs = (int)v;
        break;
    case OPT_TIMEOUT:
        if (!(rc = number_arg(o, "--timeout", arg, 7 * 24 * 3600, "s", &v)))
            o->timeout_s = (unsigned)v;
        break;
    case OPT_MAX_MEMORY:
        if (!(rc = number_arg(o, "--max-memory", arg, 1L << 20, "MB", &v)))
            o->memory_mb = (size_t)v;
        break;
    case OPT_JSON: o->json = true; break;
    case OPT_FORCE: o->force = true; break;
    case OPT_INDICATORS: o->indicators = true; break;
    case OPT_MEETINGS: o->meetings = true; break;
    case OPT_VOTES: o->votes = true; break;
    case OPT_FORMAT: o->format = arg; break;
    case OPT_RETRY: o->retry_failed = true; break;
    case OPT_NO_RETRY: o->retry_failed = false; break;
    case OPT_LATEST: o->latest = true; break;
    case OPT_COMMITTEE: o->committee = arg; break;
    case OPT_COUNCIL: o->council = arg; break;
    case OPT_SINCE: o->since = arg; break;
    case OPT_UNTIL: o->until = arg; break;
    case OPT_KIND: o->kind = arg; break;
    case OPT_SORT: o->sort = arg; break;
    case OPT_WITH: o->with = arg; break;
    case OPT_CSV: o->csv = true; break;
    case OPT_HTML: o->html = true; break;
    case OPT_MEETING: o->meeting = arg; break;
    case OPT_SHARD: rc = shard_arg(o, arg); break;
    case OPT_POSTGRES: o->postgres = arg; break;
    case OPT_PRUNE: o->prune = true; break;
    case OPT_OCR: o->ocr = arg; break;
    case OPT_LANG: o->lang = arg; break;
    case OPT_LIMIT:
        if (!(rc = number_arg(o, "--limit", arg, 1L << 30, "", &v)))
            o->limit = (int)v;
        break;
    default: break;
    }
    return rc;
}

static int parse_options(int argc, char **argv, options *o)
{
    opterr = 0;     /* our messages, not getopt's */
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, o->cmd->shorts, o->cmd->longs, NULL)) != -1) {
        if (c == 'h') {
            fputs(o->cmd->usage, stdout);
            return -1;
        }
        if (c == ':')
            return usage_error(o, "option %s needs an argument", argv[optind - 1]);
        if (c == '?')
            return optopt ? usage_error(o, "unknown option -%c", optopt)
                          : usage_error(o, "unknown option %s", argv[optind - 1]);
        int rc = take_option(o, c, optarg);
        if (rc)
            return rc;
    }
    o->args = argv + optind;
    o->nargs = argc - optind;
    return 0;
}

/* ---- reading standard input ------------------------------------------------------- */

static char *read_stdin(size_t *len)
{
    GString *data = g_string_new(NULL);
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
        g_string_append_len(data, buf, (gssize)n);
    *len = data->len;
    return g_string_free(data, FALSE);
}

static bool any_stdin(const options *o)
{
    for (int i = 0; i < o->nargs; i++)
        if (!strcmp(o->args[i], "-"))
            return true;
    return false;
}

/* ---- convert ------------------------------------------------------------------------ */

/* What a conversion run keeps: the records written, for --html. */
typedef struct converting {
    const options *o;
    GPtrArray *records;     /* paths, each once */
} converting;

static void on_converted(const char *file, const ap_convert_summary *sum, const char *error,
                         void *ctx)
{
    converting *c = ctx;
    const options *o = c->o;
    for (char **p = sum && !error ? sum->paths : NULL; c->records && p && *p; p++)
        if (!g_ptr_array_find_with_equal_func(c->records, *p, g_str_equal, NULL))
            g_ptr_array_add(c->records, g_strdup(*p));
    if (error) {
        print_failure(file, error);
    } else if (sum->notice) {
        /* not a failure: the file was read, it just holds no meeting */
        say(stderr, "agendapack: %s: warning: %s\n", clean(file), clean(sum->notice));
    } else if (!o->quiet && strcmp(o->outdir, "-") != 0) {
        /* with -o - standard output is the records' alone */
        char ocr[64] = "";
        if (sum->ocr_pages)
            g_snprintf(ocr, sizeof ocr, ", %d by OCR in %.1f s", sum->ocr_pages,
                       sum->ocr_seconds);
        say(stdout, "%s: %d pages (%d rendered%s), %d documents, %d warnings\n", clean(file),
            sum->pages, sum->rendered, ocr, sum->documents, sum->warnings);
        for (char **p = sum->paths; p && *p; p++)
            say(stdout, "  wrote %s\n", clean(*p));
    }
    fflush(stdout);
}

static int cmd_convert(const options *o)
{
    if (!o->outdir)
        return usage_error(o, "convert needs -o OUTDIR (or -o - for standard output)");
    if (o->nargs == 0)
        return usage_error(o, "no input files");
    bool to_stdout = !strcmp(o->outdir, "-");
    if (o->html && to_stdout)
        return usage_error(o, "--html writes pages beside the records: give -o OUTDIR");
    size_t len = 0;
    char *data = any_stdin(o) ? read_stdin(&len) : NULL;
    converting c = {.o = o, .records = o->html ? g_ptr_array_new_with_free_func(g_free) : NULL};
    ap_convert_options co = {
        .nfiles = (size_t)o->nargs, .outdir = to_stdout ? NULL : o->outdir, .out = stdout,
        .timeout_s = o->timeout_s ? o->timeout_s : 300,
        .memory_mb = o->memory_mb ? o->memory_mb : 4096,
        .stdin_data = data, .stdin_len = len, .report = on_converted, .report_ctx = &c};
    size_t failed = ap_convert_files(o->args, &co);
    g_free(data);
    /* a meeting's page once its record is whole: after every file, since
     * a later file may add to a meeting an earlier one began */
    for (guint i = 0; c.records && i < c.records->len; i++) {
        const char *record = g_ptr_array_index(c.records, i);
        ap_error err = {{0}};
        char *page = ap_site_write_record(record, o->args, (size_t)o->nargs, &err);
        if (!page)
            print_failure(record, err.message);
        else if (!o->quiet)
            say(stdout, "  wrote %s\n", clean(page));
        failed += !page;
        g_free(page);
    }
    if (c.records)
        g_ptr_array_free(c.records, TRUE);
    return failed ? EXIT_FAILED : 0;
}

/* ---- site ----------------------------------------------------------------------------------- */

static int cmd_site(const options *o)
{
    if (o->nargs != 1)
        return usage_error(o, "site needs one OUTDIR (a batch's output folder)");
    const char *outdir = o->args[0];
    ap_error err = {{0}};
    if (o->meeting) {
        char *page = ap_site_write_meeting(outdir, o->meeting, o->output, &err);
        if (!page) {
            print_failure(outdir, err.message);
            return EXIT_FAILED;
        }
        if (!o->quiet)
            say(stdout, "wrote %s\n", clean(page));
        g_free(page);
        return 0;
    }
    ap_site_summary sum;
    gint64 start = g_get_monotonic_time();
    if (!ap_site_write(outdir, o->output, &sum, &err)) {
        print_failure(outdir, err.message);
        return EXIT_FAILED;
    }
    char *dir = o->output ? g_strdup(o->output) : g_build_filename(outdir, "site", NULL);
    if (!o->quiet)
        say(stdout, "wrote %d pages to %s in %.2f s: %d meeting%s, %d committee%s (%d chart%s), "
                    "%d %s; open %s/index.html\n",
            sum.pages, clean(dir), (double)(g_get_monotonic_time() - start) / 1e6, sum.meetings,
            sum.meetings == 1 ? "" : "s", sum.committees, sum.committees == 1 ? "" : "s",
            sum.charts, sum.charts == 1 ? "" : "s", sum.people,
            sum.people == 1 ? "person" : "people", clean(dir));
    if (sum.unread)
        say(stderr, "agendapack: %s: warning: %d meetings have no readable record; no page\n",
            clean(outdir), sum.unread);
    g_free(dir);
    return 0;
}

/* ---- batch -------------------------------------------------------------------------- */

typedef struct progress {
    const options *o;
    bool bar;               /* a progress line redrawn on a terminal */
} progress;

static void draw_bar(const ap_batch_totals *t)
{
    double secs = (double)(g_get_monotonic_time() - t->started) / 1e6;
    double rate = secs > 0 ? (double)t->pages / secs : 0;
    size_t converted = t->done - t->skipped;
    double left = converted && t->total > t->done
                      ? secs / (double)converted * (double)(t->total - t->done) : 0;
    fprintf(stderr, "\r[%zu/%zu files] %ld pages, %.0f pages/s, %ld OCR pages, %zu failed,"
            " %d:%02d left ", t->done, t->total, t->pages, rate, t->ocr_pages, t->failed,
            (int)left / 60, (int)left % 60);
    fflush(stderr);
}

static void on_file(const ap_batch_totals *t, const char *file, const char *status,
                    const char *reason, void *ctx)
{
    const progress *p = ctx;
    if (p->bar)
        fputs("\r\033[K", stderr);
    if (!strcmp(status, "failed"))
        print_failure(file, reason ? reason : "failed");
    else if (!strcmp(status, "warning"))
        say(stderr, "agendapack: %s: warning: %s\n", clean(file), clean(reason));
    else if (p->o->verbose || (!p->bar && !p->o->quiet))
        say(stdout, "%s %s%s%s\n", status, clean(file), reason ? ": " : "", clean(reason));
    fflush(stdout);
    if (p->bar)
        draw_bar(t);
}

static int load_postgres(const options *o, const char *outdir);

static int cmd_batch(const options *o)
{
    if (!o->outdir)
        return usage_error(o, "batch needs -o OUTDIR");
    if (o->nargs == 0)
        return usage_error(o, "no inputs");
    progress p = {o, !o->quiet && isatty(STDERR_FILENO)};
    ap_batch_options bo = {
        .outdir = o->outdir,
        .jobs = o->jobs ? o->jobs : (int)g_get_num_processors(),
        .timeout_s = o->timeout_s ? o->timeout_s : 300,
        .memory_mb = o->memory_mb ? o->memory_mb : 4096,
        .force = o->force,
        .retry_failed = o->retry_failed,
        .shard = o->shard,
        .shards = o->shards,
        .report = on_file,
        .report_ctx = &p,
    };
    ap_batch_totals t;
    ap_error err = {{0}};
    bool ok = ap_batch_run(o->args, (size_t)o->nargs, &bo, &t, &err);
    if (p.bar)
        fputs("\r\033[K", stderr);
    if (!ok) {
        say(stderr, "agendapack: %s\n", clean(err.message));
        return EXIT_FAILED;
    }
    double secs = (double)(g_get_monotonic_time() - t.started) / 1e6;
    if (!o->quiet && o->shards > 1)
        printf("batch: shard %u of %u: %zu files left to the other shards\n", o->shard,
               o->shards, t.other_shards);
    if (!o->quiet)
        printf("batch: %zu files: %zu converted (%zu gave no data), %zu skipped, %zu failed; "
               "%ld pages in %.1f s (%.0f pages/s), %ld of them by OCR; "
               "peak memory of a worker %ld MB; "
               "%zu meetings (%zu made again), %zu documents linked to them, "
               "%zu unplaced documents\n",
               t.total, t.converted, t.no_data, t.skipped, t.failed, t.pages, secs,
               secs > 0 ? (double)t.pages / secs : 0, t.ocr_pages, t.peak_kb / 1024, t.meetings,
               t.rebuilt,
               t.linked, t.unplaced);
    int rc = o->postgres ? load_postgres(o, o->outdir) : 0;
    return t.failed || rc ? EXIT_FAILED : 0;
}

/* ---- store --------------------------------------------------------------------------- */

/* The store a batch built, loaded into PostgreSQL. */
static int load_postgres(const options *o, const char *outdir)
{
    char *db = g_file_test(outdir, G_FILE_TEST_IS_DIR)
                   ? g_build_filename(outdir, "agendapack.sqlite", NULL) : g_strdup(outdir);
    ap_postgres_counts counts;
    ap_error err = {{0}};
    gint64 start = g_get_monotonic_time();
    bool ok = ap_postgres_load(db, o->postgres, o->prune, &counts, &err);
    if (!ok)
        print_failure(db, err.message);
    else if (!o->quiet)
        printf("postgres: %zu meetings loaded, %zu unchanged, %zu pruned, in %.2f s\n",
               counts.loaded, counts.unchanged, counts.pruned,
               (double)(g_get_monotonic_time() - start) / 1e6);
    g_free(db);
    return ok ? 0 : EXIT_FAILED;
}

static int cmd_store(const options *o)
{
    if (o->nargs != 1)
        return usage_error(o, "store needs one OUTDIR (or its agendapack.sqlite)");
    if (!o->postgres)
        return usage_error(o, "store needs --postgres URL, the database to load");
    return load_postgres(o, o->args[0]);
}

/* ---- merge ---------------------------------------------------------------------------- */

static int cmd_merge(const options *o)
{
    if (!o->outdir)
        return usage_error(o, "merge needs -o OUTDIR");
    if (o->nargs == 0)
        return usage_error(o, "no OUTDIRs to merge");
    progress p = {.o = o, .bar = false};
    ap_batch_options bo = {.outdir = o->outdir, .report = on_file, .report_ctx = &p};
    ap_batch_totals t;
    ap_error err = {{0}};
    if (!ap_batch_join(o->args, (size_t)o->nargs, &bo, &t, &err)) {
        say(stderr, "agendapack: %s\n", clean(err.message));
        return EXIT_FAILED;
    }
    double secs = (double)(g_get_monotonic_time() - t.started) / 1e6;
    if (!o->quiet)
        printf("merge: %zu log entries: %zu copied, %zu there already, %zu failed files; "
               "%zu meetings (%zu made again), %zu documents linked to them, "
               "%zu unplaced documents in %.2f s\n", t.total, t.total - t.skipped, t.skipped,
               t.failed, t.meetings, t.rebuilt, t.linked, t.unplaced, secs);
    return t.failed ? EXIT_FAILED : 0;
}

/* ---- query ---------------------------------------------------------------------------- */

static const char *or_dash(const cJSON *hit, const char *key)
{
    const char *v = cJSON_GetStringValue(cJSON_GetObjectItem(hit, key));
    return v ? v : "-";
}

/* A value as indented JSON on standard output (JSON escapes its own
 * control characters). */
static void print_json(const cJSON *v)
{
    char *text = cJSON_Print(v);
    puts(text);
    cJSON_free(text);
}

/* s cut to at most width characters on screen, "…" marking a cut. */
static const char *fit(const char *s, long width)
{
    if (g_utf8_strlen(s, -1) <= width)
        return clean(s);
    char *cut = g_utf8_substring(s, 0, width - 1);
    char *text = g_strconcat(cut, "…", NULL);
    g_free(cut);
    const char *safe = clean(text);
    g_free(text);
    return safe;
}

/* The hits as a table: a line each under a header, the snippet under
 * it; with --with, the minute each leads to and its resolutions. */
static void print_hits_table(const cJSON *hits)
{
    say(stdout, "%-10s  %-30s  %-10s  %-8s  %s\n", "DATE", "COMMITTEE", "KIND", "NUMBER",
        "TITLE");
    const cJSON *hit;
    cJSON_ArrayForEach(hit, hits) {
        const char *committee = fit(or_dash(hit, "committee"), 30);
        long pad = 30 - (long)g_utf8_strlen(committee, -1);
        say(stdout, "%-10s  %s%*s  %-10s  %-8s  %s\n", clean(or_dash(hit, "date")), committee,
            (int)(pad > 0 ? pad : 0), "", clean(or_dash(hit, "kind")),
            fit(or_dash(hit, "number"), 8), fit(or_dash(hit, "title"), 70));
        if (cJSON_GetStringValue(cJSON_GetObjectItem(hit, "snippet")))
            say(stdout, "            %s\n", fit(or_dash(hit, "snippet"), 110));
        if (!cJSON_GetObjectItem(hit, "resolutions"))
            continue;
        if (cJSON_GetStringValue(cJSON_GetObjectItem(hit, "minute_title")))
            say(stdout, "            minute %s  %s\n", clean(or_dash(hit, "minute_number")),
                fit(or_dash(hit, "minute_title"), 90));
        else
            say(stdout, "            (not minuted in the store)\n");
        const cJSON *r;
        cJSON_ArrayForEach(r, cJSON_GetObjectItem(hit, "resolutions"))
            say(stdout, "              RESOLVED %s\n", clean(cJSON_GetStringValue(r)));
    }
}

static int cmd_query(const options *o)
{
    if (o->nargs < 1 && !o->postgres)
        return usage_error(o, "query needs DB and the words to find");
    if (o->sort && strcmp(o->sort, "date") && strcmp(o->sort, "relevance"))
        return usage_error(o, "--sort is date or relevance, not '%s'", o->sort);
    if (o->with && strcmp(o->with, "resolutions"))
        return usage_error(o, "--with takes 'resolutions', not '%s'", o->with);
    if (o->json && o->csv)
        return usage_error(o, "--json or --csv, not both");
    /* over PostgreSQL no DB is named: every argument is a word */
    const char *db = o->postgres ? "postgres" : o->args[0];
    char *words = g_strjoinv(" ", o->args + !o->postgres);
    ap_query q = {.words = words, .committee = o->committee, .council = o->council,
                  .since = o->since, .until = o->until, .kind = o->kind, .limit = o->limit,
                  .by_date = o->sort && !strcmp(o->sort, "date"),
                  .with_resolutions = o->with != NULL};
    ap_error err = {{0}};
    cJSON *hits = o->postgres ? ap_postgres_query(o->postgres, &q, &err)
                              : ap_store_query(db, &q, &err);
    g_free(words);
    if (!hits) {
        print_failure(db, err.message);
        return EXIT_FAILED;
    }
    if (o->json)
        print_json(hits);
    else if (o->csv)
        ap_hits_write_csv(hits, stdout);
    else
        print_hits_table(hits);
    cJSON_Delete(hits);
    return 0;
}

/* ---- person ------------------------------------------------------------------------ */

static int cmd_person(const options *o)
{
    if (o->nargs < 2)
        return usage_error(o, "person needs DB and a name");
    const char *db = o->args[0];
    char *name = g_strjoinv(" ", o->args + 1);
    ap_error err = {{0}};
    cJSON *p = ap_store_person(db, name, &err);
    g_free(name);
    if (!p) {
        print_failure(db, err.message);
        return EXIT_FAILED;
    }
    if (o->json) {
        print_json(p);
        cJSON_Delete(p);
        return 0;
    }
    const cJSON *r;
    say(stdout, "%s\n\nmeetings (%d)\n", clean(or_dash(p, "name")),
        cJSON_GetArraySize(cJSON_GetObjectItem(p, "attendance")));
    cJSON_ArrayForEach(r, cJSON_GetObjectItem(p, "attendance"))
        say(stdout, "  %s  %-40s  %-13s  %s\n", clean(or_dash(r, "date")),
            fit(or_dash(r, "committee"), 40), clean(or_dash(r, "status")),
            clean(or_dash(r, "name")));
    say(stdout, "\ndeclarations (%d)\n",
        cJSON_GetArraySize(cJSON_GetObjectItem(p, "declarations")));
    cJSON_ArrayForEach(r, cJSON_GetObjectItem(p, "declarations"))
        say(stdout, "  %s  %s  minute %s: %s\n", clean(or_dash(r, "date")),
            fit(or_dash(r, "committee"), 40), clean(or_dash(r, "minute_number")),
            fit(or_dash(r, "text"), 100));
    say(stdout, "\nvotes (%d)\n", cJSON_GetArraySize(cJSON_GetObjectItem(p, "votes")));
    cJSON_ArrayForEach(r, cJSON_GetObjectItem(p, "votes"))
        say(stdout, "  %s  %s  minute %s  %-7s  %s (%s)\n", clean(or_dash(r, "date")),
            fit(or_dash(r, "committee"), 40), clean(or_dash(r, "minute_number")),
            clean(or_dash(r, "option")), fit(or_dash(r, "motion"), 60),
            clean(or_dash(r, "result")));
    cJSON_Delete(p);
    return 0;
}

/* ---- export ------------------------------------------------------------------------------ */

static ap_export_what export_what(const options *o)
{
    return o->votes      ? AP_EXPORT_VOTES
           : o->meetings ? AP_EXPORT_MEETINGS
           : o->latest   ? AP_EXPORT_LATEST
                         : AP_EXPORT_INDICATORS;
}

/* The export into FILE through a temporary file renamed into place, so a
 * failed export leaves no half a file. */
/* The export to out, from the store named or from PostgreSQL. */
static bool export_to(const options *o, const char *format, FILE *out, ap_error *err)
{
    return o->postgres ? ap_postgres_export(o->postgres, export_what(o), format, out, err)
                       : ap_export(o->args[0], export_what(o), format, out, err);
}

static bool export_to_file(const options *o, const char *format, ap_error *err)
{
    char *tmp = g_strconcat(o->output, ".XXXXXX", NULL);
    int fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0644);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    bool ok = f != NULL;
    if (!ok)
        g_snprintf(err->message, sizeof err->message, "%s: %s", o->output, g_strerror(errno));
    else
        ok = export_to(o, format, f, err);
    if (f && fclose(f) != 0 && ok) {
        g_snprintf(err->message, sizeof err->message, "%s: %s", o->output, g_strerror(errno));
        ok = false;
    }
    if (ok && g_rename(tmp, o->output) != 0) {
        g_snprintf(err->message, sizeof err->message, "%s: %s", o->output, g_strerror(errno));
        ok = false;
    }
    if (!ok && fd >= 0)
        g_unlink(tmp);
    g_free(tmp);
    return ok;
}

static int cmd_export(const options *o)
{
    if (o->nargs != !o->postgres)
        return usage_error(o, o->postgres ? "export --postgres takes no DB"
                                          : "export needs one DB");
    if (o->indicators + o->meetings + o->votes != 1)
        return usage_error(o, "export needs one of --indicators, --meetings, --votes");
    if (o->latest && !o->indicators)
        return usage_error(o, "--latest is for --indicators");
    const char *format = o->format ? o->format : "ndjson";
    static const char *const formats[] = {"csv", "ndjson", "ocd"};
    bool known = false;
    for (size_t i = 0; i < G_N_ELEMENTS(formats); i++)
        known |= !strcmp(format, formats[i]);
    if (!known)
        return usage_error(o, "unknown format '%s' (csv, ndjson, ocd)", format);
    ap_error err = {{0}};
    bool to_file = o->output && strcmp(o->output, "-");
    if (!(to_file ? export_to_file(o, format, &err) : export_to(o, format, stdout, &err))) {
        print_failure(o->postgres ? "postgres" : o->args[0], err.message);
        return EXIT_FAILED;
    }
    return 0;
}

/* ---- text and validate -------------------------------------------------------------------- */

static int cmd_text(const options *o)
{
    if (o->nargs == 0)
        return usage_error(o, "no input files");
    int failed = 0;
    for (int i = 0; i < o->nargs; i++) {
        const char *file = o->args[i];
        ap_error err = {{0}};
        size_t len = 0;
        char *data = strcmp(file, "-") ? NULL : read_stdin(&len);
        char *text = ap_page_text(file, data, len, o->json, &err);
        g_free(data);
        if (!text) {
            print_failure(file, err.message);
            failed++;
            continue;
        }
        /* the text as the PDF holds it, which may carry escape codes: its
         * lines kept, its control characters escaped (JSON escapes its own) */
        char *safe = o->json ? NULL : escape_controls(text, true);
        fputs(safe ? safe : text, stdout);
        g_free(safe);
        g_free(text);
    }
    return failed ? EXIT_FAILED : 0;
}

static bool validate_file(const char *file, ap_error *err)
{
    gchar *text = NULL;
    size_t len = 0;
    GError *gerr = NULL;
    if (!strcmp(file, "-")) {
        text = read_stdin(&len);
    } else if (!g_file_get_contents(file, &text, &len, &gerr)) {
        g_snprintf(err->message, sizeof err->message, "cannot read: %s", gerr->message);
        g_error_free(gerr);
        return false;
    }
    bool ok = ap_record_validate(text, len, err);
    g_free(text);
    return ok;
}

static int cmd_validate(const options *o)
{
    if (o->nargs == 0)
        return usage_error(o, "no input files");
    int failed = 0;
    for (int i = 0; i < o->nargs; i++) {
        const char *file = o->args[i];
        ap_error err = {{0}};
        if (!validate_file(file, &err)) {
            print_failure(file, err.message);
            failed++;
        } else if (!o->quiet) {
            say(stdout, "%s: valid\n", clean(file));
        }
    }
    return failed ? EXIT_FAILED : 0;
}

/* ---- the commands ---------------------------------------------------------------------------- */

#define HELP_OPTION {"help", no_argument, NULL, 'h'}
#define OCR_OPTIONS {"ocr", required_argument, NULL, OPT_OCR}, \
    {"lang", required_argument, NULL, OPT_LANG}
#define OCR_HELP                                                             \
    "      --ocr=WHEN       read pages by OCR: auto (the default: pages with no\n" \
    "                       text but ink, and pages whose text layer is garbled),\n" \
    "                       never, or always\n"                               \
    "      --lang=LANGS     OCR languages, Tesseract's names (default eng;\n"  \
    "                       cym+eng for Welsh councils)\n"
#define END_OPTIONS {NULL, 0, NULL, 0}

static const struct option convert_longs[] = {
    {"output", required_argument, NULL, 'o'}, {"quiet", no_argument, NULL, 'q'},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
    {"html", no_argument, NULL, OPT_HTML}, OCR_OPTIONS, HELP_OPTION, END_OPTIONS};
static const struct option batch_longs[] = {
    {"output", required_argument, NULL, 'o'}, {"jobs", required_argument, NULL, 'j'},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
    {"force", no_argument, NULL, OPT_FORCE}, {"retry-failed", no_argument, NULL, OPT_RETRY},
    {"no-retry-failed", no_argument, NULL, OPT_NO_RETRY}, {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'}, {"shard", required_argument, NULL, OPT_SHARD},
    {"postgres", required_argument, NULL, OPT_POSTGRES}, OCR_OPTIONS, HELP_OPTION,
    END_OPTIONS};
static const struct option store_longs[] = {
    {"postgres", required_argument, NULL, OPT_POSTGRES}, {"quiet", no_argument, NULL, 'q'},
    {"prune", no_argument, NULL, OPT_PRUNE},
    HELP_OPTION, END_OPTIONS};
static const struct option merge_longs[] = {
    {"output", required_argument, NULL, 'o'}, {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'}, HELP_OPTION, END_OPTIONS};
static const struct option query_longs[] = {
    {"json", no_argument, NULL, OPT_JSON}, {"csv", no_argument, NULL, OPT_CSV},
    {"committee", required_argument, NULL, OPT_COMMITTEE},
    {"council", required_argument, NULL, OPT_COUNCIL},
    {"since", required_argument, NULL, OPT_SINCE}, {"until", required_argument, NULL, OPT_UNTIL},
    {"kind", required_argument, NULL, OPT_KIND}, {"limit", required_argument, NULL, OPT_LIMIT},
    {"sort", required_argument, NULL, OPT_SORT}, {"with", required_argument, NULL, OPT_WITH},
    {"postgres", required_argument, NULL, OPT_POSTGRES}, HELP_OPTION, END_OPTIONS};
static const struct option person_longs[] = {
    {"json", no_argument, NULL, OPT_JSON}, HELP_OPTION, END_OPTIONS};
static const struct option export_longs[] = {
    {"indicators", no_argument, NULL, OPT_INDICATORS},
    {"meetings", no_argument, NULL, OPT_MEETINGS}, {"votes", no_argument, NULL, OPT_VOTES},
    {"latest", no_argument, NULL, OPT_LATEST},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"postgres", required_argument, NULL, OPT_POSTGRES},
    {"output", required_argument, NULL, 'o'}, HELP_OPTION, END_OPTIONS};
static const struct option site_longs[] = {
    {"output", required_argument, NULL, 'o'}, {"meeting", required_argument, NULL, OPT_MEETING},
    {"quiet", no_argument, NULL, 'q'}, HELP_OPTION, END_OPTIONS};
static const struct option text_longs[] = {
    {"json", no_argument, NULL, OPT_JSON}, OCR_OPTIONS, HELP_OPTION, END_OPTIONS};
static const struct option validate_longs[] = {
    {"quiet", no_argument, NULL, 'q'}, HELP_OPTION, END_OPTIONS};

static const command commands[] = {
    {"convert", cmd_convert,
     "usage: agendapack convert [OPTION]... PDF... -o OUTDIR\n"
     "Write one meeting record (JSON) per meeting found in the PDFs into OUTDIR.\n"
     "The records of one meeting from several PDFs (a frontsheet, its minutes)\n"
     "are merged into one file. PDF '-' is standard input.\n"
     "\n"
     "  -o, --output=DIR     where the records go; '-' writes them to standard\n"
     "                       output instead, one JSON text a line\n"
     "      --timeout=S      seconds a file may take (default 300)\n"
     "      --max-memory=MB  memory the conversion may use (default 4096)\n"
     "      --html           and beside each record its page (NAME.html), to\n"
     "                       open in a browser\n"
     OCR_HELP
     "  -q, --quiet          no summary lines\n"
     "  -h, --help           this help\n",
     ":o:qh", convert_longs},
    {"batch", cmd_batch,
     "usage: agendapack batch [OPTION]... INPUT... -o OUTDIR\n"
     "Convert every PDF under the inputs (folders walked) in worker processes,\n"
     "merge the records into one per meeting in OUTDIR/meetings and build the\n"
     "store OUTDIR/agendapack.sqlite. A rerun converts only what is new or\n"
     "failed before.\n"
     "\n"
     "  -o, --output=DIR     the output folder\n"
     "  -j, --jobs=N         worker processes (default: the cores)\n"
     "      --timeout=S      seconds a file may take (default 300)\n"
     "      --max-memory=MB  memory a worker may use (default 4096)\n"
     "      --force          convert again everything converted before\n"
     "      --no-retry-failed  do not try again the files that failed before\n"
     "                       (--retry-failed, the default, does)\n"
     "      --shard=K/N      only the files whose content falls in shard K (0 to\n"
     "                       N-1) of N: N runs over the same inputs split them;\n"
     "                       'agendapack merge' joins their OUTDIRs\n"
     "      --postgres=URL   and load the store into PostgreSQL (see 'store')\n"
     OCR_HELP
     "  -q, --quiet          no lines but errors\n"
     "  -v, --verbose        a line per file even with a progress bar\n"
     "  -h, --help           this help\n",
     ":o:j:qvh", batch_longs},
    {"merge", cmd_merge,
     "usage: agendapack merge [OPTION]... OUTDIR... -o OUTDIR\n"
     "Join the output folders of several batch runs (the shards of one archive,\n"
     "batch --shard K/N) into one: their logs and records copied in, then the\n"
     "meetings and the store built as one batch over all their inputs would.\n"
     "What the target holds already is not copied again.\n"
     "\n"
     "  -o, --output=DIR     the joined output folder\n"
     "  -q, --quiet          no lines but errors\n"
     "  -v, --verbose        a line per log entry\n"
     "  -h, --help           this help\n",
     ":o:qvh", merge_longs},
    {"query", cmd_query,
     "usage: agendapack query [OPTION]... DB [QUERY]...\n"
     "Search a batch's store (OUTDIR/agendapack.sqlite): agenda items, minutes,\n"
     "resolutions, documents and recorded votes. QUERY is SQLite FTS5's syntax:\n"
     "words all of which must occur, OR, NOT, AND, \"a phrase\", prefix*, NEAR(a b),\n"
     "parentheses, title: or body: before a word. Best matches first.\n"
     "\n"
     "      --committee=TEXT  meetings of committees whose name holds TEXT (any case)\n"
     "      --council=TEXT    the same for the council\n"
     "      --since=DATE      meetings on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)\n"
     "      --until=DATE      meetings on or before DATE\n"
     "      --kind=KIND       item, minute, resolution, document or vote\n"
     "      --limit=N         at most N hits\n"
     "      --sort=ORDER      relevance (default) or date\n"
     "      --with=resolutions  each hit with its minute, resolutions and votes,\n"
     "                        once per minute\n"
     "      --json            the hits as a JSON array\n"
     "      --csv             the hits as CSV\n"
     "      --postgres=URL    search the store loaded into PostgreSQL instead of DB\n"
     "                        (no DB then; QUERY in web-search syntax: words, \"a\n"
     "                        phrase\", OR, -word)\n"
     "  -h, --help            this help\n",
     ":h", query_longs},
    {"person", cmd_person,
     "usage: agendapack person [--json] DB NAME...\n"
     "A member's record in a batch's store, by name as printed (\"Mrs Bell\",\n"
     "\"C Bell\", \"Bell\"): meetings attended or sent apologies to, declarations of\n"
     "interest, recorded votes. Names match by surname and, where both give one,\n"
     "first initial.\n"
     "\n"
     "      --json    the record as JSON\n"
     "  -h, --help    this help\n",
     ":h", person_longs},
    {"export", cmd_export,
     "usage: agendapack export DB --indicators [--latest] [--format=csv|ndjson] [-o FILE]\n"
     "       agendapack export DB --meetings [--format=ndjson|ocd] [-o FILE]\n"
     "       agendapack export DB --votes [--format=ndjson|ocd] [-o FILE]\n"
     "Write indicator values, meetings (records or Open Civic Data Events) or\n"
     "recorded votes (with each member's vote; or Open Civic Data VoteEvents),\n"
     "from a batch's store, to standard output or FILE.\n"
     "\n"
     "      --indicators     one row per indicator value\n"
     "      --meetings       one meeting per line\n"
     "      --votes          one recorded vote per line\n"
     "      --latest         with --indicators: each indicator's latest value only\n"
     "      --format=F       csv, ndjson (default) or ocd\n"
     "  -o, --output=FILE    write FILE instead of standard output\n"
     "      --postgres=URL   from the store loaded into PostgreSQL instead of DB\n"
     "  -h, --help           this help\n",
     ":o:h", export_longs},
    {"store", cmd_store,
     "usage: agendapack store [--prune] OUTDIR --postgres URL\n"
     "Load a batch's store (OUTDIR/agendapack.sqlite) into PostgreSQL, for many\n"
     "people to query at once: the same tables, full-text search on a tsvector\n"
     "column under a GIN index. Each meeting is upserted by id in a transaction\n"
     "of its own and left alone when unchanged, so a rerun changes nothing and\n"
     "loads of several shards may run at once. URL is a libpq connection\n"
     "string or URI (postgresql://user@host/db).\n"
     "\n"
     "      --postgres=URL   the database\n"
     "      --prune          and delete what it holds that the store does not: for\n"
     "                       the store of a whole archive, after its shards'\n"
     "  -q, --quiet          no summary line\n"
     "  -h, --help           this help\n",
     ":qh", store_longs},
    {"site", cmd_site,
     "usage: agendapack site [OPTION]... OUTDIR\n"
     "Write a static site of a batch's output folder: an index of councils,\n"
     "committees and meetings; a page per meeting (agenda, documents linked to\n"
     "their PDF pages, minutes, attendance, resolutions, declarations, votes);\n"
     "a page per committee with its indicators charted over time; a page per\n"
     "person; and a search page. It opens from disk; no server is needed.\n"
     "\n"
     "  -o, --output=DIR     where the site goes (default OUTDIR/site)\n"
     "      --meeting=ID     only that meeting's page, standing alone, into DIR\n"
     "  -q, --quiet          no summary line\n"
     "  -h, --help           this help\n",
     ":o:qh", site_longs},
    {"text", cmd_text,
     "usage: agendapack text [OPTION]... PDF...\n"
     "Print the page model: the cleaned text with a header line per page, or\n"
     "with --json the lines, boxes and fonts of each page. PDF '-' is standard input.\n"
     "\n"
     "      --json           JSON, one line per document\n"
     OCR_HELP
     "  -h, --help           this help\n",
     ":h", text_longs},
    {"validate", cmd_validate,
     "usage: agendapack validate [-q] JSON...\n"
     "Check meeting records against the schema. JSON '-' is standard input.\n"
     "\n"
     "  -q, --quiet   no line for a valid file\n"
     "  -h, --help    this help\n",
     ":qh", validate_longs},
};

static const char usage_text[] =
    "usage: agendapack COMMAND [OPTION]... ARG...\n"
    "Turn local-government committee papers (PDF) into meeting records (JSON).\n"
    "\n"
    "commands:\n"
    "  convert PDF... -o OUTDIR   one record per meeting found in the PDFs\n"
    "  batch INPUT... -o OUTDIR   a whole archive, resumably, into records, one\n"
    "                             record per meeting and a store\n"
    "  merge OUTDIR... -o OUTDIR  join the output folders of sharded batch runs\n"
    "  query DB QUERY...          full-text search of a batch's store, with filters\n"
    "  person DB NAME...          a member's attendance, declarations and votes\n"
    "  export DB --indicators|--meetings|--votes   indicator values, meetings or votes\n"
    "  site OUTDIR                a static site of a batch's output, to look at\n"
    "  store OUTDIR --postgres URL  load a batch's store into PostgreSQL\n"
    "  text PDF...                the page model, for looking at what was read\n"
    "  validate JSON...           check records against the schema\n"
    "\n"
    "'agendapack COMMAND --help' tells more of each.\n"
    "  -h, --help      this help\n"
    "      --version   the version\n";

#ifdef AP_WITH_MIMALLOC
/* mimalloc's error hook: an allocation that failed (ENOMEM) means a
 * worker reached its memory limit, if it then dies of it. */
static void on_allocator_error(int err, void *arg)
{
    (void)arg;
    if (err == ENOMEM)
        ap_allocation_failed();
}
#endif

/* --ocr and --lang, for every file the process and its workers read. */
static int configure_ocr(const options *o)
{
    static const char *const modes[] = {"auto", "never", "always"};
    static const ap_ocr_mode values[] = {AP_OCR_AUTO, AP_OCR_NEVER, AP_OCR_ALWAYS};
    ap_ocr_mode mode = AP_OCR_AUTO;
    bool known = !o->ocr;
    for (size_t i = 0; o->ocr && i < G_N_ELEMENTS(modes); i++)
        if (!strcmp(o->ocr, modes[i]))
            mode = values[i], known = true;
    if (!known)
        return usage_error(o, "--ocr takes auto, never or always, not '%s'", o->ocr);
    if (o->lang && (!*o->lang || strspn(o->lang, "abcdefghijklmnopqrstuvwxyz_+") !=
                                     strlen(o->lang)))
        return usage_error(o, "--lang takes Tesseract's language names joined by '+'"
                              " (eng, cym+eng), not '%s'", o->lang);
    ap_ocr_configure(mode, o->lang);
    return 0;
}

/* Tesseract runs its networks' loops under OpenMP, which on a busy machine
 * spins threads against each other: a page took 5.5 s against 1.3 s on
 * one thread (a batch already runs a worker a core). libgomp reads
 * OMP_THREAD_LIMIT once, as it loads, before main; so where it is not
 * set, a command that may recognise pages (one taking --ocr) sets it and
 * starts the program again, once. The others do not need the exec. */
static void one_openmp_thread(const command *cmd, char **argv)
{
    bool ocr = false;
    for (const struct option *l = cmd->longs; l->name && !ocr; l++)
        ocr = l->val == OPT_OCR;
    if (!ocr || getenv("OMP_THREAD_LIMIT"))
        return;
    setenv("OMP_THREAD_LIMIT", "1", 1);
    execv("/proc/self/exe", argv);
    /* no /proc: carry on, slower */
}

static void free_scratch(void)
{
    g_ptr_array_free(scratch, TRUE);
}

int main(int argc, char **argv)
{
    scratch = g_ptr_array_new_with_free_func(g_free);
    atexit(free_scratch);
#ifdef AP_WITH_MIMALLOC
    mi_register_error(on_allocator_error, NULL);
#endif
    if (argc < 2)
        return usage_error(NULL, "no command given");
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("agendapack %s\n", AP_VERSION);
        return 0;
    }
    for (size_t c = 0; c < G_N_ELEMENTS(commands); c++) {
        if (strcmp(argv[1], commands[c].name) != 0)
            continue;
        one_openmp_thread(&commands[c], argv);
        options o = {.cmd = &commands[c], .retry_failed = true};
        int rc = parse_options(argc - 1, argv + 1, &o);
        if (rc < 0)
            return 0;   /* --help */
        rc = rc ? rc : configure_ocr(&o);
        return rc ? rc : commands[c].run(&o);
    }
    return usage_error(NULL, "unknown command '%s'", argv[1]);
}
