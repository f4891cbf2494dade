/*
 * fixture_pdf.c: fixture text -> PDF with cairo (see fixture_pdf.h).
 *
 * Plain C over cairo's PDF surface and its simple font API: enough to
 * place lines of text in chosen fonts, weights and positions, which is all
 * the page model reads. It deliberately uses no GLib, so it stays a small
 * separate tool.
 */
#define _POSIX_C_SOURCE 200809L  /* strdup, strtok_r */
#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fixture_pdf.h"

#define A4_W 595.276
#define A4_H 841.89
#define MARGIN 56.0
#define MAX_TABS 12

typedef struct renderer {
    cairo_surface_t *surface;
    cairo_t *cr;
    double w, h, y, col_y[2];
    bool started;
    char family[128];
    const char *font_override;
    double tabs[MAX_TABS];
    int ntabs;
    double last_size;       /* of the text drawn last, for "then" */
} renderer;

typedef enum style { REGULAR, BOLD, ITALIC } style;

static void draw(renderer *r, double x, double baseline, double size,
                 style st, const char *text)
{
    cairo_select_font_face(r->cr, r->font_override ? r->font_override : r->family,
                           st == ITALIC ? CAIRO_FONT_SLANT_ITALIC
                                        : CAIRO_FONT_SLANT_NORMAL,
                           st == BOLD ? CAIRO_FONT_WEIGHT_BOLD
                                      : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(r->cr, size);
    cairo_move_to(r->cr, x, baseline);
    cairo_show_text(r->cr, text);
    r->last_size = size;
}

/* Carries on the line drawn last, after a space, in another style. */
static bool continue_line(renderer *r, const char *arg, char *err, size_t errlen)
{
    char st[16];
    int used = 0;
    if (!cairo_has_current_point(r->cr) ||
        sscanf(arg, "%15s %n", st, &used) < 1 || !used) {
        snprintf(err, errlen, "'then' needs STYLE TEXT after a line: %s", arg);
        return false;
    }
    style s = !strcmp(st, "bold") ? BOLD : !strcmp(st, "italic") ? ITALIC : REGULAR;
    double x, y;
    cairo_get_current_point(r->cr, &x, &y);
    draw(r, x + r->last_size * 0.28, y, r->last_size, s, arg + used);
    return true;
}

static double text_width(renderer *r, double size, style st, const char *text)
{
    cairo_text_extents_t ext;
    cairo_select_font_face(r->cr, r->font_override ? r->font_override : r->family,
                           CAIRO_FONT_SLANT_NORMAL,
                           st == BOLD ? CAIRO_FONT_WEIGHT_BOLD
                                      : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(r->cr, size);
    cairo_text_extents(r->cr, text, &ext);
    return ext.x_advance;
}

static void new_page(renderer *r, const char *arg)
{
    bool landscape = arg && strstr(arg, "landscape");
    double w = 0, h = 0;
    bool sized = arg && sscanf(arg, "%lf %lf", &w, &h) == 2 && w > 0 && h > 0;
    r->w = sized ? w : landscape ? A4_H : A4_W;
    r->h = sized ? h : landscape ? A4_W : A4_H;
    if (r->started)
        cairo_show_page(r->cr);
    cairo_pdf_surface_set_size(r->surface, r->w, r->h);
    r->started = true;
    r->y = r->col_y[0] = r->col_y[1] = MARGIN + 20;
}

static void flow(renderer *r, double size, style st, const char *text)
{
    draw(r, MARGIN, r->y + size, size, st, text);
    r->y += size * 1.45;
}

static void column(renderer *r, int c, const char *text)
{
    double width = (r->w - 2 * MARGIN - 24) / 2;
    draw(r, MARGIN + c * (width + 24), r->col_y[c] + 11, 11, REGULAR, text);
    r->col_y[c] += 11 * 1.45;
    r->y = r->col_y[0] > r->col_y[1] ? r->col_y[0] : r->col_y[1];
}

static void row(renderer *r, char *cells)
{
    int c = 0;
    for (char *cell = strtok(cells, "|"); cell; cell = strtok(NULL, "|"), c++) {
        while (*cell == ' ')
            cell++;
        size_t n = strlen(cell);
        while (n && cell[n - 1] == ' ')
            cell[--n] = '\0';
        double x = c < r->ntabs ? r->tabs[c] : MARGIN + 120 * c;
        if (*cell)
            draw(r, x, r->y + 10, 10, REGULAR, cell);
    }
    r->y += 10 * 1.6;
}

static void set_tabs(renderer *r, char *arg)
{
    r->ntabs = 0;
    for (char *t = strtok(arg, " "); t && r->ntabs < MAX_TABS; t = strtok(NULL, " "))
        r->tabs[r->ntabs++] = atof(t);
}

/* "at": TEXT starting at X; "right": TEXT ending at X (names and figures
 * set right, as spreadsheets print them, whatever the typeface); "centre":
 * TEXT centred on X (ratings and headings centred in their cells). */
typedef enum anchor { AT_LEFT, AT_RIGHT, AT_CENTRE } anchor;
static const char *const ANCHORS[] = {"at", "right", "centre"};

static bool absolute(renderer *r, const char *arg, anchor at, char *err, size_t errlen)
{
    double x, y, size;
    char st[16];
    int used = 0;
    if (sscanf(arg, "%lf %lf %lf %15s %n", &x, &y, &size, st, &used) < 4 || !used) {
        snprintf(err, errlen, "'%s' needs X Y SIZE STYLE TEXT: %s", ANCHORS[at], arg);
        return false;
    }
    style s = !strcmp(st, "bold") ? BOLD : !strcmp(st, "italic") ? ITALIC : REGULAR;
    if (at != AT_LEFT)
        x -= text_width(r, size, s, arg + used) / (at == AT_RIGHT ? 1 : 2);
    draw(r, x, y, size, s, arg + used);
    return true;
}

static void set_rgb(renderer *r, unsigned rgb)
{
    cairo_set_source_rgb(r->cr, (rgb >> 16 & 0xff) / 255.0, (rgb >> 8 & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0);
}

/* A drawn line (a table's rule): X0 Y0 X1 Y1 [WIDTH [RRGGBB]], black by
 * default. */
static bool rule(renderer *r, const char *arg, char *err, size_t errlen)
{
    double x0, y0, x1, y1, width = 0.5;
    unsigned rgb = 0;
    if (sscanf(arg, "%lf %lf %lf %lf %lf %x", &x0, &y0, &x1, &y1, &width, &rgb) < 4) {
        snprintf(err, errlen, "'rule' needs X0 Y0 X1 Y1 [WIDTH [RRGGBB]]: %s", arg);
        return false;
    }
    cairo_save(r->cr);
    set_rgb(r, rgb);
    cairo_set_line_width(r->cr, width);
    cairo_move_to(r->cr, x0, y0);
    cairo_line_to(r->cr, x1, y1);
    cairo_stroke(r->cr);
    cairo_restore(r->cr);
    return true;
}

/* A filled box (a cell's colour): X Y W H RRGGBB. */
static bool fill(renderer *r, const char *arg, char *err, size_t errlen)
{
    double x, y, w, h;
    unsigned rgb;
    if (sscanf(arg, "%lf %lf %lf %lf %x", &x, &y, &w, &h, &rgb) < 5) {
        snprintf(err, errlen, "'fill' needs X Y W H RRGGBB: %s", arg);
        return false;
    }
    cairo_save(r->cr);
    set_rgb(r, rgb);
    cairo_rectangle(r->cr, x, y, w, h);
    cairo_fill(r->cr);
    cairo_restore(r->cr);
    return true;
}

/* An arrow drawn as a shape, no text: X Y SIZE up|down|left|right, its
 * box's top left at X Y, filled in RRGGBB (black by default). */
static bool arrow(renderer *r, const char *arg, char *err, size_t errlen)
{
    double x, y, s;
    char dir[8];
    unsigned rgb = 0;
    if (sscanf(arg, "%lf %lf %lf %7s %x", &x, &y, &s, dir, &rgb) < 4) {
        snprintf(err, errlen, "'arrow' needs X Y SIZE up|down|left|right [RRGGBB]: %s", arg);
        return false;
    }
    /* an up arrow in a unit box: a head over a shaft; the others turn it */
    static const double shape[][2] = {{0.5, 0}, {1, 0.45}, {0.65, 0.45}, {0.65, 1},
                                      {0.35, 1}, {0.35, 0.45}, {0, 0.45}};
    bool down = !strcmp(dir, "down"), right = !strcmp(dir, "right"), left = !strcmp(dir, "left");
    cairo_save(r->cr);
    set_rgb(r, rgb);
    cairo_new_path(r->cr);
    for (size_t i = 0; i < sizeof shape / sizeof shape[0]; i++) {
        double u = shape[i][0], v = shape[i][1];
        double px = right ? 1 - v : left ? v : u;
        double py = down ? 1 - v : right || left ? u : v;
        cairo_line_to(r->cr, x + px * s, y + py * s);
    }
    cairo_close_path(r->cr);
    cairo_fill(r->cr);
    cairo_restore(r->cr);
    return true;
}

/* What follows is drawn only inside X Y W H, until "unclip". */
static bool clip(renderer *r, const char *arg, char *err, size_t errlen)
{
    double x, y, w, h;
    if (sscanf(arg, "%lf %lf %lf %lf", &x, &y, &w, &h) < 4) {
        snprintf(err, errlen, "'clip' needs X Y W H: %s", arg);
        return false;
    }
    cairo_save(r->cr);
    cairo_rectangle(r->cr, x, y, w, h);
    cairo_clip(r->cr);
    return true;
}

/* A raster image of one colour in X Y W H: "picture" draws it once (an
 * image XObject), "tiled" as a pattern repeating 8-point tiles (as some
 * scanners paint a page). RRGGBB. */
static bool picture(renderer *r, const char *arg, bool tiled, char *err, size_t errlen)
{
    double x, y, w, h;
    unsigned rgb;
    if (sscanf(arg, "%lf %lf %lf %lf %x", &x, &y, &w, &h, &rgb) < 5 || w < 1 || h < 1) {
        snprintf(err, errlen, "'%s' needs X Y W H RRGGBB: %s", tiled ? "tiled" : "picture", arg);
        return false;
    }
    int pw = tiled ? 8 : (int)w, ph = tiled ? 8 : (int)h;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    cairo_t *ic = cairo_create(img);
    cairo_set_source_rgb(ic, (rgb >> 16 & 0xff) / 255.0, (rgb >> 8 & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0);
    cairo_paint(ic);
    cairo_destroy(ic);
    cairo_save(r->cr);
    cairo_rectangle(r->cr, x, y, w, h);
    cairo_clip(r->cr);
    cairo_pattern_t *pat = cairo_pattern_create_for_surface(img);
    cairo_matrix_t m;
    cairo_matrix_init_translate(&m, -x, -y);
    cairo_pattern_set_matrix(pat, &m);
    cairo_pattern_set_extend(pat, tiled ? CAIRO_EXTEND_REPEAT : CAIRO_EXTEND_NONE);
    cairo_set_source(r->cr, pat);
    cairo_paint(r->cr);
    cairo_pattern_destroy(pat);
    cairo_restore(r->cr);
    cairo_surface_destroy(img);
    return true;
}

/* A word set large, light grey and at 45 degrees across the middle of the
 * page, as a word processor prints a DRAFT watermark. */
static void watermark(renderer *r, const char *text)
{
    cairo_save(r->cr);
    cairo_set_source_rgb(r->cr, 0.85, 0.85, 0.85);
    cairo_translate(r->cr, r->w / 2, r->h / 2);
    cairo_rotate(r->cr, -0.78539816339744830962);
    draw(r, -text_width(r, 120, BOLD, text) / 2, 40, 120, BOLD, text);
    cairo_restore(r->cr);
}

static bool directive(renderer *r, char *line, char *err, size_t errlen)
{
    char *arg = strchr(line, ' ');
    if (arg)
        *arg++ = '\0';
    const char *a = arg ? arg : "";
    if (!strcmp(line, "page")) {
        new_page(r, arg);
        return true;
    }
    if (!strcmp(line, "font")) {
        snprintf(r->family, sizeof r->family, "%s", a);
        return true;
    }
    if (!r->started)
        new_page(r, NULL);
    if (!strcmp(line, "stamp"))
        draw(r, r->w - MARGIN - text_width(r, 12, BOLD, a), 40, 12, BOLD, a);
    else if (!strcmp(line, "header"))
        draw(r, (r->w - text_width(r, 9, REGULAR, a)) / 2, 30, 9, REGULAR, a);
    else if (!strcmp(line, "footer"))
        draw(r, (r->w - text_width(r, 10, REGULAR, a)) / 2, r->h - 24, 10, REGULAR, a);
    else if (!strcmp(line, "title"))
        flow(r, 16, BOLD, a);
    else if (!strcmp(line, "text"))
        flow(r, 11, REGULAR, a);
    else if (!strcmp(line, "bold"))
        flow(r, 11, BOLD, a);
    else if (!strcmp(line, "italic"))
        flow(r, 11, ITALIC, a);
    else if (!strcmp(line, "columns"))
        r->col_y[0] = r->col_y[1] = r->y;
    else if (!strcmp(line, "col1") || !strcmp(line, "col2"))
        column(r, line[3] - '1', a);
    else if (!strcmp(line, "tabs") && arg)
        set_tabs(r, arg);
    else if (!strcmp(line, "row") && arg)
        row(r, arg);
    else if (!strcmp(line, "gap"))
        r->y += atof(a);
    else if (!strcmp(line, "then"))
        return continue_line(r, a, err, errlen);
    else if (!strcmp(line, "at"))
        return absolute(r, a, AT_LEFT, err, errlen);
    else if (!strcmp(line, "right"))
        return absolute(r, a, AT_RIGHT, err, errlen);
    else if (!strcmp(line, "centre"))
        return absolute(r, a, AT_CENTRE, err, errlen);
    else if (!strcmp(line, "rule"))
        return rule(r, a, err, errlen);
    else if (!strcmp(line, "fill"))
        return fill(r, a, err, errlen);
    else if (!strcmp(line, "arrow"))
        return arrow(r, a, err, errlen);
    else if (!strcmp(line, "clip"))
        return clip(r, a, err, errlen);
    else if (!strcmp(line, "unclip"))
        cairo_restore(r->cr);
    else if (!strcmp(line, "picture") || !strcmp(line, "tiled"))
        return picture(r, a, line[0] == 't', err, errlen);
    else if (!strcmp(line, "watermark"))
        watermark(r, a);
    else if (!strcmp(line, "blank")) {
        const char *t = "This page is intentionally left blank";
        draw(r, (r->w - text_width(r, 12, REGULAR, t)) / 2, r->h / 2, 12, REGULAR, t);
    } else {
        snprintf(err, errlen, "unknown fixture directive '%s'", line);
        return false;
    }
    return true;
}

bool fixture_render(const char *spec, const char *pdf_path,
                    const char *font_override, char *err, size_t errlen)
{
    renderer r = {.font_override = font_override, .family = "DejaVu Sans"};
    r.surface = cairo_pdf_surface_create(pdf_path, A4_W, A4_H);
    r.cr = cairo_create(r.surface);
    char *copy = strdup(spec);
    bool ok = true;
    char *save = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line && ok;
         line = strtok_r(NULL, "\n", &save)) {
        while (*line == ' ' || *line == '\t')
            line++;
        if (*line && *line != '#')
            ok = directive(&r, line, err, errlen);
    }
    free(copy);
    cairo_destroy(r.cr);
    cairo_surface_finish(r.surface);
    if (ok && cairo_surface_status(r.surface) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "cairo: %s",
                 cairo_status_to_string(cairo_surface_status(r.surface)));
        ok = false;
    }
    cairo_surface_destroy(r.surface);
    return ok;
}

bool fixture_render_file(const char *spec_path, const char *pdf_path,
                         const char *font_override, char *err, size_t errlen)
{
    FILE *f = fopen(spec_path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open %s", spec_path);
        return false;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *spec = calloc(1, (size_t)n + 1);
    bool ok = fread(spec, 1, (size_t)n, f) == (size_t)n;
    fclose(f);
    if (!ok)
        snprintf(err, errlen, "cannot read %s", spec_path);
    else
        ok = fixture_render(spec, pdf_path, font_override, err, errlen);
    free(spec);
    return ok;
}
