/*
 * batch.c: many PDFs converted by worker processes, resumably.
 *
 * Poppler is not thread-safe, and a damaged PDF can crash it or make it
 * run away with time or memory, so every file is converted in a process of
 * its own: the supervisor forks one child per file, at most `jobs` at a
 * time. A fork of the warmed supervisor costs a fraction of a millisecond
 * (no exec, no dynamic linking), and a fresh child per file means a time
 * limit (alarm), a memory limit (RLIMIT_AS) and a crash each fail that
 * file only.
 *
 * OUTDIR holds
 *   files/SHA256.json      the log: one per input content converted or
 *                          failed, written last and atomically
 *   records/SHA256/        the records converted from it, one JSON each
 *   meetings/ID.json       one record per meeting (pipeline/merge.c)
 *   agendapack.sqlite      the store (pipeline/store.c)
 * Files are known by the SHA-256 of their bytes, so a renamed file is not
 * converted again; a file with a log entry is skipped unless forced. A
 * child killed before its log entry is written leaves no entry, so the
 * next run converts that file again; stale temporary files are removed.
 */
#define _DEFAULT_SOURCE  /* fork, wait4, setrlimit, st_mtim */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "agendapack.h"
#include "pipeline/json_files.h"

#define CHILD_FAILED 3      /* the child wrote a log entry for its failure */

/* ---- inputs ---------------------------------------------------------------- */

static bool is_pdf_name(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && g_ascii_strcasecmp(name + n - 4, ".pdf") == 0;
}

static void collect(const char *path, bool named, GPtrArray *files)
{
    if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
        /* a file named on the command line is taken whatever its name, so a
         * bad one gets its error */
        if (named || is_pdf_name(path))
            g_ptr_array_add(files, g_strdup(path));
        return;
    }
    GDir *dir = g_dir_open(path, 0, NULL);
    if (!dir)
        return;
    const char *name;
    while ((name = g_dir_read_name(dir))) {
        char *child = g_build_filename(path, name, NULL);
        collect(child, false, files);
        g_free(child);
    }
    g_dir_close(dir);
}

static gint by_path(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *file_sha256(const char *path, ap_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        ap_error_set(err, "cannot open: %s", g_strerror(errno));
        return NULL;
    }
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    guchar buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        g_checksum_update(sum, buf, n);
    bool failed = ferror(f);
    fclose(f);
    char *hex = failed ? NULL : g_strdup(g_checksum_get_string(sum));
    g_checksum_free(sum);
    if (failed)
        ap_error_set(err, "cannot read");
    return hex;
}

/* ---- the log ---------------------------------------------------------------- */

static char *log_path(const char *outdir, const char *sha)
{
    char *name = g_strconcat(sha, ".json", NULL);
    char *path = g_build_filename(outdir, "files", name, NULL);
    g_free(name);
    return path;
}

/* sum: what the conversion did, or NULL when it never finished. */
static void write_log(const char *outdir, const char *sha, const char *file,
                      const char *status, const char *error,
                      const ap_convert_summary *sum, double seconds)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "path", file);
    cJSON_AddStringToObject(o, "sha256", sha);
    GStatBuf st;
    if (g_stat(file, &st) == 0) {
        /* what the file looked like: a rerun that finds it the same does
         * not read it again to hash it */
        cJSON_AddNumberToObject(o, "size", (double)st.st_size);
        cJSON_AddNumberToObject(o, "mtime_ns", (double)st.st_mtim.tv_sec * 1e9 + (double)st.st_mtim.tv_nsec);
    }
    cJSON_AddStringToObject(o, "status", status);
    if (error)
        cJSON_AddStringToObject(o, "error", error);
    else
        cJSON_AddNullToObject(o, "error");
    cJSON_AddNumberToObject(o, "pages", sum ? sum->pages : 0);
    cJSON_AddNumberToObject(o, "rendered", sum ? sum->rendered : 0);
    cJSON_AddNumberToObject(o, "seconds", seconds);
    cJSON *list = cJSON_AddArrayToObject(o, "records");
    for (char **r = sum ? sum->paths : NULL; r && *r; r++) {
        char *base = g_path_get_basename(*r);
        cJSON_AddItemToArray(list, cJSON_CreateString(base));
        g_free(base);
    }
    char *text = cJSON_Print(o);
    char *path = log_path(outdir, sha);
    /* written last: a file is done once its entry exists */
    g_file_set_contents_full(path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, NULL);
    g_free(path);
    cJSON_free(text);
    cJSON_Delete(o);
}

