#!/bin/sh
# Installs the Debian 12 packages agendapack needs, and only those that are
# missing (a no-op on a ready machine).
#   install-deps.sh          to build and run it (make build, make demo)
#   install-deps.sh test     and to test it (make test): Criterion, the
#                            independent validator, qpdf, clang's fuzzer,
#                            man to render the man page, tidy to check the
#                            site's HTML, Chromium to render it, GNU
#                            parallel and Slurm to run shards,
#                            PostgreSQL to load the store into (and npm,
#                            where Node.js came without it, for the
#                            accessibility checker: scripts/install-a11y.sh)
set -eu

build="build-essential cmake pkg-config
libpoppler-glib-dev libpoppler-private-dev libpcre2-dev libcjson-dev libcairo2-dev
libsqlite3-dev libxml2-dev libpq-dev libmimalloc-dev libssl-dev
libtesseract-dev libleptonica-dev tesseract-ocr-eng tesseract-ocr-cym
python3 fonts-dejavu-core fonts-liberation2"
test="libcriterion-dev liblcms2-dev python3-jsonschema qpdf poppler-utils bc
clang libclang-rt-14-dev man-db tidy chromium parallel slurm-wlm munge postgresql-15"
# npm from Debian only where there is no npm at all: a Node.js installed
# otherwise (NodeSource's) brings its own, which Debian's would conflict with
command -v npm >/dev/null 2>&1 || test="$test npm"

packages=$build
[ "${1:-}" = test ] && packages="$build $test"

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "install-deps: need root (or sudo) to install:$missing" >&2
    exit 1
fi
echo "install-deps: installing$missing"
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
