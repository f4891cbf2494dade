/* rebuild.h: the meetings and the store from OUTDIR (rebuild.c). */
#ifndef AP_REBUILD_H
#define AP_REBUILD_H

#include <stdbool.h>

#include "agendapack.h"
#include "core/json_files.h"

/* The meetings and the store rebuilt from OUTDIR's log and records,
 * unless nothing changed (changed false) and the store was built from
 * this very log; t's meeting counts filled either way. A damaged record
 * is passed to damaged and left out. */
bool ap_rebuild(const char *outdir, bool changed, ap_batch_totals *t, ap_notice_fn damaged,
                void *ctx, ap_error *err);

#endif
