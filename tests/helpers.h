/* helpers.h: what several test files need: a scratch folder, fixtures
 * rendered into it, and a synthetic page model built line by line. */
#ifndef AP_TEST_HELPERS_H
#define AP_TEST_HELPERS_H

#include <glib.h>

#include "agendapack.h"
#include "core/page_model.h"

/* A fresh folder under $TMPDIR, removed by scratch_remove(). */
char *scratch_dir(void);
void scratch_remove(char *dir);

/* Renders fixtures/NAME.txt (or NAME as a path) to DIR/NAME.pdf in the
 * given font (NULL: the fixture's own) and returns the PDF's path. */
char *render_fixture(const char *dir, const char *name, const char *font);

/* Every record a fixture gives, rendered in DIR in the given font (NULL:
 * its own), each checked against the schema; *notice (may be NULL) gets
 * the reason when there are none. */
cJSON *records_for(const char *dir, const char *fixture, const char *font,
                   char **notice);

/* The same of a PDF at hand; *keep (unless NULL) keeps its document
 * (ap_doc_free it). */
cJSON *records_of_pdf(const char *pdf, ap_doc **keep, char **notice);

/* The first record of that status ("agenda", "minutes") the fixture
 * gives, or NULL. */
cJSON *record_of_status(const char *dir, const char *fixture, const char *font,
                        const char *status, char **notice);

/* Writes bytes to DIR/NAME and returns the path. */
char *write_file(const char *dir, const char *name, const void *data,
                 size_t len);

/* A synthetic A4 document of npages empty pages. */
ap_doc *synthetic_doc(size_t npages);
/* Adds a line to page (1-based) at the given top y, 10 pt, left x. */
void add_line(ap_doc *doc, int page, double x, double y, const char *text);

/* The index of the first line of page whose text is text, or -1. */
int find_line(const ap_page *page, const char *text);

/* agendapack (the CLI under test) run with args (NULL-terminated) and
 * envp (NULL: this environment); asserts it exited rather than died. */
typedef struct cli_result {
    int status;
    char *out, *err;
} cli_result;
cli_result cli_run(char **envp, const char *const *args);
/* The same with the file input (NULL: none) as its standard input. */
cli_result cli_run_stdin(char **envp, const char *input, const char *const *args);
void cli_result_free(cli_result *r);

int count_lines(const char *s);
/* The names in a folder (a GPtrArray of strings); empty when missing. */
GPtrArray *list_dir(const char *path);

#endif
