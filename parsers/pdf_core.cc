/*
 * pdf_core.cc: the PDF stage on poppler's core API (see pdf_core.h). The
 * project's one C++ file, and the only one that includes poppler's
 * private headers (Debian's libpoppler-private-dev): their API changes
 * with nearly every poppler release, so it is kept to this file, behind
 * the plain C interface, and checked against the version it was written
 * for (docs/pdf.md says what a move to a newer poppler costs).
 *
 * Why not poppler-glib, which the project used before: it builds a new
 * text device for every page, so poppler's per-device caches (ICC colour
 * spaces among them) start empty on every page; it walks the page's text
 * once for the text, again for the character boxes, again for the font
 * runs; finding images is another pass; and it hands out no drawn paths,
 * so rules, cell fills and drawn arrows could be had only by rendering
 * pages into pixels. Here one device serves the whole document, the text
 * is walked once, and the paths come with it.
 *
 * The text is built as poppler-glib builds it, so the page model is the
 * same: a TextPage made with physical layout, its words selected over the
 * whole page glyph by glyph (TextPage::getSelectionWords), each word's
 * characters encoded by poppler's UTF-8 map, a space after a word that
 * has one, a newline between lines; a run of characters per change of
 * font, size, colour or underline.
 */
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_set>
#include <vector>

#include <ErrorCodes.h>
#include <Gfx.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <UnicodeMap.h>
#include <XRef.h>

#include "parsers/pdf_core.h"

/* Written for poppler 22.12 (Debian 12). TextPage::getSelectionWords
 * returns std::vector<TextWordSelection *> ** there; later releases
 * changed it to a vector of vectors, and GfxState's and Dict's calls
 * move too. Another version is refused at build time rather than guessed
 * at: CMake passes the version pkg-config reports. */
#if !defined(AP_POPPLER_MAJOR) || AP_POPPLER_MAJOR != 22 || AP_POPPLER_MINOR < 2
#error "parsers/pdf_core.cc is written for poppler 22.x (22.02 or later); see docs/pdf.md"
#endif

namespace {

/* poppler reports what it makes of a damaged file through this; the
 * library prints nothing (only the program prints, one line a file). */
void quiet(ErrorCategory, Goffset, const char *) {}

/* Process-wide: poppler's global parameters, made once and kept. */
GlobalParamsIniter *initer;

const char *error_text(int code)
{
    switch (code) {
    case errBadCatalog:
        return "damaged PDF: Failed to read the document catalog";
    case errDamaged:
        return "damaged PDF: PDF document is damaged";
    default:
        return "damaged PDF: Failed to load document";
    }
}

uint32_t rgb_of(const GfxRGB &c)
{
    auto byte = [](GfxColorComp v) { return (uint32_t)(colToDbl(v) * 255.0 + 0.5) & 0xff; };
    return byte(c.r) << 16 | byte(c.g) << 8 | byte(c.b);
}

/* The device: a page's text and the shapes it paints, in one pass. Text
 * callbacks go to a TextPage of the page's own, as TextOutputDev's do;
 * the device itself lives as long as the document, and its caches with it.
 * (TextOutputDev itself cannot be kept: in 22.12 its takeText() leaves its
 * ActualText writing into the page it handed out.) */
/* Whether the text state sets glyphs along a slant, neither across nor up
 * the page: a DRAFT or COPY watermark set across the page is no line of
 * it, and its letters, a line each, would break the lines and paragraphs
 * they fall among. Poppler's own discardDiag is not used: in 22.12 it
 * drops the glyphs but keeps their word open, so the words drawn next on
 * the page ("Minutes" of a heading) are dropped with it. The test is
 * poppler's: a baseline more than a tenth off both axes. */
bool diagonal(GfxState *state)
{
    double m[4];
    state->getFontTransMat(&m[0], &m[1], &m[2], &m[3]);
    double a = std::fabs(m[0]), b = std::fabs(m[1]);
    return std::min(a, b) > 0.1 * std::max(a, b);
}

class Device : public OutputDev
{
public:
    ~Device() override { drop(); }

    bool upsideDown() override { return true; }
    bool useDrawChar() override { return true; }
    bool interpretType3Chars() override { return false; }
    /* images are wanted (where they stand, not what they show) and
     * patterns looked into for them; see the image and pattern calls */
    bool needNonText() override { return true; }
    bool needCharCount() override { return true; }

