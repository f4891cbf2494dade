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
#include "run/link.h"
#include "run/linkInt.h"
#include "segment/segment.h"   /* ap_appendix_label */

/* An item title and a document title are the same item's when they share
 * so many words, that part of the shorter one and this part of the
 * longer (a heading "Adult Social Care & Health" is not the item
 * "Transfer ... to the Adult Social Care and Health Directorate"). */
#define TITLE_MIN_SHARED 3
#define TITLE_MIN_PART 0.75
#define TITLE_MIN_WHOLE 0.5
/* A citation names a document when the words around it hold so many of
 * the document's title's, and that part of them. */
#define CITE_MIN_SHARED 2
#define CITE_MIN_PART 0.5
/* Rounds of the content routes at most (each ties at least one document). */
#define MAX_ROUNDS 8

typedef ap_link_meeting meeting;
typedef ap_linker linker;

/* A document's tie: its meeting, the item within it, and the route. */
typedef struct placement {
    meeting *m;
    const cJSON *item;      /* the item's "number", or NULL */
    const char *how;
} placement;

/* ---- titles ------------------------------------------------------------------- */

static double title_match(GHashTable *a, GHashTable *b)
{
    guint shared = ap_words_shared(a, b);
    guint na = g_hash_table_size(a), nb = g_hash_table_size(b);
    if (shared < TITLE_MIN_SHARED || shared < TITLE_MIN_WHOLE * MAX(na, nb))
        return 0;
    return (double)shared / MIN(na, nb);
}

/* The words of text, the record's council's name left out: every paper of
 * the council prints it. */
static GHashTable *words_of(const char *text, const cJSON *r)
{
    GHashTable *w = ap_words_new();
    ap_words_add(w, text);
    ap_words_drop(w, ap_field_text(r, "council"));
    return w;
}

/* A document record's title words: its title and its documents' titles. */
static GHashTable *record_words(const cJSON *r)
{
    GHashTable *w = ap_words_new();
    ap_words_add(w, ap_field_text(r, "title"));
    const cJSON *d;
    cJSON_ArrayForEach(d, ap_field(r, "documents"))
        ap_words_add(w, ap_field_text(d, "title"));
    ap_words_drop(w, ap_field_text(r, "council"));
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
        guint shared = ap_words_shared(t->lines->pdata[i], item);
        if (shared >= TITLE_MIN_SHARED)
            best = MAX(best, (double)shared / n);
    }
    return best;
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

/* The decision numbers a document record prints, each once. */
static GPtrArray *refs_of(const cJSON *d)
{
    GPtrArray *refs = g_ptr_array_new();
    const char *printed = ap_field_text(ap_field(d, "printed_for"), "decision_ref");
    if (printed)
        g_ptr_array_add(refs, (gpointer)printed);
    const cJSON *doc, *r;
    cJSON_ArrayForEach(doc, ap_field(d, "documents"))
        cJSON_ArrayForEach(r, ap_field(doc, "decision_refs"))
            if (cJSON_IsString(r) && !g_ptr_array_find_with_equal_func(refs, r->valuestring,
                                                                       g_str_equal, NULL))
                g_ptr_array_add(refs, r->valuestring);
    return refs;
}

/* Whether two items are one: a meeting's items come from each of its
 * records (the frontsheet, the pack, a supplement). */
static bool same_item(const cJSON *a, const cJSON *b)
{
    return !g_strcmp0(ap_field_text(a, "number"), ap_field_text(b, "number"));
}

/* The one item of m carrying one of refs. */
static const cJSON *item_by_ref(const meeting *m, GPtrArray *refs)
{
    const cJSON *found = NULL;
    for (guint i = 0; i < m->items->len; i++) {
        const char *ref = ap_field_text(m->items->pdata[i], "decision_ref");
        if (ref && g_ptr_array_find_with_equal_func(refs, ref, g_str_equal, NULL)) {
            if (found && !same_item(found, m->items->pdata[i]))
                return NULL;
            found = m->items->pdata[i];
        }
    }
    return found;
}

/* The item of m whose title the document's titles best match, *score how
 * well (0: none, or two items as well). */
