/*
 * siteInt.h: the parts of the site (the .c files of site/) shared among themselves,
 * private to the folder.
 *
 *   html.c       a page written through libxml2's xmlTextWriter
 *   links.c      where a page links: relative paths, PDF pages, slugs
 *   chart.c      an indicator's values over time as inline SVG
 *   meeting.c    a meeting's page, from its record
 *   site.c       the whole site from a batch's store and records
 *   lists.c      the index and committee pages
 *   people.c     the people's pages
 *   search.c     the search page and its index
 */
#ifndef AP_SITE_INT_H
#define AP_SITE_INT_H

#include <stdbool.h>

#include <cjson/cJSON.h>
#include <glib.h>
#include <sqlite3.h>

#include "agendapack.h"

/* ---- html.c: a page ------------------------------------------------------------------- */

/* A page being written. Every element, attribute and text goes through
 * xmlTextWriter, which escapes it: no page is pasted together from
 * strings. Elements that HTML says are void (meta, link, br) are closed
 * as "<br/>", every other element with an end tag even when empty, so a
 * page is well-formed XML and parses as the same tree as HTML. The first
 * error sticks; ap_html_save reports it. */
typedef struct ap_html ap_html;

/* How a page is placed: root is the path from the page's folder to the
 * site's root ("", "../"), and NULL for a page standing alone, which
 * carries its stylesheet inside and no links to other pages. */
ap_html *ap_html_new(const char *title, const char *root);
void ap_html_free(ap_html *h);
/* The page ended, written to path through a temporary file renamed over
 * it. err: "PATH: reason". */
bool ap_html_save(ap_html *h, const char *path, ap_error *err);
/* The page's root as given to ap_html_new (NULL standing alone). */
const char *ap_html_root(const ap_html *h);

/* An element opened: attributes as name, value pairs ending with a NULL
 * name; a pair whose value is NULL is left out. */
void ap_html_open(ap_html *h, const char *tag, ...) __attribute__((sentinel));
void ap_html_close(ap_html *h);
/* An element with its text (nothing when text is NULL), and attributes
 * as for ap_html_open. */