    void startPage(int, GfxState *state, XRef *) override
    {
        drop();
        text = new TextPage(false);
        actual = new ActualText(text);
        text->startPage(state);
        shapes.clear();
        points.clear();
        images.clear();
        order = 0;
        hidden = 0;
        groups.clear();
    }

    void endPage() override
    {
        text->endPage();
        text->coalesce(true, 0, false, TextOutputDev::minColSpacing1_default);
    }

    void restoreState(GfxState *state) override { text->updateFont(state); }
    void updateFont(GfxState *state) override { text->updateFont(state); }
    void drawChar(GfxState *state, double x, double y, double dx, double dy, double, double,
                  CharCode c, int nBytes, const Unicode *u, int uLen) override
    {
        if (!in_pattern && !diagonal(state))    /* as a text device, which never opens a pattern */
            actual->addChar(state, x, y, dx, dy, c, nBytes, u, uLen);
    }
    void incCharCount(int n) override { text->incCharCount(n); }
    void beginActualText(GfxState *state, const GooString *t) override { actual->begin(state, t); }
    void endActualText(GfxState *state) override { actual->end(state); }

    void stroke(GfxState *state) override { record(state, false); }
    void fill(GfxState *state) override { record(state, true); }
    void eoFill(GfxState *state) override { record(state, true); }

    /*
     * Images: where each is drawn, its stream never read. An inline
     * image's data sits in the content stream itself, so it is skipped
     * over as OutputDev's own calls do (they are called for that).
     */
    void drawImageMask(GfxState *state, Object *ref, Stream *str, int w, int h, bool invert,
                       bool interpolate, bool inline_image) override
    {
        note_image(state);
        OutputDev::drawImageMask(state, ref, str, w, h, invert, interpolate, inline_image);
    }
    void drawImage(GfxState *state, Object *ref, Stream *str, int w, int h,
                   GfxImageColorMap *map, bool interpolate, const int *mask_colours,
                   bool inline_image) override
    {
        note_image(state);
        OutputDev::drawImage(state, ref, str, w, h, map, interpolate, mask_colours, inline_image);
    }
    void drawMaskedImage(GfxState *state, Object *, Stream *, int, int, GfxImageColorMap *, bool,
                         Stream *, int, int, bool, bool) override
    {
        note_image(state);
    }
    void drawSoftMaskedImage(GfxState *state, Object *, Stream *, int, int, GfxImageColorMap *,
                             bool, Stream *, int, int, GfxImageColorMap *, bool) override
    {
        note_image(state);
    }
    /* a mask for what follows, not a picture: only its data skipped */
    void setSoftMaskFromImageMask(GfxState *state, Object *ref, Stream *str, int w, int h,
                                  bool invert, bool inline_image, double *) override
    {
        OutputDev::drawImageMask(state, ref, str, w, h, invert, false, inline_image);
    }

    /*
     * A tiling pattern may hold an image: scanners often paint the page
     * as one pattern tile holding the scan. Gfx would draw every tile,
     * which for a small tile over a page is hundreds of thousands of
     * draws; the tile is drawn once instead, for its images only, and
     * what it holds is spread over the grid of tiles, inside the area the
     * pattern fills. Its text and shapes are not the page's: a text device
     * never sees them, and a pattern's strokes are texture, not rules.
     */
    bool useTilingPatternFill() override { return true; }
    bool tilingPatternFill(GfxState *state, Gfx *gfx, Catalog *, GfxTilingPattern *tile,
                           const double *mat, int x0, int y0, int x1, int y1, double xstep,
                           double ystep) override
    {
        size_t first = images.size();
        double m[6] = {mat[0], mat[1], mat[2], mat[3], mat[4], mat[5]};
        m[4] += x0 * xstep * mat[0] + y0 * ystep * mat[2];
        m[5] += x0 * xstep * mat[1] + y0 * ystep * mat[3];
        in_pattern++;
        gfx->drawForm(tile->getContentStream(), tile->getResDict(), m, tile->getBBox());
        in_pattern--;
        double across[2], down[2];
        state->transformDelta((x1 - x0 - 1) * xstep * mat[0], (x1 - x0 - 1) * xstep * mat[1],
                              &across[0], &across[1]);
        state->transformDelta((y1 - y0 - 1) * ystep * mat[2], (y1 - y0 - 1) * ystep * mat[3],
                              &down[0], &down[1]);
        ap_pdf_box clip;
        state->getClipBBox(&clip.x0, &clip.y0, &clip.x1, &clip.y1);
        for (size_t i = first; i < images.size(); i++)
            spread(&images[i], across, down, clip);
        images.erase(std::remove_if(images.begin() + (long)first, images.end(),
                                    [](const ap_pdf_box &b) { return b.x0 >= b.x1 || b.y0 >= b.y1; }),
                     images.end());
        return true;
    }

