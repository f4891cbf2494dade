/*
 * test_site.c: the static site (`agendapack site`) built from a batch of
 * fixture packs: every meeting of the store has its page; every page is
 * well-formed (parsed as XML by libxml2, and by tidy as HTML where tidy is
 * installed); every link leads to a file of the site, an element of the
 * page it names, or a page of a PDF that exists; each indicator chart has
 * one point per period the store holds for it and its target; text from
 * a PDF is text, never markup; `site --meeting` and `convert --html` make
 * one page standing alone; a page an earlier build made and this one does
 * not is removed; and the command's errors.
 */
#define _GNU_SOURCE  /* symlink */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <poppler.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "site/siteInt.h"
#include "tests/helpers.h"

static char *dir, *archive, *out, *site, *db;

/* Minutes with votes and declarations, a cabinet's extract, an agenda
 * pack, two scorecards of one committee (a target range, RAG, direction),
 * and a panel met twice, once with a scorecard. */
static const char *const FIXTURES[] = {"minutes-votes", "minutes-extract", "sample-pack",
                                       "scorecard-pack", "kpi-summary", "kpi-detail",
                                       "harbourside-january"};

/* A minute titled with markup, as a PDF may print it. */
static const char HOSTILE[] = "Minutes <script>alert(1)</script> & \"x\" <b>y</b>";

static void hostile_fixture(void)
{
    char *path = g_strdup_printf("%s/fixtures/minutes-votes.txt", AP_SOURCE_DIR), *text = NULL;
    cr_assert(g_file_get_contents(path, &text, NULL, NULL));
    char *line = strstr(text, "bold Minutes\n");
    cr_assert_not_null(line);
    line[strlen("bold Minutes")] = 0;
    char *changed = g_strdup_printf("%s %s\n%s", text, HOSTILE + strlen("Minutes "),
                                    line + strlen("bold Minutes") + 1);
    /* another council's minutes, so the record is a meeting of its own */
    char *council = strstr(changed, "WESTMARSH COUNTY COUNCIL");
    cr_assert_not_null(council);
    memcpy(council, "EASTMARSH", 9);
    char *fixture = write_file(dir, "hostile.txt", changed, strlen(changed));
    g_free(render_fixture(archive, fixture, NULL));
    g_free(fixture);
    g_free(changed);
    g_free(text);
    g_free(path);
}

static void setup(void)
{
    dir = scratch_dir();
    archive = g_build_filename(dir, "archive", NULL);
    cr_assert_eq(g_mkdir_with_parents(archive, 0755), 0);
    for (size_t i = 0; i < G_N_ELEMENTS(FIXTURES); i++)
        g_free(render_fixture(archive, FIXTURES[i], NULL));
    hostile_fixture();
    out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-q", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    db = g_build_filename(out, "agendapack.sqlite", NULL);
    site = g_build_filename(out, "site", NULL);
    r = cli_run(NULL, (const char *[]){"site", out, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "index.html"), "%s", r.out);
    cli_result_free(&r);
}

static void teardown(void)
{
    g_free(db);
    g_free(site);
    g_free(out);
    g_free(archive);
    scratch_remove(dir);
}

TestSuite(site, .init = setup, .fini = teardown);

/* ---- reading pages ------------------------------------------------------------------------- */

static void count_error(void *ctx, const char *msg, ...)
{
    (void)msg;
    (*(int *)ctx)++;
}

/* The page at path parsed as XML, asserting it is well-formed. */
static xmlDocPtr parse_page(const char *path)
{
    int errors = 0;
    xmlSetGenericErrorFunc(&errors, count_error);
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    xmlSetGenericErrorFunc(NULL, NULL);
    cr_assert_not_null(doc, "%s: not well-formed", path);
    cr_assert_eq(errors, 0, "%s: %d parse errors", path, errors);
    return doc;
}

/* The nodes of xpath (namespaces ignored: write local-name()). */
static xmlXPathObjectPtr nodes(xmlDocPtr doc, xmlNodePtr at, const char *xpath)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    if (at)
        ctx->node = at;
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST xpath, ctx);
    xmlXPathFreeContext(ctx);
    cr_assert_not_null(o, "%s", xpath);
    return o;
}

static int count(xmlDocPtr doc, xmlNodePtr at, const char *xpath)
{
    xmlXPathObjectPtr o = nodes(doc, at, xpath);
    int n = o->nodesetval ? o->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(o);
    return n;
}

