/*
 * ocr.c: pages read by Tesseract (see ocr.h).
 *
 * The engine is made once a process, on the first page that needs it
 * (loading a language's model takes longer than recognising a page), and
 * kept: a batch worker converts many files. OpenMP inside Tesseract is
 * held to one thread, since the batch already runs one worker a core.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <tesseract/capi.h>

#include "agendapack.h"
#include "core/error.h"
#include "parsers/ocr.h"
#include "parsers/render.h"

/* ---- the process's settings ------------------------------------------------------ */

static ap_ocr_mode ocr_mode = AP_OCR_AUTO;
static char ocr_languages[64] = "eng";

void ap_ocr_configure(ap_ocr_mode mode, const char *languages)
{
    ocr_mode = mode;
    g_strlcpy(ocr_languages, languages && *languages ? languages : "eng",
              sizeof ocr_languages);
}

/* ---- which pages ---------------------------------------------------------------- */

/* A text layer is garbled when, of its characters that are not spaces:
 *   - more than GARBLED_ODD_SHARE are private-use code points, U+FFFD,
 *     controls, or letters of a script English and Welsh do not use
 *     (a font whose codes map to nothing, or to the wrong block); or
 *   - fewer than GARBLED_MIN_ALNUM are letters or digits (symbol soup:
 *     "!"#$%&'()" where the glyph codes are read as ASCII); or
 *   - of its words of four letters or more, more than GARBLED_NO_VOWEL
 *     have no vowel (letters shifted or scrambled: "Xqnfmqf" for "Agenda").
 * Each needs GARBLED_MIN_CHARS characters (or GARBLED_MIN_WORDS words) to
 * judge: a page number or a signature line is not evidence. Tables of
 * figures are letters-or-digits; names and acronyms have vowels, or are
 * short; the dots, dashes and rules a contents page leads its titles to
 * their page numbers with are layout, not text, and are not counted
 * (two real contents pages were taken for symbol soup when they were). */
#define GARBLED_MIN_CHARS 40
#define GARBLED_ODD_SHARE 0.25
#define GARBLED_MIN_ALNUM 0.45
#define GARBLED_MIN_WORDS 12
#define GARBLED_NO_VOWEL 0.4

static bool odd_character(gunichar c)
{
    if (c == 0xfffd || (c >= 0xe000 && c <= 0xf8ff) || c >= 0xf0000 ||
        (g_unichar_iscntrl(c) && c != '\t'))
        return true;
    if (!g_unichar_isalpha(c))
        return false;
    GUnicodeScript s = g_unichar_get_script(c);
    return s != G_UNICODE_SCRIPT_LATIN && s != G_UNICODE_SCRIPT_COMMON &&
           s != G_UNICODE_SCRIPT_INHERITED;
}

/* What leads a contents page's titles to their page numbers. */
static bool leader(gunichar c)
{
    return c == '.' || c == '_' || c == '-' || c == 0x2026 || c == 0x00b7 || c == 0x2024;
}

/* Vowels of English and Welsh (w and y are vowels in Welsh), any case,
 * accents aside. */
static bool vowel(gunichar c)
{
    gunichar base[4];
    gsize n = g_unichar_fully_decompose(g_unichar_tolower(c), FALSE, base, 4);
    return n > 0 && base[0] < 0x80 && strchr("aeiouyw", (int)base[0]);
}

/* Words of four letters or more in text, and those without a vowel. */
static void count_words(const char *text, size_t *words, size_t *voweless)
{
    size_t letters = 0;
    bool has_vowel = false, only_letters = true;
    for (const char *p = text;; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!c || g_unichar_isspace(c)) {
            if (letters >= 4 && only_letters) {
                (*words)++;
                *voweless += !has_vowel;
            }
            letters = 0;
            has_vowel = false;
            only_letters = true;
            if (!c)
                return;
            continue;
        }
        if (g_unichar_isalpha(c)) {
            letters++;
            has_vowel |= vowel(c);
        } else if (!(c < 0x80 && strchr(".,;:'\"()-", (int)c))) {
            only_letters = false;
        }
    }
}