    /* Shadings: not painted (a gradient is neither text, rule nor mark). */
    bool useShadedFills(int) override { return true; }
    bool functionShadedFill(GfxState *, GfxFunctionShading *) override { return true; }
    bool axialShadedFill(GfxState *, GfxAxialShading *, double, double) override { return true; }
    bool radialShadedFill(GfxState *, GfxRadialShading *, double, double) override { return true; }
    bool gouraudTriangleShadedFill(GfxState *, GfxGouraudTriangleShading *) override { return true; }
    bool patchMeshShadedFill(GfxState *, GfxPatchMeshShading *) override { return true; }

    /* What a soft mask's group draws shapes the mask, not the page: its
     * shapes and images are not the page's. */
    void beginTransparencyGroup(GfxState *, const double *, GfxColorSpace *, bool, bool,
                                bool for_soft_mask) override
    {
        groups.push_back(for_soft_mask);
        hidden += for_soft_mask;
    }
    void endTransparencyGroup(GfxState *) override
    {
        if (!groups.empty()) {
            hidden -= groups.back();
            groups.pop_back();
        }
    }

    TextPage *page_text() const { return text; }
    std::vector<ap_pdf_shape> shapes;
    std::vector<ap_pdf_point> points;
    std::vector<ap_pdf_box> images;

private:
    TextPage *text = nullptr;
    ActualText *actual = nullptr;
    unsigned order = 0;
    int in_pattern = 0;         /* inside a tiling pattern's tile */
    int hidden = 0;             /* inside soft masks' groups */
    std::vector<bool> groups;   /* open transparency groups: a soft mask's? */

    /* The unit square an image is drawn into, through the CTM; none for
     * an image inside a soft mask's group (it shapes the mask). */
    void note_image(GfxState *state)
    {
        if (hidden)
            return;
        double xs[4], ys[4];
        const double ux[4] = {0, 1, 0, 1}, uy[4] = {0, 0, 1, 1};
        for (int i = 0; i < 4; i++)
            state->transform(ux[i], uy[i], &xs[i], &ys[i]);
        ap_pdf_box b = {xs[0], ys[0], xs[0], ys[0]};
        for (int i = 1; i < 4; i++) {
            b.x0 = std::min(b.x0, xs[i]);
            b.y0 = std::min(b.y0, ys[i]);
            b.x1 = std::max(b.x1, xs[i]);
            b.y1 = std::max(b.y1, ys[i]);
        }
        images.push_back(b);
    }

    /* A box drawn in a pattern's first tile, over every tile, in the clip. */
    static void spread(ap_pdf_box *b, const double across[2], const double down[2],
                       const ap_pdf_box &clip)
    {
        const double dx[4] = {0, across[0], down[0], across[0] + down[0]};
        const double dy[4] = {0, across[1], down[1], across[1] + down[1]};
        ap_pdf_box u = *b;
        for (int k = 1; k < 4; k++) {
            u.x0 = std::min(u.x0, b->x0 + dx[k]);
            u.y0 = std::min(u.y0, b->y0 + dy[k]);
            u.x1 = std::max(u.x1, b->x1 + dx[k]);
            u.y1 = std::max(u.y1, b->y1 + dy[k]);
        }
        *b = ap_pdf_box{std::max(u.x0, clip.x0), std::max(u.y0, clip.y0), std::min(u.x1, clip.x1),
                        std::min(u.y1, clip.y1)};
    }

    void drop()
    {
        delete actual;
        actual = nullptr;
        if (text)
            text->decRefCnt();
        text = nullptr;
    }

