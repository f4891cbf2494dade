/*
 * main.c: the agendapack command line.
 *
 *   agendapack convert PDF... -o OUTDIR    meeting records as JSON files
 *   agendapack batch INPUT... -o OUTDIR [-j N]   the same for an archive,
 *                                          by worker processes, resumably
 *   agendapack query DB WORDS... [--json]  full-text search of the store
 *   agendapack export DB --indicators|--meetings --format F   for dashboards
 *   agendapack text [--json] PDF...        the page model, for debugging
 *   agendapack validate JSON...            check files against the schema
 *
 * This is the only place that writes errors: one line per failed input,
 * "agendapack: FILE: reason". Exit status 0 when every input succeeded,
 * 1 when any failed, 2 for a usage error. One bad file never stops the
 * others.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "agendapack.h"

#define EXIT_FAILED 1
#define EXIT_USAGE 2

static const char usage_text[] =
    "usage: agendapack COMMAND [OPTIONS] FILE...\n"
    "\n"
    "commands:\n"
    "  convert PDF... -o OUTDIR   write one meeting record (JSON) per meeting\n"
    "                             found in each PDF into OUTDIR\n"
    "  batch INPUT... -o OUTDIR   convert every PDF under the inputs (folders\n"
    "                             recursed) in worker processes; a rerun skips\n"
    "                             what is done\n"
    "  query DB WORDS... [--json] search a batch's store (OUTDIR/agendapack.sqlite):\n"
    "                             item titles and descriptions, minutes, resolutions\n"
    "  export DB --indicators --format csv|ndjson\n"
    "  export DB --meetings --format ndjson|ocd\n"
    "                             indicator values, or meetings (records or Open\n"
    "                             Civic Data Events), from a batch's store\n"
    "  text [--json] PDF...       print the page model: cleaned text with a\n"
    "                             header line per page, or JSON per page\n"
    "  validate JSON...           check meeting records against the schema\n"
    "\n"
    "options:\n"
    "  -o, --output DIR   output folder for convert and batch\n"
    "  -q, --quiet        no summary lines on stdout\n"
    "  -v, --verbose      batch: a line per file even with a progress bar\n"
    "  -j, --jobs N       batch: worker processes (default: the cores)\n"
    "  --timeout S        batch: seconds a file may take (default 300)\n"
    "  --max-memory MB    batch: memory a worker may use (default 4096)\n"
    "  --force            batch: convert again what was done before\n"
    "  -h, --help         this help\n"
    "  --version          print the version\n";

static void print_failure(const char *file, const ap_error *err)
{
    fprintf(stderr, "agendapack: %s: %s\n", file, err->message);
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "agendapack: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'agendapack --help'.\n");
    return EXIT_USAGE;
}

typedef struct options {
    const char *outdir, *format;
    bool json, quiet, verbose, force, indicators, meetings;
    int jobs;
    unsigned timeout_s;
    size_t memory_mb;
    GPtrArray *files;
} options;

/* A whole number within [1, max] from an option's argument. */
static bool number_arg(const char *arg, long max, long *out)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (!*arg || *end || v < 1 || v > max)
        return false;
    *out = v;
    return true;
}

/* Options may stand anywhere after the command; "--" ends them. */
static int parse_options(int argc, char **argv, options *o)
{
    bool files_only = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (files_only || a[0] != '-' || !strcmp(a, "-")) {
            g_ptr_array_add(o->files, (gpointer)a);
        } else if (!strcmp(a, "--")) {
            files_only = true;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            if (++i >= argc)
                return usage_error("%s needs a folder", a);
            o->outdir = argv[i];
        } else if (!strcmp(a, "--json")) {
            o->json = true;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o->quiet = true;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            o->verbose = true;
        } else if (!strcmp(a, "--force")) {
            o->force = true;
        } else if (!strcmp(a, "--indicators")) {
            o->indicators = true;
        } else if (!strcmp(a, "--meetings")) {
            o->meetings = true;
        } else if (!strcmp(a, "--format")) {
            if (++i >= argc)
                return usage_error("%s needs a format", a);
            o->format = argv[i];
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs") || !strcmp(a, "--timeout") ||
                   !strcmp(a, "--max-memory")) {
            long v;
            if (++i >= argc || !number_arg(argv[i], 1L << 20, &v))
                return usage_error("%s needs a whole number above 0", a);
            if (a[1] == 'j' || a[2] == 'j')
                o->jobs = (int)v;
            else if (a[2] == 't')
                o->timeout_s = (unsigned)v;
            else
                o->memory_mb = (size_t)v;
        } else {
            return usage_error("unknown option %s", a);
        }
    }
    if (o->files->len == 0)
        return usage_error("%s", "no input files");
    return 0;
}

