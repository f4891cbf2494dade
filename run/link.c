/*
 * link.c: documents published on their own tied to their meeting across a
 * batch (see link.h).
 *
 * A report's cover often names its meeting (segment/meeting_ref.c); most
 * appendices, impact assessments and decision records name none. What
 * ties them is where the archive keeps them and what the other papers say:
 *
 *   folder        the file sits in a folder, or under one, holding files of
 *                 one meeting only, each read as that meeting's from its own
 *                 content (a frontsheet, a pack, a report whose cover names
 *                 it). Minutes are left out of this: councils publish them
 *                 with the next meeting's papers.
 *   decision_ref  a decision number it prints is an item's on one meeting's
 *                 agenda only ("24/00108").
 *   item_title    its title is, in most of its words, an item's on one
 *                 meeting's agenda only.
 *   citation      it is "Appendix G" (by its title, its first lines or, last,
 *                 its file's name) and documents of one meeting only cite
 *                 Appendix G with words of its title around the citation.
 *
 * The folder comes first: where an archive keeps a meeting's papers
 * together, that is the publisher's own word; a folder holding several
 * meetings' papers (a flat download) says nothing. The content routes then
 * run to a fixpoint, since a report tied in one round cites appendices tied
 * in the next; each round decides from what the round before left, so the
 * result does not depend on the order of the records. A tie is never
 * broken: a document two meetings claim stays unplaced. Councils must
 * agree, and a committee or date the document printed must be the
 * meeting's.
 *
 * Within its meeting a document takes the agenda item its decision number
 * or title shows, else the item of the document citing it.
 */
#include <string.h>

#include <cjson/cJSON.h>
#include <glib.h>

#include "core/json_fields.h"
#include "record/record.h"
#include "segment/segment.h"   /* ap_appendix_label */
#include "run/link.h"

/* An item title and a document title are the same item's when they share
 * so many words, and that part of the shorter one. */
#define TITLE_MIN_SHARED 3
#define TITLE_MIN_PART 0.75
#define TITLE_MIN_WHOLE 0.5
/* A citation names a document when the words around it hold so many of
 * the document's title's, and that part of them. */
#define CITE_MIN_SHARED 2
#define CITE_MIN_PART 0.5
/* Rounds of the content routes at most (each ties at least one document). */
#define MAX_ROUNDS 8

typedef struct meeting {
    const cJSON *record;    /* one record of the id: council, committee, date */
    GPtrArray *items;       /* agenda items (cJSON) of every record of the id */
    GPtrArray *docs;        /* documents (cJSON) of every record of the id */
} meeting;

typedef struct linker {
    GHashTable *meetings;   /* id -> meeting */
    GPtrArray *order;       /* the meetings, in id order */
    GHashTable *homes;      /* folder -> set of meeting ids of files under it */
    GHashTable *paths;      /* sha256 -> path, or NULL */
} linker;

/* A document's tie: its meeting, the item within it, and the route. */
typedef struct placement {
    meeting *m;
    const cJSON *item;      /* the item's "number", or NULL */
    const char *how;
} placement;

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

/* The words of text (casefolded, of three letters or more, not function
 * words) added to the set into. */
static void add_words(GHashTable *into, const char *text)
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

