/*
 * reconcile.h: what the records of one batch must agree on, made so before
 * they are merged (reconcile.c).
 */
#ifndef AP_RECONCILE_H
#define AP_RECONCILE_H

#include <glib.h>

/* Each council written one way across records (cJSON meeting and
 * unplaced document records), and a council for each record that names
 * none, where the batch tells it; meeting ids made again. */
void ap_reconcile_councils(GPtrArray *records);

#endif
