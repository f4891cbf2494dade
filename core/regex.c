/* regex.c: see regex.h. */
#include <glib.h>

#include "core/regex.h"

/* Whether patterns compiled from now on are JIT-compiled too. */
static bool jit;

void ap_re_use_jit(bool on)
{
    jit = on;
}

/*
 * PCRE2_MATCH_INVALID_UTF: without it every pcre2_match() checks that the
 * whole subject is valid UTF-8 before it starts, and the stages search
 * one page's or one document's text many times from successive offsets,
 * so the check cost more than the matching. With it, invalid bytes simply
 * never match, and the check is skipped. Where JIT is asked for,
 * pcre2_match uses the JIT code by itself (and the interpreter where the
 * platform has no JIT).
 */
static pcre2_code *compile(const char *pattern, uint32_t options)
{
    int code;
    PCRE2_SIZE offset;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | options,
                                   &code, &offset, NULL);
    if (!re)
        g_error("pattern %s does not compile at %zu", pattern, (size_t)offset);
    if (jit)
        pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

pcre2_code *ap_re_compile(const char *pattern)
{
    return compile(pattern, PCRE2_CASELESS);
}

pcre2_code *ap_re_compile_cased(const char *pattern)
{
    return compile(pattern, 0);
}

/* One match block for every search: a process runs one search at a time
 * (workers are processes, not threads), and making one per search was a
 * malloc and a free each time. */
static pcre2_match_data *match_data(void)
{
    static pcre2_match_data *md;
    if (!md)
        md = pcre2_match_data_create(AP_MATCH_GROUPS, NULL);
    return md;
}

bool ap_re_search(const pcre2_code *re, const char *text, size_t from,
                  ap_match *m)
{
    pcre2_match_data *md = match_data();
    int rc = pcre2_match(re, (PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED, from, 0,
                         md, NULL);
    if (rc > 0 && m) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        for (int g = 0; g < AP_MATCH_GROUPS; g++) {
            bool set = g < rc && ov[2 * g] != PCRE2_UNSET;
            m->start[g] = set ? ov[2 * g] : AP_UNSET;
            m->end[g] = set ? ov[2 * g + 1] : AP_UNSET;
        }
    }
    return rc > 0;
}

char *ap_match_dup(const ap_match *m, const char *text, int group)
{
    if (!ap_match_set(m, group))
        return NULL;
    return g_strndup(text + m->start[group], m->end[group] - m->start[group]);
}