void ap_html_elem(ap_html *h, const char *tag, const char *text, ...) __attribute__((sentinel));
void ap_html_text(ap_html *h, const char *text);
void ap_html_textf(ap_html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* <a href="href">text</a>, or the text alone when href is NULL. */
void ap_html_link(ap_html *h, const char *href, const char *text);
/* A heading over a section, its id for links to it. */
void ap_html_heading(ap_html *h, int level, const char *id, const char *text);
/* A row of a definition list: <dt>term</dt><dd>value</dd>, none when
 * value is NULL or empty. */
void ap_html_field(ap_html *h, const char *term, const char *value);

/* ---- links.c: where a page links ---------------------------------------------------------- */

/* What a page may link to: the source PDFs by content hash and by file
 * name, as absolute paths. */
typedef struct ap_site_pdfs {
    GHashTable *by_sha;     /* sha256 -> absolute path */
    GHashTable *by_name;    /* base name -> absolute path */
} ap_site_pdfs;

void ap_site_pdfs_init(ap_site_pdfs *p);
void ap_site_pdfs_clear(ap_site_pdfs *p);
/* A PDF known by its path (relative to the current folder, or absolute):
 * taken when it exists. */
void ap_site_pdfs_add(ap_site_pdfs *p, const char *sha, const char *path);
/* The href from a page in folder page_dir (absolute) to the PDF of
 * content hash sha (or, not known by it, named file) at pdf_page (none
 * when 0): "../../a/b%20c.pdf#page=3"; NULL when the PDF is not known
 * here. g_free it. */
char *ap_site_pdf_href(const ap_site_pdfs *p, const char *page_dir, const char *sha,
                       const char *file, int pdf_page);
/* The href from folder from_dir to path, both absolute: relative,
 * %-escaped. g_free it. */
char *ap_site_relative_href(const char *from_dir, const char *path);

/* Names of pages: a meeting's by its id, a committee's by the council
 * and committee parts of an id, a person's by council slug and name as
 * printed. g_free them. */
char *ap_site_meeting_file(const char *meeting_id);
char *ap_site_committee_file(const char *meeting_id);
char *ap_site_person_file(const char *council, const char *name);
/* "Thursday 30 June 2022" for "2022-06-30"; the text as given when it is
 * not a date. g_free it. */
char *ap_site_long_date(const char *iso);
/* A meeting's status as words: "agenda+minutes" -> "agenda and minutes".
 * g_free it. */
char *ap_site_papers(const char *status);

/* ---- chart.c: an indicator over time -------------------------------------------------------- */

typedef struct ap_chart_point {
    const char *label;      /* the period as printed */
    double value;
    const char *meeting;    /* the meeting's date that reported it */
} ap_chart_point;

typedef struct ap_chart {
    const char *name;
    const char *unit;       /* "percent", "count", ... or NULL */
    const ap_chart_point *points;
    size_t npoints;
    bool has_target;
    double target, target_max;  /* target_max > target: a band */
    const char *target_text;    /* as printed: "<20%" */
    const char *rag;            /* red, amber, green of the latest value, or NULL */
    const char *direction;      /* up, down, flat, or NULL */
} ap_chart;

/* The chart as an <svg> element (role img, title and desc), one circle
 * a point, the target as a dashed line or a band, the latest point in
 * its RAG colour, and the rating and direction said in words too. */
void ap_chart_write(ap_html *h, const ap_chart *c);
/* "Green", "Amber", "Red"; "Improving"... for a direction: words for
 * what colour and arrows show. NULL for NULL. */
const char *ap_site_rag_word(const char *rag);
const char *ap_site_direction_word(const char *direction);

/* ---- meeting.c: a meeting's page ------------------------------------------------------------- */

/* The page of meeting (a record) written to path. pdfs says where its
 * sources are. The page links to committee and people pages unless it
 * stands alone (root NULL). */
bool ap_site_meeting_page(const cJSON *meeting, const ap_site_pdfs *pdfs, const char *root,
                          const char *path, ap_error *err);

/* ---- lists.c: the pages made from the store --------------------------------------------------- */

typedef struct ap_site_build {
    sqlite3 *db;
    const char *outdir;
    const char *sitedir;    /* absolute */
    ap_site_pdfs pdfs;
    ap_site_summary *sum;
    ap_error *err;
    GHashTable *written;    /* the paths of the pages written */
} ap_site_build;

/* SITEDIR/folder/file (folder NULL: SITEDIR/file), noted as written and
 * counted. g_free it. */
char *ap_site_page_path(ap_site_build *b, const char *folder, const char *file);
/* The page h saved there and freed; false (b->err) when it could not be,
 * or when ok, what went before, was false (then it is only freed). */
bool ap_site_save(ap_site_build *b, ap_html *h, const char *folder, const char *file, bool ok);

/* The skip link, the site's header and navigation, and <main> opened:
 * the top of every page of the site. */
void ap_site_header(ap_html *h);
/* A table's <thead>: a row of column headers. */
void ap_site_table_head(ap_html *h, const char *const *heads, size_t n);
/* A table that scrolls sideways on a phone: opened with its head and
 * <tbody>, for rows; closed whole. */
void ap_site_table_open(ap_html *h, const char *const *heads, size_t n);
void ap_site_table_close(ap_html *h);
/* The store's statement for sql, or NULL and b->err (what is wrong with
 * the store). */
sqlite3_stmt *ap_site_query(ap_site_build *b, const char *sql);

/* A page per committee, then the index (lists.c). */
bool ap_site_lists(ap_site_build *b);
bool ap_site_people_pages(ap_site_build *b);
bool ap_site_search(ap_site_build *b);

/* The assets, compiled in (site/style.css, site/search.js). */
extern const char ap_site_style_css[];
extern const char ap_site_search_js[];

#endif
