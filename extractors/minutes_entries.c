/*
 * minutes_entries.c: each minute entry: its title (pages/titles.c), the
 * agenda item it minutes, its text, resolutions, actions, declarations of
 * interest and recorded votes.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extractors/extractor.h"
#include "extractors/minutesInt.h"
#include "lexicon/people.h"
#include "pages/titles.h"

/* ---- entries ------------------------------------------------------------- */

/* The entry's rows below its heading, as text per row with geometry. */
static GArray *body_rows(const ap_piece *pcs, size_t n)
{
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(body_row));
    for (size_t i = 0; i < n; i++) {
        if (pcs[i].page_ref)
            continue;
        const char *t = pcs[i].cell->text + pcs[i].skip;
        if (pcs[i].row_start || !rows->len) {
            body_row b = {g_strdup(t), pcs[i].row->bbox.y0, pcs[i].row->bbox.y1,
                          pcs[i].row->bbox.x0, pcs[i].row->bbox.x1};
            g_array_append_val(rows, b);
        } else {
            body_row *b = &g_array_index(rows, body_row, rows->len - 1);
            char *joined = g_strconcat(b->text, " ", t, NULL);
            g_free(b->text);
            b->text = joined;
        }
    }
    return rows;
}

static void body_rows_free(GArray *rows)
{
    for (guint i = 0; i < rows->len; i++)
        g_free(g_array_index(rows, body_row, i).text);
    g_array_free(rows, TRUE);
}

static bool paragraph_break(const body_row *prev, const body_row *cur)
{
    double h = prev->y1 - prev->y0;
    return cur->y0 < prev->y0 || cur->y0 - prev->y1 > PARAGRAPH_GAP_ROWS * h;
}

/* Sub-clauses "1. That ...", "(a) ..." of a resolution, each on its own;
 * the words introducing them ("the County Council:", "Cabinet agree to:")
 * are no clause. */
static void add_clauses(cJSON *list, const char *text)
{
    const minutes_rules *r = ap_minutes_rules();
    ap_match mt;
    size_t from = 0, start = 0;
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    while (ap_re_search(r->subclause, text, from, &mt)) {
        g_ptr_array_add(parts, g_strndup(text + start, mt.start[0] - start));
        start = from = mt.end[0];
    }
    g_ptr_array_add(parts, g_strdup(text + start));
    for (guint i = 0; i < parts->len; i++) {
        char *c = ap_collapse_space(parts->pdata[i]);
        /* "1. That the item be deferred": the clause, not its "That" */
        if (g_ascii_strncasecmp(c, "that ", 5) == 0)
            memmove(c, c + 5, strlen(c + 5) + 1);
        size_t n = strlen(c);
        bool intro = i == 0 && parts->len > 1 && (n == 0 || c[n - 1] == ':');
        if (!intro && n > 3)
            cJSON_AddItemToArray(list, cJSON_CreateString(c));
        g_free(c);
    }
    g_ptr_array_free(parts, TRUE);
}

/* A line ending this share of the text's width short of its right edge
 * ended its paragraph (or is a heading): the next starts one. */
#define SHORT_LINE_SHARE 0.15

/* Whether row i opens a paragraph: the entry's first row, a gap above
 * it (not a page break: a sentence carries over), or a row above that
 * ends a sentence or ends short of the text's right edge (right). A
 * decision's lead word on a line a sentence wrapped onto ("... considered
 * the call-in of" / "Decision - 24/00093 ...", "... the most momentous" /
 * "decision for the Council") leads nothing. */
static bool opens_paragraph(GArray *rows, guint i, double left, double right)
{
    if (i == 0)
        return true;
    const body_row *prev = &g_array_index(rows, body_row, i - 1);
    const body_row *cur = &g_array_index(rows, body_row, i);
    size_t n = strlen(prev->text);
    while (n && prev->text[n - 1] == ' ')
        n--;
    bool new_page = cur->y0 < prev->y0;
    bool short_line = prev->x1 < right - SHORT_LINE_SHARE * (right - left);
    return (!new_page && paragraph_break(prev, cur)) || short_line ||
           (n && strchr(".:;)", prev->text[n - 1]));
}

/* The left and right edges of an entry's text. */
static void text_edges(GArray *rows, double *left, double *right)
{
    *left = G_MAXDOUBLE;
    *right = 0;
    for (guint i = 0; i < rows->len; i++) {
        *left = MIN(*left, g_array_index(rows, body_row, i).x0);
        *right = MAX(*right, g_array_index(rows, body_row, i).x1);
    }
    if (*left > *right)
        *left = 0;
}

