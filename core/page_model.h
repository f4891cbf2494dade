/*
 * page_model.h: helpers over the page model types of agendapack.h that the
 * stages share but users of the library do not need.
 */
#ifndef AP_PAGE_MODEL_H
#define AP_PAGE_MODEL_H

#include "agendapack.h"

static inline ap_bbox ap_bbox_union(ap_bbox a, ap_bbox b)
{
    return (ap_bbox){a.x0 < b.x0 ? a.x0 : b.x0, a.y0 < b.y0 ? a.y0 : b.y0,
                     a.x1 > b.x1 ? a.x1 : b.x1, a.y1 > b.y1 ? a.y1 : b.y1};
}

/* The span that covers most of the line's text: its font stands for the
 * line. NULL for a line without spans. */
const ap_span *ap_line_main_span(const ap_line *line);

void ap_line_clear(ap_line *line);

/* Moves line i of page out of its content lines into its furniture. */
ap_furniture *ap_page_move_to_furniture(ap_page *page, size_t i,
                                        ap_furniture_kind kind);

#endif
