/*
 * regex.h: the thin layer every stage uses over PCRE2.
 *
 * Patterns are constants, so each module compiles its own once per process
 * (g_once) and a pattern that does not compile is a programming error that
 * aborts at first use. All patterns are caseless and Unicode-aware.
 */
#ifndef AP_REGEX_H
#define AP_REGEX_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>

#define AP_MATCH_GROUPS 10

/* Byte offsets of a match and its groups; an unset group has start ==
 * end == AP_UNSET. */
#define AP_UNSET ((size_t)-1)
typedef struct ap_match {
    size_t start[AP_MATCH_GROUPS], end[AP_MATCH_GROUPS];
} ap_match;

pcre2_code *ap_re_compile(const char *pattern);
/* JIT-compile the patterns compiled from now on (they are compiled at
 * first use). JIT code matches about three times faster, and compiling
 * it for every pattern costs about 3 ms: worth it in a process that
 * converts many files (a batch worker), not in one that converts one. */
void ap_re_use_jit(bool on);
/* Same, but case matters (for patterns that test capitals). */
pcre2_code *ap_re_compile_cased(const char *pattern);

/* The first match at or after byte offset from; m may be NULL. */
bool ap_re_search(const pcre2_code *re, const char *text, size_t from,
                  ap_match *m);

static inline bool ap_match_set(const ap_match *m, int group)
{
    return m->start[group] != AP_UNSET;
}

/* A copy of the group's text (g_free it), or NULL when unset. */
char *ap_match_dup(const ap_match *m, const char *text, int group);

#endif
