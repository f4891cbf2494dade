/*
 * batch.c: many PDFs converted by worker processes, resumably.
 *
 * Poppler is not thread-safe, and a damaged PDF can crash it or make it
 * run away with time or memory, so files are converted in worker
 * processes, at most `jobs` of them, forked from the warmed supervisor (no
 * exec, no dynamic linking). A worker converts one file after another, as
 * the supervisor hands them out over a pipe, so it pays once for what a
 * process warms up (fonts, caches, heap pages) rather than once a file;
 * it retires after a number of files. A time limit (alarm), a memory limit
 * (RLIMIT_AS) or a crash ends the worker: the supervisor sees its pipe
 * close, logs the file in hand as failed with the reason, and starts a
 * new worker for the next file. Only that file is lost.
 *
 * OUTDIR holds
 *   files/SHA256.json      the log: one per input content converted or
 *                          failed, written last and atomically
 *   records/SHA256/        the records converted from it, one JSON each
 *   meetings/ID.json       one record per meeting (pipeline/merge.c)
 *   agendapack.sqlite      the store (pipeline/store.c)
 * Files are known by the SHA-256 of their bytes, so a renamed file is not
 * converted again; a file with a log entry is skipped unless forced. A
 * worker killed before its log entry is written leaves no entry, so the
 * next run converts that file again; stale temporary files are removed.
 */
#define _GNU_SOURCE  /* fork, wait4, setrlimit, st_mtim, sysconf, syncfs */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "agendapack.h"
#include "pipeline/json_files.h"

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

typedef struct sized_path {
    char *path;
    goffset size;
} sized_path;

/* Largest first, then by path: a worker's time goes with the file's size,
 * and the files handed out last are then small ones, so the workers end
 * together instead of one finishing a large file while the others wait. */
static gint largest_first(gconstpointer a, gconstpointer b)
{
    const sized_path *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return strcmp(x->path, y->path);
}

static void sort_largest_first(GPtrArray *files)
{
    GArray *sized = g_array_sized_new(FALSE, FALSE, sizeof(sized_path), files->len);
    for (guint i = 0; i < files->len; i++) {
        GStatBuf st;
        sized_path f = {files->pdata[i], g_stat(files->pdata[i], &st) == 0 ? (goffset)st.st_size : 0};
        g_array_append_val(sized, f);
    }
    g_array_sort(sized, largest_first);
    for (guint i = 0; i < files->len; i++)
        files->pdata[i] = g_array_index(sized, sized_path, i).path;
    g_array_free(sized, TRUE);
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

/* sum: what the conversion did, or NULL when it never finished; worker:
 * the process that converted it (the pid a kernel's out-of-memory report
 * names). */
static void write_log(const char *outdir, const char *sha, const char *file,
                      const char *status, const char *error,
                      const ap_convert_summary *sum, double seconds, pid_t worker)
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
    cJSON_AddNumberToObject(o, "worker", worker);
    cJSON *list = cJSON_AddArrayToObject(o, "records");
    for (char **r = sum ? sum->paths : NULL; r && *r; r++) {
        char *base = g_path_get_basename(*r);
        cJSON_AddItemToArray(list, cJSON_CreateString(base));
        g_free(base);
    }
    char *path = log_path(outdir, sha);
    /* written last: a file is done once its entry exists (a log entry that
     * cannot be written leaves the file to be converted again) */
    ap_error ignored = {{0}};
    ap_json_file_write(path, o, &ignored);
    g_free(path);
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
    const char *outdir;
} log_index;

/* Whether every record an entry lists is on disk, not empty. The run is
 * synced only at its end (sync_outdir), so a power cut mid-run can leave
 * an entry whose records never reached the disk: its file is converted
 * again, as if it had no entry. */
static bool records_whole(const char *outdir, const char *sha, const cJSON *entry)
{
    const cJSON *name;
    bool whole = true;
    cJSON_ArrayForEach(name, cJSON_GetObjectItem(entry, "records")) {
        char *path = g_build_filename(outdir, "records", sha, cJSON_GetStringValue(name), NULL);
        GStatBuf st;
        whole = cJSON_IsString(name) && g_stat(path, &st) == 0 && st.st_size > 0;
        g_free(path);
        if (!whole)
            break;
    }
    return whole;
}