/* The log entry of a content converted or failed before, or NULL. */
static cJSON *read_log(const char *outdir, const char *sha)
{
    char *path = log_path(outdir, sha), *text = NULL;
    cJSON *o = NULL;
    if (g_file_get_contents(path, &text, NULL, NULL))
        o = cJSON_Parse(text);
    g_free(text);
    g_free(path);
    return o;
}

/* The log as it stood when the run began, read once: each entry by
 * content hash (owning it) and by path (the file's size and time then,
 * so an unchanged file need not be read to be hashed). */
typedef struct log_index {
    GHashTable *by_sha, *by_path;
} log_index;

static bool add_known(cJSON *entry, const char *text, void *ctx)
{
    (void)text;
    log_index *log = ctx;
    const char *sha = cJSON_GetStringValue(cJSON_GetObjectItem(entry, "sha256"));
    const char *file = cJSON_GetStringValue(cJSON_GetObjectItem(entry, "path"));
    if (!sha) {
        cJSON_Delete(entry);
        return true;
    }
    g_hash_table_insert(log->by_sha, g_strdup(sha), entry);
    if (file)
        g_hash_table_insert(log->by_path, g_strdup(file), entry);
    return true;
}

static log_index read_log_index(const char *outdir)
{
    log_index log = {
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)cJSON_Delete),
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    char *dir = g_build_filename(outdir, "files", NULL);
    ap_each_json_file(dir, add_known, &log);
    g_free(dir);
    return log;
}

static void log_index_clear(log_index *log)
{
    g_hash_table_destroy(log->by_path);
    g_hash_table_destroy(log->by_sha);
}

/* The file's content hash: the log's when the file has the size and time
 * it had then, else read and hashed. */
static char *content_hash(const char *file, const log_index *log, ap_error *err)
{
    const cJSON *e = g_hash_table_lookup(log->by_path, file);
    GStatBuf st;
    if (e && g_stat(file, &st) == 0) {
        const cJSON *size = cJSON_GetObjectItem(e, "size"), *mtime = cJSON_GetObjectItem(e, "mtime_ns");
        double now = (double)st.st_mtim.tv_sec * 1e9 + (double)st.st_mtim.tv_nsec;
        if (cJSON_IsNumber(size) && cJSON_IsNumber(mtime) && size->valuedouble == (double)st.st_size &&
            mtime->valuedouble == now)
            return g_strdup(cJSON_GetStringValue(cJSON_GetObjectItem(e, "sha256")));
    }
    return file_sha256(file, err);
}

/* ---- one file, in a child --------------------------------------------------- */

/* AddressSanitizer reserves terabytes of address space for its shadow
 * memory, so an address-space limit would stop every worker of a
 * sanitizer build: there the memory limit is left off. */
#if defined(__SANITIZE_ADDRESS__)
#define AS_LIMIT_USABLE false
#else
#define AS_LIMIT_USABLE true
#endif

static void set_limits(const ap_batch_options *o)
{
    if (o->memory_mb && AS_LIMIT_USABLE) {
        struct rlimit lim = {(rlim_t)o->memory_mb << 20, (rlim_t)o->memory_mb << 20};
        setrlimit(RLIMIT_AS, &lim);
    }
    if (o->timeout_s)
        alarm(o->timeout_s);
}

