/*
 * reconcile.c: what the records of one batch must agree on (see
 * reconcile.h).
 *
 * Each file is read alone, so one meeting's records may name its council
 * differently ("KENT COUNTY COUNCIL" over the minutes, "Kent" from an
 * address) or not at all (a frontsheet whose logo is a picture, a report
 * that prints only "County Council"), and a council missing from one
 * record would file its meeting under another id. Across the batch:
 *
 *   - each council is written one way: the fullest form printed of its
 *     slug (one naming the kind of council, then the longer, then the
 *     first in byte order, so the choice does not depend on the order
 *     the files were read in);
 *   - a record without a council takes the council of the batch's other
 *     records of the same committee and date, or, when every record that
 *     names a council names the same one, that one: an archive is one
 *     council's.
 *
 * Meeting records' ids are then made again from what they now say.
 */
#include <string.h>

#include <glib.h>

#include "core/json_fields.h"
#include "record/record.h"
#include "run/reconcile.h"

/* Whether a is a better form than b of one council's name. */
static bool fuller(const char *a, const char *b)
{
    bool ka = strstr(a, "Council") != NULL, kb = strstr(b, "Council") != NULL;
    if (ka != kb)
        return ka;
    if (strlen(a) != strlen(b))
        return strlen(a) > strlen(b);
    return strcmp(a, b) < 0;
}

/* "committee-slug|date" of a record's meeting, or NULL when it names no
 * committee and date (an unplaced document's is what it printed). */
static char *meeting_key(const cJSON *record)
{
    const cJSON *at = ap_record_unplaced(record) ? ap_field(record, "printed_for") : record;
    const char *committee = ap_field_text(at, "committee"), *date = ap_field_text(at, "date");
    if (!committee || !date)
        return NULL;
    char *slug = ap_committee_slug(committee);
    char *key = g_strconcat(slug, "|", date, NULL);
    g_free(slug);
    return key;
}

typedef struct councils {
    GHashTable *best;       /* council slug -> fullest name */
    GHashTable *of_meeting; /* meeting key -> council slug */
    char *only;             /* the one council slug every record names, or NULL */
    bool several;
} councils;

static void note(councils *c, const cJSON *record)
{
    const char *name = ap_field_text(record, "council");
    if (!name)
        return;
    char *slug = ap_council_slug(name);
    const char *best = g_hash_table_lookup(c->best, slug);
    if (!best || fuller(name, best))
        g_hash_table_replace(c->best, g_strdup(slug), g_strdup(name));
    char *key = meeting_key(record);
    if (key) {
        const char *had = g_hash_table_lookup(c->of_meeting, key);
        /* two councils for one meeting: the first in byte order, for a
         * choice that does not depend on the reading order */
        if (!had || strcmp(slug, had) < 0)
            g_hash_table_replace(c->of_meeting, key, g_strdup(slug));
        else
            g_free(key);
    }
    if (!c->only)
        c->only = g_strdup(slug);
    else if (strcmp(c->only, slug) != 0)
        c->several = true;
    g_free(slug);
}

/* The council slug a record should name: its own, its meeting's, or the
 * batch's only one. */
static const char *slug_for(const councils *c, const cJSON *record, char **own)
{
    const char *name = ap_field_text(record, "council");
    if (name)
        return *own = ap_council_slug(name);
    char *key = meeting_key(record);
    const char *slug = key ? g_hash_table_lookup(c->of_meeting, key) : NULL;
    g_free(key);
    if (!slug && !c->several)
        slug = c->only;
    return slug;
}

void ap_reconcile_councils(GPtrArray *records)
{
    councils c = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
                  g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free), NULL,
                  false};
    for (guint i = 0; i < records->len; i++)
        note(&c, records->pdata[i]);
    for (guint i = 0; i < records->len; i++) {
        cJSON *record = records->pdata[i];
        char *own = NULL;
        const char *slug = slug_for(&c, record, &own);
        const char *name = slug ? g_hash_table_lookup(c.best, slug) : NULL;
        if (name && g_strcmp0(name, ap_field_text(record, "council")) != 0) {
            ap_record_set_text(record, "council", name);
            if (!ap_record_unplaced(record))
                ap_record_set_id(record);
        }
        g_free(own);
    }
    g_hash_table_destroy(c.best);
    g_hash_table_destroy(c.of_meeting);
    g_free(c.only);
}
