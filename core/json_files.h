/* json_files.h: the JSON files of a folder, read in name order, and one
 * written atomically. */
#ifndef AP_JSON_FILES_H
#define AP_JSON_FILES_H

#include <stdbool.h>

#include <cjson/cJSON.h>
#include <glib.h>

#include "agendapack.h"

/* Told of a file the program wrote earlier and cannot take now (damaged,
 * missing): its path, and why. */
typedef void (*ap_notice_fn)(const char *path, const char *why, void *ctx);

/* Given each file of a folder in name order: json is the parsed file
 * (which fn owns: keeps or cJSON_Deletes), or NULL when the file cannot
 * be read or is not JSON (damaged, truncated), and then err says why
 * (without the path);
 * path names the file, text is its content (NULL with json). Returns false
 * to stop. */
typedef bool (*ap_json_file_fn)(cJSON *json, const char *path, const char *text,
                                const ap_error *err, void *ctx);

/* The names of dir's *.json entries, in name order (a GPtrArray of
 * strings; empty when dir is missing). */
GPtrArray *ap_json_file_names(const char *dir);

/* Calls fn for every regular file named *.json in dir, in name order.
 * Symbolic links and anything else are passed over: what the program
 * reads back it wrote itself, and it never writes a link. A missing dir
 * has no files. Returns false when fn stopped the walk. */
bool ap_each_json_file(const char *dir, ap_json_file_fn fn, void *ctx);

/* Writes json to path through a temporary file beside it (PATH.XXXXXX,
 * see ap_is_temp_name) renamed over it, so a crash or a kill leaves the
 * old file or the new one, never half of one. Synced only where it
 * replaces a file (otherwise a crash could lose both); a batch makes its
 * run durable with one sync at its end. err: "PATH: reason". */
bool ap_json_file_write(const char *path, const cJSON *json, ap_error *err);
/* The same for text already made. */
bool ap_text_file_write(const char *path, const char *text, ap_error *err);
/* The same never synced, for the many files of a run that syncs once at
 * its end (ap_sync_filesystem): a kill cannot lose them (the kernel holds
 * what a process wrote), and a sync a file costs more than the file. */
bool ap_text_file_write_unsynced(const char *path, const char *text, ap_error *err);
/* What was written to the file system dir is on, put on disk: syncfs. */
void ap_sync_filesystem(const char *dir);

/* Whether name is one of ap_json_file_write's temporary files: a name
 * ending in ".json." and six letters or digits. Only such files, in the
 * program's own folders, are ever removed as left over by a killed run. */
bool ap_is_temp_name(const char *name);

#endif
