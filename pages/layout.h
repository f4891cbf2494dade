/*
 * layout.h: a page's text as the eye reads a table, in visual rows.
 *
 * Poppler's reading order follows text blocks: a table's page-number column
 * may come after the whole table, and one "line" may hold cells of several
 * columns. Extractors that care about geometry (the agenda table, label and
 * value pairs) work on rows instead: every cell of every line, grouped by
 * vertical position and sorted left to right.
 */
#ifndef AP_LAYOUT_H
#define AP_LAYOUT_H

#include "agendapack.h"
#include "core/page_model.h"

typedef struct ap_rcell {
    const ap_line *line;    /* the line the cell belongs to */
    size_t start, len;      /* bytes of line->text */
    char *text;             /* a copy of those bytes */
    ap_bbox bbox;
    double size;            /* type size of the cell's first span */
} ap_rcell;

typedef struct ap_row {
    ap_rcell *cells;        /* left to right */
    size_t ncells;
    ap_bbox bbox;
} ap_row;

typedef struct ap_rows {
    const ap_page *page;
    ap_row *rows;           /* top to bottom */
    size_t nrows;
} ap_rows;

ap_rows *ap_rows_build(const ap_page *page);
void ap_rows_free(ap_rows *rows);

/* The texts of cells [from, ncells) joined by single spaces; g_free it. */
char *ap_row_text(const ap_row *row, size_t from);

/* Whether the character at byte offset of line is set bold / italic. */
bool ap_line_bold_at(const ap_line *line, size_t offset);
bool ap_line_italic_at(const ap_line *line, size_t offset);

#endif