static void print_summary(const char *file, const ap_convert_summary *sum)
{
    printf("%s: %d pages (%d rendered), %d documents, %d warnings\n", file, sum->pages,
           sum->rendered, sum->documents, sum->warnings);
    for (char **p = sum->paths; p && *p; p++)
        printf("  wrote %s\n", *p);
}

static int cmd_convert(const options *o)
{
    if (!o->outdir)
        return usage_error("%s", "convert needs -o OUTDIR");
    int failed = 0;
    if (o->files->len > 2)
        ap_tune_for_many_files();
    for (guint i = 0; i < o->files->len; i++) {
        const char *file = o->files->pdata[i];
        ap_error err = {{0}};
        ap_convert_summary sum;
        if (!ap_convert_file(file, o->outdir, &sum, &err)) {
            print_failure(file, &err);
            failed++;
        } else if (sum.notice) {
            /* not a failure: the file was read, it just holds no meeting */
            fprintf(stderr, "agendapack: %s: warning: %s\n", file, sum.notice);
        } else if (!o->quiet) {
            print_summary(file, &sum);
        }
        ap_convert_summary_clear(&sum);
    }
    return failed ? EXIT_FAILED : 0;
}

/* ---- batch ---------------------------------------------------------------- */

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
    fprintf(stderr, "\r[%zu/%zu files] %ld pages, %.0f pages/s, %zu failed, %d:%02d left ",
            t->done, t->total, t->pages, rate, t->failed, (int)left / 60, (int)left % 60);
    fflush(stderr);
}

static void on_file(const ap_batch_totals *t, const char *file, const char *status,
                    const char *reason, void *ctx)
{
    const progress *p = ctx;
    if (p->bar)
        fputs("\r\033[K", stderr);
    if (!strcmp(status, "failed"))
        fprintf(stderr, "agendapack: %s: %s\n", file, reason ? reason : "failed");
    else if (p->o->verbose || (!p->bar && !p->o->quiet))
        printf("%s %s%s%s\n", status, file, reason ? ": " : "", reason ? reason : "");
    fflush(stdout);
    if (p->bar)
        draw_bar(t);
}

static int cmd_batch(const options *o)
{
    if (!o->outdir)
        return usage_error("%s", "batch needs -o OUTDIR");
    progress p = {o, !o->quiet && isatty(STDERR_FILENO)};
    ap_batch_options bo = {
        .outdir = o->outdir,
        .jobs = o->jobs ? o->jobs : (int)g_get_num_processors(),
        .timeout_s = o->timeout_s ? o->timeout_s : 300,
        .memory_mb = o->memory_mb ? o->memory_mb : 4096,
        .force = o->force,
        .report = on_file,
        .report_ctx = &p,
    };
    ap_batch_totals t;
    ap_error err = {{0}};
    if (!ap_batch_run((char *const *)o->files->pdata, o->files->len, &bo, &t, &err)) {
        print_failure(o->outdir, &err);
        return EXIT_FAILED;
    }
    if (p.bar)
        fputs("\r\033[K", stderr);
    double secs = (double)(g_get_monotonic_time() - t.started) / 1e6;
    if (!o->quiet)
        printf("batch: %zu files: %zu converted, %zu skipped, %zu failed; %ld pages in "
               "%.1f s (%.0f pages/s); peak memory of a worker %ld MB; %zu meetings\n",
               t.total, t.converted, t.skipped, t.failed, t.pages, secs,
               secs > 0 ? (double)t.pages / secs : 0, t.peak_kb / 1024, t.meetings);
    return t.failed ? EXIT_FAILED : 0;
}

/* ---- query ---------------------------------------------------------------- */

static const char *or_dash(const cJSON *hit, const char *key)
{
    const char *v = cJSON_GetStringValue(cJSON_GetObjectItem(hit, key));
    return v ? v : "-";
}