/* Every *.html path under the site. */
static GPtrArray *pages(void)
{
    GPtrArray *all = g_ptr_array_new_with_free_func(g_free);
    const char *folders[] = {"", "meetings", "committees", "people"};
    for (size_t f = 0; f < G_N_ELEMENTS(folders); f++) {
        char *d = g_build_filename(site, folders[f], NULL);
        GPtrArray *names = list_dir(d);
        for (guint i = 0; i < names->len; i++)
            if (g_str_has_suffix(g_ptr_array_index(names, i), ".html"))
                g_ptr_array_add(all, g_build_filename(d, g_ptr_array_index(names, i), NULL));
        g_ptr_array_free(names, TRUE);
        g_free(d);
    }
    return all;
}

static sqlite3 *open_db(void)
{
    sqlite3 *s = NULL;
    cr_assert_eq(sqlite3_open_v2(db, &s, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    return s;
}

/* ---- the tests ---------------------------------------------------------------------------------- */

Test(site, every_meeting_has_its_page_linked_from_the_index)
{
    char *index = g_build_filename(site, "index.html", NULL);
    xmlDocPtr doc = parse_page(index);
    sqlite3 *s = open_db();
    sqlite3_stmt *st;
    cr_assert_eq(sqlite3_prepare_v2(s, "SELECT id FROM meetings", -1, &st, NULL), SQLITE_OK);
    int meetings = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        char *file = ap_site_meeting_file((const char *)sqlite3_column_text(st, 0));
        char *path = g_build_filename(site, "meetings", file, NULL);
        cr_expect(g_file_test(path, G_FILE_TEST_IS_REGULAR), "no page %s", path);
        char *xpath = g_strdup_printf("//*[local-name()='a'][@href='meetings/%s']", file);
        cr_expect_eq(count(doc, NULL, xpath), 1, "the index does not link %s once", file);
        meetings++;
        g_free(xpath);
        g_free(path);
        g_free(file);
    }
    sqlite3_finalize(st);
    sqlite3_close(s);
    cr_assert_geq(meetings, 7);
    xmlFreeDoc(doc);
    g_free(index);
}

static int pdf_pages(const char *path)
{
    char *uri = g_filename_to_uri(path, NULL, NULL);
    PopplerDocument *pdf = poppler_document_new_from_file(uri, NULL, NULL);
    int n = pdf ? poppler_document_get_n_pages(pdf) : 0;
    if (pdf)
        g_object_unref(pdf);
    g_free(uri);
    return n;
}

/* href (relative, maybe with a #fragment) from the page at page_path:
 * its file exists; a PDF's #page=N is one of its pages; another
 * fragment is an id of the page it names. Returns 1 for a PDF page link. */
static int check_link(const char *page_path, const char *href)
{
    cr_assert(!strstr(href, "://") && href[0] != '/', "%s: link not relative: %s", page_path,
              href);
    char **parts = g_strsplit(href, "#", 2);
    char *unescaped = g_uri_unescape_string(parts[0], NULL);
    char *folder = g_path_get_dirname(page_path);
    char *target = *unescaped ? g_build_filename(folder, unescaped, NULL) : g_strdup(page_path);
    cr_assert(g_file_test(target, G_FILE_TEST_IS_REGULAR), "%s: %s leads nowhere", page_path,
              href);
    int pdf_link = 0;
    if (parts[1] && g_str_has_suffix(target, ".pdf")) {
        int page = 0;
        cr_assert_eq(sscanf(parts[1], "page=%d", &page), 1, "%s: %s", page_path, href);
        cr_assert(page >= 1 && page <= pdf_pages(target), "%s: %s: no such page", page_path,
                  href);
        pdf_link = 1;
    } else if (parts[1]) {
        xmlDocPtr doc = parse_page(target);
        char *xpath = g_strdup_printf("//*[@id='%s']", parts[1]);
        cr_assert_eq(count(doc, NULL, xpath), 1, "%s: %s: no such element", page_path, href);
        g_free(xpath);
        xmlFreeDoc(doc);
    }
    g_free(target);
    g_free(folder);
    g_free(unescaped);
    g_strfreev(parts);
    return pdf_link;
}

Test(site, every_page_is_well_formed_and_every_link_resolves)
{
    GPtrArray *all = pages();
    cr_assert_geq(all->len, 20);
    int links = 0, pdf_links = 0;
    for (guint i = 0; i < all->len; i++) {
        const char *path = g_ptr_array_index(all, i);
        xmlDocPtr doc = parse_page(path);
        /* ids unique in each page */
        cr_expect_eq(count(doc, NULL, "//*[@id][@id = preceding::*/@id]"), 0, "%s", path);
        xmlXPathObjectPtr o = nodes(doc, NULL, "//@href | //@src");
        for (int k = 0; o->nodesetval && k < o->nodesetval->nodeNr; k++) {
            xmlChar *href = xmlNodeGetContent(o->nodesetval->nodeTab[k]);
            pdf_links += check_link(path, (const char *)href);
            links++;
            xmlFree(href);
        }
        xmlXPathFreeObject(o);
        xmlFreeDoc(doc);
    }
    cr_expect_gt(pdf_links, 10, "links to PDF pages: %d", pdf_links);
    cr_expect_gt(links, 200, "links: %d", links);
    g_ptr_array_free(all, TRUE);
}

/* "<td/>" is well-formed XML but HTML reads it as an open <td>: only
 * HTML's void elements and SVG's shapes may close themselves. */
Test(site, only_void_elements_close_themselves)
{
    static const char *const may[] = {"meta", "link", "br", "hr", "img", "input",
                                      "line", "circle", "rect", "polyline", "path"};
    GRegex *closed = g_regex_new("<([a-zA-Z][a-zA-Z0-9]*)[^<>]*/>", 0, 0, NULL);
    GPtrArray *all = pages();
    int seen = 0;
    for (guint i = 0; i < all->len; i++) {
        char *text = NULL;
        cr_assert(g_file_get_contents(g_ptr_array_index(all, i), &text, NULL, NULL));
        GMatchInfo *m = NULL;
        for (g_regex_match(closed, text, 0, &m); g_match_info_matches(m);
             g_match_info_next(m, NULL)) {
            char *tag = g_match_info_fetch(m, 1);
            bool ok = false;
            for (size_t k = 0; k < G_N_ELEMENTS(may); k++)
                ok |= !strcmp(tag, may[k]);
            cr_expect(ok, "%s: <%s/>", (char *)g_ptr_array_index(all, i), tag);
            seen++;
            g_free(tag);
        }
        g_match_info_free(m);
        g_free(text);
    }
    cr_expect_gt(seen, 0, "the meta elements at least");
    g_ptr_array_free(all, TRUE);
    g_regex_unref(closed);
}

Test(site, pages_pass_an_html5_checker)
{
    if (!g_find_program_in_path("tidy"))
        cr_skip_test("tidy (Debian's HTML5 checker) is not installed; make test-deps installs it");
    GPtrArray *all = pages();
    for (guint i = 0; i < all->len; i++) {
        const char *path = g_ptr_array_index(all, i);
        char *argv[] = {"tidy", "-q", "-e", (char *)path, NULL}, *err = NULL;
        int status = 0;
        cr_assert(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, NULL));
        /* tidy exits 1 for warnings, 2 for errors; it says each on stderr */
        cr_expect_eq(*err, 0, "%s:\n%s", path, err);
        g_free(err);
    }
    g_ptr_array_free(all, TRUE);
}

