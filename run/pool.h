/*
 * pool.h: tasks run by forked worker processes, each task bounded in time
 * and each worker in memory, a crash costing only the task in hand.
 *
 * Poppler is not thread-safe, and a damaged PDF can crash it or make it
 * run away with time or memory, so every conversion (convert's and
 * batch's) runs in a worker forked from the warmed parent: no exec, no
 * dynamic linking again. A worker runs task after task, handed to it over
 * a pipe, so it pays once for what a process warms up (fonts, caches,
 * heap pages); it retires after a number of tasks.
 */
#ifndef AP_POOL_H
#define AP_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "agendapack.h"

/* Runs in a worker: the answer to task (the caller's number for it) with
 * arg, the text the parent sent with it. Returns a g_malloc'd string,
 * never NULL. ctx is the parent's, as it was when the worker was forked. */
typedef char *(*ap_pool_job)(size_t task, const char *arg, void *ctx);

typedef struct ap_pool_options {
    int workers;                /* at most this many at once (at least 1) */
    unsigned timeout_s;         /* a task's time limit; 0: none */
    size_t memory_mb;           /* a worker's address space; 0: none */
    unsigned tasks_per_worker;  /* a worker retires after so many; 0: never */
    ap_pool_job job;
    void *ctx;
} ap_pool_options;

typedef struct ap_pool_result {
    size_t task;
    char *answer;       /* the job's answer, or NULL when the worker died */
    char *why;          /* then: "timed out after 300 s", "memory limit
                         * (4096 MB) reached", "worker crashed (...)" */
    pid_t worker;       /* the process that ran it */
} ap_pool_result;

typedef struct ap_pool ap_pool;

ap_pool *ap_pool_new(const ap_pool_options *o);
/* Whether a task can be handed out now, and whether any is running. */
bool ap_pool_has_idle(const ap_pool *p);
bool ap_pool_busy(const ap_pool *p);
/* Hands task to an idle worker, starting one where needed; false (err
 * set) when no worker can be started. */
bool ap_pool_submit(ap_pool *p, size_t task, const char *arg, ap_error *err);
/* Waits until a running task ends, answered or not; false when none is
 * running. */
bool ap_pool_wait(ap_pool *p, ap_pool_result *r);
void ap_pool_result_clear(ap_pool_result *r);
/* Ends the workers (idle ones end when their pipe closes); returns the
 * most memory one of them held, in KB. */
long ap_pool_free(ap_pool *p);

#endif
