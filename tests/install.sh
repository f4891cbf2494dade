#!/bin/sh
# Installs agendapack into a scratch DESTDIR as `make install` does, then
# uses it as a library user and a reader would: pkg-config finds it, a
# small C program converts a PDF through the public header against the
# shared library, the man page renders, the bash completion loads.
# usage: install.sh BUILD_DIR MKFIXTURE SOURCE_DIR
set -eu
build=$1 mkfixture=$2 src=$3
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
DESTDIR=$dest cmake --install "$build" --prefix /usr >/dev/null
root=$dest/usr

for f in bin/agendapack include/agendapack.h share/agendapack/meeting.schema.json \
         share/agendapack/document.schema.json \
         share/man/man1/agendapack.1 share/bash-completion/completions/agendapack; do
    [ -e "$root/$f" ] || { echo "not installed: $f"; exit 1; }
done
pc=$(find "$root" -name agendapack.pc)
[ -n "$pc" ] || { echo "no agendapack.pc"; exit 1; }
ls "$(dirname "$(dirname "$pc")")"/libagendapack.so.0 >/dev/null
ls "$(dirname "$(dirname "$pc")")"/libagendapack.a >/dev/null

# a library user's program, built from what pkg-config says
cat > "$dest/convert.c" <<'C'
#include <stdio.h>
#include <agendapack.h>

int main(int argc, char **argv)
{
    ap_error err = {{0}};
    ap_convert_summary sum;
    if (argc != 3 || !ap_convert_file(argv[1], argv[2], &sum, &err)) {
        fprintf(stderr, "%s\n", argc != 3 ? "usage: convert PDF OUTDIR" : err.message);
        return 1;
    }
    printf("%d pages, %s\n", sum.pages, sum.paths[0]);
    ap_convert_summary_clear(&sum);
    return 0;
}
C
export PKG_CONFIG_PATH="$(dirname "$pc")"
flags=$(pkg-config --cflags --libs agendapack)
case $flags in *"$root"*) ;; *) echo "pkg-config points outside the install: $flags"; exit 1 ;; esac
# shellcheck disable=SC2086
cc -Wall -Werror "$dest/convert.c" -o "$dest/convert" $flags
"$mkfixture" "$src/fixtures/sample-pack.txt" "$dest/pack.pdf"
out=$(LD_LIBRARY_PATH=$(dirname "$(dirname "$pc")") "$dest/convert" "$dest/pack.pdf" "$dest/out")
case $out in "10 pages, $dest/out/"*.json) ;; *) echo "the program said: $out"; exit 1 ;; esac
LD_LIBRARY_PATH=$(dirname "$(dirname "$pc")") ldd "$dest/convert" | grep -q "libagendapack.so.0 => $(dirname "$(dirname "$pc")")" ||
    { echo "not linked to the installed shared library"; ldd "$dest/convert"; exit 1; }
# and statically, from what pkg-config --static says
static=$(pkg-config --cflags --libs --static agendapack | sed 's/-lagendapack/-l:libagendapack.a/')
# shellcheck disable=SC2086
cc -Wall -Werror "$dest/convert.c" -o "$dest/convert-static" $static
out=$("$dest/convert-static" "$dest/pack.pdf" "$dest/out-static")
case $out in "10 pages, $dest/out-static/"*.json) ;; *) echo "static: $out"; exit 1 ;; esac

# the shared library exports the public header's functions and no others
nm -D --defined-only "$(dirname "$(dirname "$pc")")/libagendapack.so.0" | awk '{print $3}' |
    grep -v '^ap_' && { echo "exports beyond the ap_ interface"; exit 1; }
for fn in $(grep -o 'AP_API [^(]*' "$root/include/agendapack.h" | grep -o 'ap_[a-z_0-9]*$'); do
    nm -D --defined-only "$(dirname "$(dirname "$pc")")/libagendapack.so.0" | grep -q " $fn\$" ||
        { echo "not exported: $fn"; exit 1; }
done

# the man page renders, without warnings
page=$(MANWIDTH=80 man --warnings -l "$root/share/man/man1/agendapack.1" 2>"$dest/man.err")
[ ! -s "$dest/man.err" ] || { cat "$dest/man.err"; exit 1; }
echo "$page" | grep -q "agendapack batch" || { echo "man page: no synopsis"; exit 1; }

# the completion loads and completes the commands
bash -c ". '$root/share/bash-completion/completions/agendapack'
         COMP_WORDS=(agendapack ba); COMP_CWORD=1; _agendapack
         [ \"\${COMPREPLY[*]}\" = batch ]" || { echo "completion does not complete"; exit 1; }
echo "installed and used: pkg-config, the shared library, the man page, the completion"
