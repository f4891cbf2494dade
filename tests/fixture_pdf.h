/*
 * fixture_pdf.h: renders a small fixture text into a PDF with cairo, so the
 * tests and the demo make their own packs instead of shipping PDFs.
 *
 * A fixture is one directive per line ('#' starts a comment):
 *
 *   page [a4|a4-landscape|W H]  start a page (portrait A4 by default, or
 *                            W by H points)
 *   font FAMILY              font family for what follows
 *   stamp TEXT               top right, bold: "Agenda Item 3"
 *   header TEXT / footer TEXT  centred in the top / bottom margin
 *   title TEXT               16 pt bold at the cursor
 *   text TEXT / bold TEXT    11 pt at the cursor, regular / bold
 *   italic TEXT              11 pt italic at the cursor
 *   columns                  following col1/col2 lines flow in two columns
 *   col1 TEXT / col2 TEXT    a line in the left / right column
 *   row A | B | C            a table row; cells start at the "tabs" stops
 *   tabs X1 X2 ...           x positions (points) of table columns
 *   gap N                    move the cursor down N points
 *   at X Y SIZE STYLE TEXT   absolute; STYLE is regular, bold or italic
 *   right X Y SIZE STYLE TEXT  the same, the text ending at X
 *   centre X Y SIZE STYLE TEXT the same, the text centred on X
 *   then STYLE TEXT          carries on the last line after a space
 *   blank                    "This page is intentionally left blank"
 *   watermark TEXT           large, light grey, at 45 degrees across the page
 *   rule X0 Y0 X1 Y1 [W [RRGGBB]]  a drawn line, W points wide (0.5),
 *                            black unless a colour is given
 *   fill X Y W H RRGGBB      a filled box in that colour
 *   arrow X Y S DIR [RRGGBB] an arrow drawn as a shape in an S-point box;
 *                            DIR is up, down, left or right
 *   clip X Y W H ... unclip  what is between is drawn only inside the box
 *   picture X Y W H RRGGBB   a raster image of that colour in the box
 *   tiled X Y W H RRGGBB     the same painted as a pattern of 8-point tiles
 *
 * A font given to the renderer overrides every "font" line, so one fixture
 * can be rendered in several typefaces.
 */
#ifndef AP_FIXTURE_PDF_H
#define AP_FIXTURE_PDF_H

#include <stdbool.h>
#include <stddef.h>

bool fixture_render(const char *spec, const char *pdf_path,
                    const char *font_override, char *err, size_t errlen);
bool fixture_render_file(const char *spec_path, const char *pdf_path,
                         const char *font_override, char *err, size_t errlen);

#endif