static int cmd_query(const options *o)
{
    if (o->files->len < 2)
        return usage_error("%s", "query needs DB and the words to find");
    const char *db = o->files->pdata[0];
    GString *words = g_string_new(NULL);
    for (guint i = 1; i < o->files->len; i++)
        g_string_append_printf(words, "%s%s", i > 1 ? " " : "", (char *)o->files->pdata[i]);
    ap_error err = {{0}};
    cJSON *hits = ap_store_query(db, words->str, &err);
    g_string_free(words, TRUE);
    if (!hits) {
        print_failure(db, &err);
        return EXIT_FAILED;
    }
    if (o->json) {
        char *text = cJSON_Print(hits);
        puts(text);
        cJSON_free(text);
    } else {
        const cJSON *hit;
        cJSON_ArrayForEach(hit, hits)
            printf("%s  %s  %s %s  %s\n    %s\n", or_dash(hit, "date"), or_dash(hit, "committee"),
                   or_dash(hit, "kind"), or_dash(hit, "number"), or_dash(hit, "title"),
                   or_dash(hit, "snippet"));
    }
    cJSON_Delete(hits);
    return 0;
}

static int cmd_export(const options *o)
{
    if (o->files->len != 1)
        return usage_error("%s", "export needs one DB");
    if (o->indicators == o->meetings)
        return usage_error("%s", "export needs --indicators or --meetings");
    const char *format = o->format ? o->format : "ndjson";
    static const char *const formats[] = {"csv", "ndjson", "ocd"};
    bool known = false;
    for (size_t i = 0; i < G_N_ELEMENTS(formats); i++)
        known |= !strcmp(format, formats[i]);
    if (!known)
        return usage_error("unknown format '%s' (csv, ndjson, ocd)", format);
    ap_error err = {{0}};
    if (!ap_export(o->files->pdata[0], o->meetings, format, stdout, &err)) {
        print_failure(o->files->pdata[0], &err);
        return EXIT_FAILED;
    }
    return 0;
}

static void print_text(const ap_doc *doc, bool json)
{
    if (json) {
        cJSON *pages = ap_doc_pages_json(doc);
        char *text = cJSON_PrintUnformatted(pages);
        fputs(text, stdout);
        fputc('\n', stdout);
        cJSON_free(text);
        cJSON_Delete(pages);
    } else {
        char *text = ap_doc_plain_text(doc);
        fputs(text, stdout);
        g_free(text);
    }
}

static int cmd_text(const options *o)
{
    int failed = 0;
    for (guint i = 0; i < o->files->len; i++) {
        const char *file = o->files->pdata[i];
        ap_error err = {{0}};
        ap_doc *doc = ap_doc_open(file, &err);
        if (!doc) {
            print_failure(file, &err);
            failed++;
            continue;
        }
        ap_furniture_apply(doc);
        print_text(doc, o->json);
        ap_doc_free(doc);
    }
    return failed ? EXIT_FAILED : 0;
}

static bool validate_file(const char *file, ap_error *err)
{
    gchar *text = NULL;
    GError *gerr = NULL;
    if (!g_file_get_contents(file, &text, NULL, &gerr)) {
        ap_error_set(err, "cannot read: %s", gerr->message);
        g_error_free(gerr);
        return false;
    }
    cJSON *value = cJSON_Parse(text);
    g_free(text);
    if (!value) {
        ap_error_set(err, "not valid JSON");
        return false;
    }
    bool ok = ap_schema_validate(ap_schema_meeting(), value, err);
    cJSON_Delete(value);
    return ok;
}

static int cmd_validate(const options *o)
{
    int failed = 0;
    for (guint i = 0; i < o->files->len; i++) {
        const char *file = o->files->pdata[i];
        ap_error err = {{0}};
        if (!validate_file(file, &err)) {
            print_failure(file, &err);
            failed++;
        } else if (!o->quiet) {
            printf("%s: valid\n", file);
        }
    }
    return failed ? EXIT_FAILED : 0;
}

typedef struct command {
    const char *name;
    int (*run)(const options *o);
} command;

static const command commands[] = {
    {"convert", cmd_convert},
    {"batch", cmd_batch},
    {"query", cmd_query},
    {"export", cmd_export},
    {"text", cmd_text},
    {"validate", cmd_validate},
};

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("%s", "no command given");
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
        options o = {.files = g_ptr_array_new()};
        int rc = parse_options(argc - 2, argv + 2, &o);
        if (rc == 0)
            rc = commands[c].run(&o);
        g_ptr_array_free(o.files, TRUE);
        return rc;
    }
    return usage_error("unknown command '%s'", argv[1]);
}
