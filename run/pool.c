/*
 * pool.c: forked workers running tasks (see pool.h).
 *
 * A time limit (alarm), a memory limit (RLIMIT_AS) or a crash ends the
 * worker: the parent sees its pipe close, reports the task in hand as
 * ended with the reason, and starts a new worker for the next task.
 * Messages both ways are frames: a length, then the bytes. Workers die
 * with the parent (PR_SET_PDEATHSIG), so a killed run leaves none behind
 * and a rerun never races a file an orphan is still writing.
 *
 * Running out of memory under RLIMIT_AS shows as an allocation that
 * fails, and then as an abort or a crash in whatever code made it (GLib
 * aborts, C++ throws, some code reads through NULL). So that the user is
 * told "memory limit reached" rather than "crashed (Aborted)", the worker
 * notes a failed allocation (ap_allocation_failed, called by the
 * allocator's error hook; GLib's own failure message) and its crash
 * handlers turn a crash after one into exit status EXIT_MEMORY.
 */
#define _GNU_SOURCE  /* wait4, setrlimit, sysconf, strsignal */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <unistd.h>

#include <glib.h>

#include "run/pool.h"
#include "core/error.h"

/* AddressSanitizer reserves terabytes of address space for its shadow
 * memory, so an address-space limit would stop every worker of a
 * sanitizer build: there the memory limit is left off. */
#if defined(__SANITIZE_ADDRESS__)
#define AS_LIMIT_USABLE false
#else
#define AS_LIMIT_USABLE true
#endif

/* A worker's exit status after a crash that followed a failed allocation. */
#define EXIT_MEMORY 86

/* ---- frames ------------------------------------------------------------------ */

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

/* A frame: its header, then len bytes of text. */
typedef struct frame_head {
    uint64_t len;
    uint64_t task;      /* parent to worker: the task; back: the same */
    char retiring;      /* back: the worker ends after this answer */
} frame_head;

static bool write_frame(int fd, size_t task, const char *text, bool retiring)
{
    frame_head h = {strlen(text), task, retiring};
    return write_full(fd, &h, sizeof h) && write_full(fd, text, h.len);
}

/* The frame's text (g_free it), or NULL when the pipe closed first. */
static char *read_frame(int fd, frame_head *h)
{
    if (!read_full(fd, h, sizeof *h) || h->len > (uint64_t)SIZE_MAX - 1)
        return NULL;
    char *text = g_try_malloc((size_t)h->len + 1);
    if (!text || !read_full(fd, text, (size_t)h->len)) {
        g_free(text);
        return NULL;
    }
    text[h->len] = '\0';
    return text;
}

/* ---- in the worker -------------------------------------------------------------- */

static volatile sig_atomic_t allocation_failed;

void ap_allocation_failed(void)
{
    allocation_failed = 1;
}

static void on_crash(int sig)
{
    if (allocation_failed)
        _exit(EXIT_MEMORY);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* GLib aborts with this message when g_malloc fails: that abort is the
 * memory limit. */
static void on_glib_error(const gchar *domain, GLogLevelFlags level, const gchar *message,
                          gpointer data)
{
    (void)data;
    if (message && strstr(message, "failed to allocate"))
        allocation_failed = 1;
    g_log_default_handler(domain, level, message, NULL);
}

/* A worker's libraries write their own complaints to stderr (poppler's
 * "Syntax Error", "Out of memory"); the user is told of a file in one
 * line, by the parent. A sanitizer build keeps them: its reports go there. */
static void quiet_stderr(void)
{
#if !defined(__SANITIZE_ADDRESS__)
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0) {
        dup2(null, STDERR_FILENO);
        close(null);
    }
#endif
}

static void set_limits(const ap_pool_options *o)
{
    if (o->memory_mb && AS_LIMIT_USABLE) {
        struct rlimit lim = {(rlim_t)o->memory_mb << 20, (rlim_t)o->memory_mb << 20};
        setrlimit(RLIMIT_AS, &lim);
        static const int crashes[] = {SIGABRT, SIGSEGV, SIGBUS, SIGTRAP, SIGILL};
        for (size_t i = 0; i < G_N_ELEMENTS(crashes); i++)
            signal(crashes[i], on_crash);
        g_log_set_handler("GLib", G_LOG_LEVEL_ERROR | G_LOG_FLAG_FATAL, on_glib_error, NULL);
    }
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
}

/* Whether the worker's address space has passed half its limit: what a
 * long life leaves fragmented in its heap should not count against later
 * tasks. */
static bool grown(const ap_pool_options *o)
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

static G_NORETURN void worker_main(int tasks, int results, const ap_pool_options *o)
{
    quiet_stderr();
    set_limits(o);
    frame_head h;
    char *arg;
    for (unsigned n = 1; (arg = read_frame(tasks, &h)); n++) {
        allocation_failed = 0;
        if (o->timeout_s)
            alarm(o->timeout_s);
        char *answer = o->job((size_t)h.task, arg, o->ctx);
        alarm(0);
        bool retire = (o->tasks_per_worker && n >= o->tasks_per_worker) || grown(o);
        bool sent = write_frame(results, (size_t)h.task, answer, retire);
        g_free(answer);
        g_free(arg);
        if (!sent || retire)
            break;
    }
    _exit(0);
}

/* ---- in the parent ----------------------------------------------------------------- */

typedef struct worker {
    pid_t pid;              /* 0: no process in this slot */
    int tasks, results;     /* its pipes: tasks to it, answers from it */
    bool busy;
    size_t task;            /* the task in hand while busy */
} worker;