/* Periods with a figure the store holds for the indicator called name
 * (any case) at the committee's meetings, and whether its latest has a
 * target (2 for a range). */
static void expected_chart(sqlite3 *s, const char *prefix, const char *name, int *points,
                           int *target)
{
    sqlite3_stmt *st;
    cr_assert_eq(sqlite3_prepare_v2(
                     s, "SELECT count(DISTINCT coalesce(v.period, v.label)) FROM indicators i"
                        " JOIN indicator_values v ON v.indicator_id = i.id"
                        " WHERE lower(i.name) = lower(?2) AND i.meeting_id LIKE ?1 || '%'"
                        " AND v.value IS NOT NULL", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
    *points = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    cr_assert_eq(sqlite3_prepare_v2(
                     s, "SELECT target_value IS NOT NULL, target_max > target_value"
                        " FROM indicators i JOIN meetings m ON m.id = i.meeting_id"
                        " WHERE lower(i.name) = lower(?2) AND i.meeting_id LIKE ?1 || '%'"
                        " ORDER BY m.date DESC, i.id DESC LIMIT 1", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
    *target = sqlite3_column_int(st, 0) + sqlite3_column_int(st, 1);
    sqlite3_finalize(st);
}

Test(site, each_chart_has_a_point_per_period_and_its_target)
{
    sqlite3 *s = open_db();
    GPtrArray *all = pages();
    int charts = 0, bands = 0, rated = 0;
    for (guint i = 0; i < all->len; i++) {
        const char *path = g_ptr_array_index(all, i);
        if (!strstr(path, "/committees/"))
            continue;
        char *base = g_path_get_basename(path);
        *strstr(base, ".html") = 0;
        char **parts = g_strsplit(base, "__", 2);
        char *prefix = g_strdup_printf("%s/%s/", parts[0], parts[1]);
        xmlDocPtr doc = parse_page(path);
        xmlXPathObjectPtr o = nodes(doc, NULL, "//*[local-name()='svg']");
        for (int k = 0; o->nodesetval && k < o->nodesetval->nodeNr; k++) {
            xmlNodePtr svg = o->nodesetval->nodeTab[k];
            xmlXPathObjectPtr t = nodes(doc, svg, "*[local-name()='title']");
            cr_assert_eq(t->nodesetval->nodeNr, 1, "%s: a chart without its title", path);
            xmlChar *name = xmlNodeGetContent(t->nodesetval->nodeTab[0]);
            xmlXPathFreeObject(t);
            int points, target;
            expected_chart(s, prefix, (const char *)name, &points, &target);
            cr_expect_gt(points, 0, "%s", name);
            cr_expect_eq(count(doc, svg, ".//*[local-name()='circle']"), points,
                         "%s: %s: points", path, name);
            cr_expect_eq(count(doc, svg, ".//*[contains(concat(' ', @class, ' '), ' target ')]"),
                         target ? 1 : 0, "%s: %s: target", path, name);
            bands += count(doc, svg, ".//*[local-name()='rect'][@class='target']");
            cr_expect_eq(count(doc, svg, "*[local-name()='desc']"), 1, "%s", name);
            rated += count(doc, svg, ".//*[contains(@class, 'rag-')]");
            xmlFree(name);
            charts++;
        }
        xmlXPathFreeObject(o);
        xmlFreeDoc(doc);
        g_free(prefix);
        g_strfreev(parts);
        g_free(base);
    }
    cr_expect_geq(charts, 10, "charts: %d", charts);
    cr_expect_geq(bands, 1, "a target range is drawn as a band");
    cr_expect_geq(rated, 5, "the latest points coloured by rating");
    g_ptr_array_free(all, TRUE);
    sqlite3_close(s);
}

/* The page of the meeting whose id begins with prefix, parsed. */
static xmlDocPtr meeting_page(const char *prefix, char **path_out)
{
    char *d = g_build_filename(site, "meetings", NULL);
    GPtrArray *names = list_dir(d);
    char *path = NULL;
    for (guint i = 0; i < names->len && !path; i++)
        if (g_str_has_prefix(g_ptr_array_index(names, i), prefix))
            path = g_build_filename(d, g_ptr_array_index(names, i), NULL);
    g_ptr_array_free(names, TRUE);
    g_free(d);
    cr_assert_not_null(path, "no page for %s", prefix);
    xmlDocPtr doc = parse_page(path);
    if (path_out)
        *path_out = path;
    else
        g_free(path);
    return doc;
}

Test(site, a_meeting_page_shows_its_minutes_votes_and_people)
{
    xmlDocPtr doc = meeting_page("westmarsh__council__", NULL);
    /* each recorded vote a table of members, how each voted a word */
    cr_expect_geq(count(doc, NULL, "//*[local-name()='table'][@class='votes']"), 2);
    cr_expect_gt(count(doc, NULL, "//*[local-name()='table'][@class='votes']//*[local-name()="
                                  "'td'][.='For' or .='Against' or .='Abstained']"), 5);
    cr_expect_gt(count(doc, NULL, "//*[local-name()='ol'][@class='resolutions']/*"), 3);
    cr_expect_geq(count(doc, NULL, "//*[local-name()='ul'][@class='declarations']/*"), 2);
    /* attendance names lead to their people's pages */
    cr_expect_gt(count(doc, NULL, "//*[local-name()='ul'][@class='people']//*[local-name()="
                                  "'a'][starts-with(@href, '../people/')]"), 5);
    /* each minute links its page of the minutes' PDF */
    cr_expect_gt(count(doc, NULL, "//*[local-name()='section'][@class='minute']/*[@class="
                                  "'pages']/*[local-name()='a'][contains(@href, '.pdf#page=')]"),
                 5);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='dd'][.='agenda and minutes' or .='minutes']"),
                 1, "the papers a meeting has, in words");
    /* headings in order: one h1, no level skipped */
    cr_expect_eq(count(doc, NULL, "//*[local-name()='h1']"), 1);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='h4'][not(preceding::*[local-name()="
                                  "'h3'])]"), 0);
    xmlFreeDoc(doc);
}

Test(site, a_person_page_links_the_same_surname_printed_otherwise)
{
    /* the fixture's minutes print "D Cole" present, "Mr Cole" voting and
     * "Cole" declaring */
    char *path = g_build_filename(site, "people", "westmarsh__mr-cole.html", NULL);
    xmlDocPtr doc = parse_page(path);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='p'][@class='note']/*[local-name()='a']"
                                  "[@href='westmarsh__d-cole.html' or @href='westmarsh__cole.html']"),
                 2);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='p'][@class='lead'][contains(., 'recorded vote')]"
                                  "[not(contains(., 'Present at 0'))]"), 1);
    cr_expect_eq(count(doc, NULL, "//*[@id='votes']"), 1);
    xmlFreeDoc(doc);
    g_free(path);
}

Test(site, text_from_a_pdf_is_text_never_markup)
{
    char *path = NULL;
    xmlDocPtr doc = meeting_page("eastmarsh__", &path);
    /* the only scripts are the search page's own: none here */
    cr_expect_eq(count(doc, NULL, "//*[local-name()='script']"), 0);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='b']"), 0);
    char *xpath = g_strdup_printf("//*[local-name()='h3'][contains(., '%s')]",
                                  "<script>alert(1)</script> & \"x\" <b>y</b>");
    cr_expect_eq(count(doc, NULL, xpath), 1, "the title as text, whole");
    g_free(xpath);
    char *text = NULL;
    cr_assert(g_file_get_contents(path, &text, NULL, NULL));
    cr_expect(strstr(text, "&lt;script&gt;alert(1)&lt;/script&gt; &amp;"), "escaped");
    g_free(text);
    g_free(path);
    xmlFreeDoc(doc);
}

