/*
 * outdir.h: the layout of a batch's OUTDIR, defined here and nowhere else.
 *
 *   OUTDIR/files/SHA256.json     the log: one entry per input content
 *   OUTDIR/records/SHA256/NAME.json  the records converted from that content
 *   OUTDIR/meetings/ID.json      one merged record per meeting
 *   OUTDIR/documents/HASH.json   one record per unplaced document
 *   OUTDIR/agendapack.sqlite     the store
 *   OUTDIR/built.json            what the last rebuild made the meetings
 *                                and the store from (run/rebuild.c)
 *   OUTDIR/.lock                 held (flock) by the run writing OUTDIR
 */
#ifndef AP_OUTDIR_H
#define AP_OUTDIR_H

#include <stdbool.h>

#include "agendapack.h"
#include "core/files.h"   /* ap_real_dir */

/* Paths inside OUTDIR; g_free them. */
char *ap_outdir_log(const char *outdir);                      /* files/ */
char *ap_outdir_log_entry(const char *outdir, const char *sha);
char *ap_outdir_records(const char *outdir);                  /* records/ */
char *ap_outdir_records_of(const char *outdir, const char *sha);
char *ap_outdir_meetings(const char *outdir);
char *ap_outdir_documents(const char *outdir);
char *ap_outdir_store(const char *outdir);
char *ap_outdir_built(const char *outdir);

/* Whether name is a content hash, as the log and the records name their
 * entries: 64 lower-case hex digits. */
bool ap_is_sha256_name(const char *name);

/* Makes OUTDIR and its folders, takes OUTDIR's lock (refused with the
 * holder's pid while another run holds it) and removes the temporary
 * files a killed run left: only names of ap_is_temp_name's pattern, only
 * in OUTDIR's own folders, never through a link. *lock is the lock's
 * descriptor for ap_outdir_release (-1 when OUTDIR is on a read-only
 * file system, where no run can write and none need be kept out). */
bool ap_outdir_prepare(const char *outdir, int *lock, ap_error *err);
void ap_outdir_release(int lock);

/* Removes the regular files of one records/SHA256 folder (records and
 * temporary files), before its content is converted again: files the
 * program wrote, in a folder named by a content hash. */
void ap_outdir_clear_records(const char *dir);

#endif
