/* json_files.h: the JSON files of a folder, read in name order. */
#ifndef AP_JSON_FILES_H
#define AP_JSON_FILES_H

#include <stdbool.h>

#include <cjson/cJSON.h>

/* Given each parsed file (which it owns: keeps or cJSON_Deletes) and its
 * text; returns false to stop. */
typedef bool (*ap_json_file_fn)(cJSON *json, const char *text, void *ctx);

/* Calls fn for every *.json in dir that parses, in name order. */
void ap_each_json_file(const char *dir, ap_json_file_fn fn, void *ctx);

#endif
