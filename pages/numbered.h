/*
 * numbered.h: numbered lists in visual rows.
 *
 * An agenda on a frontsheet and the entries of a set of minutes are the
 * same shape: rows that start with a number ("4", "7a", "805.", "Item 3",
 * "CYP.12"), each the successor of the one before, in one column, each
 * owning the rows down to the next. This module finds such rows, chains
 * them, and cuts the regions; segment.c (the agenda) and the minutes
 * extractor decide which chain is theirs.
 */
#ifndef AP_NUMBERED_H
#define AP_NUMBERED_H

#include <glib.h>

#include "pages/layout.h"

/* A position: row r of page p of a rowset (0-based). */
typedef struct ap_pos {
    size_t page, row;
} ap_pos;

int ap_pos_cmp(ap_pos a, ap_pos b);

/* Consecutive pages' rows read as one run. */
typedef struct ap_rowset {
    ap_rows **pages;
    size_t npages;
} ap_rowset;

typedef struct ap_numbered {
    ap_pos pos;
    char prefix[8];         /* "CYP." in "CYP.12"; empty for most */
    int n;
    int digits;             /* printed with leading zeros to this width
                             * ("21.06.04": 2); 0 for none */
    char suffix;            /* 'a' in "7a", else 0 */
    bool labelled;          /* "Agenda Item No 7", or under such a header */
    size_t number_len;      /* bytes of the row's first cell it takes */
    double x;               /* left edge of the number */
} ap_numbered;

/* Every row of the set that starts a numbered entry, in reading order
 * (a GArray of ap_numbered). */
GArray *ap_numbered_find(const ap_rowset *set);

/* The chain from candidate start: each link the next successor in the
 * same column (one missing number is allowed where the next is absent).
 * Writes candidate indexes to idx (room for n) and returns the length. */
size_t ap_numbered_chain(const ap_numbered *cands, size_t n, size_t start,
                         size_t *idx);

/* The number as printed, without a trailing period. */
void ap_numbered_format(const ap_numbered *c, char *out, size_t size);

/* How a region stops before the next entry. */
typedef struct ap_region_rules {
    bool at_size_change;    /* a row in another type size */
    bool at_wide_gap;       /* a gap of several row heights */
    /* a row that ends it (a heading); may be NULL */
    bool (*stop)(const ap_row *row, void *ctx);
    void *ctx;
} ap_region_rules;

/* Where the region starting at anchor ends: at next, or earlier where the
 * rules say. */
ap_pos ap_region_end(const ap_rowset *set, ap_pos anchor, ap_pos next,
                     const ap_region_rules *rules);

/* One cell of a region's rows, in reading order (rows top to bottom,
 * cells left to right). */
typedef struct ap_piece {
    size_t page;            /* 0-based, in the rowset */
    const ap_row *row;
    const ap_rcell *cell;
    size_t skip;            /* bytes of the cell before the region's text
                             * (the number, in the anchor cell) */
    bool row_start;         /* first piece of its row */
    bool page_ref;          /* a page-number column cell */
} ap_piece;

/* The pieces of rows [anchor, end); g_free the array. */
ap_piece *ap_region_pieces(const ap_rowset *set, ap_pos anchor, ap_pos end,
                           size_t number_len, size_t *npieces);

/* Whether a cell holds only a printed page range ("11 -", "22", "3 - 10")
 * in a page-number column. */
bool ap_cell_is_page_ref(const ap_rows *rows, const ap_row *row, size_t cell);

#endif