static G_NORETURN void convert_in_child(const char *file, const char *sha,
                                        const ap_batch_options *o)
{
    set_limits(o);
    /* for the tests: a worker that crashes mid-file */
    const char *crash = getenv("AGENDAPACK_TEST_CRASH");
    if (crash && g_str_has_suffix(file, crash))
        abort();    /* not SIGSEGV: a sanitizer build catches that itself */
    gint64 t0 = g_get_monotonic_time();
    char *recdir = g_build_filename(o->outdir, "records", sha, NULL);
    ap_error err = {{0}};
    ap_convert_summary sum;
    bool ok = ap_convert_file(file, recdir, &sum, &err);
    double seconds = (double)(g_get_monotonic_time() - t0) / 1e6;
    write_log(o->outdir, sha, file, !ok ? "failed" : sum.notice ? "no-record" : "converted",
              ok ? sum.notice : err.message, &sum, seconds);
    ap_convert_summary_clear(&sum);
    g_free(recdir);
    _exit(ok ? 0 : CHILD_FAILED);
}

/* ---- the supervisor ---------------------------------------------------------- */

typedef struct worker {
    pid_t pid;
    size_t file;
    char *sha;
} worker;

/* Why a child ended without a log entry. */
static char *death_reason(int status, const ap_batch_options *o)
{
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        if (sig == SIGALRM)
            return g_strdup_printf("timed out after %u s", o->timeout_s);
        if (sig == SIGKILL)
            return g_strdup("worker killed (out of memory, or by hand)");
        return g_strdup_printf("worker crashed (%s)", g_strsignal(sig));
    }
    if (WEXITSTATUS(status) != 0)
        return g_strdup_printf("worker failed with exit status %d%s", WEXITSTATUS(status),
                               o->memory_mb ? " (out of memory?)" : "");
    return g_strdup("worker ended without a result");
}

static void report(const ap_batch_options *o, ap_batch_totals *t, const char *file,
                   const char *status, const char *reason)
{
    if (o->report)
        o->report(t, file, status, reason, o->report_ctx);
}

/* Counts a finished file from its log entry. */
static void count(ap_batch_totals *t, const cJSON *entry, bool skipped)
{
    const char *status = cJSON_GetStringValue(cJSON_GetObjectItem(entry, "status"));
    bool failed = status && !strcmp(status, "failed");
    t->done++;
    t->failed += failed;
    if (skipped) {
        t->skipped++;
        return;
    }
    t->pages += cJSON_GetObjectItem(entry, "pages")->valueint;
    t->converted += !failed;
}

static void finish(const ap_batch_options *o, ap_batch_totals *t, const char *file,
                   const char *sha, int status)
{
    cJSON *entry = read_log(o->outdir, sha);
    if (!entry) {
        char *why = death_reason(status, o);
        write_log(o->outdir, sha, file, "failed", why, NULL, 0);
        g_free(why);
        entry = read_log(o->outdir, sha);
    }
    count(t, entry, false);
    report(o, t, file, cJSON_GetStringValue(cJSON_GetObjectItem(entry, "status")),
           cJSON_GetStringValue(cJSON_GetObjectItem(entry, "error")));
    cJSON_Delete(entry);
}

static bool start(const ap_batch_options *o, const char *file, const char *sha,
                  worker *w, ap_error *err)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        ap_error_set(err, "cannot start a worker: %s", g_strerror(errno));
        return false;
    }
    if (pid == 0)
        convert_in_child(file, sha, o);
    w->pid = pid;
    return true;
}

/* Temporary files a killed run left (GLib names them NAME.XXXXXX). */
static void remove_stale(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        char *path = g_build_filename(dir, name, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_DIR))
            remove_stale(path);
        else if (!g_str_has_suffix(name, ".json"))
            g_unlink(path);
        g_free(path);
    }
    g_dir_close(d);
}