static const cJSON *item_by_title(const meeting *m, const titles *t, double *score)
{
    const cJSON *best = NULL;
    bool tie = false;
    *score = 0;
    for (guint i = 0; i < m->items->len; i++) {
        double s = best_match(t, m->item_words->pdata[i]);
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
    GPtrArray *refs = refs_of(d);
    const cJSON *item = item_by_ref(m, refs);
    g_ptr_array_free(refs, TRUE);
    if (!item) {
        titles t = titles_of(d);
        double score;
        item = item_by_title(m, &t, &score);
        titles_clear(&t);
    }
    return item_number(item);
}

/* ---- the routes --------------------------------------------------------------------- */

/* The one meeting of the nearest folder above the file that holds any. */
static placement by_folder(linker *l, const cJSON *d)
{
    placement p = {0};
    const char *path = ap_linker_path(l, cJSON_GetArrayItem(ap_field(d, "sources"), 0));
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
    GPtrArray *refs = refs_of(d);
    GPtrArray *ms = ap_linker_ref_candidates(l, refs);
    for (guint i = 0; i < ms->len; i++) {
        meeting *m = ms->pdata[i];
        const cJSON *item = agrees(m, d) ? item_by_ref(m, refs) : NULL;
        if (!item)
            continue;
        if (p.m) {
            p = (placement){0};
            break;
        }
        p = (placement){m, item_number(item), "decision_ref"};
    }
    g_ptr_array_free(ms, TRUE);
    g_ptr_array_free(refs, TRUE);
    return p;
}

static placement by_item_title(linker *l, const cJSON *d)
{
    placement p = {0};
    titles t = titles_of(d);
    GPtrArray *const sets[] = {t.own, t.lines};
    GPtrArray *ms = ap_linker_title_candidates(l, sets, G_N_ELEMENTS(sets));
    double best = 0;
    bool tie = false;
    for (guint i = 0; i < ms->len; i++) {
        meeting *m = ms->pdata[i];
        double score;
        const cJSON *item = agrees(m, d) ? item_by_title(m, &t, &score) : NULL;
        if (!item)
            continue;
        if (score > best)
            p = (placement){m, item_number(item), "item_title"}, best = score, tie = false;
        else if (score == best)
            tie = true;
    }
    g_ptr_array_free(ms, TRUE);
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

/* A meeting's best citation of the document: how many of its title's
 * words stand around it, and the citing document's item (of two as good,
 * the first in item order, whatever order the records came in). */
typedef struct cited {
    meeting *m;
    guint shared;
    const cJSON *item;
} cited;

static bool better_item(const cJSON *a, const cJSON *than)
{
    return cJSON_IsString(a) && (!cJSON_IsString(than) || strcmp(a->valuestring,
                                                                 than->valuestring) < 0);
}

static placement by_citation(linker *l, const cJSON *d)
{
    placement p = {0};
    char *label = label_of(d);
    if (!label)
        return p;
    GHashTable *w = record_words(d);
    guint need = MAX(CITE_MIN_SHARED, (guint)(g_hash_table_size(w) * CITE_MIN_PART + 0.999));
    GPtrArray *cites = ap_linker_cite_candidates(l, label, w);
    /* each meeting's best citation */
    GHashTable *per = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    for (guint i = 0; i < cites->len; i++) {
        const ap_link_cite *c = cites->pdata[i];
        guint n = ap_words_shared(c->words, w);
        const cJSON *item = ap_field(c->doc, "item");
        cited *mine = g_hash_table_lookup(per, c->m);
        if (!mine) {
            mine = g_new0(cited, 1);
            mine->m = c->m;
            g_hash_table_insert(per, c->m, mine);
        }
        if (n > mine->shared || (n == mine->shared && better_item(item, mine->item)))
            mine->shared = n, mine->item = item;
    }
    /* the one best of them (a tie ties no meeting, whatever the order) */
    guint best = 0;
    bool tie = false;
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, per);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        const cited *c = value;
        if (c->shared < need || c->shared < best || !agrees(c->m, d))
            continue;
        tie = c->shared == best;
        if (c->shared > best)
            p = (placement){c->m, cJSON_IsString(c->item) ? c->item : NULL, "citation"},
            best = c->shared;
    }
    g_hash_table_destroy(per);
    g_ptr_array_free(cites, TRUE);
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

/* The record's documents, tables and indicators that name no item take
 * this one. */
static void set_items(cJSON *r, const cJSON *item)
{
    static const char *const parts[] = {"documents", "tables", "indicators"};
    for (size_t i = 0; item && i < G_N_ELEMENTS(parts); i++) {
        cJSON *x;
        cJSON_ArrayForEach(x, ap_field(r, parts[i]))
            set_item(x, item);
    }
}

/* The record of d, now its meeting's, with how and for which item. */
static cJSON *place(linker *l, cJSON *d, const placement *p)
{
    cJSON *r = ap_record_placed(d, p->m->record);
    set_items(r, p->item);
    cJSON *x;
    cJSON_ArrayForEach(x, ap_field(r, "documents"))
        cJSON_ReplaceItemInObjectCaseSensitive(x, "linked_by", cJSON_CreateString(p->how));
    ap_linker_add_documents(l, p->m, ap_field(r, "documents"));
    return r;
}

typedef placement (*route_fn)(linker *, const cJSON *);

/* One round of routes over the records still unplaced: each decided from
 * the state before the round, then all tied at once. */
static size_t round_of(linker *l, GPtrArray *records, const route_fn *routes)
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
        set_items(r, item_in(g_hash_table_lookup(l->meetings, ap_field_text(r, "id")), r));
    }
}

void ap_link_documents(GPtrArray *records, GHashTable *paths)
{
    linker l;
    ap_linker_init(&l, records, paths);
    fill_items(&l, records);
    static const route_fn folder[] = {by_folder, NULL};
    static const route_fn content[] = {by_decision_ref, by_item_title, by_citation, NULL};
    round_of(&l, records, folder);
    for (int i = 0; i < MAX_ROUNDS && round_of(&l, records, content); i++)
        ;
    ap_linker_clear(&l);
}