bool ap_text_layer_garbled(const ap_page *page)
{
    size_t chars = 0, odd = 0, alnum = 0, words = 0, voweless = 0;
    for (size_t i = 0; i < page->nlines; i++) {
        const char *text = page->lines[i].text;
        for (const char *p = text; *p; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char_validated(p, -1);
            if (c == (gunichar)-1 || c == (gunichar)-2)
                c = 0xfffd;
            if (g_unichar_isspace(c) || leader(c))
                continue;
            chars++;
            odd += odd_character(c);
            alnum += g_unichar_isalnum(c);
        }
        count_words(text, &words, &voweless);
    }
    if (chars >= GARBLED_MIN_CHARS &&
        ((double)odd > GARBLED_ODD_SHARE * (double)chars ||
         (double)alnum < GARBLED_MIN_ALNUM * (double)chars))
        return true;
    return words >= GARBLED_MIN_WORDS && (double)voweless > GARBLED_NO_VOWEL * (double)words;
}

bool ap_ocr_wanted(const ap_page *page)
{
    switch (ocr_mode) {
    case AP_OCR_NEVER:
        return false;
    case AP_OCR_ALWAYS:
        return true;
    case AP_OCR_AUTO:
        break;
    }
    if (page->nlines == 0)
        return page->has_graphics;
    return ap_text_layer_garbled(page);
}

/* ---- the engine ----------------------------------------------------------------- */

static TessBaseAPI *engine;
static char engine_languages[64];

static TessBaseAPI *engine_for(const char *languages, ap_error *err);

/* At exit: Tesseract's caches complain of models still held otherwise. */
static void engine_end(void)
{
    if (engine) {
        TessBaseAPIEnd(engine);
        TessBaseAPIDelete(engine);
        engine = NULL;
    }
}

bool ap_ocr_ready(ap_error *err)
{
    return engine_for(ocr_languages, err) != NULL;
}

/* Where Tesseract looks for its models: TESSDATA_PREFIX, else where
 * Debian 12's tesseract-ocr-* packages put them. */
#define DEBIAN_TESSDATA "/usr/share/tesseract-ocr/5/tessdata"

/* The first of languages ("cym+eng") whose model is not installed, or
 * NULL. Asked before Tesseract is, which would say so on standard error
 * itself: only the program prints. */
static char *missing_language(const char *languages)
{
    const char *dir = g_getenv("TESSDATA_PREFIX");
    char **names = g_strsplit(languages, "+", -1);
    char *missing = NULL;
    for (char **n = names; *n && !missing; n++) {
        char *file = g_strconcat(*n, ".traineddata", NULL);
        char *path = g_build_filename(dir ? dir : DEBIAN_TESSDATA, file, NULL);
        if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
            missing = g_strdup(*n);
        g_free(path);
        g_free(file);
    }
    g_strfreev(names);
    return missing;
}

static TessBaseAPI *engine_for(const char *languages, ap_error *err)
{
    if (engine && !strcmp(engine_languages, languages))
        return engine;
    engine_end();
    char *missing = missing_language(languages);
    if (missing) {
        ap_error_set(err, "OCR: no Tesseract data for language '%s' (Debian: "
                          "tesseract-ocr-%s)", missing, missing);
        g_free(missing);
        return NULL;
    }
    TessBaseAPI *api = TessBaseAPICreate();
    if (TessBaseAPIInit3(api, NULL, languages) != 0) {
        ap_error_set(err, "OCR: no Tesseract data for language '%s' (Debian: "
                          "tesseract-ocr-eng, tesseract-ocr-cym)", languages);
        TessBaseAPIDelete(api);
        return NULL;
    }
    /* words in the order a reader takes them, blocks and columns apart */
    TessBaseAPISetPageSegMode(api, PSM_AUTO);
    engine = api;
    g_strlcpy(engine_languages, languages, sizeof engine_languages);
    /* registered after the models' cache exists, so run before its
     * destructor (the last registered runs first) */
    static bool registered;
    if (!registered)
        registered = atexit(engine_end) == 0;
    return engine;
}

/* ---- the image ------------------------------------------------------------------ */