Test(site, control_characters_and_broken_utf8_are_made_printable)
{
    char *path = g_build_filename(dir, "page.html", NULL);
    ap_html *h = ap_html_new("a \x02 title", NULL);
    ap_html_elem(h, "p", "glyph \x02 here, bad \xff byte, C1 \xc2\x9b, fine \xc3\xa9",
                 "title", "attr \x01", NULL);
    ap_error err = {{0}};
    cr_assert(ap_html_save(h, path, &err), "%s", err.message);
    ap_html_free(h);
    xmlDocPtr doc = parse_page(path);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='p'][contains(., '\xc3\xa9')]"), 1);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='p'][contains(., '\xef\xbf\xbd here')]"), 1);
    /* standing alone: the stylesheet inside, no link to one */
    cr_expect_eq(count(doc, NULL, "//*[local-name()='style']"), 1);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='link']"), 0);
    xmlFreeDoc(doc);
    g_free(path);
}

Test(site, the_stylesheet_is_the_same_text_to_html_and_xml)
{
    /* carried raw inside a page standing alone (site/html.c) */
    cr_expect_null(strpbrk(ap_site_style_css, "<&"));
}

Test(site, one_meeting_alone_with_site_meeting_and_convert_html)
{
    char *alone = g_build_filename(dir, "alone", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"site", out, "--meeting",
                                                  "westmarsh/council/2026-01-15", "-o", alone,
                                                  NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    char *page = g_build_filename(alone, "westmarsh__council__2026-01-15.html", NULL);
    xmlDocPtr doc = parse_page(page);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='style']"), 1);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='a'][contains(@href, 'people/')]"), 0);
    cr_expect_gt(count(doc, NULL, "//*[local-name()='table'][@class='votes']"), 0);
    xmlFreeDoc(doc);
    g_free(page);

    /* convert --html: the page beside the record, the PDF linked at its pages */
    char *conv = g_build_filename(dir, "conv", NULL);
    char *pdf = g_build_filename(archive, "minutes-votes.pdf", NULL);
    r = cli_run(NULL, (const char *[]){"convert", "--html", pdf, "-o", conv, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, ".html"), "%s", r.out);
    cli_result_free(&r);
    page = g_build_filename(conv, "westmarsh__council__2026-01-15.html", NULL);
    doc = parse_page(page);
    int pdf_links = 0;
    xmlXPathObjectPtr o = nodes(doc, NULL, "//@href");
    for (int k = 0; o->nodesetval && k < o->nodesetval->nodeNr; k++) {
        xmlChar *href = xmlNodeGetContent(o->nodesetval->nodeTab[k]);
        pdf_links += check_link(page, (const char *)href);
        xmlFree(href);
    }
    xmlXPathFreeObject(o);
    cr_expect_gt(pdf_links, 3);
    xmlFreeDoc(doc);
    g_free(page);

    r = cli_run(NULL, (const char *[]){"convert", "--html", pdf, "-o", "-", NULL});
    cr_expect_eq(r.status, 2, "--html with -o - is a usage error");
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"site", out, "--meeting", "no/such/meeting", "-o", alone,
                                       NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "no meeting 'no/such/meeting'"), "%s", r.err);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cli_result_free(&r);
    g_free(pdf);
    g_free(conv);
    g_free(alone);
}

