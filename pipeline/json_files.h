/* json_files.h: the JSON files of a folder, read in name order, and one
 * written. */
#ifndef AP_JSON_FILES_H
#define AP_JSON_FILES_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "agendapack.h"

/* Given each parsed file (which it owns: keeps or cJSON_Deletes) and its
 * text; returns false to stop. */
typedef bool (*ap_json_file_fn)(cJSON *json, const char *text, void *ctx);

/* Calls fn for every *.json in dir that parses, in name order. */
void ap_each_json_file(const char *dir, ap_json_file_fn fn, void *ctx);

/* Writes json to path into a temporary file renamed over it, so a crash or
 * a kill leaves the old file or the new one, never half of one. Synced
 * only where it replaces a file (GLib's rule: otherwise a crash could lose
 * both); a batch makes its run durable with one sync at its end. */
bool ap_json_file_write(const char *path, const cJSON *json, ap_error *err);

#endif
