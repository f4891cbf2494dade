/* rebuild.h: the meetings and the store from OUTDIR (rebuild.c). */
#ifndef AP_REBUILD_H
#define AP_REBUILD_H

#include <stdbool.h>

#include "agendapack.h"
#include "core/json_files.h"

/* How much a rebuild makes again. */
typedef enum ap_rebuild_mode {
    AP_REBUILD_IF_CHANGED,  /* nothing, when the store was built from this
                             * very log; else as CHANGED */
    AP_REBUILD_CHANGED,     /* the records whose inputs changed since the
                             * last rebuild (all, when it left no built.json) */
    AP_REBUILD_ALL,         /* every record (after --force) */
} ap_rebuild_mode;

/* The meetings and the store rebuilt from OUTDIR's log and records as
 * mode says; t's meeting counts filled either way (t->rebuilt: the
 * meetings made again). A damaged record is passed to damaged and left
 * out. */
bool ap_rebuild(const char *outdir, ap_rebuild_mode mode, ap_batch_totals *t,
                ap_notice_fn damaged, void *ctx, ap_error *err);

#endif
