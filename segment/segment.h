/*
 * segment.h: the pack cut into its frontsheet and its agenda items.
 *
 * The segment stage sits between the page model and the extractors. It
 * finds the agenda list on the first pages (numbered rows forming one
 * unbroken sequence), each item's rows on the frontsheet and its printed
 * page range, and maps every item to the PDF pages of its documents by
 * cross-checking "Agenda Item N" stamps against the printed page numbers.
 * Extractors read this instead of each guessing again.
 */
#ifndef AP_SEGMENT_H
#define AP_SEGMENT_H

#include "agendapack.h"
#include "pages/layout.h"
#include "pages/numbered.h"
#include "pages/titles.h"
#include "core/page_model.h"
#include "segment/cover.h"

typedef struct ap_item {
    char number[16];        /* as printed, without a trailing period */
    ap_pos anchor;          /* the row with the number (in the frontsheet) */
    size_t number_len;      /* bytes of its first cell taken by the number */
    ap_pos end;             /* first row no longer the item's */
    bool starts_list;       /* first item of an agenda list (a sheet may
                             * summon two meetings) */
    int part;               /* 1 or 2 */
    int page_start, page_end;   /* printed range from the frontsheet; 0 */
    int pdf_start, pdf_end;     /* 1-based PDF span of its documents; 0 */
} ap_item;

struct ap_front;
struct ap_grids;
struct ap_measures;

/* What the pack computes only when first asked for (ap_pack_tables,
 * ap_pack_measures). */
typedef struct ap_pack_cache {
    struct ap_grids *grids;
    struct ap_measures *measures;
} ap_pack_cache;

/* An appendix a document cites ("Appendix G"), with the words around it. */
typedef struct ap_citation {
    char *label;
    char *context;
} ap_citation;

/* What a document says of itself and of others (segment/references.c):
 * what it calls itself, its title block's lines, the decision numbers it
 * prints, the appendices it cites. */
typedef struct ap_references {
    char *label;            /* "Appendix G", or NULL */
    char **headings;
    size_t nheadings;
    char **decision_refs;
    size_t ndecision_refs;
    ap_citation *cites;
    size_t ncites;
} ap_references;

/* One document of the pack: pages [first, last] (0-based) of item. */
typedef struct ap_document {
    const char *item;       /* the agenda number it belongs to */
    size_t first, last;
    const char *kind;       /* minutes, report, appendix, letter, scorecard,
                             * presentation, other */
    char *title;            /* NULL when it has none */
    ap_cover *cover;        /* its first page's; NULL without one */
    ap_references refs;
} ap_document;

typedef struct ap_page_range {
    size_t first, last;     /* page indexes, inclusive */
} ap_page_range;

/* What a PDF is, as a whole. */
typedef enum ap_pack_kind {
    AP_PACK_AGENDA,         /* a frontsheet, alone or with the documents of
                             * its items */
    AP_PACK_MINUTES,        /* printed minutes, no agenda */
    AP_PACK_DOCUMENTS,      /* documents published on their own: a report,
                             * appendices, a scorecard ... */
} ap_pack_kind;

/* The meeting a document says it is for, from its cover sheet ("To:
 * Cabinet - 30 January 2025", "Date of meeting:", "Decision No:")
 * (segment/meeting_ref.c). Each part NULL or "" when not printed. */
typedef struct ap_meeting_ref {
    char *committee;        /* as printed */
    char date[11];          /* YYYY-MM-DD, or "" */
    char *decision_ref;     /* "24/00096" */
    const char *how;        /* "cover" or "heading": where the committee and
                             * date were read */
} ap_meeting_ref;

typedef struct ap_pack {
    const ap_doc *doc;
    struct ap_front *front; /* the frontsheet's header and names, when the
                             * pack has an agenda (segment/front.h) */
    char *council;          /* printed or inferred (segment/council.c); NULL */
    ap_rows **rows;         /* per page; built for frontsheet pages only */
    size_t front_pages;     /* pages [0, front_pages) are the frontsheet */
    ap_item *items;
    size_t nitems;
    ap_titled *titled;      /* each item's title split from the rest */
    ap_document *documents; /* segment/documents.c */
    size_t ndocuments;
    ap_page_range *minutes;       /* the pages of each set of minutes */
    size_t nminutes;
    bool minutes_only;      /* the document is a set of minutes */
    ap_pack_kind kind;
    bool documents_only;    /* read as documents, no agenda or minutes
                             * looked for (ap_pack_segment_documents) */
    ap_meeting_ref printed_for;     /* a documents pack's meeting */
    ap_pack_cache *cache;
    char **warnings;        /* each names its page or item */
    size_t nwarnings;
} ap_pack;

ap_pack *ap_pack_segment(const ap_doc *doc);
/* The PDF read as documents published on their own, no agenda or minutes
 * looked for: what a PDF whose frontsheet or minutes gave nothing is. */
ap_pack *ap_pack_segment_documents(const ap_doc *doc);
/* The pack's documents and its sets of minutes, and so its kind
 * (segment/documents.c). */
void ap_pack_find_documents(ap_pack *pack);
/* The meeting a documents pack's covers name (segment/meeting_ref.c). */
void ap_pack_read_meeting_ref(ap_pack *pack);
void ap_documents_free(ap_document *docs, size_t n);
void ap_document_read_references(const ap_doc *doc, ap_document *d);
void ap_references_clear(ap_references *r);
/* "Appendix G" ("Annex 2") when line is an appendix's label or starts its
 * title with it, else NULL (g_free it). */
char *ap_appendix_label(const char *line);
/* The council a pack is of (segment/council.c); g_free it, NULL. */
char *ap_pack_council(const ap_pack *pack);
void ap_pack_free(ap_pack *pack);

/* The agenda item page p (0-based) belongs to: its stamp, else the item
 * whose PDF span, read from the frontsheet's page ranges, holds it; NULL
 * for none. */
const char *ap_pack_page_item(const ap_pack *pack, size_t page);

/* The rows of page p (NULL past the frontsheet). */
const ap_rows *ap_pack_rows(const ap_pack *pack, size_t page);
/* The frontsheet's rows as one run. */
ap_rowset ap_pack_front(const ap_pack *pack);

/* The item's pieces; g_free the array. */
ap_piece *ap_item_pieces(const ap_pack *pack, const ap_item *item,
                         size_t *npieces);

#endif
