/* layout.c: visual rows from the page model (see layout.h). */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "pages/layout.h"
#include "core/page_model.h"

static const ap_span *span_at(const ap_line *line, size_t offset)
{
    for (size_t i = 0; i < line->nspans; i++)
        if (offset >= line->spans[i].start &&
            offset < line->spans[i].start + line->spans[i].len)
            return &line->spans[i];
    return NULL;
}

bool ap_line_bold_at(const ap_line *line, size_t offset)
{
    const ap_span *s = span_at(line, offset);
    return s && s->bold;
}

bool ap_line_italic_at(const ap_line *line, size_t offset)
{
    const ap_span *s = span_at(line, offset);
    return s && s->italic;
}

static ap_rcell make_cell(const ap_line *line, size_t start, size_t len,
                          ap_bbox bbox)
{
    const ap_span *s = span_at(line, start);
    if (!s)
        s = ap_line_main_span(line);
    return (ap_rcell){.line = line, .start = start, .len = len,
                      .text = g_strndup(line->text + start, len),
                      .bbox = bbox, .size = s ? s->size : 0};
}

static int by_middle(const void *a, const void *b)
{
    const ap_rcell *x = a, *y = b;
    double mx = (x->bbox.y0 + x->bbox.y1) / 2, my = (y->bbox.y0 + y->bbox.y1) / 2;
    return (mx > my) - (mx < my);
}

static int by_left(const void *a, const void *b)
{
    const ap_rcell *x = a, *y = b;
    return (x->bbox.x0 > y->bbox.x0) - (x->bbox.x0 < y->bbox.x0);
}

/* A cell joins a row when its middle lies inside the row's band. */
static bool in_row(const ap_row *row, const ap_rcell *c)
{
    double mid = (c->bbox.y0 + c->bbox.y1) / 2;
    return mid >= row->bbox.y0 && mid <= row->bbox.y1;
}

ap_rows *ap_rows_build(const ap_page *page)
{
    GArray *cells = g_array_new(FALSE, FALSE, sizeof(ap_rcell));
    for (size_t i = 0; i < page->nlines; i++) {
        const ap_line *line = &page->lines[i];
        if (line->ncells == 0) {
            ap_rcell c = make_cell(line, 0, strlen(line->text), line->bbox);
            g_array_append_val(cells, c);
        }
        for (size_t k = 0; k < line->ncells; k++) {
            ap_rcell c = make_cell(line, line->cells[k].start,
                                   line->cells[k].len, line->cells[k].bbox);
            g_array_append_val(cells, c);
        }
    }
    if (cells->len)     /* qsort() must not see the NULL of an empty array */
        qsort(cells->data, cells->len, sizeof(ap_rcell), by_middle);

    GArray *rows = g_array_new(FALSE, FALSE, sizeof(ap_row));
    GArray *current = g_array_new(FALSE, FALSE, sizeof(ap_rcell));
    ap_row row = {0};
    for (guint i = 0; i <= cells->len; i++) {
        ap_rcell *c = i < cells->len ? &g_array_index(cells, ap_rcell, i) : NULL;
        if (current->len && (!c || !in_row(&row, c))) {
            qsort(current->data, current->len, sizeof(ap_rcell), by_left);
            row.ncells = current->len;
            row.cells = g_memdup2(current->data, current->len * sizeof(ap_rcell));
            g_array_append_val(rows, row);
            g_array_set_size(current, 0);
        }
        if (!c)
            break;
        row.bbox = current->len ? ap_bbox_union(row.bbox, c->bbox) : c->bbox;
        g_array_append_val(current, *c);
    }
    g_array_free(current, TRUE);
    g_array_free(cells, TRUE);

    ap_rows *out = g_new0(ap_rows, 1);
    out->page = page;
    out->nrows = rows->len;
    out->rows = (ap_row *)g_array_free(rows, FALSE);
    return out;
}

void ap_rows_free(ap_rows *rows)
{
    if (!rows)
        return;
    for (size_t r = 0; r < rows->nrows; r++) {
        for (size_t c = 0; c < rows->rows[r].ncells; c++)
            g_free(rows->rows[r].cells[c].text);
        g_free(rows->rows[r].cells);
    }
    g_free(rows->rows);
    g_free(rows);
}

char *ap_row_text(const ap_row *row, size_t from)
{
    GString *s = g_string_new(NULL);
    for (size_t c = from; c < row->ncells; c++) {
        if (s->len)
            g_string_append_c(s, ' ');
        g_string_append(s, row->cells[c].text);
    }
    return g_string_free(s, FALSE);
}