    /* Each subpath of the current path, in page space, with what paints it. */
    void record(GfxState *state, bool filled)
    {
        if (in_pattern || hidden)
            return;
        const GfxPath *path = state->getPath();
        GfxRGB rgb;
        if (filled)
            state->getFillRGB(&rgb);
        else
            state->getStrokeRGB(&rgb);
        ap_pdf_shape s = {};
        s.filled = filled;
        s.rgb = rgb_of(rgb);
        s.opacity = filled ? state->getFillOpacity() : state->getStrokeOpacity();
        s.width = filled ? 0 : state->getTransformedLineWidth();
        state->getClipBBox(&s.clip.x0, &s.clip.y0, &s.clip.x1, &s.clip.y1);
        s.order = order++;
        for (int i = 0; i < path->getNumSubpaths(); i++) {
            const GfxSubpath *sub = path->getSubpath(i);
            s.first = points.size();
            s.npoints = 0;
            s.curved = false;
            for (int k = 0; k < sub->getNumPoints(); k++) {
                ap_pdf_point p;
                state->transform(sub->getX(k), sub->getY(k), &p.x, &p.y);
                points.push_back(p);
                s.npoints++;
                s.curved |= sub->getCurve(k);
            }
            if (s.npoints)
                shapes.push_back(s);
        }
    }
};


/* The document's /OutputIntents profile dropped, in memory only: poppler
 * would load it and build its colour transforms at every page set-up
 * (Gfx::initDisplayProfile), which costs the most on Word and PDF/A
 * exports and changes no text and no shape. */
void drop_output_intents(PDFDoc *doc)
{
    XRef *xref = doc->getXRef();
    Object catalog = xref->getCatalog();
    if (!catalog.isDict() || catalog.dictLookupNF("OutputIntents").isNull())
        return;
    Dict *copy = catalog.getDict()->copy(xref);
    copy->remove("OutputIntents");
    Object replaced(copy);
    xref->setModifiedObject(&replaced, Ref{xref->getRootNum(), xref->getRootGen()});
}

} // namespace

struct ap_pdf {
    PDFDoc *doc;
    Device device;
    std::unordered_set<std::string> fonts;  /* names, kept for the runs */
};

/* ---- the text ---------------------------------------------------------------- */

namespace {

/* A font's name without a subset prefix ("ABCDEF+Arial-BoldMT"), as
 * poppler-glib gives it; "Default" for a font without one. */
const char *font_name(ap_pdf *pdf, const TextWord *word, int i)
{
    const GooString *name = word->getFontName(i);
    std::string s = name && name->getLength() ? name->toStr() : "Default";
    size_t k = 0;
    while (k < s.size() && s[k] >= 'A' && s[k] <= 'Z')
        k++;
    if (k > 0 && k < s.size() && s[k] == '+')
        s.erase(0, k + 1);
    return pdf->fonts.insert(s).first->c_str();
}

bool same_attributes(const TextWord *a, int ai, const TextWord *b, int bi)
{
    double ar, ag, ab, br, bg, bb;
    a->getColor(&ar, &ag, &ab);
    b->getColor(&br, &bg, &bb);
    return a->getFontInfo(ai)->matches(b->getFontInfo(bi)) && a->getFontSize() == b->getFontSize() &&
           a->isUnderlined() == b->isUnderlined() && ar == br && ag == bg && ab == bb;
}

/* What the page's text gathers into, then hands over as plain arrays. */
struct text_out {
    std::string text;
    std::vector<ap_pdf_box> boxes;
    std::vector<ap_pdf_run> runs;
    const TextWord *last_word = nullptr;
    int last_i = 0;
};

void add_char(text_out &out, const char *bytes, int len, ap_pdf_box box)
{
    out.text.append(bytes, (size_t)len);
    out.boxes.push_back(box);
}

/* Character i of word into out: its bytes, its box, its run. */
void add_glyph(ap_pdf *pdf, text_out &out, const UnicodeMap *utf8, const TextWord *word, int i)
{
    int index = (int)out.boxes.size();
    if (!out.last_word || !same_attributes(word, i, out.last_word, out.last_i))
        out.runs.push_back(ap_pdf_run{index, index, font_name(pdf, word, i), word->getFontSize()});
    out.runs.back().end = index;
    out.last_word = word;
    out.last_i = i;
    char buf[8];
    int n = utf8->mapUnicode(*word->getChar(i), buf, sizeof buf);
    ap_pdf_box box;
    word->getCharBBox(i, &box.x0, &box.y0, &box.x1, &box.y1);
    add_char(out, buf, n, box);
}

void read_text(ap_pdf *pdf, TextPage *text, double width, double height, text_out &out)
{
    const UnicodeMap *utf8 = globalParams->getTextEncoding();
    PDFRectangle all(0, 0, width, height);
    int nlines = 0;
    std::vector<TextWordSelection *> **lines = text->getSelectionWords(&all, selectionStyleGlyph, &nlines);
    if (!lines || !utf8)
        return;
    for (int l = 0; l < nlines; l++) {
        std::vector<TextWordSelection *> *words = lines[l];
        ap_pdf_box word_box = {0, 0, 0, 0};
        for (size_t w = 0; w < words->size(); w++) {
            TextWordSelection *sel = (*words)[w];
            const TextWord *word = sel->getWord();
            for (int i = sel->getBegin(); i < sel->getEnd(); i++)
                add_glyph(pdf, out, utf8, word, i);
            word->getBBox(&word_box.x0, &word_box.y0, &word_box.x1, &word_box.y1);
            if (word->hasSpaceAfter() && w + 1 < words->size()) {
                /* the space spans the gap to the next word, at this word's height */
                ap_pdf_box next;
                (*words)[w + 1]->getWord()->getBBox(&next.x0, &next.y0, &next.x1, &next.y1);
                out.runs.back().end = (int)out.boxes.size();
                add_char(out, " ", 1, ap_pdf_box{word_box.x1, word_box.y0, next.x0, word_box.y1});
            }
            delete sel;
        }
        if (l + 1 < nlines && !out.runs.empty()) {
            out.runs.back().end = (int)out.boxes.size();
            add_char(out, "\n", 1, ap_pdf_box{word_box.x1, word_box.y1, word_box.x1, word_box.y1});
        }
        delete words;
    }
    gfree(lines);
}

template <typename T> T *copy_out(const std::vector<T> &v)
{
    if (v.empty())
        return nullptr;
    T *p = static_cast<T *>(malloc(v.size() * sizeof(T)));
    if (p)
        memcpy(p, v.data(), v.size() * sizeof(T));
    return p;
}

} // namespace

