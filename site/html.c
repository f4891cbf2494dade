/*
 * html.c: a page of the site, written through libxml2's xmlTextWriter.
 *
 * The writer escapes every text and attribute value it is given, so no
 * PDF text can open an element or a script; nothing here writes markup
 * from strings but the stylesheet of a page standing alone, which is the
 * program's own constant. A page is polyglot: an HTML5 document that is
 * also well-formed XML, which is what lets the tests check every page
 * with an XML parser as well as with an HTML one.
 */
#include <stdarg.h>
#include <string.h>

#include <glib.h>
#include <libxml/xmlwriter.h>

#include "core/error.h"
#include "core/json_files.h"
#include "site/siteInt.h"

struct ap_html {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
    char *root;
    GPtrArray *open;        /* the tags open, innermost last */
    bool failed;
};

/* HTML's void elements among those the site writes: closed as "<br/>". */
static bool is_void(const char *tag)
{
    static const char *const voids[] = {"meta", "link", "br", "hr", "img", "input"};
    for (size_t i = 0; i < G_N_ELEMENTS(voids); i++)
        if (!strcmp(tag, voids[i]))
            return true;
    return false;
}

/* text as a page may hold it: valid UTF-8 (a PDF's text may be any
 * bytes), and no control character but tab and newline, which neither
 * XML 1.0 nor HTML allows (a glyph a PDF maps to U+0002, say): each is
 * U+FFFD, the mark of a character that could not be read. g_free it. */
static char *printable(const char *text)
{
    char *valid = g_utf8_make_valid(text, -1);
    GString *out = g_string_sized_new(strlen(valid));
    for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c < 0xa0) ||
            (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
            g_string_append_unichar(out, 0xfffd);
        else
            g_string_append_len(out, p, g_utf8_next_char(p) - p);
    }
    g_free(valid);
    return g_string_free(out, FALSE);
}

static void check(ap_html *h, int rc)
{
    if (rc < 0)
        h->failed = true;
}

static void start(ap_html *h, const char *tag, va_list ap)
{
    check(h, xmlTextWriterStartElement(h->w, BAD_CAST tag));
    for (const char *name; (name = va_arg(ap, const char *));) {
        const char *value = va_arg(ap, const char *);
        if (value) {
            char *clean = printable(value);
            check(h, xmlTextWriterWriteAttribute(h->w, BAD_CAST name, BAD_CAST clean));
            g_free(clean);
        }
    }
    g_ptr_array_add(h->open, g_strdup(tag));
}

void ap_html_open(ap_html *h, const char *tag, ...)
{
    va_list ap;
    va_start(ap, tag);
    start(h, tag, ap);
    va_end(ap);
}

void ap_html_close(ap_html *h)
{
    if (h->open->len == 0) {
        h->failed = true;
        return;
    }
    const char *tag = g_ptr_array_index(h->open, h->open->len - 1);
    /* xmlTextWriterEndElement would write "<td/>", which HTML reads as an
     * open <td> */
    check(h, is_void(tag) ? xmlTextWriterEndElement(h->w) : xmlTextWriterFullEndElement(h->w));
    g_ptr_array_remove_index(h->open, h->open->len - 1);
}

void ap_html_text(ap_html *h, const char *text)
{
    if (text && *text) {
        char *clean = printable(text);
        check(h, xmlTextWriterWriteString(h->w, BAD_CAST clean));
        g_free(clean);
    }
}

void ap_html_textf(ap_html *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    ap_html_text(h, text);
    g_free(text);
}

void ap_html_elem(ap_html *h, const char *tag, const char *text, ...)
{
    va_list ap;
    va_start(ap, text);
    start(h, tag, ap);
    va_end(ap);
    ap_html_text(h, text);
    ap_html_close(h);
}

void ap_html_link(ap_html *h, const char *href, const char *text)
{
    if (href)
        ap_html_elem(h, "a", text, "href", href, NULL);
    else
        ap_html_text(h, text);
}

void ap_html_heading(ap_html *h, int level, const char *id, const char *text)
{
    char tag[3] = {'h', (char)('0' + CLAMP(level, 1, 6)), 0};
    ap_html_elem(h, tag, text, "id", id, NULL);
}

void ap_html_field(ap_html *h, const char *term, const char *value)
{
    if (!value || !*value)
        return;
    ap_html_elem(h, "dt", term, NULL);
    ap_html_elem(h, "dd", value, NULL);
}

const char *ap_html_root(const ap_html *h)
{
    return h->root;
}

/* The head: the document's language and encoding, a viewport for
 * phones, the title, and the stylesheet (linked, or carried inside a
 * page standing alone). */
static void head(ap_html *h, const char *title)
{
    ap_html_open(h, "head", NULL);
    ap_html_open(h, "meta", "charset", "utf-8", NULL);
    ap_html_close(h);
    ap_html_open(h, "meta", "name", "viewport", "content", "width=device-width, initial-scale=1",
                 NULL);
    ap_html_close(h);
    ap_html_open(h, "meta", "name", "generator", "content", "agendapack " AP_VERSION, NULL);
    ap_html_close(h);
    ap_html_elem(h, "title", title, NULL);
    if (h->root) {
        char *css = g_strconcat(h->root, "style.css", NULL);
        ap_html_open(h, "link", "rel", "stylesheet", "href", css, NULL);
        ap_html_close(h);
        g_free(css);
    } else {
        /* raw: the program's own stylesheet, which holds no '<' or '&'
         * (a test checks), so it is the same text to HTML and XML */
        ap_html_open(h, "style", NULL);
        check(h, xmlTextWriterWriteRaw(h->w, BAD_CAST ap_site_style_css));
        ap_html_close(h);
    }
    ap_html_close(h);
}

ap_html *ap_html_new(const char *title, const char *root)
{
    ap_html *h = g_new0(ap_html, 1);
    h->buf = xmlBufferCreate();
    h->w = xmlNewTextWriterMemory(h->buf, 0);
    h->root = g_strdup(root);
    h->open = g_ptr_array_new_with_free_func(g_free);
    if (!h->buf || !h->w) {
        h->failed = true;
        return h;
    }
    /* no XML declaration: HTML would read it as a bogus comment */
    check(h, xmlTextWriterWriteDTD(h->w, BAD_CAST "html", NULL, NULL, NULL));
    check(h, xmlTextWriterWriteRaw(h->w, BAD_CAST "\n"));
    ap_html_open(h, "html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en-GB", NULL);
    head(h, title);
    ap_html_open(h, "body", NULL);
    return h;
}

void ap_html_free(ap_html *h)
{
    if (!h)
        return;
    if (h->w)
        xmlFreeTextWriter(h->w);
    if (h->buf)
        xmlBufferFree(h->buf);
    g_ptr_array_free(h->open, TRUE);
    g_free(h->root);
    g_free(h);
}

bool ap_html_save(ap_html *h, const char *path, ap_error *err)
{
    while (h->open->len > 0)
        ap_html_close(h);
    check(h, xmlTextWriterEndDocument(h->w));
    check(h, xmlTextWriterFlush(h->w));
    if (h->failed) {
        ap_error_set(err, "%s: the page could not be written (out of memory?)", path);
        return false;
    }
    char *text = g_strconcat((const char *)xmlBufferContent(h->buf), "\n", NULL);
    bool ok = ap_text_file_write_unsynced(path, text, err);
    g_free(text);
    return ok;
}
