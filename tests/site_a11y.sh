#!/bin/sh
# The site's accessibility, checked by pa11y (axe and HTML_CodeSniffer,
# WCAG 2 AA) in Debian's Chromium, on the index, a meeting's page (minutes,
# votes, declarations), a committee's page with indicator charts, the
# people's list and the search page, built from fixture packs. Any issue
# fails, but for one kind: what axe marks "needs review" for the text
# inside an SVG chart, whose background it cannot compute (an "image
# node"); those are counted and printed, and the chart's text colour is
# the page's own text colour on white (site/style.css).
# Exit 77 (ctest's skip) with the reason when Chromium or pa11y is missing.
# usage: site_a11y.sh AGENDAPACK MKFIXTURE SOURCE_DIR
set -eu
ap=$1 mkfixture=$2 src=$3
pa11y=$src/tests/a11y/node_modules/.bin/pa11y
if ! command -v chromium >/dev/null 2>&1; then
    echo "SKIP: chromium is not installed (make test-deps installs Debian's)"
    exit 77
fi
if [ ! -x "$pa11y" ]; then
    echo "SKIP: pa11y is not installed (make test-deps runs scripts/install-a11y.sh, which says why it could not)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$src/tests/site_fixture.sh"
status=0
for page in index.html meetings/westmarsh__council__2026-01-15.html \
            "$committee" people/index.html search.html; do
    HOME=$work timeout 180 "$pa11y" --config "$src/tests/a11y/pa11y.json" --reporter json \
        "file://$site/$page" >"$work/report.json" 2>"$work/pa11y.err" || true
    python3 - "$page" "$work/report.json" "$work/pa11y.err" <<'PY' || status=1
import json, sys
page, report, err = sys.argv[1:]
try:
    issues = json.load(open(report))
except ValueError:
    print(f"FAIL {page}: pa11y gave no report:", open(err).read()[-2000:])
    sys.exit(1)
review = [i for i in issues if i.get("runnerExtras", {}).get("needsFurtherReview")
          and i["code"] == "color-contrast" and "<text" in i.get("context", "")]
real = [i for i in issues if i not in review]
for i in real:
    print(f"FAIL {page}: {i['code']}: {i['message']}\n    {i.get('context', '')}")
print(f"{'FAIL' if real else 'PASS'} {page}: {len(real)} issues; "
      f"{len(review)} chart texts axe cannot measure (needs review)")
sys.exit(1 if real else 0)
PY
done
exit $status
