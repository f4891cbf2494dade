/*
 * linkInt.h: what run/link.c (the routes) and run/link_index.c (the
 * meetings as the routes look them up) share. Private to those two files.
 *
 * An archive of decades holds thousands of meetings and a hundred
 * thousand documents, so no route looks at every meeting: each asks an
 * index for the meetings that could hold the document (those whose agenda
 * carries its decision number, whose item titles share one of its title's
 * rarer words, whose documents cite its label beside one of its title's
 * words), and scores those alone.
 */
#ifndef AP_LINK_INT_H
#define AP_LINK_INT_H

#include <cjson/cJSON.h>
#include <glib.h>

/* ---- words (link_index.c) ---- */

/* A set of words: casefolded, of three letters or more, not function
 * words. */
GHashTable *ap_words_new(void);
void ap_words_add(GHashTable *into, const char *text);
void ap_words_drop(GHashTable *from, const char *text);
guint ap_words_shared(GHashTable *a, GHashTable *b);

/* ---- meetings and their index (link_index.c) ---- */

typedef struct ap_link_meeting {
    const cJSON *record;    /* one record of the id: council, committee, date */
    GPtrArray *items;       /* agenda items (cJSON) of every record of the id */
    GPtrArray *item_words;  /* each item's title's words, the council's left out */
} ap_link_meeting;

/* A document of a meeting citing an appendix, with the words around it. */
typedef struct ap_link_cite {
    ap_link_meeting *m;
    const cJSON *doc;
    GHashTable *words;
} ap_link_cite;

typedef struct ap_linker {
    GHashTable *meetings;   /* id -> ap_link_meeting */
    GPtrArray *order;       /* the meetings, in id order */
    GHashTable *homes;      /* folder -> set of meeting ids of files under it */
    GHashTable *paths;      /* sha256 -> path, or NULL */
    GHashTable *by_ref;     /* decision number -> meetings whose agenda has it */
    GHashTable *by_word;    /* word -> meetings whose item titles hold it */
    GHashTable *by_cite;    /* "label\x1fword" -> ap_link_cite */
    GPtrArray *cites;       /* every ap_link_cite, owned */
} ap_linker;

/* The meetings of records (cJSON; unplaced document records are left
 * out), indexed. paths as ap_link_documents takes it. */
void ap_linker_init(ap_linker *l, GPtrArray *records, GHashTable *paths);
void ap_linker_clear(ap_linker *l);
/* The citations of the documents of a record now of m, for the routes'
 * next round. */
void ap_linker_add_documents(ap_linker *l, ap_link_meeting *m, const cJSON *documents);
/* The path a source was read from, or NULL. */
const char *ap_linker_path(const ap_linker *l, const cJSON *source);

/* The meetings (in id order, each once) whose items' titles hold one of
 * the words of the sets given that few meetings' titles hold. */
GPtrArray *ap_linker_title_candidates(const ap_linker *l, GPtrArray *const *sets, size_t nsets);
/* The meetings (in id order, each once) whose agenda carries one of refs. */
GPtrArray *ap_linker_ref_candidates(const ap_linker *l, GPtrArray *refs);
/* The citations of label beside one of words, each once, in no order
 * (what is built from them must not depend on one). */
GPtrArray *ap_linker_cite_candidates(const ap_linker *l, const char *label, GHashTable *words);

#endif
