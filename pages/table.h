/*
 * table.h: tables rebuilt from positioned text.
 *
 * A table is a run of visual rows (pages/layout.c) with several cells
 * each, whose cells line up in columns. Columns come from the left edges
 * of cells that recur down the run; a table row's wrapped lines (a cell
 * running onto a second line, a header set in a narrow column) join the
 * row above because they sit closer to it than rows sit to each other.
 */
#ifndef AP_TABLE_H
#define AP_TABLE_H

#include <glib.h>

#include "pages/layout.h"
#include "core/drawing.h"
#include "core/page_model.h"

typedef struct ap_table_cell {
    char *text;             /* wrapped lines joined */
    size_t col;
    ap_bbox bbox;
    size_t tail;            /* where the last line joined starts in text */
} ap_table_cell;

typedef struct ap_table_row {
    ap_table_cell *cells;   /* left to right */
    size_t ncells;
    ap_bbox bbox;
} ap_table_row;

typedef struct ap_table {
    ap_table_row *rows;
    size_t nrows;
    double *col_x;          /* left edge of each column */
    size_t ncols;
    ap_bbox bbox;
} ap_table;

/* The words of a document's running text (lines of six words or more),
 * lower-cased: how a table tells a word broken to fit a narrow column
 * ("Manches" / "ter") from two words on two lines. g_hash_table_unref. */
GHashTable *ap_vocabulary_new(const ap_doc *doc);

/* The tables of one page; *n of them. vocabulary and rulings (the page's
 * drawn rules, see ap_drawn_rulings) may be NULL: a table under a drawn
 * grid takes its columns and rows from the grid, others from the text. */
ap_table **ap_tables_find(const ap_rows *rows, GHashTable *vocabulary,
                          const ap_rulings *rulings, size_t *n);

/* Shared by table.c and ruled_table.c: a cell's next wrapped line joined
 * to it (tail: where its last line starts; *new_tail: where next does in
 * the result). g_free the result. */
char *ap_join_line(const char *cell, size_t tail, const char *next,
                   GHashTable *vocabulary, size_t *new_tail);
bool ap_join_tight(const char *cell, const char *last_line, const char *next,
                   GHashTable *vocabulary);
/* Whether the word ending cell and the one starting next are both words
 * of the document's text. */
bool ap_both_words(const char *cell, const char *next, GHashTable *vocabulary);
/* Whether text carries on a sentence from a line before: it starts lower
 * case, and not with a list's label ("m)", "iv."). */
bool ap_carries_sentence(const char *text);
/* The tables under the grids of rulings; marks inside[r] for each row r
 * they take. */
GPtrArray *ap_ruled_tables(const ap_rows *rows, const ap_rulings *rulings,
                           GHashTable *vocabulary, bool *inside);
void ap_table_free(ap_table *t);
void ap_tables_free(ap_table **tables, size_t n);

/* The text of row r's cell in column c, or "" (never NULL). */
const char *ap_table_text(const ap_table *t, size_t r, size_t c);

#endif