static bool add_known(cJSON *entry, const char *text, void *ctx)
{
    (void)text;
    log_index *log = ctx;
    const char *sha = cJSON_GetStringValue(cJSON_GetObjectItem(entry, "sha256"));
    const char *file = cJSON_GetStringValue(cJSON_GetObjectItem(entry, "path"));
    if (!sha || !records_whole(log->outdir, sha, entry)) {
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
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), outdir};
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

/* ---- workers ------------------------------------------------------------------ */

/* AddressSanitizer reserves terabytes of address space for its shadow
 * memory, so an address-space limit would stop every worker of a
 * sanitizer build: there the memory limit is left off. */
#if defined(__SANITIZE_ADDRESS__)
#define AS_LIMIT_USABLE false
#else
#define AS_LIMIT_USABLE true
#endif

/* A worker converts one file after another and retires after this many,
 * or once its address space passes half its limit, so that what a long
 * life leaves fragmented in its heap does not count against later files. */
#define WORKER_FILES 64

/* A file handed to a worker: its place in the list the worker inherited
 * when it was forked, and its content hash. One atomic pipe write. */
typedef struct task {
    size_t file;
    char sha[65];
} task;

/* A worker's answer once the file's log entry is written. */
enum { DONE = 'd', DONE_RETIRING = 'r' };

