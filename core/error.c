/*
 * error.c: the error value every stage fills instead of printing.
 *
 * Deep code says what went wrong ("encrypted: a password is needed"); the
 * caller that knows more adds it in front ("pack.pdf: ..."). The CLI is the
 * only place that writes an error to stderr.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "agendapack.h"
#include "core/error.h"

void ap_error_set(ap_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

void ap_error_prefix(ap_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    char prefix[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);

    /* A long reason is cut at the buffer's end; the prefix never is. */
    char *joined = g_strdup_printf("%s: %s", prefix, err->message);
    g_strlcpy(err->message, joined, sizeof err->message);
    g_free(joined);
}
