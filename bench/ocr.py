#!/usr/bin/env python3
"""OCR against the text layer, on fixtures scanned as the tests scan them.

Each fixture is rendered twice by mkfixture: as a PDF with its text layer,
and scanned (each page an image at 200 dpi, SKEW degrees askew, speckled).
Both are converted (`agendapack convert -o -`, one worker, one OpenMP
thread); the agenda items and minutes read from the scan are scored
against those read from the text layer (the same number, and four in five
of the longer title's words), and the OCR's time taken from the convert
line. The baseline is Tesseract's own command line on the same pages
rendered by pdftoppm at 300 dpi, grey.

usage: ocr.py AGENDAPACK MKFIXTURE SOURCE_DIR [SKEW...]   (default 0.8)
Prints a row per fixture and skew, then the totals: pages, OCR pages/s on
one core, agenda and minutes F1, against the baseline's pages/s."""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

FIXTURES = ["sample-pack", "minutes-votes", "agenda-table", "minutes-printed",
            "minutes-prose", "agenda-plain", "pack-covers", "minutes-welsh"]
ENV = dict(os.environ, OMP_THREAD_LIMIT="1")


def records(ap, pdf):
    r = subprocess.run([ap, "convert", pdf, "-o", "-"], capture_output=True, text=True,
                       env=ENV)
    return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


def summary(ap, pdf, work):
    r = subprocess.run([ap, "convert", pdf, "-o", f"{work}/out"], capture_output=True,
                       text=True, env=ENV)
    m = re.search(r"(\d+) pages \(\d+ rendered, (\d+) by OCR in ([\d.]+) s\)", r.stdout)
    return (int(m.group(2)), float(m.group(3))) if m else (0, 0.0)


def words(title):
    return set(re.findall(r"\w+", (title or "").lower()))


def same(a, b):
    if a.get("number") != b.get("number"):
        return False
    x, y = words(a.get("title")), words(b.get("title"))
    most = max(len(x), len(y))
    return most == 0 or len(x & y) * 5 >= most * 4


def f1(truth, got, key):
    t = [e for r in truth for e in r.get(key) or []]
    g = [e for r in got for e in r.get(key) or []]
    if not t and not g:
        return None
    hits = sum(any(same(e, f) for f in t) for e in g)
    p = hits / len(g) if g else 0
    r = hits / len(t) if t else 0
    return 2 * p * r / (p + r) if p + r else 0.0


def baseline(pdf, work):
    """pdftoppm at 300 dpi grey, then tesseract on each page: seconds, pages."""
    subprocess.run(["pdftoppm", "-r", "300", "-gray", pdf, f"{work}/page"], check=True)
    pages = sorted(p for p in os.listdir(work) if p.startswith("page"))
    t = time.monotonic()
    for p in pages:
        subprocess.run(["tesseract", f"{work}/{p}", f"{work}/{p}.txt"], capture_output=True,
                       env=ENV, check=True)
    return time.monotonic() - t, len(pages)


def main(ap, mkfixture, source, skews):
    print(f"{'fixture':<18} {'skew':>5} {'pages':>5} {'OCR s':>6} {'agenda F1':>9} "
          f"{'minutes F1':>10} {'tesseract s':>11}")
    totals = {"pages": 0, "secs": 0.0, "base": 0.0, "agenda": [], "minutes": []}
    for skew in skews:
        for name in FIXTURES:
            with tempfile.TemporaryDirectory() as work:
                spec = f"{source}/fixtures/{name}.txt"
                text_pdf, scan_pdf = f"{work}/text.pdf", f"{work}/scan.pdf"
                subprocess.run([mkfixture, spec, text_pdf], check=True)
                subprocess.run([mkfixture, "--scan", str(skew), spec, scan_pdf], check=True)
                truth, got = records(ap, text_pdf), records(ap, scan_pdf)
                pages, secs = summary(ap, scan_pdf, work)
                os.makedirs(f"{work}/base")
                base, _ = baseline(scan_pdf, f"{work}/base")
                a, m = f1(truth, got, "agenda"), f1(truth, got, "minutes")
                fmt = lambda v: "-" if v is None else f"{v:.3f}"
                print(f"{name:<18} {skew:>5} {pages:>5} {secs:>6.1f} {fmt(a):>9} {fmt(m):>10} "
                      f"{base:>11.1f}", flush=True)
                totals["pages"] += pages
                totals["secs"] += secs
                totals["base"] += base
                if a is not None:
                    totals["agenda"].append(a)
                if m is not None:
                    totals["minutes"].append(m)
    n = totals["pages"]
    mean = lambda v: sum(v) / len(v) if v else float("nan")
    print(f"\n{n} pages by OCR in {totals['secs']:.1f} s: {n / totals['secs']:.2f} pages/s on one "
          f"core (Tesseract's command line on pdftoppm's pages: {n / totals['base']:.2f} pages/s); "
          f"mean agenda F1 {mean(totals['agenda']):.3f}, minutes F1 {mean(totals['minutes']):.3f}")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3], [float(s) for s in sys.argv[4:]] or [0.8])
