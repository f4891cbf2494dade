#define _POSIX_C_SOURCE 200809L  /* sys/wait.h */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/page_model.h"
#include "tests/fixture_pdf.h"
#include "tests/helpers.h"
#include "record/schema.h"
#include "parsers/pdf.h"
#include "pages/stages.h"
#include "extractors/extractor.h"

char *scratch_dir(void)
{
    GError *gerr = NULL;
    char *dir = g_dir_make_tmp("agendapack-test-XXXXXX", &gerr);
    cr_assert_not_null(dir, "cannot make a scratch folder");
    return dir;
}

static void remove_tree(const char *path)
{
    if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
        GDir *d = g_dir_open(path, 0, NULL);
        const char *name;
        while (d && (name = g_dir_read_name(d))) {
            char *child = g_build_filename(path, name, NULL);
            remove_tree(child);
            g_free(child);
        }
        if (d)
            g_dir_close(d);
    }
    g_remove(path);
}

void scratch_remove(char *dir)
{
    remove_tree(dir);
    g_free(dir);
}

char *render_fixture(const char *dir, const char *name, const char *font)
{
    char *spec = strchr(name, '/')
        ? g_strdup(name)
        : g_strdup_printf("%s/fixtures/%s.txt", AP_SOURCE_DIR, name);
    char *base = g_path_get_basename(name);
    char *dot = strrchr(base, '.');
    if (dot)
        *dot = '\0';
    char *pdf = g_strdup_printf("%s/%s%s%s.pdf", dir, base, font ? "-" : "",
                                font ? font : "");
    char err[256] = "";
    cr_assert(fixture_render_file(spec, pdf, font, err, sizeof err),
              "fixture %s: %s", spec, err);
    g_free(spec);
    g_free(base);
    return pdf;
}

char *write_file(const char *dir, const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(dir, name, NULL);
    cr_assert(g_file_set_contents(path, data, (gssize)len, NULL));
    return path;
}

ap_doc *synthetic_doc(size_t npages)
{
    ap_doc *doc = g_new0(ap_doc, 1);
    doc->path = g_strdup("synthetic.pdf");
    doc->sha256 = g_strnfill(64, 'a');
    doc->npages = npages;
    doc->pages = g_new0(ap_page, npages);
    for (size_t i = 0; i < npages; i++)
        doc->pages[i] = (ap_page){.pdf_page = (int)i + 1, .width = 595.276,
                                  .height = 841.89};
    return doc;
}

void add_line(ap_doc *doc, int page, double x, double y, const char *text)
{
    ap_page *p = &doc->pages[page - 1];
    p->lines = g_renew(ap_line, p->lines, p->nlines + 1);
    ap_span *span = g_new0(ap_span, 1);
    *span = (ap_span){.start = 0, .len = strlen(text),
                      .font = (char *)g_intern_string("Synthetic"), .size = 10};
    double width = 5.0 * (double)strlen(text);
    p->lines[p->nlines++] = (ap_line){
        .text = g_strdup(text), .bbox = {x, y, x + width, y + 10},
        .spans = span, .nspans = 1};
}

int find_line(const ap_page *page, const char *text)
{
    for (size_t i = 0; i < page->nlines; i++)
        if (!strcmp(page->lines[i].text, text))
            return (int)i;
    return -1;
}

cJSON *records_of_pdf(const char *pdf, ap_doc **keep, char **notice)
{
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open(pdf, &err);
    cr_assert_not_null(doc, "%s: %s", pdf, err.message);
    ap_page_stages_run(doc);
    char *why = NULL;
    cJSON *records = ap_meeting_build(doc, &why, &err);
    const cJSON *r;
    cJSON_ArrayForEach(r, records)
        cr_assert(ap_schema_validate(ap_schema_for(r), r, &err), "%s: %s", pdf, err.message);
    if (keep)
        *keep = doc;
    else
        ap_doc_free(doc);
    if (notice)
        *notice = why;
    else
        g_free(why);
    return records;
}

cJSON *records_for(const char *dir, const char *fixture, const char *font,
                   char **notice)
{
    char *pdf = render_fixture(dir, fixture, font);
    cJSON *records = records_of_pdf(pdf, NULL, notice);
    g_free(pdf);
    return records;
}

cJSON *record_of_status(const char *dir, const char *fixture, const char *font,
                        const char *status, char **notice)
{
    cJSON *records = records_for(dir, fixture, font, notice);
    cJSON *found = NULL;
    for (int i = 0; i < cJSON_GetArraySize(records) && !found; i++) {
        const cJSON *s = cJSON_GetObjectItem(cJSON_GetArrayItem(records, i), "status");
        if (cJSON_IsString(s) && strcmp(s->valuestring, status) == 0)
            found = cJSON_DetachItemFromArray(records, i);
    }
    cJSON_Delete(records);
    return found;
}

/* ---- the command line --------------------------------------------------- */

/* In the child, before exec: the file named by data as standard input. */
static void stdin_from(gpointer data)
{
    int fd = open(data, O_RDONLY);
    if (fd >= 0) {
        dup2(fd, STDIN_FILENO);
        close(fd);
    }
}

cli_result cli_run(char **envp, const char *const *args)
{
    return cli_run_stdin(envp, NULL, args);
}

cli_result cli_run_stdin(char **envp, const char *input, const char *const *args)
{
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (gpointer)AP_CLI);
    for (; *args; args++)
        g_ptr_array_add(argv, (gpointer)*args);
    g_ptr_array_add(argv, NULL);
    cli_result r = {0};
    gint wait = 0;
    GError *gerr = NULL;
    cr_assert(g_spawn_sync(NULL, (char **)argv->pdata, envp, 0, input ? stdin_from : NULL,
                           (gpointer)input, &r.out, &r.err, &wait, &gerr),
              "cannot run %s", AP_CLI);
    g_ptr_array_free(argv, TRUE);
    cr_assert(WIFEXITED(wait), "agendapack died: %s", r.err);
    r.status = WEXITSTATUS(wait);
    return r;
}

void cli_result_free(cli_result *r)
{
    g_free(r->out);
    g_free(r->err);
}

int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

GPtrArray *list_dir(const char *path)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(path, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d)))
        g_ptr_array_add(names, g_strdup(name));
    if (d)
        g_dir_close(d);
    return names;
}
