#!/bin/sh
# Installs the Debian 12 packages agendapack needs to build, test and run,
# and only those that are missing (a no-op on a ready machine).
set -eu

packages="build-essential cmake pkg-config
libpoppler-glib-dev libpcre2-dev libcjson-dev libcairo2-dev
libcriterion-dev libsqlite3-dev libxml2-dev libmimalloc-dev
python3 python3-jsonschema qpdf poppler-utils bc
fonts-dejavu-core fonts-liberation2"

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
