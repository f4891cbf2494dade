/*
 * link.h: documents published on their own tied to their meeting across
 * the records of a batch (link.c).
 */
#ifndef AP_LINK_H
#define AP_LINK_H

#include <glib.h>

/* Each unplaced document record (cJSON) among records that the batch ties
 * to one meeting is replaced by a documents record of that meeting, its
 * documents saying how they were tied (linked_by) and for which agenda
 * item; a document already in a meeting's record that names no item is
 * given the item its decision number or title shows. paths maps a file's
 * SHA-256 to the path it was read from (for the folder route), or is NULL. */
void ap_link_documents(GPtrArray *records, GHashTable *paths);

#endif
