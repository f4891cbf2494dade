/* mkfixture: render a fixture text into a PDF.
 * usage: mkfixture [--font FAMILY] FIXTURE.txt OUT.pdf */
#include <stdio.h>
#include <string.h>

#include "tests/fixture_pdf.h"

int main(int argc, char **argv)
{
    const char *font = NULL;
    int i = 1;
    if (argc > 2 && !strcmp(argv[1], "--font")) {
        font = argv[2];
        i = 3;
    }
    if (argc - i != 2) {
        fprintf(stderr, "usage: mkfixture [--font FAMILY] FIXTURE.txt OUT.pdf\n");
        return 2;
    }
    char err[256];
    if (!fixture_render_file(argv[i], argv[i + 1], font, err, sizeof err)) {
        fprintf(stderr, "mkfixture: %s: %s\n", argv[i], err);
        return 1;
    }
    return 0;
}
