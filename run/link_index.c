/*
 * link_index.c: the meetings of a batch as the linking routes look them up
 * (see linkInt.h): the folders holding each meeting's own papers, and
 * indexes from decision number, title word and cited label to the
 * meetings that could hold a document.
 */
#include <string.h>

#include <glib.h>

#include "core/json_fields.h"
#include "record/record.h"
#include "run/linkInt.h"

/* A word found in the item titles of more meetings than this (and more
 * than a tenth of them) picks none: "report", "2025", "update" say
 * nothing of which meeting; the scoring still counts them. */
#define COMMON_WORD_MEETINGS 64

/* ---- words ------------------------------------------------------------------ */

static bool stop_word(const char *w)
{
    static const char *const stop[] = {"the", "and", "for", "with", "from", "this", "that",
                                       "its", "are", "was", "all", "appendix", "annex", NULL};
    for (const char *const *s = stop; *s; s++)
        if (!strcmp(*s, w))
            return true;
    return false;
}

GHashTable *ap_words_new(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

void ap_words_add(GHashTable *into, const char *text)
{
    if (!text)
        return;
    char *folded = g_utf8_casefold(text, -1);
    GString *w = g_string_new(NULL);
    for (const char *p = folded;; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c && g_unichar_isalnum(c)) {
            g_string_append_unichar(w, c);
            continue;
        }
        if (g_utf8_strlen(w->str, -1) >= 3 && !stop_word(w->str))
            g_hash_table_add(into, g_strdup(w->str));
        g_string_truncate(w, 0);
        if (!c)
            break;
    }
    g_string_free(w, TRUE);
    g_free(folded);
}

void ap_words_drop(GHashTable *from, const char *text)
{
    GHashTable *out = ap_words_new();
    ap_words_add(out, text);
    GHashTableIter it;
    gpointer word;
    g_hash_table_iter_init(&it, out);
    while (g_hash_table_iter_next(&it, &word, NULL))
        g_hash_table_remove(from, word);
    g_hash_table_destroy(out);
}

guint ap_words_shared(GHashTable *a, GHashTable *b)
{
    if (g_hash_table_size(a) > g_hash_table_size(b))
        return ap_words_shared(b, a);
    guint n = 0;
    GHashTableIter it;
    gpointer w;
    g_hash_table_iter_init(&it, a);
    while (g_hash_table_iter_next(&it, &w, NULL))
        n += g_hash_table_contains(b, w);
    return n;
}

/* ---- the index -------------------------------------------------------------- */

static GHashTable *set_new(void)
{
    return g_hash_table_new(g_direct_hash, g_direct_equal);
}

/* key's set in index (made when missing) gains value. */
static void index_add(GHashTable *index, const char *key, gpointer value)
{
    GHashTable *set = g_hash_table_lookup(index, key);
    if (!set) {
        set = set_new();
        g_hash_table_insert(index, g_strdup(key), set);
    }
    g_hash_table_add(set, value);
}

static int by_id(gconstpointer a, gconstpointer b)
{
    const ap_link_meeting *x = *(ap_link_meeting *const *)a, *y = *(ap_link_meeting *const *)b;
    return strcmp(ap_field_text(x->record, "id"), ap_field_text(y->record, "id"));
}

/* A set of meetings as an array in id order, so what is built from it
 * does not depend on a hash table's order. */
static GPtrArray *in_id_order(GHashTable *set)
{
    GPtrArray *list = g_ptr_array_new();
    GHashTableIter it;
    gpointer m;
    g_hash_table_iter_init(&it, set);
    while (g_hash_table_iter_next(&it, &m, NULL))
        g_ptr_array_add(list, m);
    g_ptr_array_sort(list, by_id);
    return list;
}

/* The folders holding the file: its own, then each above it. */
static void note_home(ap_linker *l, const char *path, const char *id)
{
    char *dir = g_path_get_dirname(path);
    for (;;) {
        index_add(l->homes, dir, (gpointer)id);
        char *up = g_path_get_dirname(dir);
        bool top = !strcmp(up, dir);
        g_free(dir);
        dir = up;
        if (top)
            break;
    }
    g_free(dir);
}

const char *ap_linker_path(const ap_linker *l, const cJSON *source)
{
    const char *sha = ap_field_text(source, "sha256");
    return l->paths && sha ? g_hash_table_lookup(l->paths, sha) : NULL;
}

static void note_items(ap_linker *l, ap_link_meeting *m, const cJSON *agenda)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, agenda) {
        GHashTable *w = ap_words_new();
        ap_words_add(w, ap_field_text(item, "title"));
        ap_words_drop(w, ap_field_text(m->record, "council"));
        GHashTableIter it;
        gpointer word;
        g_hash_table_iter_init(&it, w);
        while (g_hash_table_iter_next(&it, &word, NULL))
            index_add(l->by_word, word, m);
        g_ptr_array_add(m->items, (gpointer)item);
        g_ptr_array_add(m->item_words, w);
        const char *ref = ap_field_text(item, "decision_ref");
        if (ref)
            index_add(l->by_ref, ref, m);
    }
}

