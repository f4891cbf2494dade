#!/bin/sh
# Pages per second of `agendapack batch` (the whole pipeline, records
# written) with one worker and with two, against `pdftotext -layout` over
# the same files (started once per file, as it must be), and the peak
# memory of a worker. The best of three runs counts; each run starts from
# an empty OUTDIR.
#
# usage: bench/batch.sh [AGENDAPACK] [DIR_OR_PDF...]
#        default inputs: ../shared/realpdfs (every PDF with a text layer)
set -eu
cli=${1:-build/agendapack}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- ../shared/realpdfs
. "$(dirname "$0")/inputs.sh"
out=$work

# best_of3 CMD...: prints the best wall time in seconds of three runs. Each
# run writes into a folder of its own, all removed at the end: removing the
# last run's files just before the next would make the file system's inode
# allocation slower for it (ext4 scans past recently deleted inodes).
best_of3() {
    best=""
    for _ in 1 2 3; do
        batch_out=$(mktemp -d "$out/batch.XXXXXX")
        t0=$(date +%s.%N)
        "$@" > "$out/last" 2>/dev/null || true
        t1=$(date +%s.%N)
        t=$(echo "$t1 - $t0" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    echo "$best"
}

pdftotext_all() {
    while read -r f; do pdftotext -q -layout -enc UTF-8 "$f" - > /dev/null || true; done < "$list"
}

batch() {
    tr '\n' '\0' < "$list" | xargs -0 "$cli" batch -o "$batch_out" -j "$1"
}

echo "$files files, $pages pages"
t1=$(best_of3 batch 1)
peak=$(sed -n 's/.*peak memory of a worker \([0-9]*\) MB.*/\1/p' "$out/last")
t2=$(best_of3 batch 2)
tp=$(best_of3 pdftotext_all)
printf '%-28s %7.2f s  %7.1f pages/s\n' "agendapack batch -j 1" "$t1" "$(echo "$pages / $t1" | bc -l)"
printf '%-28s %7.2f s  %7.1f pages/s  (%.2fx -j 1)\n' "agendapack batch -j 2" "$t2" \
    "$(echo "$pages / $t2" | bc -l)" "$(echo "$t1 / $t2" | bc -l)"
printf '%-28s %7.2f s  %7.1f pages/s\n' "pdftotext -layout" "$tp" "$(echo "$pages / $tp" | bc -l)"
echo "peak memory of a worker: ${peak:-?} MB"