static GHashTable *words_new(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

static guint shared_words(GHashTable *a, GHashTable *b)
{
    if (g_hash_table_size(a) > g_hash_table_size(b))
        return shared_words(b, a);
    guint n = 0;
    GHashTableIter it;
    gpointer w;
    g_hash_table_iter_init(&it, a);
    while (g_hash_table_iter_next(&it, &w, NULL))
        n += g_hash_table_contains(b, w);
    return n;
}

/* How much of the shorter of two titles the other holds: 0 unless they
 * share TITLE_MIN_SHARED words and TITLE_MIN_WHOLE of the longer's (a
 * heading "Adult Social Care & Health" is not the item "Transfer ... to
 * the Adult Social Care and Health Directorate"). */
static double title_match(GHashTable *a, GHashTable *b)
{
    guint shared = shared_words(a, b);
    guint na = g_hash_table_size(a), nb = g_hash_table_size(b);
    if (shared < TITLE_MIN_SHARED || shared < TITLE_MIN_WHOLE * MAX(na, nb))
        return 0;
    return (double)shared / MIN(na, nb);
}

/* The words of text taken out of w. */
static void drop_words(GHashTable *w, const char *text)
{
    GHashTable *out = words_new();
    add_words(out, text);
    GHashTableIter it;
    gpointer word;
    g_hash_table_iter_init(&it, out);
    while (g_hash_table_iter_next(&it, &word, NULL))
        g_hash_table_remove(w, word);
    g_hash_table_destroy(out);
}

/* A document record's own words: its title and its documents' titles;
 * not its council's name, which every paper of the council prints. */
static GHashTable *record_words(const cJSON *r)
{
    GHashTable *w = words_new();
    add_words(w, ap_field_text(r, "title"));
    const cJSON *d;
    cJSON_ArrayForEach(d, ap_field(r, "documents"))
        add_words(w, ap_field_text(d, "title"));
    drop_words(w, ap_field_text(r, "council"));
    return w;
}

/* What a document may be titled by: its own titles (the record's, each
 * document's), matched as titles are; and the lines of its first
 * document's title block, alone and two by two (a title wraps), matched
 * only by naming most of an item's words (an assessment's "EQIA Title" is
 * followed by the title of what it assesses). */
typedef struct titles {
    GPtrArray *own, *lines;     /* word sets */
} titles;

static GHashTable *words_of(const char *text, const cJSON *r)
{
    GHashTable *w = words_new();
    add_words(w, text);
    drop_words(w, ap_field_text(r, "council"));
    return w;
}

static titles titles_of(const cJSON *r)
{
    titles t = {g_ptr_array_new_with_free_func((GDestroyNotify)g_hash_table_destroy),
                g_ptr_array_new_with_free_func((GDestroyNotify)g_hash_table_destroy)};
    g_ptr_array_add(t.own, words_of(ap_field_text(r, "title"), r));
    const cJSON *d;
    cJSON_ArrayForEach(d, ap_field(r, "documents"))
        g_ptr_array_add(t.own, words_of(ap_field_text(d, "title"), r));
    const cJSON *lines = ap_field(cJSON_GetArrayItem(ap_field(r, "documents"), 0), "headings");
    for (int i = 0; i < cJSON_GetArraySize(lines); i++) {
        const char *line = cJSON_GetStringValue(cJSON_GetArrayItem(lines, i)),
                   *next = cJSON_GetStringValue(cJSON_GetArrayItem(lines, i + 1));
        g_ptr_array_add(t.lines, words_of(line, r));
        if (next) {
            char *both = g_strconcat(line, " ", next, NULL);
            g_ptr_array_add(t.lines, words_of(both, r));
            g_free(both);
        }
    }
    return t;
}

static void titles_clear(titles *t)
{
    g_ptr_array_free(t->own, TRUE);
    g_ptr_array_free(t->lines, TRUE);
}

/* ---- the meetings ------------------------------------------------------------- */

static void meeting_free(meeting *m)
{
    g_ptr_array_free(m->items, TRUE);
    g_ptr_array_free(m->docs, TRUE);
    g_free(m);
}

static void add_all(GPtrArray *to, const cJSON *list)
{
    const cJSON *x;
    cJSON_ArrayForEach(x, list)
        g_ptr_array_add(to, (gpointer)x);
}

static int by_id(gconstpointer a, gconstpointer b)
{
    const meeting *x = *(meeting *const *)a, *y = *(meeting *const *)b;
    return strcmp(ap_field_text(x->record, "id"), ap_field_text(y->record, "id"));
}

/* The folders holding the file: its own, then each above it. */
static void note_home(linker *l, const char *path, const char *id)
{
    char *dir = g_path_get_dirname(path);
    for (;;) {
        GHashTable *ids = g_hash_table_lookup(l->homes, dir);
        if (!ids) {
            ids = g_hash_table_new(g_str_hash, g_str_equal);
            g_hash_table_insert(l->homes, g_strdup(dir), ids);
        }
        g_hash_table_add(ids, (gpointer)id);
        char *up = g_path_get_dirname(dir);
        bool top = !strcmp(up, dir);
        g_free(dir);
        dir = up;
        if (top)
            break;
    }
    g_free(dir);
}

static const char *path_of(const linker *l, const cJSON *source)
{
    const char *sha = ap_field_text(source, "sha256");
    return l->paths && sha ? g_hash_table_lookup(l->paths, sha) : NULL;
}

static void note_meeting(linker *l, const cJSON *r)
{
    const char *id = ap_field_text(r, "id");
    meeting *m = g_hash_table_lookup(l->meetings, id);
    if (!m) {
        m = g_new0(meeting, 1);
        m->record = r;
        m->items = g_ptr_array_new();
        m->docs = g_ptr_array_new();
        g_hash_table_insert(l->meetings, (gpointer)id, m);
        g_ptr_array_add(l->order, m);
    }
    add_all(m->items, ap_field(r, "agenda"));
    add_all(m->docs, ap_field(r, "documents"));
    const cJSON *s;
    cJSON_ArrayForEach(s, ap_field(r, "sources")) {
        const char *role = ap_field_text(s, "role"), *path = path_of(l, s);
        if (path && g_strcmp0(role, "minutes") != 0)
            note_home(l, path, ap_field_text(m->record, "id"));
    }
}

static void linker_init(linker *l, GPtrArray *records, GHashTable *paths)
{
    l->meetings = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify)meeting_free);
    l->order = g_ptr_array_new();
    l->homes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify)g_hash_table_destroy);
    l->paths = paths;
    for (guint i = 0; i < records->len; i++)
        if (!ap_record_unplaced(records->pdata[i]))
            note_meeting(l, records->pdata[i]);
    g_ptr_array_sort(l->order, by_id);
}

