/*
 * main.c: the agendapack command line.
 *
 *   agendapack convert PDF... -o OUTDIR    meeting records as JSON files
 *   agendapack text [--json] PDF...        the page model, for debugging
 *   agendapack validate JSON...            check files against the schema
 *
 * This is the only place that writes errors: one line per failed input,
 * "agendapack: FILE: reason". Exit status 0 when every input succeeded,
 * 1 when any failed, 2 for a usage error. One bad file never stops the
 * others.
 */
#include <stdio.h>
#include <string.h>

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
    "  text [--json] PDF...       print the page model: cleaned text with a\n"
    "                             header line per page, or JSON per page\n"
    "  validate JSON...           check meeting records against the schema\n"
    "\n"
    "options:\n"
    "  -o, --output DIR   output folder for convert\n"
    "  -q, --quiet        no summary lines on stdout\n"
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
    const char *outdir;
    bool json, quiet;
    GPtrArray *files;
} options;

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
    printf("%s: %d pages, %d documents, %d warnings\n", file, sum->pages,
           sum->documents, sum->warnings);
    for (char **p = sum->paths; p && *p; p++)
        printf("  wrote %s\n", *p);
}

static int cmd_convert(const options *o)
{
    if (!o->outdir)
        return usage_error("%s", "convert needs -o OUTDIR");
    int failed = 0;
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
