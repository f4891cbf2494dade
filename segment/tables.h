/*
 * tables.h: the pack's tables as grids (tables.c).
 */
#ifndef AP_SEGMENT_TABLES_H
#define AP_SEGMENT_TABLES_H

#include <stdbool.h>
#include <stddef.h>

#include "agendapack.h"
#include "core/page_model.h"

typedef struct ap_pack ap_pack;

/* A row: its cells' text ("" for an empty cell) and boxes (all zero for a
 * cell the row does not print), column by column. */
typedef struct ap_grid_row {
    char **cells;
    ap_bbox *boxes;
    size_t ncells;
    size_t page;            /* 0-based: a continued table's rows are on two */
} ap_grid_row;

/* What a cell that prints no text shows: a fill ("red", "amber",
 * "green") or a drawn arrow ("up", "down", "flat"), or NULL. */
typedef struct ap_grid_mark {
    size_t row, col;
    const char *fill, *arrow;
} ap_grid_mark;

typedef struct ap_grid {
    const char *item;       /* the agenda item it sits in, or NULL */
    size_t page;            /* its first page, 0-based */
    ap_grid_row *rows;      /* header rows included */
    size_t nrows;
    bool continued;         /* joined to the next page's part */
    ap_grid_mark *marks;
    size_t nmarks;
} ap_grid;

typedef struct ap_grids {
    ap_grid *grids;
    size_t n;
} ap_grids;

/* The pack's tables, frontsheet included, found on first asking. */
const ap_grids *ap_pack_tables(const ap_pack *pack);
/* A row's cells that print something, joined by " | " (g_free it): the
 * text its evidence quotes. */
char *ap_grid_row_text(const ap_grid_row *row);
void ap_grids_free(ap_grids *grids);

#endif