Test(site, a_rebuild_removes_pages_no_longer_made_and_nothing_else)
{
    char *stale = g_build_filename(site, "meetings", "gone__meeting__2001-01-01.html", NULL);
    char *mine = g_build_filename(site, "meetings", "notes.txt", NULL);
    cr_assert(g_file_set_contents(stale, "old", -1, NULL));
    cr_assert(g_file_set_contents(mine, "a user's file", -1, NULL));
    cli_result r = cli_run(NULL, (const char *[]){"site", "-q", out, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect_str_empty(r.out);
    cli_result_free(&r);
    cr_expect(!g_file_test(stale, G_FILE_TEST_EXISTS), "a stale page is removed");
    cr_expect(g_file_test(mine, G_FILE_TEST_EXISTS), "a file not of the site's is kept");
    g_free(stale);
    g_free(mine);
}

Test(site, errors_are_one_line_naming_the_folder)
{
    char *none = g_build_filename(dir, "none", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"site", none, NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "none") && strstr(r.err, "no such store"), "%s", r.err);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cli_result_free(&r);
    /* a site folder that is a link is not written through */
    char *link = g_build_filename(dir, "link", NULL);
    cr_assert_eq(symlink(dir, link), 0);
    r = cli_run(NULL, (const char *[]){"site", out, "-o", link, NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "symbolic link"), "%s", r.err);
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"site", NULL});
    cr_expect_eq(r.status, 2);
    cli_result_free(&r);
    g_free(link);
    g_free(none);
}