/* The page rendered in grey at AP_OCR_DPI, deskewed; NULL when it
 * cannot be rendered (too large, no memory). */
static PIX *page_image(const ap_doc *doc, int index, double *scale)
{
    PopplerDocument *glib = ap_doc_glib(doc);
    PopplerPage *page = glib ? poppler_document_get_page(glib, index) : NULL;
    if (!page)
        return NULL;
    *scale = AP_OCR_DPI / 72.0;
    cairo_surface_t *s = ap_render_page(page, *scale);
    g_object_unref(page);
    if (!s)
        return NULL;
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    PIX *grey = pixCreate(w, h, 8);
    if (!grey) {
        cairo_surface_destroy(s);
        return NULL;
    }
    l_uint32 *line = pixGetData(grey);
    int wpl = pixGetWpl(grey);
    for (int y = 0; y < h; y++, line += wpl) {
        const uint32_t *px = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            uint32_t v = px[x];
            /* luma, ITU-R BT.601 */
            unsigned g = (299 * (v >> 16 & 0xff) + 587 * (v >> 8 & 0xff) + 114 * (v & 0xff)) / 1000;
            SET_DATA_BYTE(line, x, g);
        }
    }
    cairo_surface_destroy(s);
    /* a page scanned askew: Leptonica finds the angle (up to 7 degrees)
     * from its text lines and turns it back about the centre, the size
     * kept; a straight page is left. Boxes are then of the turned page:
     * at a degree or two, a few points from the printed place at the
     * page's edges, which no stage downstream measures so finely */
    PIX *straight = pixDeskew(grey, 0);
    if (straight) {
        pixDestroy(&grey);
        grey = straight;
    }
    return grey;
}

/* ---- the characters ---------------------------------------------------------------- */

/* A word recognised: where its characters are in the page's text, and
 * what its type looks like. */
typedef struct ocr_word {
    int start, end;     /* its characters, first and last */
    int line;           /* which line of the page */
    double weight;      /* how heavy its type is (weight_of) */
    double size;        /* its line's type size */
} ocr_word;

/* A page's text as the core reader gives one, built up. */
typedef struct page_text {
    GString *text;
    GArray *boxes;      /* ap_pdf_box, one a character */
    GArray *runs;       /* ap_pdf_run */
    GArray *words;      /* ocr_word */
    GArray *sure;       /* ap_ocr_word: each word's box and confidence */
    int chars;
    double scale;       /* pixels a point */
    PIX *image;         /* what was recognised */
} page_text;

static void add_char(page_text *t, const char *utf8, size_t len, ap_pdf_box box)
{
    g_string_append_len(t->text, utf8, (gssize)len);
    g_array_append_val(t->boxes, box);
    t->chars++;
}

static ap_pdf_box points(const page_text *t, int l, int top, int r, int bottom)
{
    return (ap_pdf_box){l / t->scale, top / t->scale, r / t->scale, bottom / t->scale};
}

/* One word's characters with their boxes (Tesseract's symbols; a symbol
 * of several characters, a ligature, shares its box out). */
static void add_word(page_text *t, TessResultIterator *it)
{
    TessPageIterator *pi = TessResultIteratorGetPageIterator(it);
    do {
        char *sym = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
        int l, top, r, bottom;
        if (sym && *sym && TessPageIteratorBoundingBox(pi, RIL_SYMBOL, &l, &top, &r, &bottom)) {
            glong n = g_utf8_strlen(sym, -1);
            const char *p = sym;
            for (glong k = 0; k < n; k++) {
                const char *next = g_utf8_next_char(p);
                int a = l + (int)((r - l) * k / n), b = l + (int)((r - l) * (k + 1) / n);
                add_char(t, p, (size_t)(next - p), points(t, a, top, b, bottom));
                p = next;
            }
        }
        TessDeleteText(sym);
    } while (!TessPageIteratorIsAtFinalElement(pi, RIL_WORD, RIL_SYMBOL) &&
             TessResultIteratorNext(it, RIL_SYMBOL));
}