static void read_resolutions(GArray *rows, double left, double right, cJSON *resolutions,
                             cJSON *actions)
{
    const minutes_rules *r = ap_minutes_rules();
    bool formal = false;
    for (guint i = 0; i < rows->len && !formal; i++)
        formal = ap_re_search(r->resolved, g_array_index(rows, body_row, i).text, 0, NULL) &&
                 opens_paragraph(rows, i, left, right);
    for (guint i = 0; i < rows->len; i++) {
        body_row *b = &g_array_index(rows, body_row, i);
        ap_match mt;
        if (ap_re_search(r->resolution, b->text, 0, &mt) && opens_paragraph(rows, i, left, right) &&
            (!formal || ap_re_search(r->resolved, b->text, 0, NULL))) {
            /* "Agreed unanimously." alone records how a motion went; "It
             * was agreed:" has its clauses on the rows below */
            size_t len = strlen(b->text);
            while (len && b->text[len - 1] == ' ')
                len--;
            if (!*(b->text + mt.start[1]) && len && b->text[len - 1] == '.')
                continue;
            GString *clause = g_string_new(b->text + mt.start[1]);
            guint k = i + 1;
            for (; k < rows->len; k++) {
                body_row *n = &g_array_index(rows, body_row, k);
                if ((clause->len && paragraph_break(&g_array_index(rows, body_row, k - 1), n) &&
                     !ap_re_search(r->subclause, n->text, 0, NULL)) ||
                    ap_re_search(r->resolution, n->text, 0, NULL) ||
                    ap_re_search(r->actions, n->text, 0, NULL))
                    break;
                g_string_append_c(clause, ' ');
                g_string_append(clause, n->text);
            }
            add_clauses(resolutions, clause->str);
            g_string_free(clause, TRUE);
            i = k - 1;
        } else if (ap_re_search(r->actions, b->text, 0, &mt)) {
            char *inline_action = ap_match_dup(&mt, b->text, 1);
            if (*inline_action)
                cJSON_AddItemToArray(actions, cJSON_CreateString(inline_action));
            g_free(inline_action);
            GString *cur = NULL;
            guint k = i + 1;
            for (; k < rows->len; k++) {
                body_row *n = &g_array_index(rows, body_row, k);
                ap_match bm;
                if (ap_re_search(r->bullet, n->text, 0, &bm)) {
                    if (cur)
                        cJSON_AddItemToArray(actions, cJSON_CreateString(cur->str));
                    if (cur)
                        g_string_free(cur, TRUE);
                    cur = g_string_new(n->text + bm.start[1]);
                } else if (cur && !paragraph_break(&g_array_index(rows, body_row, k - 1), n)) {
                    g_string_append_c(cur, ' ');
                    g_string_append(cur, n->text);
                } else {
                    break;
                }
            }
            if (cur) {
                cJSON_AddItemToArray(actions, cJSON_CreateString(cur->str));
                g_string_free(cur, TRUE);
            }
            i = k - 1;
        }
    }
}

/* A declaration: by member where given, else by the name before
 * "declared" in text. */
static cJSON *declaration_json(const char *text, const char *by)
{
    const minutes_rules *r = ap_minutes_rules();
    ap_match mt;
    cJSON *d = cJSON_CreateObject();
    char *member = by ? g_strdup(by)
                   : ap_re_search(r->declarer, text, 0, &mt)
                       ? ap_match_dup(&mt, text, ap_match_set(&mt, 1) ? 1 : 2)
                       : NULL;
    ap_json_set_text(d, "member", member);
    g_free(member);
    char *item = ap_re_search(r->item_no, text, 0, &mt) ? ap_match_dup(&mt, text, 1) : NULL;
    ap_json_set_text(d, "item", item);
    g_free(item);
    char *kind = ap_re_search(r->interest_kind, text, 0, &mt) ? ap_match_dup(&mt, text, 1) : NULL;
    ap_json_set_text(d, "kind", kind);
    g_free(kind);
    char *clean = ap_collapse_space(text);
    cJSON_AddStringToObject(d, "text", clean);
    g_free(clean);
    return d;
}

