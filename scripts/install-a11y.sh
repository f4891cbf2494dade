#!/bin/sh
# Installs the accessibility checker the site's test runs (pa11y, pinned in
# tests/a11y/package-lock.json) into tests/a11y/node_modules, once. It drives
# Debian's Chromium (install-deps.sh test installs it): puppeteer's own
# browser download is skipped, as this machine's network refuses it.
# Failing to install is not fatal here: tests/site_a11y.sh then skips and
# says why.
set -u
dir=$(dirname "$0")/../tests/a11y
[ -x "$dir/node_modules/.bin/pa11y" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
    echo "install-a11y: no npm; the accessibility test will be skipped" >&2
    exit 0
fi
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
    echo "install-a11y: pa11y needs Node.js 20 or later, this is $(node --version 2>/dev/null); the accessibility test will be skipped" >&2
    exit 0
fi
echo "install-a11y: installing pa11y into $dir/node_modules"
(cd "$dir" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    echo "install-a11y: npm ci failed; the accessibility test will be skipped" >&2
exit 0
