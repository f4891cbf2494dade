#!/bin/sh
# How fast a batch runs against `pdftotext -layout` (the bar of issue 14:
# one worker in at most half pdftotext's time, two workers 1.8 times one,
# 64 MB a worker at most, time linear in pages), for each set of PDFs given
# (default: ../shared/corpus and ../shared/archive/kent), each set measured
# on its own:
#
#   pdftotext -layout   started once per file, as it must be
#   batch -j 1          the whole pipeline, records written, one worker
#   batch -j 2          the same with two
#
# ROUNDS rounds (default 5) run the three interleaved, each batch into an
# empty OUTDIR; the best time of each counts, so a busy moment of the
# machine spoils one round, not the figure. Reported: pages/s, batch -j 1's
# time as a share of pdftotext's (0.50 is twice as fast), -j 2's speed-up
# over -j 1, a worker's peak memory, and how a file's time grows with its
# pages: a least-squares line over the times the -j 1 log gives each file,
# with R^2.
#
# usage: bench/speed.sh [AGENDAPACK] [DIR_OR_PDF...]   env: ROUNDS (5)
set -eu
cli=${1:-build/agendapack}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- ../shared/corpus ../shared/archive/kent
rounds=${ROUNDS:-5}
for tool in pdftotext pdfinfo python3 bc; do
    command -v $tool >/dev/null || { echo "speed: needs $tool" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
less() { [ "$(echo "$1 < $2" | bc -l)" = 1 ]; }

# best T NAME: keeps the lower of T and the best so far in $work/NAME
best() {
    if [ ! -s "$work/$2" ] || less "$1" "$(cat "$work/$2")"; then echo "$1" > "$work/$2"; fi
}

measure() {
    set_dir=$1
    list=$work/list
    find "$set_dir" -name '*.pdf' -not -path '*no-text-layer*' | sort > "$list"
    files=$(wc -l < "$list")
    [ "$files" -gt 0 ] || { echo "speed: no PDFs under $set_dir" >&2; return 1; }
    pages=0
    while IFS= read -r f; do
        n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
        pages=$((pages + ${n:-0}))
    done < "$list"
    rm -rf "$work/pdftotext" "$work/j1" "$work/j2" "$work/log"
    r=0
    while [ $r -lt "$rounds" ]; do
        r=$((r + 1))
        t0=$(now)
        while IFS= read -r f; do pdftotext -q -layout -enc UTF-8 "$f" - > /dev/null || true; done < "$list"
        best "$(echo "$(now) - $t0" | bc -l)" pdftotext
        for j in 1 2; do
            out=$work/out-$j-$r
            t0=$(now)
            tr '\n' '\0' < "$list" | xargs -0 "$cli" batch -o "$out" -j $j > "$work/stdout-$j" 2>/dev/null || true
            best "$(echo "$(now) - $t0" | bc -l)" "j$j"
            [ $j = 1 ] && [ $r = 1 ] && cp -r "$out/files" "$work/log"
            rm -rf "$out"
        done
    done
    tp=$(cat "$work/pdftotext") t1=$(cat "$work/j1") t2=$(cat "$work/j2")
    peak=$(sed -n 's/.*peak memory of a worker \([0-9]*\) MB.*/\1/p' "$work/stdout-1")
    echo "$set_dir: $files files, $pages pages, best of $rounds interleaved rounds"
    printf '  %-20s %7.2f s %8.1f pages/s\n' "pdftotext -layout" "$tp" "$(echo "$pages / $tp" | bc -l)"
    printf '  %-20s %7.2f s %8.1f pages/s   %.2fx the time of pdftotext\n' "batch -j 1" "$t1" \
        "$(echo "$pages / $t1" | bc -l)" "$(echo "$t1 / $tp" | bc -l)"
    printf '  %-20s %7.2f s %8.1f pages/s   %.2fx the speed of -j 1\n' "batch -j 2" "$t2" \
        "$(echo "$pages / $t2" | bc -l)" "$(echo "$t1 / $t2" | bc -l)"
    echo "  peak memory of a worker: ${peak:-?} MB"
    python3 - "$work/log" <<'EOF'
import glob, json, sys
pts = []
for path in glob.glob(sys.argv[1] + "/*.json"):
    e = json.load(open(path))
    if e.get("pages") and e.get("seconds") is not None:
        pts.append((e["pages"], e["seconds"]))
n = len(pts)
if n < 3:
    print("  time against pages: too few files for a fit")
    sys.exit(0)
mx = sum(p for p, _ in pts) / n
my = sum(s for _, s in pts) / n
sxx = sum((p - mx) ** 2 for p, _ in pts)
sxy = sum((p - mx) * (s - my) for p, s in pts)
syy = sum((s - my) ** 2 for _, s in pts)
b = sxy / sxx if sxx else 0.0
a = my - b * mx
r2 = sxy * sxy / (sxx * syy) if sxx and syy else 0.0
worst = max(pts, key=lambda q: q[1] / q[0])
print(f"  time against pages over {n} files: {a * 1000:.1f} ms + {b * 1000:.2f} ms a page, "
      f"R^2 {r2:.3f}; slowest a page: {worst[1] * 1000 / worst[0]:.1f} ms ({worst[0]} pages)")
# linear, not worse: a long file costs no more a page than a short one
def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]
by_size = sorted(pts)
tenth = max(1, n // 10)
print(f"  ms a page, median: all files {median([s / p for p, s in pts]) * 1000:.2f}, "
      f"the longest tenth ({by_size[-tenth][0]}-{by_size[-1][0]} pages) "
      f"{median([s / p for p, s in by_size[-tenth:]]) * 1000:.2f}")
EOF
}

for set_dir in "$@"; do
    measure "$set_dir"
done