/* The type size of a line: its cap height (top of the line's box to its
 * baseline) over the cap height of common text faces, 0.7 em. */
static double line_size(const page_text *t, TessPageIterator *pi)
{
    int l, top, r, bottom, x1, y1, x2, y2;
    if (!TessPageIteratorBoundingBox(pi, RIL_TEXTLINE, &l, &top, &r, &bottom))
        return 0;
    double base = bottom;
    if (TessPageIteratorBaseline(pi, RIL_TEXTLINE, &x1, &y1, &x2, &y2))
        base = (y1 + y2) / 2.0;
    double cap = base - top > 0 ? base - top : bottom - top;
    return round(cap / 0.7 / t->scale * 2) / 2;
}

/* How heavy a word's type is: the mean width of its dark runs along its
 * rows (its stems' width), over its line's type size in pixels. Bold
 * stems are half as wide again as regular ones of the same size; the
 * share of dark pixels would say so too, but shifts with the ascenders
 * and descenders a word happens to have. */
static double weight_of(PIX *image, int l, int top, int r, int bottom, double size_px)
{
    l_uint32 w = pixGetWidth(image), h = pixGetHeight(image);
    size_t dark = 0, runs = 0;
    for (l_uint32 y = (l_uint32)MAX(top, 0); y < (l_uint32)MAX(bottom, 0) && y < h; y++) {
        bool in = false;
        for (l_uint32 x = (l_uint32)MAX(l, 0); x < (l_uint32)MAX(r, 0) && x < w; x++) {
            l_uint32 v = 255;
            pixGetPixel(image, x, y, &v);
            bool d = v < 128;
            dark += d;
            runs += d && !in;
            in = d;
        }
    }
    return runs && size_px > 0 ? (double)dark / (double)runs / size_px : 0;
}

/* Tesseract's networks do not say what is bold, and the model a page
 * needs does; so a word is bold when its weight (weight_of) is BOLD_WEIGHT
 * times the page's middle word's, measured over words of BOLD_MIN_CHARS
 * or more (a short word says little). */
#define BOLD_WEIGHT 1.3
#define BOLD_MIN_CHARS 3

static gint by_double(gconstpointer a, gconstpointer b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The runs: one for each stretch of a line's words alike in weight. */
static void make_runs(page_text *t)
{
    GArray *weights = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < t->words->len; i++) {
        ocr_word *w = &g_array_index(t->words, ocr_word, i);
        if (w->end - w->start + 1 >= BOLD_MIN_CHARS)
            g_array_append_val(weights, w->weight);
    }
    g_array_sort(weights, by_double);
    double middle = weights->len ? g_array_index(weights, double, weights->len / 2) : 0;
    g_array_free(weights, TRUE);
    ap_pdf_run run = {.start = -1};
    for (guint i = 0; i < t->words->len; i++) {
        ocr_word *w = &g_array_index(t->words, ocr_word, i);
        const char *font = middle > 0 && w->weight > BOLD_WEIGHT * middle ? "OCR-Bold" : "OCR";
        bool same = run.start >= 0 && run.font == font &&
                    g_array_index(t->words, ocr_word, i - 1).line == w->line;
        if (!same) {
            if (run.start >= 0)
                g_array_append_val(t->runs, run);
            run = (ap_pdf_run){.start = w->start, .font = font, .size = w->size};
        }
        run.end = w->end;
    }
    if (run.start >= 0)
        g_array_append_val(t->runs, run);
}