static bool read_full(int fd, void *buf, size_t len)
{
    for (size_t got = 0; got < len;) {
        ssize_t n = read(fd, (char *)buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        got += (size_t)n;
    }
    return true;
}

static bool write_full(int fd, const void *buf, size_t len)
{
    for (size_t put = 0; put < len;) {
        ssize_t n = write(fd, (const char *)buf + put, len - put);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        put += (size_t)n;
    }
    return true;
}

static void set_limits(const ap_batch_options *o)
{
    if (o->memory_mb && AS_LIMIT_USABLE) {
        struct rlimit lim = {(rlim_t)o->memory_mb << 20, (rlim_t)o->memory_mb << 20};
        setrlimit(RLIMIT_AS, &lim);
    }
#ifdef __linux__
    /* a supervisor killed takes its workers with it, so a rerun never
     * races a file an orphan is still writing */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
}

/* Whether the worker's address space has passed half its limit. */
static bool grown(const ap_batch_options *o)
{
    if (!o->memory_mb || !AS_LIMIT_USABLE)
        return false;
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%lu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    return (double)pages * (double)sysconf(_SC_PAGESIZE) > (double)(o->memory_mb << 20) / 2;
}

/* One file converted in a worker, its log entry written. The time limit
 * is an alarm: SIGALRM ends the worker, and the supervisor, seeing it
 * die, logs the file as timed out. */
static void convert_one(const char *file, const char *sha, const ap_batch_options *o)
{
    /* for the tests: a worker that crashes mid-file */
    const char *crash = getenv("AGENDAPACK_TEST_CRASH");
    if (crash && g_str_has_suffix(file, crash))
        abort();    /* not SIGSEGV: a sanitizer build catches that itself */
    if (o->timeout_s)
        alarm(o->timeout_s);
    gint64 t0 = g_get_monotonic_time();
    char *recdir = g_build_filename(o->outdir, "records", sha, NULL);
    ap_error err = {{0}};
    ap_convert_summary sum;
    bool ok = ap_convert_file_hashed(file, sha, recdir, &sum, &err);
    double seconds = (double)(g_get_monotonic_time() - t0) / 1e6;
    write_log(o->outdir, sha, file, !ok ? "failed" : sum.notice ? "no-record" : "converted",
              ok ? sum.notice : err.message, &sum, seconds, getpid());
    alarm(0);
    ap_convert_summary_clear(&sum);
    g_free(recdir);
}

static G_NORETURN void worker_main(int tasks, int results, const GPtrArray *files,
                                   const ap_batch_options *o)
{
    set_limits(o);
    task t;
    for (size_t n = 1; read_full(tasks, &t, sizeof t); n++) {
        t.sha[sizeof t.sha - 1] = '\0';
        convert_one(files->pdata[t.file], t.sha, o);
        bool retire = n >= WORKER_FILES || grown(o);
        char answer = retire ? DONE_RETIRING : DONE;
        if (!write_full(results, &answer, 1) || retire)
            break;
    }
    _exit(0);
}

/* ---- the supervisor ---------------------------------------------------------- */

typedef struct worker {
    pid_t pid;              /* 0: no process in this slot */
    int tasks, results;     /* its pipes: files to it, answers from it */
    size_t file;            /* the file in hand */
    char *sha;              /* its hash; NULL while the worker is idle */
} worker;

typedef struct pool {
    worker *slots;
    int size;
    const GPtrArray *files;
    const ap_batch_options *o;
} pool;

/* Forks a worker into slot w. The child closes every other worker's pipes:
 * a task pipe left open in a sibling would keep its worker from ever
 * reading the end of its input. */
static bool worker_start(pool *p, worker *w, ap_error *err)
{
    int down[2] = {-1, -1}, up[2] = {-1, -1};
    pid_t pid = -1;
    if (pipe(down) == 0 && pipe(up) == 0) {
        fflush(NULL);
        pid = fork();
    }
    if (pid < 0) {
        /* no pipe or no process; close(-1) of a pipe never made is harmless */
        ap_error_set(err, "cannot start a worker: %s", g_strerror(errno));
        close(down[0]);
        close(down[1]);
        close(up[0]);
        close(up[1]);
        return false;
    }
    if (pid == 0) {
        for (int k = 0; k < p->size; k++)
            if (p->slots[k].pid) {
                close(p->slots[k].tasks);
                close(p->slots[k].results);
            }
        close(down[1]);
        close(up[0]);
        worker_main(down[0], up[1], p->files, p->o);
    }
    close(down[0]);
    close(up[1]);
    *w = (worker){pid, down[1], up[0], 0, NULL};
    return true;
}

/* Closes a worker's pipes and waits for it to end: *status says how. */
static void worker_reap(worker *w, ap_batch_totals *t, int *status)
{
    close(w->tasks);
    close(w->results);
    struct rusage use = {0};
    int st = 0;
    while (wait4(w->pid, &st, 0, &use) < 0 && errno == EINTR)
        ;
    t->peak_kb = MAX(t->peak_kb, (long)use.ru_maxrss);
    w->pid = 0;
    if (status)
        *status = st;
}

/* Why a worker ended without a log entry for its file. */
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

/* A file a worker is done with: counted from its log entry, which is
 * written here when the worker died (status) before writing it. */
static void finish(const ap_batch_options *o, ap_batch_totals *t, const char *file,
                   const char *sha, pid_t worker, int status)
{
    cJSON *entry = read_log(o->outdir, sha);
    if (!entry) {
        char *why = death_reason(status, o);
        write_log(o->outdir, sha, file, "failed", why, NULL, 0, worker);
        g_free(why);
        entry = read_log(o->outdir, sha);
    }
    count(t, entry, false);
    report(o, t, file, cJSON_GetStringValue(cJSON_GetObjectItem(entry, "status")),
           cJSON_GetStringValue(cJSON_GetObjectItem(entry, "error")));
    cJSON_Delete(entry);
}

/* Hands file (its hash sha, which the worker takes) to an idle slot,
 * starting a worker there when it has none or the one it had has gone. */
static bool hand_out(pool *p, worker *w, size_t file, char *sha, ap_batch_totals *t,
                     ap_error *err)
{
    task msg = {file, {0}};
    g_strlcpy(msg.sha, sha, sizeof msg.sha);
    for (int attempt = 0; attempt < 2; attempt++) {
        if (!w->pid && !worker_start(p, w, err))
            return false;
        if (write_full(w->tasks, &msg, sizeof msg)) {
            w->file = file;
            w->sha = sha;
            return true;
        }
        worker_reap(w, t, NULL);    /* it died while idle: a new one */
    }
    ap_error_set(err, "cannot hand the file to a worker");
    return false;
}

/* Waits until a busy worker answers or dies, and finishes its file. */
static void collect_one(pool *p, ap_batch_totals *t)
{
    struct pollfd *fds = g_new0(struct pollfd, p->size);
    int *which = g_new0(int, p->size), n = 0;
    for (int k = 0; k < p->size; k++)
        if (p->slots[k].sha) {
            fds[n] = (struct pollfd){.fd = p->slots[k].results, .events = POLLIN};
            which[n++] = k;
        }
    while (poll(fds, (nfds_t)n, -1) < 0 && errno == EINTR)
        ;
    for (int i = 0; i < n; i++) {
        if (!fds[i].revents)
            continue;
        worker *w = &p->slots[which[i]];
        char answer = 0;
        int status = 0;
        pid_t pid = w->pid;
        bool answered = read_full(w->results, &answer, 1);
        if (!answered || answer == DONE_RETIRING)
            worker_reap(w, t, &status);
        finish(p->o, t, p->files->pdata[w->file], w->sha, pid, answered ? 0 : status);
        g_free(w->sha);
        w->sha = NULL;
    }
    g_free(which);
    g_free(fds);
}

static worker *idle_slot(pool *p)
{
    for (int k = 0; k < p->size; k++)
        if (!p->slots[k].sha)
            return &p->slots[k];
    return NULL;
}

static bool any_busy(const pool *p)
{
    for (int k = 0; k < p->size; k++)
        if (p->slots[k].sha)
            return true;
    return false;
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

/* Durability, once a run. Log entries, records and meetings are renamed
 * into place unsynced: a kill cannot lose them (the kernel holds what a
 * process wrote), and a sync a file costs more than reading many small
 * PDFs. One syncfs at the end puts the run on disk before it reports. */
static void sync_outdir(const char *outdir)
{
    int fd = open(outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
#ifdef __linux__
    syncfs(fd);
#else
    sync();
#endif
    close(fd);
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

/* The next file's content hash, taken ahead: the supervisor hashes it
 * while its workers convert, instead of leaving a worker idle while it
 * hashes. Taken once; the file's turn takes it and clears it. */
typedef struct hashed {
    bool taken;
    char *sha;              /* NULL when it could not be read: err says why */
    ap_error err;
} hashed;

static void hash_next(hashed *h, const char *path, const ap_batch_options *o,
                      const log_index *log)
{
    if (h->taken)
        return;
    h->taken = true;
    h->sha = o->force ? file_sha256(path, &h->err) : content_hash(path, log, &h->err);
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
    /* workers convert many files each: the patterns they compile are
     * worth JIT-compiling; the schema is loaded once here, not once per
     * worker */
    ap_tune_for_many_files();
    ap_schema_meeting();
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < ninputs; i++)
        collect(inputs[i], true, files);
    sort_largest_first(files);
    t->total = files->len;
    t->started = g_get_monotonic_time();
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    log_index log = read_log_index(o->outdir);
    pool p = {NULL, o->jobs > 0 ? o->jobs : 1, files, o};
    p.slots = g_new0(worker, p.size);
    /* a worker that dies makes writes to its pipe fail, not kill us */
    void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN);
    hashed ahead = {0};
    for (size_t next = 0; next < files->len || any_busy(&p);) {
        worker *w = next < files->len ? idle_slot(&p) : NULL;
        if (!w) {
            if (next < files->len)
                hash_next(&ahead, files->pdata[next], o, &log);
            collect_one(&p, t);
            continue;
        }
        const char *file = files->pdata[next++];
        hash_next(&ahead, file, o, &log);
        char *sha = ahead.sha;
        ap_error ferr = ahead.err;
        ahead = (hashed){0};
        if (sha && !wanted(o, t, file, sha, seen, &log)) {
            g_free(sha);
            continue;
        }
        if (!sha || !hand_out(&p, w, next - 1, sha, t, &ferr)) {
            /* unreadable, or no process to read it in: this file only */
            t->done++;
            t->failed++;
            report(o, t, file, "failed", ferr.message);
            g_free(sha);
        }
    }
    for (int k = 0; k < p.size; k++)
        if (p.slots[k].pid)
            worker_reap(&p.slots[k], t, NULL);     /* its input closed: it ends */
    signal(SIGPIPE, old_pipe);
    g_free(p.slots);
    log_index_clear(&log);
    g_hash_table_destroy(seen);
    g_ptr_array_free(files, TRUE);
    /* nothing converted and the store built from this very log: the
     * meetings and the store stand as they are */
    if (!t->converted && !o->force && ap_store_current(o->outdir)) {
        t->meetings = count_meetings(o->outdir);
        return true;
    }
    bool ok = ap_merge_meetings(o->outdir, &t->meetings, err) &&
              ap_store_rebuild(o->outdir, err);
    sync_outdir(o->outdir);
    return ok;
}