/* ---- the C interface ------------------------------------------------------------- */

extern "C" {

ap_pdf *ap_pdf_open(const void *data, size_t len, ap_error *err)
{
    if (!initer)
        initer = new GlobalParamsIniter(quiet);
    auto *str = new MemStream(static_cast<const char *>(data), 0, (Goffset)len, Object(objNull));
    auto *doc = new PDFDoc(str);    /* owns str */
    if (!doc->isOk()) {
        int code = doc->getErrorCode();
        snprintf(err->message, sizeof err->message, "%s",
                 code == errEncrypted ? "encrypted: a password is needed" : error_text(code));
        delete doc;
        return nullptr;
    }
    drop_output_intents(doc);
    ap_pdf *pdf = new ap_pdf;
    pdf->doc = doc;
    return pdf;
}

int ap_pdf_npages(const ap_pdf *pdf)
{
    return pdf->doc->getNumPages();
}

bool ap_pdf_read_page(ap_pdf *pdf, int index, ap_pdf_page *page)
{
    *page = ap_pdf_page{};
    Page *p = pdf->doc->getPage(index + 1);
    if (!p)
        return false;
    int rotate = p->getRotate();
    bool turned = rotate == 90 || rotate == 270;
    page->width = turned ? p->getCropHeight() : p->getCropWidth();
    page->height = turned ? p->getCropWidth() : p->getCropHeight();
    /* as poppler-glib's text page: the page's own contents, no annotations;
     * Gfx's destructor ends the page (the device's endPage, once: a second
     * coalescing of a TextPage empties it) */
    Gfx *gfx = p->createGfx(&pdf->device, 72.0, 72.0, 0, false, true, -1, -1, -1, -1, false,
                            nullptr, nullptr);
    p->display(gfx);
    delete gfx;
    text_out out;
    read_text(pdf, pdf->device.page_text(), page->width, page->height, out);
    page->text = strdup(out.text.c_str());
    page->nboxes = out.boxes.size();
    page->boxes = copy_out(out.boxes);
    page->nruns = out.runs.size();
    page->runs = copy_out(out.runs);
    page->nshapes = pdf->device.shapes.size();
    page->shapes = copy_out(pdf->device.shapes);
    page->npoints = pdf->device.points.size();
    page->points = copy_out(pdf->device.points);
    page->nimages = pdf->device.images.size();
    page->images = copy_out(pdf->device.images);
    return true;
}

void ap_pdf_page_clear(ap_pdf_page *page)
{
    free(page->text);
    free(page->boxes);
    free(page->runs);
    free(page->shapes);
    free(page->points);
    free(page->images);
    *page = ap_pdf_page{};
}

void ap_pdf_free(ap_pdf *pdf)
{
    if (!pdf)
        return;
    delete pdf->doc;
    delete pdf;
}

} // extern "C"