struct ap_pool {
    ap_pool_options o;
    worker *slots;
    long peak_kb;
    void (*old_pipe)(int);
};

ap_pool *ap_pool_new(const ap_pool_options *o)
{
    ap_pool *p = g_new0(ap_pool, 1);
    p->o = *o;
    p->o.workers = MAX(o->workers, 1);
    p->slots = g_new0(worker, p->o.workers);
    /* a worker that dies makes writes to its pipe fail, not kill us */
    p->old_pipe = signal(SIGPIPE, SIG_IGN);
    return p;
}

/* Forks a worker into slot w. The child closes every other worker's pipes:
 * a task pipe left open in a sibling would keep its worker from ever
 * reading the end of its input. */
static bool worker_start(ap_pool *p, worker *w, ap_error *err)
{
    int down[2] = {-1, -1}, up[2] = {-1, -1};
    pid_t pid = -1;
    if (pipe2(down, O_CLOEXEC) == 0 && pipe2(up, O_CLOEXEC) == 0) {
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
        for (int k = 0; k < p->o.workers; k++)
            if (p->slots[k].pid) {
                close(p->slots[k].tasks);
                close(p->slots[k].results);
            }
        close(down[1]);
        close(up[0]);
        worker_main(down[0], up[1], &p->o);
    }
    close(down[0]);
    close(up[1]);
    *w = (worker){pid, down[1], up[0], false, 0};
    return true;
}

/* Closes a worker's pipes and waits for it to end; returns how it ended. */
static int worker_reap(ap_pool *p, worker *w)
{
    close(w->tasks);
    close(w->results);
    struct rusage use = {0};
    int status = 0;
    while (wait4(w->pid, &status, 0, &use) < 0 && errno == EINTR)
        ;
    p->peak_kb = MAX(p->peak_kb, (long)use.ru_maxrss);
    w->pid = 0;
    w->busy = false;
    return status;
}

/* Why a worker ended without answering. */
static char *death_reason(int status, const ap_pool_options *o)
{
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        if (sig == SIGALRM)
            return g_strdup_printf("timed out after %u s", o->timeout_s);
        if (sig == SIGKILL)
            return g_strdup("worker killed (out of memory, or by hand)");
        return g_strdup_printf("worker crashed (%s)", g_strsignal(sig));
    }
    if (WEXITSTATUS(status) == EXIT_MEMORY)
        return g_strdup_printf("memory limit (%zu MB) reached", o->memory_mb);
    if (WEXITSTATUS(status) != 0)
        return g_strdup_printf("worker failed with exit status %d", WEXITSTATUS(status));
    return g_strdup("worker ended without a result");
}

static worker *idle_slot(const ap_pool *p)
{
    for (int k = 0; k < p->o.workers; k++)
        if (!p->slots[k].busy)
            return &p->slots[k];
    return NULL;
}

bool ap_pool_has_idle(const ap_pool *p)
{
    return idle_slot(p) != NULL;
}

bool ap_pool_busy(const ap_pool *p)
{
    for (int k = 0; k < p->o.workers; k++)
        if (p->slots[k].busy)
            return true;
    return false;
}

bool ap_pool_submit(ap_pool *p, size_t task, const char *arg, ap_error *err)
{
    worker *w = idle_slot(p);
    if (!w) {
        ap_error_set(err, "no idle worker");
        return false;
    }
    for (int attempt = 0; attempt < 2; attempt++) {
        if (!w->pid && !worker_start(p, w, err))
            return false;
        if (write_frame(w->tasks, task, arg, false)) {
            w->busy = true;
            w->task = task;
            return true;
        }
        worker_reap(p, w);    /* it died while idle: a new one */
    }
    ap_error_set(err, "cannot hand the task to a worker");
    return false;
}

/* The busy worker whose pipe has something to say (an answer, or its end). */
static worker *ready_worker(ap_pool *p)
{
    struct pollfd *fds = g_new0(struct pollfd, p->o.workers);
    int *which = g_new0(int, p->o.workers), n = 0;
    for (int k = 0; k < p->o.workers; k++)
        if (p->slots[k].busy) {
            fds[n] = (struct pollfd){.fd = p->slots[k].results, .events = POLLIN};
            which[n++] = k;
        }
    worker *w = NULL;
    while (n && !w) {
        if (poll(fds, (nfds_t)n, -1) < 0 && errno != EINTR)
            break;
        for (int i = 0; i < n && !w; i++)
            if (fds[i].revents)
                w = &p->slots[which[i]];
    }
    g_free(which);
    g_free(fds);
    return w;
}

bool ap_pool_wait(ap_pool *p, ap_pool_result *r)
{
    *r = (ap_pool_result){0};
    worker *w = ready_worker(p);
    if (!w)
        return false;
    frame_head h = {0};
    r->task = w->task;
    r->worker = w->pid;
    r->answer = read_frame(w->results, &h);
    if (!r->answer) {
        r->why = death_reason(worker_reap(p, w), &p->o);
    } else if (h.retiring) {
        worker_reap(p, w);
    }
    w->busy = false;
    return true;
}

void ap_pool_result_clear(ap_pool_result *r)
{
    g_free(r->answer);
    g_free(r->why);
    *r = (ap_pool_result){0};
}

long ap_pool_free(ap_pool *p)
{
    for (int k = 0; k < p->o.workers; k++)
        if (p->slots[k].pid)
            worker_reap(p, &p->slots[k]);     /* its input closed: it ends */
    signal(SIGPIPE, p->old_pipe);
    long peak = p->peak_kb;
    g_free(p->slots);
    g_free(p);
    return peak;
}
