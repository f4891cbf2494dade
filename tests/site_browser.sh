#!/bin/sh
# The site in a real browser: a site built from fixture packs (a full
# council's minutes with votes, an agenda pack, a scorecard pack), and its
# index, a meeting's page and a committee's page with indicator charts
# rendered by headless Chromium (Debian's) to PNG. Each screenshot must
# not be blank, must show the stylesheet's dark header (#0b0c0c), and the
# committee's must show its charts' blue line and points (#1d70b8); and
# the search page, run by Chromium from disk, finds a minute.
# Exit 77 (ctest's skip) with the reason when Chromium is not installed.
# usage: site_browser.sh AGENDAPACK MKFIXTURE SOURCE_DIR
set -eu
ap=$1 mkfixture=$2 src=$3
chromium=$(command -v chromium || true)
if [ -z "$chromium" ]; then
    echo "SKIP: chromium is not installed (make test-deps installs Debian's)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$src/tests/site_fixture.sh"

shoot() {   # PAGE PNG
    # the flags Chromium needs on a machine with no network and no GPU, as
    # root; a profile of its own each time
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --hide-scrollbars --user-data-dir="$work/profile-$2" \
        --window-size=1024,1200 --screenshot="$work/$2" "file://$1" >"$work/chromium.log" 2>&1 ||
        { cat "$work/chromium.log"; echo "FAIL: chromium could not render $1"; exit 1; }
    [ -s "$work/$2" ] || { cat "$work/chromium.log"; echo "FAIL: no screenshot of $1"; exit 1; }
}

status=0
shoot "$site/index.html" index.png
python3 "$src/tests/png_check.py" "$work/index.png" 0b0c0c || status=1
shoot "$site/meetings/westmarsh__council__2026-01-15.html" meeting.png
python3 "$src/tests/png_check.py" "$work/meeting.png" 0b0c0c || status=1
shoot "$site/$committee" committee.png
python3 "$src/tests/png_check.py" "$work/committee.png" 0b0c0c 1d70b8 || status=1

# search from disk: the page's script over search-index.js finds the
# budget minute, and only what holds both words
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile-search" --dump-dom \
    "file://$site/search.html?q=budget%202026-27" >"$work/search.html" 2>"$work/chromium.log" ||
    { cat "$work/chromium.log"; echo "FAIL: chromium could not run the search"; exit 1; }
if grep -q 'Budget 2026-27</a>' "$work/search.html" &&
   grep -q 'role="status">[1-9][0-9]* result' "$work/search.html" &&
   ! grep -q 'Election of Chair</a>' "$work/search.html"; then
    echo "PASS: search found the budget minute"
else
    grep -o 'role="status">[^<]*' "$work/search.html"; echo "FAIL: search"; status=1
fi
[ $status -eq 0 ] && echo "PASS: three pages rendered, none blank"
exit $status
