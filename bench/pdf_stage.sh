#!/bin/sh
# Pages per second of agendapack's PDF stage (page model + furniture, as
# `agendapack text --json` prints it) and of the whole conversion (segment,
# extractors, schema check, JSON written) against pdftotext on the same files,
# on one core. Both tools are started once per file, so both pay the same
# process start-up (about 9 ms for agendapack, whose poppler-glib, GIO and
# cairo libraries are linked at start; about 5 ms for pdftotext). The whole
# conversion is also timed as one process over all the files, as a batch
# runs it, which leaves that start-up out. The best of three runs counts.
#
# usage: bench/pdf_stage.sh [AGENDAPACK] [DIR_OR_PDF...]
#        default inputs: ../shared/realpdfs (every PDF with a text layer)
set -eu
cli=${1:-build/agendapack}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- ../shared/realpdfs
. "$(dirname "$0")/inputs.sh"
records=$work

pin=""
command -v taskset >/dev/null && pin="taskset -c 0"

# best_of3 CMD...: runs "CMD FILE $out" once per file, three times; prints
# the best wall time in seconds
out=""
best_of3() {
    best=""
    for _ in 1 2 3; do
        t0=$(date +%s.%N)
        while read -r f; do $pin "$@" "$f" $out > /dev/null 2>&1 || true; done < "$list"
        t1=$(date +%s.%N)
        t=$(echo "$t1 - $t0" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    echo "$best"
}

report() {
    printf '%-34s %7.2f s  %7.1f pages/s\n' "$1" "$2" "$(echo "$pages / $2" | bc -l)"
}

echo "$files files, $pages pages, one core"
report "agendapack text --json" "$(best_of3 $cli text --json)"
report "agendapack text" "$(best_of3 $cli text)"
report "agendapack convert" "$(best_of3 $cli convert -q -o "$records")"
# best_of3_once CMD...: runs "CMD FILE..." once over every file, three times
best_of3_once() {
    best=""
    for _ in 1 2 3; do
        t0=$(date +%s.%N)
        tr '\n' '\0' < "$list" | xargs -0 $pin "$@" > /dev/null 2>&1 || true
        t1=$(date +%s.%N)
        t=$(echo "$t1 - $t0" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    echo "$best"
}
report "agendapack convert, one process" "$(best_of3_once $cli convert -q -o "$records")"
out=-
report "pdftotext (reading order)" "$(best_of3 pdftotext -q -enc UTF-8)"
report "pdftotext -layout" "$(best_of3 pdftotext -q -layout -enc UTF-8)"
