#!/usr/bin/env python3
"""List every table agendapack finds on pages that should hold none:

  numbered    a page of numbered report paragraphs ("1.1 The report ..."):
              most of its lines open with a paragraph number
  cover       the first page of a document that has a cover sheet, above
              the cover's last value the record read (a cover is labels and
              values; a table under it, contact details, may be a table)
  frontsheet  the first page of an agenda's own file

It converts each PDF given (or each PDF under each folder given) with
`agendapack convert` into a scratch folder, reads the page model with
`agendapack text --json`, and prints one line a suspect table: the file,
the page, why the page is suspect and the table's first rows. The count at
the end is the figure to drive to zero (issue 16).

usage: bench/false_tables.py [AGENDAPACK] DIR_OR_PDF...
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

NUMBERED = re.compile(r'^\s*\d{1,2}(\.\d{1,2})+\.?\s+\S')
NUMBERED_SHARE = 0.4


def pdfs(args):
    for a in args:
        if os.path.isdir(a):
            yield from sorted(glob.glob(os.path.join(a, '**', '*.pdf'), recursive=True))
        else:
            yield a


def page_models(cli, pdf):
    out = subprocess.run([cli, 'text', '--json', pdf], capture_output=True, text=True)
    pages = []
    for line in out.stdout.splitlines():
        doc = json.loads(line)
        pages.extend(doc if isinstance(doc, list) else [doc])
    return pages


def numbered_page(page):
    lines = [l['text'] for l in page.get('lines', []) if l['text'].strip()]
    if len(lines) < 5:
        return False
    return sum(bool(NUMBERED.match(t)) for t in lines) >= NUMBERED_SHARE * len(lines)


def cover_bottom(page, cover):
    """The bottom of a cover's labels and values on its page: the lowest
    line whose text is part of a value the record read from it."""
    values = [v for v in cover.values() if isinstance(v, str) and len(v) >= 3]
    bottom = None
    for line in page.get('lines', []):
        text = line['text'].strip()
        if len(text) >= 3 and any(text in v or v in text for v in values):
            bottom = max(bottom or 0, line['bbox'][3])
    return bottom


def suspects(record, pages):
    """{pdf_page: (why, bottom)}: the places no table of this record should
    be: a whole page (bottom None), or a cover's page above bottom."""
    why = {}
    for i, page in enumerate(pages, 1):
        if numbered_page(page):
            why[i] = ('numbered', None)
    for d in record.get('documents') or []:
        first = d['pdf_page_start']
        if d.get('cover') and first not in why and first <= len(pages):
            bottom = cover_bottom(pages[first - 1], d['cover'])
            if bottom is not None:
                why[first] = ('cover', bottom)
    roles = [s.get('role') for s in record.get('sources') or []]
    if record.get('agenda') and ('frontsheet' in roles or 'agenda_pack' in roles):
        why.setdefault(1, ('frontsheet', None))
    return why


def main(argv):
    cli = 'build/agendapack'
    if argv and not os.path.isdir(argv[0]) and not argv[0].endswith('.pdf'):
        cli, argv = argv[0], argv[1:]
    total = 0
    with tempfile.TemporaryDirectory() as scratch:
        for n, pdf in enumerate(pdfs(argv)):
            out = os.path.join(scratch, str(n))
            subprocess.run([cli, 'convert', '-q', pdf, '-o', out], capture_output=True)
            pages = page_models(cli, pdf)
            for f in glob.glob(os.path.join(out, '**', '*.json'), recursive=True):
                record = json.load(open(f))
                why = suspects(record, pages)
                for t in record.get('tables') or []:
                    reason, bottom = why.get(t.get('pdf_page'), (None, None))
                    top = (t.get('evidence') or [{}])[0].get('bbox') or [0, 0, 0, 0]
                    if not reason or (bottom is not None and top[1] >= bottom):
                        continue
                    total += 1
                    rows = ' / '.join(' | '.join(r)[:60] for r in t['rows'][:2])
                    print('%s p%s %s: %s' % (os.path.relpath(pdf), t['pdf_page'], reason, rows))
    print('suspect tables: %d' % total)


if __name__ == '__main__':
    main(sys.argv[1:])
