/*
 * links.c: where the site's pages link. Every link is relative, so the
 * site opens from disk (file://) and moves to any static host with the
 * archive beside it; a source PDF is linked at its page ("#page=N", which
 * browsers' PDF viewers open at).
 */
#include <string.h>

#include <glib.h>

#include "lexicon/normalise.h"
#include "record/record.h"
#include "site/siteInt.h"

void ap_site_pdfs_init(ap_site_pdfs *p)
{
    p->by_sha = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    p->by_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

void ap_site_pdfs_clear(ap_site_pdfs *p)
{
    g_clear_pointer(&p->by_sha, g_hash_table_destroy);
    g_clear_pointer(&p->by_name, g_hash_table_destroy);
}

void ap_site_pdfs_add(ap_site_pdfs *p, const char *sha, const char *path)
{
    if (!path || !g_file_test(path, G_FILE_TEST_IS_REGULAR))
        return;
    char *abs = g_canonicalize_filename(path, NULL);
    if (sha && *sha)
        g_hash_table_replace(p->by_sha, g_strdup(sha), g_strdup(abs));
    g_hash_table_replace(p->by_name, g_path_get_basename(abs), abs);
}

char *ap_site_relative_href(const char *from_dir, const char *path)
{
    char **from = g_strsplit(from_dir, "/", -1);
    char **to = g_strsplit(path, "/", -1);
    size_t nfrom = g_strv_length(from), nto = g_strv_length(to), common = 0;
    /* the last part of path is the file itself, never a common folder */
    while (common < nfrom && common + 1 < nto && !strcmp(from[common], to[common]))
        common++;
    GString *rel = g_string_new(NULL);
    for (size_t i = common; i < nfrom; i++)
        if (*from[i])
            g_string_append(rel, "../");
    for (size_t i = common; i < nto; i++) {
        if (!*to[i])
            continue;
        /* a file name may hold spaces, '#', '?' or '%': all escaped, '/'
         * kept; non-ASCII escaped too, as a URI's bytes */
        char *part = g_uri_escape_string(to[i], NULL, FALSE);
        g_string_append(rel, part);
        if (i + 1 < nto)
            g_string_append_c(rel, '/');
        g_free(part);
    }
    g_strfreev(from);
    g_strfreev(to);
    return g_string_free(rel, FALSE);
}

char *ap_site_pdf_href(const ap_site_pdfs *p, const char *page_dir, const char *sha,
                       const char *file, int pdf_page)
{
    const char *path = sha ? g_hash_table_lookup(p->by_sha, sha) : NULL;
    if (!path && file) {
        char *base = g_path_get_basename(file);
        path = g_hash_table_lookup(p->by_name, base);
        g_free(base);
    }
    if (!path)
        return NULL;
    char *href = ap_site_relative_href(page_dir, path);
    if (pdf_page > 0) {
        char *paged = g_strdup_printf("%s#page=%d", href, pdf_page);
        g_free(href);
        href = paged;
    }
    return href;
}

/* The id's file name (ap_record_file_name's, "a__b__c.json") with the
 * suffix of a page instead. */
char *ap_site_meeting_file(const char *meeting_id)
{
    char *json = ap_record_file_name(meeting_id);
    if (g_str_has_suffix(json, ".json"))
        json[strlen(json) - 5] = 0;
    char *html = g_strconcat(json, ".html", NULL);
    g_free(json);
    return html;
}

char *ap_site_committee_file(const char *meeting_id)
{
    char **parts = g_strsplit(meeting_id, "/", 3);
    char *name = g_strdup_printf("%s__%s.html", parts[0] ? parts[0] : "unknown",
                                 parts[0] && parts[1] ? parts[1] : "unknown");
    g_strfreev(parts);
    return name;
}

char *ap_site_person_file(const char *council, const char *name)
{
    char *slug = ap_slug(name ? name : "");
    char *file = g_strdup_printf("%s__%s.html", council, slug);
    g_free(slug);
    return file;
}

char *ap_site_long_date(const char *iso)
{
    int y, m, d;
    char tail;
    if (!iso || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
        !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
        return g_strdup(iso ? iso : "");
    GDate *date = g_date_new_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y);
    char buf[64];
    /* English names whatever the locale: the pages say lang="en-GB" */
    static const char *const days[] = {"", "Monday", "Tuesday", "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};
    static const char *const months[] = {"", "January", "February", "March", "April", "May",
                                         "June", "July", "August", "September", "October",
                                         "November", "December"};
    g_snprintf(buf, sizeof buf, "%s %d %s %d", days[g_date_get_weekday(date)], d, months[m], y);
    g_date_free(date);
    return g_strdup(buf);
}

char *ap_site_papers(const char *status)
{
    if (!status)
        return g_strdup("");
    char **parts = g_strsplit(status, "+", -1);
    char *words = g_strjoinv(" and ", parts);
    g_strfreev(parts);
    return words;
}
