/* export.h: what an export over any store shares (export.c; postgres.c). */
#ifndef AP_EXPORT_H
#define AP_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "agendapack.h"
#include "sinks/sink.h"

/* The sink that writes what in format, or NULL (err set). */
const char *ap_export_sink_name(ap_export_what what, const char *format, ap_error *err);
/* A meeting record's text, as a store holds it, parsed and fed to sink. */
bool ap_export_feed_text(ap_sink *sink, const char *text, ap_error *err);
/* Whether out took everything written (err set when not). */
bool ap_export_flushed(FILE *out, ap_error *err);

#endif