Test(site, a_chart_draws_each_point_and_says_what_it_shows)
{
    ap_chart_point pts[] = {{"Q1", 10, "2024-01-01"}, {"Q2", 12.5, NULL}, {"Q3", 9, NULL}};
    ap_chart c = {.name = "Visits", .unit = "percent", .points = pts, .npoints = 3,
                  .has_target = true, .target = 11, .target_text = "11%", .rag = "red",
                  .direction = "down"};
    char *path = g_build_filename(dir, "chart.html", NULL);
    ap_html *h = ap_html_new("chart", "");
    ap_chart_write(h, &c);
    ap_error err = {{0}};
    cr_assert(ap_html_save(h, path, &err), "%s", err.message);
    ap_html_free(h);
    xmlDocPtr doc = parse_page(path);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='circle']"), 3);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='line'][@class='target']"), 1);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='circle'][contains(@class, 'rag-red')]"), 1);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='desc'][contains(., 'rated Red')]"
                                  "[contains(., 'direction Down')][contains(., 'target 11%')]"),
                 1);
    cr_expect_eq(count(doc, NULL, "//*[local-name()='title'][.='Q2: 12.5']"), 1);
    /* the direction drawn too: an arrowhead pointing down */
    cr_expect_eq(count(doc, NULL, "//*[local-name()='path'][@class='direction']"
                                  "[*[local-name()='title'][.='Direction of travel: Down']]"),
                 1);
    /* the value axis in round steps with its unit */
    cr_expect_eq(count(doc, NULL, "//*[local-name()='text'][@class='tick'][.='0%']"), 1);
    xmlFreeDoc(doc);
    g_free(path);
}