/* Sentences: a full stop, a space, a capital. */
static char **split_sentences(const char *text)
{
    GPtrArray *out = g_ptr_array_new();
    const char *start = text;
    for (const char *p = text; *p; p++)
        if (p[0] == '.' && p[1] == ' ' && g_ascii_isupper(p[2])) {
            g_ptr_array_add(out, g_strndup(start, (gsize)(p + 1 - start)));
            start = p + 2;
        }
    if (*start)
        g_ptr_array_add(out, g_strdup(start));
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

/* Where the members named together before the declarer at `at` begin
 * ("Mrs Bell and Mr Cole declared", "Mr A, Mr B and Mr C declared"):
 * names each followed by "," or "and", running up to `at`; `at` if none. */
static size_t co_declarers(const char *s, size_t from, size_t at)
{
    const minutes_rules *r = ap_minutes_rules();
    ap_match mt;
    size_t start = at, run = at, expect = (size_t)-1;
    for (size_t p = from; ap_re_search(r->co_declarer, s, p, &mt) && mt.end[0] <= at;
         p = mt.end[0]) {
        run = mt.start[0] == expect ? run : mt.start[0];
        expect = mt.end[0];
        if (mt.end[0] == at)
            start = run;
    }
    return start;
}

/* A declaration for each member named in text before its declarer. */
static void add_co_declarations(cJSON *list, const char *text)
{
    const minutes_rules *r = ap_minutes_rules();
    ap_match mt, last;
    if (!ap_re_search(r->declarer, text, 0, &last))
        return;
    for (size_t p = 0; ap_re_search(r->co_declarer, text, p, &mt) && mt.end[0] <= last.start[0];
         p = mt.end[0]) {
        char *name = ap_match_dup(&mt, text, 1);
        cJSON_AddItemToArray(list, declaration_json(text, name));
        g_free(name);
    }
}

static cJSON *read_declarations(const char *title, const char *text)
{
    const minutes_rules *r = ap_minutes_rules();
    if (!ap_re_search(r->declaration, title, 0, NULL))
        return NULL;
    cJSON *list = cJSON_CreateArray();
    char **sentences = split_sentences(text);
    for (char **s = sentences; *s; s++) {
        /* several members may declare in one run-on sentence */
        ap_match mt, next;
        for (size_t from = 0; ap_re_search(r->declarer, *s, from, &mt); from = mt.end[0]) {
            bool more = ap_re_search(r->declarer, *s, mt.end[0], &next);
            /* members named together before it: "Mrs Bell and Mr Cole
             * declared"; each declares */
            size_t start = co_declarers(*s, from, mt.start[0]);
            char *one = g_strndup(*s + start, (more ? next.start[0] : strlen(*s)) - start);
            /* not the next paragraph's number: "... governors. 2)" */
            ap_match num;
            if (ap_re_search(r->trailing_number, one, 0, &num))
                one[num.start[0]] = '\0';
            if (start < mt.start[0])
                add_co_declarations(list, one);
            cJSON_AddItemToArray(list, declaration_json(one, NULL));
            g_free(one);
        }
    }
    g_strfreev(sentences);
    return list;
}

static cJSON *entry_json(const minutes *m, size_t k, const ap_titled *t,
                         const ap_piece *pcs, size_t npcs, cJSON *attendance,
                         bool need_apologies)
{
    const entry_anchor *c = &g_array_index(m->entries, entry_anchor, k);
    cJSON *e = cJSON_CreateObject();
    ap_json_set_text(e, "number", *c->number ? c->number : NULL);
    /* "(Item 4)" after the heading: the agenda item minuted */
    const char *rest = t->rest;
    char *agenda_number = NULL;
    ap_match mt;
    if (ap_re_search(ap_minutes_rules()->item_ref, rest, 0, &mt)) {
        agenda_number = ap_match_dup(&mt, rest, 1);
        rest += mt.end[0];
    }
    cJSON_AddStringToObject(e, "title", t->title);
    ap_json_set_text(e, "agenda_number", agenda_number);
    cJSON_AddStringToObject(e, "text", rest);
    cJSON *resolutions = cJSON_AddArrayToObject(e, "resolutions");
    cJSON *actions = cJSON_AddArrayToObject(e, "actions");
    GArray *rows = body_rows(pcs, npcs);
    double left, right;
    text_edges(rows, &left, &right);
    read_resolutions(rows, left, right, resolutions, actions);
    cJSON *votes = ap_minutes_votes((const body_row *)(void *)rows->data, rows->len);
    body_rows_free(rows);
    cJSON *decl = read_declarations(t->title, rest);
    if (decl)
        cJSON_AddItemToObject(e, "declarations", decl);
    if (votes)
        cJSON_AddItemToObject(e, "votes", votes);
    const ap_row *row = &m->set.pages[c->pos.page]->rows[c->pos.row];
    cJSON *ev = ap_minutes_row_evidence(m, c->pos.page, row);
    if (need_apologies && ap_re_search(ap_minutes_rules()->apologies_title, t->title, 0, NULL))
        ap_minutes_apologies_from_entry(rest, attendance, ev);
    ap_minutes_apologies_reported(rest, attendance, ev);
    cJSON_AddItemToObject(e, "evidence", ev);
    g_free(agenda_number);
    return e;
}

void ap_minutes_entries(const minutes *m, cJSON *list, cJSON *attendance,
                         bool need_apologies)
{
    size_t n = m->entries->len;
    ap_piece **pieces = g_new(ap_piece *, n);
    size_t *npieces = g_new(size_t, n);
    ap_region_rules none = {0};
    for (size_t k = 0; k < n; k++) {
        const entry_anchor *a = &g_array_index(m->entries, entry_anchor, k);
        ap_pos anchor = a->pos;
        ap_pos next = k + 1 < n ? g_array_index(m->entries, entry_anchor, k + 1).pos
                                : (ap_pos){m->set.npages - 1,
                                           m->set.pages[m->set.npages - 1]->nrows};
        ap_pos end = ap_region_end(&m->set, anchor, next, &none);
        pieces[k] = ap_region_pieces(&m->set, anchor, end, a->number_len,
                                     &npieces[k]);
    }
    ap_titled *titled = ap_titles_split(pieces, npieces, n, true);
    for (size_t k = 0; k < n; k++) {
        cJSON_AddItemToArray(list, entry_json(m, k, &titled[k], pieces[k], npieces[k],
                                              attendance, need_apologies));
        g_free(pieces[k]);
    }
    ap_titled_free(titled, n);
    g_free(pieces);
    g_free(npieces);
}


/* ---- business before the first numbered minute ------------------------ */

void ap_minutes_header_entry(const minutes *m, cJSON *list)
{
    const minutes_rules *r = ap_minutes_rules();
    size_t n = m->header->len, decided = n;
    /* the first decision recorded in the header, above any minute */
    for (size_t i = 0; i < n && decided == n; i++) {
        char *t = ap_row_text(m->header->pdata[i], 0);
        if (ap_re_search(r->resolved, t, 0, NULL))
            decided = i;
        g_free(t);
    }
    /* the heading it is under: the nearest heading row above it */
    size_t h = decided;
    while (h-- > 0 && !ap_minutes_heading_row(m->header->pdata[h]))
        ;
    if (decided == n || h >= decided)
        return;
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(body_row));
    GString *text = g_string_new(NULL);
    for (size_t i = h + 1; i < n; i++) {
        const ap_row *row = m->header->pdata[i];
        body_row b = {ap_row_text(row, 0), row->bbox.y0, row->bbox.y1, row->bbox.x0,
                      row->bbox.x1};
        g_string_append_printf(text, "%s%s", text->len ? " " : "", b.text);
        g_array_append_val(rows, b);
    }
    double left, right;
    text_edges(rows, &left, &right);
    const ap_row *heading = m->header->pdata[h];
    cJSON *e = cJSON_CreateObject();
    cJSON_AddNullToObject(e, "number");
    char *title = ap_row_text(heading, 0);
    cJSON_AddStringToObject(e, "title", title);
    g_free(title);
    cJSON_AddNullToObject(e, "agenda_number");
    cJSON_AddStringToObject(e, "text", text->str);
    cJSON *resolutions = cJSON_AddArrayToObject(e, "resolutions");
    cJSON *actions = cJSON_AddArrayToObject(e, "actions");
    read_resolutions(rows, left, right, resolutions, actions);
    cJSON *votes = ap_minutes_votes((const body_row *)(void *)rows->data, rows->len);
    if (votes)
        cJSON_AddItemToObject(e, "votes", votes);
    cJSON_AddItemToObject(e, "evidence", ap_minutes_row_evidence(
                                             m, g_array_index(m->header_pages, size_t, h),
                                             heading));
    cJSON_AddItemToArray(list, e);
    body_rows_free(rows);
    g_string_free(text, TRUE);
}