void ap_linker_add_documents(ap_linker *l, ap_link_meeting *m, const cJSON *documents)
{
    const cJSON *d, *c;
    cJSON_ArrayForEach(d, documents) {
        const char *own = ap_field_text(d, "label");
        cJSON_ArrayForEach(c, ap_field(d, "cites")) {
            const char *label = ap_field_text(c, "label");
            /* an appendix's running header is not a citation of itself */
            if (!label || !g_strcmp0(own, label))
                continue;
            ap_link_cite *cite = g_new(ap_link_cite, 1);
            *cite = (ap_link_cite){m, d, ap_words_new()};
            ap_words_add(cite->words, ap_field_text(c, "context"));
            g_ptr_array_add(l->cites, cite);
            GHashTableIter it;
            gpointer word;
            g_hash_table_iter_init(&it, cite->words);
            while (g_hash_table_iter_next(&it, &word, NULL)) {
                char *key = g_strconcat(label, "\x1f", (const char *)word, NULL);
                index_add(l->by_cite, key, cite);
                g_free(key);
            }
        }
    }
}

static void note_meeting(ap_linker *l, const cJSON *r)
{
    const char *id = ap_field_text(r, "id");
    ap_link_meeting *m = g_hash_table_lookup(l->meetings, id);
    if (!m) {
        m = g_new0(ap_link_meeting, 1);
        m->record = r;
        m->items = g_ptr_array_new();
        m->item_words = g_ptr_array_new_with_free_func((GDestroyNotify)g_hash_table_destroy);
        g_hash_table_insert(l->meetings, (gpointer)id, m);
        g_ptr_array_add(l->order, m);
    }
    note_items(l, m, ap_field(r, "agenda"));
    ap_linker_add_documents(l, m, ap_field(r, "documents"));
    const cJSON *s;
    cJSON_ArrayForEach(s, ap_field(r, "sources")) {
        const char *role = ap_field_text(s, "role"), *path = ap_linker_path(l, s);
        if (path && g_strcmp0(role, "minutes") != 0)
            note_home(l, path, ap_field_text(m->record, "id"));
    }
}

static void meeting_free(ap_link_meeting *m)
{
    g_ptr_array_free(m->items, TRUE);
    g_ptr_array_free(m->item_words, TRUE);
    g_free(m);
}

static void cite_free(ap_link_cite *c)
{
    g_hash_table_destroy(c->words);
    g_free(c);
}

static GHashTable *index_new(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify)g_hash_table_destroy);
}

void ap_linker_init(ap_linker *l, GPtrArray *records, GHashTable *paths)
{
    *l = (ap_linker){g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify)meeting_free),
                     g_ptr_array_new(), index_new(), paths, index_new(), index_new(),
                     index_new(), g_ptr_array_new_with_free_func((GDestroyNotify)cite_free)};
    for (guint i = 0; i < records->len; i++)
        if (!ap_record_unplaced(records->pdata[i]))
            note_meeting(l, records->pdata[i]);
    g_ptr_array_sort(l->order, by_id);
}

void ap_linker_clear(ap_linker *l)
{
    g_ptr_array_free(l->order, TRUE);
    g_hash_table_destroy(l->meetings);
    g_hash_table_destroy(l->homes);
    g_hash_table_destroy(l->by_ref);
    g_hash_table_destroy(l->by_word);
    g_hash_table_destroy(l->by_cite);
    g_ptr_array_free(l->cites, TRUE);
}

/* ---- candidates --------------------------------------------------------------- */

static void add_set(GHashTable *to, GHashTable *from)
{
    GHashTableIter it;
    gpointer x;
    g_hash_table_iter_init(&it, from);
    while (g_hash_table_iter_next(&it, &x, NULL))
        g_hash_table_add(to, x);
}

GPtrArray *ap_linker_title_candidates(const ap_linker *l, GPtrArray *const *sets, size_t nsets)
{
    guint common = MAX(COMMON_WORD_MEETINGS, l->order->len / 10);
    GHashTable *found = set_new();
    for (size_t s = 0; s < nsets; s++)
        for (guint i = 0; i < sets[s]->len; i++) {
            GHashTableIter it;
            gpointer word;
            g_hash_table_iter_init(&it, sets[s]->pdata[i]);
            while (g_hash_table_iter_next(&it, &word, NULL)) {
                GHashTable *ms = g_hash_table_lookup(l->by_word, word);
                if (ms && g_hash_table_size(ms) <= common)
                    add_set(found, ms);
            }
        }
    GPtrArray *list = in_id_order(found);
    g_hash_table_destroy(found);
    return list;
}

GPtrArray *ap_linker_ref_candidates(const ap_linker *l, GPtrArray *refs)
{
    GHashTable *found = set_new();
    for (guint i = 0; i < refs->len; i++) {
        GHashTable *ms = g_hash_table_lookup(l->by_ref, refs->pdata[i]);
        if (ms)
            add_set(found, ms);
    }
    GPtrArray *list = in_id_order(found);
    g_hash_table_destroy(found);
    return list;
}

GPtrArray *ap_linker_cite_candidates(const ap_linker *l, const char *label, GHashTable *words)
{
    GHashTable *found = set_new();
    GHashTableIter it;
    gpointer word;
    g_hash_table_iter_init(&it, words);
    while (g_hash_table_iter_next(&it, &word, NULL)) {
        char *key = g_strconcat(label, "\x1f", (const char *)word, NULL);
        GHashTable *cs = g_hash_table_lookup(l->by_cite, key);
        if (cs)
            add_set(found, cs);
        g_free(key);
    }
    GPtrArray *list = g_ptr_array_new();
    g_hash_table_iter_init(&it, found);
    gpointer c;
    while (g_hash_table_iter_next(&it, &c, NULL))
        g_ptr_array_add(list, c);
    g_hash_table_destroy(found);
    return list;
}