static void linker_clear(linker *l)
{
    g_ptr_array_free(l->order, TRUE);
    g_hash_table_destroy(l->meetings);
    g_hash_table_destroy(l->homes);
}

/* ---- whether a meeting may hold a document ---------------------------------------- */

static bool same_slug(const char *a, const char *b, char *(*slug)(const char *))
{
    char *x = slug(a), *y = slug(b);
    bool same = !strcmp(x, y);
    g_free(x);
    g_free(y);
    return same;
}

static bool agrees(const meeting *m, const cJSON *d)
{
    const char *council = ap_field_text(d, "council"), *theirs = ap_field_text(m->record, "council");
    if (council && theirs && !same_slug(council, theirs, ap_council_slug))
        return false;
    const cJSON *printed = ap_field(d, "printed_for");
    const char *date = ap_field_text(printed, "date"), *committee = ap_field_text(printed, "committee");
    if (date && g_strcmp0(date, ap_field_text(m->record, "date")) != 0)
        return false;
    theirs = ap_field_text(m->record, "committee");
    return !committee || !theirs || same_slug(committee, theirs, ap_committee_slug);
}

/* ---- items within a meeting ------------------------------------------------------ */

static bool prints_ref(const cJSON *d, const char *ref)
{
    if (!g_strcmp0(ap_field_text(ap_field(d, "printed_for"), "decision_ref"), ref))
        return true;
    const cJSON *doc, *r;
    cJSON_ArrayForEach(doc, ap_field(d, "documents"))
        cJSON_ArrayForEach(r, ap_field(doc, "decision_refs"))
            if (!g_strcmp0(cJSON_GetStringValue(r), ref))
                return true;
    return false;
}

/* Whether two items are one: a meeting's items come from each of its
 * records (the frontsheet, the pack, a supplement). */
static bool same_item(const cJSON *a, const cJSON *b)
{
    return !g_strcmp0(ap_field_text(a, "number"), ap_field_text(b, "number"));
}

/* The one item of m whose decision number d prints. */
static const cJSON *item_by_ref(const meeting *m, const cJSON *d)
{
    const cJSON *found = NULL;
    for (guint i = 0; i < m->items->len; i++) {
        const char *ref = ap_field_text(m->items->pdata[i], "decision_ref");
        if (ref && prints_ref(d, ref)) {
            if (found && !same_item(found, m->items->pdata[i]))
                return NULL;
            found = m->items->pdata[i];
        }
    }
    return found;
}

/* How well the best of a document's titles matches an item's words: its
 * own titles as title_match says; a title block line only by naming most
 * of the item's words (a short line shares a few words with many items). */
static double best_match(const titles *t, GHashTable *item)
{
    double best = 0;
    for (guint i = 0; i < t->own->len; i++)
        best = MAX(best, title_match(t->own->pdata[i], item));
    guint n = g_hash_table_size(item);
    for (guint i = 0; i < t->lines->len; i++) {
        guint shared = shared_words(t->lines->pdata[i], item);
        if (shared >= TITLE_MIN_SHARED)
            best = MAX(best, (double)shared / n);
    }
    return best;
}

/* The item of m whose title the document's titles (titles_of) best match, *score
 * how well (0: none, or two items as well). */
