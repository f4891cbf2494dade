/* mkfixture: render a fixture text into a PDF; with --scan, that PDF's
 * pages made images, DEG degrees askew and speckled, as a scanner gives
 * them (tests/fixture_scan.h).
 * usage: mkfixture [--font FAMILY] [--scan DEG] FIXTURE.txt OUT.pdf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fixture_pdf.h"
#include "tests/fixture_scan.h"

static int usage(void)
{
    fprintf(stderr, "usage: mkfixture [--font FAMILY] [--scan DEG] FIXTURE.txt OUT.pdf\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *font = NULL, *scan = NULL;
    int i = 1;
    for (; i + 1 < argc && !strncmp(argv[i], "--", 2); i += 2) {
        if (!strcmp(argv[i], "--font"))
            font = argv[i + 1];
        else if (!strcmp(argv[i], "--scan"))
            scan = argv[i + 1];
        else
            return usage();
    }
    if (argc - i != 2)
        return usage();
    char err[256];
    char *text_pdf = NULL;
    if (scan) {
        text_pdf = malloc(strlen(argv[i + 1]) + 8);
        sprintf(text_pdf, "%s.text", argv[i + 1]);
    }
    bool ok = fixture_render_file(argv[i], text_pdf ? text_pdf : argv[i + 1], font, err,
                                  sizeof err) &&
              (!scan || fixture_scan(text_pdf, argv[i + 1], atof(scan), err, sizeof err));
    if (text_pdf)
        remove(text_pdf);
    free(text_pdf);
    if (!ok) {
        fprintf(stderr, "mkfixture: %s: %s\n", argv[i], err);
        return 1;
    }
    return 0;
}
