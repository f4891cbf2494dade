/* store.h: reading the store (sinks/query.c), for the commands that do. */
#ifndef AP_STORE_H
#define AP_STORE_H

#include <stdbool.h>
#include <sqlite3.h>

#include "agendapack.h"

/* The store's layout, raised whenever its tables or views change. A
 * store keeps it (PRAGMA user_version); one of another version is not
 * read, and a batch run rebuilds it, whatever it was built from. */
#define AP_STORE_VERSION 3

/* The store at path opened read-only and immutable (it is only ever
 * replaced whole): no locks, no files made beside it, readable on a
 * read-only mount. NULL and err when it is missing, damaged or not a
 * store. */
sqlite3 *ap_store_open_read(const char *path, ap_error *err);
/* What an SQLite error rc from reading the store means, in a sentence
 * (a static buffer). */
const char *ap_store_damage(sqlite3 *db, int rc);
/* Whether the store at path, of this version, was built from exactly
 * these files: their content hashes, sorted, comma-joined. */
bool ap_store_built_from(const char *path, const char *hashes);

/* The surname of a name as printed ("Mr R. W. Gough" -> "gough"): its
 * last word, lowered, titles and full stops dropped, as `person` matches
 * names; NULL when it has none. g_free it. */
char *ap_name_surname(const char *name);

#endif
