/*
 * fuzz_normalise.c: libFuzzer target over the normaliser: every date,
 * time, venue, council-name and slug function on text as a PDF may hold
 * it (any bytes, not only UTF-8). What it finds must also be sane: a date
 * found lies within the text and is a real day.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "lexicon/normalise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = g_strndup((const char *)data, size);
    size_t len = strlen(text);
    ap_error err = {{0}};
    char iso[11], hhmm[6];
    ap_parse_date(text, iso, &err);
    ap_parse_time(text, hhmm, &err);
    for (int numeric = 0; numeric < 2; numeric++) {
        ap_date_match d;
        for (size_t from = 0; from <= len && ap_find_date(text, from, numeric, &d);
             from = d.end + (d.end == from)) {
            if (d.start > d.end || d.end > len)
                __builtin_trap();
            int y, m, dd;
            if (sscanf(d.iso, "%4d-%2d-%2d", &y, &m, &dd) != 3 ||
                !g_date_valid_dmy((GDateDay)dd, (GDateMonth)m, (GDateYear)y))
                __builtin_trap();
            g_free(ap_venue_near_date(text, &d, len));
        }
        ap_time_match t;
        for (size_t from = 0; from <= len && ap_find_time(text, from, numeric, &t);
             from = t.end + (t.end == from))
            if (t.start > t.end || t.end > len)
                __builtin_trap();
    }
    ap_is_council_name(text);
    g_free(ap_collapse_space(text));
    g_free(ap_slug(text));
    g_free(text);
    return 0;
}