static const cJSON *item_by_title(const meeting *m, const titles *t, double *score)
{
    const cJSON *best = NULL;
    bool tie = false;
    *score = 0;
    for (guint i = 0; i < m->items->len; i++) {
        GHashTable *w = words_new();
        add_words(w, ap_field_text(m->items->pdata[i], "title"));
        drop_words(w, ap_field_text(m->record, "council"));
        double s = best_match(t, w);
        g_hash_table_destroy(w);
        if (s >= TITLE_MIN_PART && s > *score)
            best = m->items->pdata[i], *score = s, tie = false;
        else if (s >= TITLE_MIN_PART && s == *score && !same_item(best, m->items->pdata[i]))
            tie = true;
    }
    if (tie)
        *score = 0;
    return tie ? NULL : best;
}

static const cJSON *item_number(const cJSON *item)
{
    return item ? ap_field(item, "number") : NULL;
}

/* The item of m a document is for, or NULL. */
static const cJSON *item_in(const meeting *m, const cJSON *d)
{
    const cJSON *item = item_by_ref(m, d);
    if (!item) {
        titles t = titles_of(d);
        double score;
        item = item_by_title(m, &t, &score);
        titles_clear(&t);
    }
    return item_number(item);
}

/* ---- the routes --------------------------------------------------------------------- */

static const char *first_path(const linker *l, const cJSON *d)
{
    return path_of(l, cJSON_GetArrayItem(ap_field(d, "sources"), 0));
}

/* The one meeting of the nearest folder above the file that holds any. */
static placement by_folder(linker *l, const cJSON *d)
{
    placement p = {0};
    const char *path = first_path(l, d);
    if (!path)
        return p;
    char *dir = g_path_get_dirname(path);
    for (;;) {
        GHashTable *ids = g_hash_table_lookup(l->homes, dir);
        guint n = ids ? g_hash_table_size(ids) : 0;
        if (n == 1) {
            GList *only = g_hash_table_get_keys(ids);
            p.m = g_hash_table_lookup(l->meetings, only->data);
            g_list_free(only);
        }
        char *up = g_path_get_dirname(dir);
        bool top = !strcmp(up, dir) || n > 0;
        g_free(dir);
        dir = up;
        if (top)
            break;
    }
    g_free(dir);
    if (p.m && !agrees(p.m, d))
        p.m = NULL;
    if (p.m)
        p.item = item_in(p.m, d), p.how = "folder";
    return p;
}

static placement by_decision_ref(linker *l, const cJSON *d)
{
    placement p = {0};
    for (guint i = 0; i < l->order->len; i++) {
        meeting *m = l->order->pdata[i];
        const cJSON *item = agrees(m, d) ? item_by_ref(m, d) : NULL;
        if (!item)
            continue;
        if (p.m)
            return (placement){0};
        p = (placement){m, item_number(item), "decision_ref"};
    }
    return p;
}

static placement by_item_title(linker *l, const cJSON *d)
{
    placement p = {0};
    titles t = titles_of(d);
    double best = 0;
    bool tie = false;
    for (guint i = 0; i < l->order->len; i++) {
        meeting *m = l->order->pdata[i];
        double score;
        const cJSON *item = agrees(m, d) ? item_by_title(m, &t, &score) : NULL;
        if (!item)
            continue;
        if (score > best)
            p = (placement){m, item_number(item), "item_title"}, best = score, tie = false;
        else if (score == best)
            tie = true;
    }
    titles_clear(&t);
    return tie ? (placement){0} : p;
}

/* What the document is called where it is cited: what it calls itself
 * (segment/references.c), else its title's or its file's name's label. */
static char *label_of(const cJSON *d)
{
    const char *own = ap_field_text(cJSON_GetArrayItem(ap_field(d, "documents"), 0), "label");
    char *label = own ? g_strdup(own) : ap_appendix_label(ap_field_text(d, "title"));
    if (!label)
        label = ap_appendix_label(ap_field_text(cJSON_GetArrayItem(ap_field(d, "sources"), 0),
                                                "file"));
    return label;
}

/* How many of words a citation of label in m's documents shares at best,
 * and the citing document's item. */
static guint cited_in(const meeting *m, const char *label, GHashTable *words,
                      const cJSON **item)
{
    guint best = 0;
    for (guint i = 0; i < m->docs->len; i++) {
        const cJSON *c;
        /* an appendix's running header is not a citation of itself */
        if (!g_strcmp0(ap_field_text(m->docs->pdata[i], "label"), label))
            continue;
        cJSON_ArrayForEach(c, ap_field(m->docs->pdata[i], "cites")) {
            if (g_strcmp0(ap_field_text(c, "label"), label) != 0)
                continue;
            GHashTable *w = words_new();
            add_words(w, ap_field_text(c, "context"));
            guint n = shared_words(w, words);
            g_hash_table_destroy(w);
            if (n > best)
                best = n, *item = ap_field(m->docs->pdata[i], "item");
        }
    }
    return best;
}

