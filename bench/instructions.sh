#!/bin/sh
# Instructions a page, counted by callgrind (valgrind), for `agendapack
# batch -j 1` (supervisor and worker together) and for `pdftotext -layout`
# run once per file, over each set of PDFs given (default: ../shared/corpus
# and ../shared/archive/kent). Unlike a time, the count does not move with
# the machine's load, so two builds compare to within a fraction of a
# percent. Slow: valgrind runs about fifty times slower than the program.
#
# usage: bench/instructions.sh [AGENDAPACK] [DIR_OR_PDF...]
set -eu
cli=${1:-build/agendapack}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- ../shared/corpus ../shared/archive/kent
command -v valgrind >/dev/null || { echo "instructions: needs valgrind" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# total PREFIX: the instructions of every callgrind file $work/PREFIX.*
total() {
    cat "$work/$1".* | awk '/^summary:/ {s += $2} END {printf "%.0f", s}'
}

for set_dir in "$@"; do
    find "$set_dir" -name '*.pdf' -not -path '*no-text-layer*' | sort > "$work/list"
    pages=0
    while IFS= read -r f; do
        n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
        pages=$((pages + ${n:-0}))
    done < "$work/list"
    rm -f "$work"/ap.* "$work"/pt.*
    # a forked worker inherits the supervisor's count so far: zeroed as it
    # starts (worker_main, run/pool.c), so no instruction counts twice
    tr '\n' '\0' < "$work/list" | xargs -0 valgrind -q --tool=callgrind --trace-children=yes \
        --zero-before=worker_main --callgrind-out-file="$work/ap.%p" \
        "$cli" batch -q -j 1 -o "$work/out" > /dev/null 2>&1 || true
    rm -rf "$work/out"
    i=0
    while IFS= read -r f; do
        i=$((i + 1))
        valgrind -q --tool=callgrind --callgrind-out-file="$work/pt.$i" \
            pdftotext -q -layout "$f" /dev/null > /dev/null 2>&1 || true
    done < "$work/list"
    ap=$(total ap) pt=$(total pt)
    echo "$set_dir: $pages pages"
    printf '  %-20s %6.2f G instructions  %6.2f M a page\n' "batch -j 1" \
        "$(echo "$ap / 10^9" | bc -l)" "$(echo "$ap / $pages / 10^6" | bc -l)"
    printf '  %-20s %6.2f G instructions  %6.2f M a page   (batch: %.2fx)\n' "pdftotext -layout" \
        "$(echo "$pt / 10^9" | bc -l)" "$(echo "$pt / $pages / 10^6" | bc -l)" "$(echo "$ap / $pt" | bc -l)"
done