/* The recognised page as text, boxes and its words' runs. */
static void read_result(TessBaseAPI *api, page_text *t)
{
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    if (!it)
        return;
    TessPageIterator *pi = TessResultIteratorGetPageIterator(it);
    double size = 0;
    int line = -1;
    int prev_r = 0, prev_top = 0, prev_bottom = 0;
    do {
        if (TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE)) {
            if (t->chars)
                add_char(t, "\n", 1, (ap_pdf_box){0});
            size = line_size(t, pi);
            line++;
        } else {
            /* a space between words: its box spans the gap */
            int l, top, r, bottom;
            TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &top, &r, &bottom);
            add_char(t, " ", 1, points(t, prev_r, prev_top, l, prev_bottom));
        }
        int l, top, r, bottom;
        TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &top, &r, &bottom);
        prev_r = r, prev_top = top, prev_bottom = bottom;
        ap_pdf_box in_points = points(t, l, top, r, bottom);
        ap_ocr_word sure = {{in_points.x0, in_points.y0, in_points.x1, in_points.y1},
                            TessResultIteratorConfidence(it, RIL_WORD)};
        g_array_append_val(t->sure, sure);
        ocr_word w = {.start = t->chars, .line = line, .size = size,
                      .weight = weight_of(t->image, l, top, r, bottom, size * t->scale)};
        add_word(t, it);
        w.end = t->chars - 1;
        if (w.end >= w.start)
            g_array_append_val(t->words, w);
    } while (TessResultIteratorNext(it, RIL_WORD));
    TessResultIteratorDelete(it);
    make_runs(t);
}

/* A line's leading number read with a comma for its full stop ("14,
 * DECLARATIONS OF INTEREST"): at body sizes the two differ by a few
 * pixels below the baseline, and a specked scan makes the one the other.
 * No numbering of items or minutes uses a comma before a title, so one
 * followed by a space and a capital is taken as the stop. In place: the
 * characters keep their boxes. */
static void mend_numbering(GString *text)
{
    char *s = text->str;
    for (size_t i = 0; i < text->len; i++) {
        if (i > 0 && s[i - 1] != '\n')
            continue;
        size_t d = i;
        while (d < text->len && d - i < 3 && g_ascii_isdigit(s[d]))
            d++;
        if (d > i && d + 2 < text->len && s[d] == ',' && s[d + 1] == ' ' &&
            g_ascii_isupper(s[d + 2]))
            s[d] = '.';
    }
}

/* len bytes at data (none: data may be NULL) in memory the core reader's
 * ap_pdf_page_clear frees (free()). */
static void *copy_out(const void *data, size_t len)
{
    void *p = malloc(len ? len : 1);
    if (len)
        memcpy(p, data, len);
    return p;
}

bool ap_ocr_read_page(const ap_doc *doc, int index, ap_pdf_page *out, ap_ocr_result *result,
                      ap_error *err)
{
    TessBaseAPI *api = engine_for(ocr_languages, err);
    if (!api)
        return false;
    double scale = 0;
    PIX *image = page_image(doc, index, &scale);
    if (!image) {
        ap_error_set(err, "it cannot be rendered for OCR (too large, or no memory)");
        return false;
    }
    TessBaseAPISetImage2(api, image);
    TessBaseAPISetSourceResolution(api, AP_OCR_DPI);
    bool ok = TessBaseAPIRecognize(api, NULL) == 0;
    page_text t = {g_string_new(NULL), g_array_new(FALSE, FALSE, sizeof(ap_pdf_box)),
                   g_array_new(FALSE, FALSE, sizeof(ap_pdf_run)),
                   g_array_new(FALSE, FALSE, sizeof(ocr_word)),
                   g_array_new(FALSE, FALSE, sizeof(ap_ocr_word)), 0, scale, image};
    if (ok) {
        read_result(api, &t);
        mend_numbering(t.text);
    }
    result->confidence = ok ? TessBaseAPIMeanTextConf(api) : 0;
    result->nwords = t.sure->len;
    result->words = (ap_ocr_word *)g_array_free(t.sure, FALSE);
    TessBaseAPIClear(api);
    pixDestroy(&image);
    if (!ok)
        ap_error_set(err, "Tesseract could not recognise it");
    out->text = copy_out(t.text->str, t.text->len + 1);
    out->nboxes = t.boxes->len;
    out->boxes = copy_out(t.boxes->data, t.boxes->len * sizeof(ap_pdf_box));
    out->nruns = t.runs->len;
    out->runs = copy_out(t.runs->data, t.runs->len * sizeof(ap_pdf_run));
    g_string_free(t.text, TRUE);
    g_array_free(t.boxes, TRUE);
    g_array_free(t.runs, TRUE);
    g_array_free(t.words, TRUE);
    return ok;
}