static placement by_citation(linker *l, const cJSON *d)
{
    placement p = {0};
    char *label = label_of(d);
    if (!label)
        return p;
    GHashTable *w = record_words(d);
    guint need = MAX(CITE_MIN_SHARED, (guint)(g_hash_table_size(w) * CITE_MIN_PART + 0.999));
    guint best = 0;
    bool tie = false;
    for (guint i = 0; i < l->order->len; i++) {
        meeting *m = l->order->pdata[i];
        const cJSON *item = NULL;
        guint n = agrees(m, d) ? cited_in(m, label, w, &item) : 0;
        if (n < need || n < best)
            continue;
        tie = n == best;
        if (n > best)
            p = (placement){m, cJSON_IsString(item) ? item : NULL, "citation"}, best = n;
    }
    g_hash_table_destroy(w);
    g_free(label);
    return tie ? (placement){0} : p;
}

/* ---- tying ---------------------------------------------------------------------------- */

static void set_item(cJSON *o, const cJSON *item)
{
    if (item && cJSON_IsNull(ap_field(o, "item")))
        cJSON_ReplaceItemInObjectCaseSensitive(o, "item", cJSON_Duplicate(item, false));
}

/* The record of d, now its meeting's, with how and for which item. */
static cJSON *place(linker *l, cJSON *d, const placement *p)
{
    cJSON *r = ap_record_placed(d, p->m->record);
    static const char *const parts[] = {"documents", "tables", "indicators"};
    for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
        cJSON *x;
        cJSON_ArrayForEach(x, ap_field(r, parts[i])) {
            set_item(x, p->item);
            if (!strcmp(parts[i], "documents"))
                cJSON_ReplaceItemInObjectCaseSensitive(x, "linked_by",
                                                       cJSON_CreateString(p->how));
        }
    }
    add_all(p->m->docs, ap_field(r, "documents"));
    (void)l;
    return r;
}

static void count(ap_link_counts *c, const char *how)
{
    if (!strcmp(how, "folder"))
        c->folder++;
    else if (!strcmp(how, "decision_ref"))
        c->decision_ref++;
    else if (!strcmp(how, "item_title"))
        c->item_title++;
    else
        c->citation++;
}

typedef placement (*route_fn)(linker *, const cJSON *);

/* One round of routes over the records still unplaced: each decided from
 * the state before the round, then all tied at once. */
static size_t round_of(linker *l, GPtrArray *records, const route_fn *routes,
                       ap_link_counts *counts)
{
    placement *found = g_new0(placement, records->len);
    for (guint i = 0; i < records->len; i++)
        for (const route_fn *r = routes; ap_record_unplaced(records->pdata[i]) && *r && !found[i].m;
             r++)
            found[i] = (*r)(l, records->pdata[i]);
    size_t n = 0;
    for (guint i = 0; i < records->len; i++)
        if (found[i].m) {
            records->pdata[i] = place(l, records->pdata[i], &found[i]);
            count(counts, found[i].how);
            n++;
        }
    g_free(found);
    return n;
}

/* Documents a cover or heading tied to their meeting take the item their
 * decision number or title shows. */
static void fill_items(linker *l, GPtrArray *records)
{
    for (guint i = 0; i < records->len; i++) {
        cJSON *r = records->pdata[i];
        if (ap_record_unplaced(r) || g_strcmp0(ap_field_text(r, "status"), "documents") != 0)
            continue;
        const cJSON *item = item_in(g_hash_table_lookup(l->meetings, ap_field_text(r, "id")), r);
        static const char *const parts[] = {"documents", "tables", "indicators"};
        for (size_t k = 0; item && k < G_N_ELEMENTS(parts); k++) {
            cJSON *x;
            cJSON_ArrayForEach(x, ap_field(r, parts[k]))
                set_item(x, item);
        }
    }
}

void ap_link_documents(GPtrArray *records, GHashTable *paths, ap_link_counts *counts)
{
    *counts = (ap_link_counts){0};
    linker l = {0};
    linker_init(&l, records, paths);
    fill_items(&l, records);
    static const route_fn folder[] = {by_folder, NULL};
    static const route_fn content[] = {by_decision_ref, by_item_title, by_citation, NULL};
    round_of(&l, records, folder, counts);
    for (int i = 0; i < MAX_ROUNDS && round_of(&l, records, content, counts); i++)
        ;
    linker_clear(&l);
}
