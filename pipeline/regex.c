/* regex.c: see regex.h. */
#include <glib.h>

#include "pipeline/regex.h"

static pcre2_code *compile(const char *pattern, uint32_t options)
{
    int code;
    PCRE2_SIZE offset;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP | options, &code,
                                   &offset, NULL);
    if (!re)
        g_error("pattern %s does not compile at %zu", pattern, (size_t)offset);
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

bool ap_re_search(const pcre2_code *re, const char *text, size_t from,
                  ap_match *m)
{
    pcre2_match_data *md = pcre2_match_data_create(AP_MATCH_GROUPS, NULL);
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
    pcre2_match_data_free(md);
    return rc > 0;
}

char *ap_match_dup(const ap_match *m, const char *text, int group)
{
    if (!ap_match_set(m, group))
        return NULL;
    return g_strndup(text + m->start[group], m->end[group] - m->start[group]);
}
