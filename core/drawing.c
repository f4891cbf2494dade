/*
 * drawing.c: the names a drawing's colours and shapes are read as (see
 * drawing.h), one place for the vector reading and the pixel one.
 */
#include <math.h>
#include <stdlib.h>

#include <glib.h>

#include "core/drawing.h"

void ap_rulings_clear(ap_rulings *r)
{
    g_free(r->vertical);
    g_free(r->horizontal);
    *r = (ap_rulings){0};
}

/* Channels this far apart at least: a colour, not a grey. */
#define SATURATED 80

static int channel(uint32_t rgb, int shift) { return (int)((rgb >> shift) & 0xff); }

ap_rag ap_rag_of_rgb(uint32_t rgb)
{
    int r = channel(rgb, 16), g = channel(rgb, 8), b = channel(rgb, 0);
    int hi = MAX(r, MAX(g, b)), lo = MIN(r, MIN(g, b));
    if (hi - lo < SATURATED)
        return AP_RAG_NONE;
    double d = hi - lo, hue;
    if (hi == r)
        hue = fmod((g - b) / d + 6, 6) * 60;
    else if (hi == g)
        hue = ((b - r) / d + 2) * 60;
    else
        hue = ((r - g) / d + 4) * 60;
    return hue < 20 || hue >= 330 ? AP_RAG_RED
           : hue < 65             ? AP_RAG_AMBER
           : hue < 170            ? AP_RAG_GREEN
                                  : AP_RAG_NONE;
}

const char *ap_rag_name(ap_rag rag)
{
    static const char *const names[] = {"red", "amber", "green"};
    return rag < AP_RAG_NONE ? names[rag] : NULL;
}

int ap_rgb_distance(uint32_t a, uint32_t b)
{
    return abs(channel(a, 16) - channel(b, 16)) + abs(channel(a, 8) - channel(b, 8)) +
           abs(channel(a, 0) - channel(b, 0));
}

const char *ap_arrow_direction(double top, double bottom, double left, double right)
{
    double vertical = fabs(top - bottom), across = fabs(left - right);
    if (MAX(vertical, across) * AP_HEAD_RATIO < MAX(MAX(top, bottom), MAX(left, right)))
        return NULL;        /* no end much wider than the other: a blob */
    if (vertical > across)
        return top > bottom ? "up" : "down";
    return "flat";
}