static bool prepare_outdir(const char *outdir, ap_error *err)
{
    static const char *const parts[] = {"files", "records", "meetings"};
    for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
        char *sub = g_build_filename(outdir, parts[i], NULL);
        bool ok = g_mkdir_with_parents(sub, 0755) == 0;
        if (ok)
            remove_stale(sub);
        else
            ap_error_set(err, "cannot create %s: %s", sub, g_strerror(errno));
        g_free(sub);
        if (!ok)
            return false;
    }
    return true;
}

static size_t count_meetings(const char *outdir)
{
    char *dir = g_build_filename(outdir, "meetings", NULL);
    GDir *d = g_dir_open(dir, 0, NULL);
    size_t n = 0;
    while (d && g_dir_read_name(d))
        n++;
    if (d)
        g_dir_close(d);
    g_free(dir);
    return n;
}

/* Whether the file is to be converted now; reports it when not. */
static bool wanted(const ap_batch_options *o, ap_batch_totals *t, const char *file,
                   const char *sha, GHashTable *seen, const log_index *log)
{
    const char *first = g_hash_table_lookup(seen, sha);
    if (first) {
        t->done++;
        t->skipped++;
        char *why = g_strdup_printf("same content as %s", first);
        report(o, t, file, "skipped", why);
        g_free(why);
        return false;
    }
    g_hash_table_insert(seen, g_strdup(sha), g_strdup(file));
    const cJSON *entry = o->force ? NULL : g_hash_table_lookup(log->by_sha, sha);
    if (!entry)
        return true;
    count(t, entry, true);
    report(o, t, file, "skipped", cJSON_GetStringValue(cJSON_GetObjectItem(entry, "error")));
    return false;
}

bool ap_batch_run(char *const *inputs, size_t ninputs, const ap_batch_options *o,
                  ap_batch_totals *t, ap_error *err)
{
    *t = (ap_batch_totals){0};
    if (!prepare_outdir(o->outdir, err))
        return false;
    /* the schema is loaded once here, not once per child */
    ap_schema_meeting();
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < ninputs; i++)
        collect(inputs[i], true, files);
    g_ptr_array_sort(files, by_path);
    t->total = files->len;
    t->started = g_get_monotonic_time();
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    log_index log = read_log_index(o->outdir);
    int jobs = o->jobs > 0 ? o->jobs : 1;
    worker *running = g_new0(worker, jobs);
    int nrunning = 0;
    for (size_t next = 0; next < files->len || nrunning > 0;) {
        if (next < files->len && nrunning < jobs) {
            const char *file = files->pdata[next++];
            ap_error ferr = {{0}};
            char *sha = o->force ? file_sha256(file, &ferr) : content_hash(file, &log, &ferr);
            if (sha && !wanted(o, t, file, sha, seen, &log)) {
                g_free(sha);
                continue;
            }
            if (!sha || !start(o, file, sha, &running[nrunning], &ferr)) {
                /* unreadable, or no process to read it in: this file only */
                t->done++;
                t->failed++;
                report(o, t, file, "failed", ferr.message);
                g_free(sha);
                continue;
            }
            running[nrunning].file = next - 1;
            running[nrunning++].sha = sha;
            continue;
        }
        int status;
        struct rusage use;
        pid_t pid = wait4(-1, &status, 0, &use);
        if (pid < 0 && errno == EINTR)
            continue;
        for (int k = 0; k < nrunning; k++) {
            if (running[k].pid != pid)
                continue;
            t->peak_kb = MAX(t->peak_kb, (long)use.ru_maxrss);
            finish(o, t, files->pdata[running[k].file], running[k].sha, status);
            g_free(running[k].sha);
            running[k] = running[--nrunning];
            break;
        }
    }
    g_free(running);
    log_index_clear(&log);
    g_hash_table_destroy(seen);
    g_ptr_array_free(files, TRUE);
    /* nothing converted and the store built from this very log: the
     * meetings and the store stand as they are */
    if (!t->converted && !o->force && ap_store_current(o->outdir)) {
        t->meetings = count_meetings(o->outdir);
        return true;
    }
    return ap_merge_meetings(o->outdir, &t->meetings, err) && ap_store_rebuild(o->outdir, err);
}
