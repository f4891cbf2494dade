#!/bin/sh
# An archive run end to end: `agendapack batch` over an archive of about
# 150 PDFs with damaged files mixed in, then the three things issue 6 asks
# of it:
#   1. every good file converted, each bad one failed with its reason, and
#      a non-zero exit;
#   2. a rerun over the finished OUTDIR in under a tenth of the first run;
#   3. kill -9 after KILL_AFTER seconds (default 3), then a rerun: meeting
#      files byte-identical to the uninterrupted run, no temporary files.
#
# The archive is assembled in a scratch folder from the PDFs given (default
# ../shared/realpdfs and ../shared/corpus, 43 files) and removed on exit:
# each PDF as it is, then rewritten by qpdf (linearized, with object
# streams, with streams uncompressed), until there are FILES (default 150).
# A rewrite has the same pages but other bytes, so the batch converts it
# as a file of its own, as it would a second copy of a pack downloaded from
# another site. Then five damaged files: truncated, empty, not a PDF,
# encrypted, and one whose body is garbage.
#
# The rewrites take qpdf's deterministic /ID, so the archive is the same
# bytes on every run and two builds' meeting files can be compared:
# KEEP=DIR keeps the uninterrupted run's meetings there.
#
# usage: bench/archive.sh [AGENDAPACK] [DIR_OR_PDF...]
#        env: FILES (150), JOBS (the cores), KILL_AFTER (3), KILL_JOBS (1), KEEP
set -eu
cli=${1:-build/agendapack}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- ../shared/realpdfs ../shared/corpus
command -v qpdf >/dev/null || { echo "archive: needs qpdf" >&2; exit 1; }
want=${FILES:-150}
jobs=${JOBS:-$(nproc)}
kill_after=${KILL_AFTER:-3}
kill_jobs=${KILL_JOBS:-1}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
archive=$work/archive
mkdir -p "$archive"
find "$@" -name '*.pdf' | sort > "$work/sources"

# the archive: originals first, then each rewrite in turn
n=0
for variant in copy linearize object-streams uncompressed; do
    while read -r src; do
        [ "$n" -lt "$want" ] || break
        name=$(basename "$src" .pdf)-$variant.pdf
        case $variant in
            copy) cp "$src" "$archive/$name" ;;
            linearize) qpdf --deterministic-id --linearize "$src" "$archive/$name" 2>/dev/null || true ;;
            object-streams) qpdf --deterministic-id --object-streams=generate "$src" "$archive/$name" 2>/dev/null || true ;;
            uncompressed) qpdf --deterministic-id --stream-data=uncompress "$src" "$archive/$name" 2>/dev/null || true ;;
        esac
        [ -s "$archive/$name" ] && n=$((n + 1))
    done < "$work/sources"
done
good=$n
pages=0
for f in "$archive"/*.pdf; do
    p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
    pages=$((pages + ${p:-0}))
done
first=$(head -1 "$work/sources")
head -c "$(($(wc -c < "$first") / 2))" "$first" > "$archive/damaged-truncated.pdf"
: > "$archive/damaged-empty.pdf"
echo "minutes to follow" > "$archive/damaged-not-a-pdf.pdf"
qpdf --encrypt secret secret 256 -- "$first" "$archive/damaged-encrypted.pdf"
{ head -c 1024 "$first"; head -c 65536 /dev/urandom; } > "$archive/damaged-garbage.pdf"
bad=5
echo "archive: $good PDFs ($pages pages) and $bad damaged files; -j $jobs"

secs() { echo "$2 - $1" | bc -l; }
now() { date +%s.%N; }

# 1. the first run
t0=$(now)
status=0
"$cli" batch "$archive" -o "$work/whole" -j "$jobs" > "$work/first.out" 2> "$work/first.err" || status=$?
t1=$(now)
first_run=$(secs "$t0" "$t1")
failed=$(grep -c ': ' "$work/first.err" || true)
printf 'first run:   %6.2f s, %.0f pages/s, exit %d\n' "$first_run" \
    "$(echo "$pages / $first_run" | bc -l)" "$status"
tail -1 "$work/first.out"
echo "failures reported ($failed, want $bad):"
sed 's/^/    /' "$work/first.err"
converted=$(grep -lE '"status":[[:space:]]*"(converted|no-record)"' "$work/whole/files"/*.json | wc -l)
echo "good files logged as converted: $converted of $good"

# 2. the rerun over the finished OUTDIR
t0=$(now)
"$cli" batch "$archive" -o "$work/whole" -j "$jobs" -q > /dev/null 2>&1 || true
t1=$(now)
rerun=$(secs "$t0" "$t1")
printf 'rerun:       %6.2f s (%.3f of the first run; want under 0.1)\n' "$rerun" \
    "$(echo "$rerun / $first_run" | bc -l)"

# 3. kill -9, then a rerun
"$cli" batch "$archive" -o "$work/killed" -j "$kill_jobs" -q > /dev/null 2>&1 &
pid=$!
sleep "$kill_after"
if kill -0 "$pid" 2>/dev/null; then state="still running"; else state="already finished"; fi
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
done_at_kill=$(find "$work/killed/files" -name '*.json' 2>/dev/null | wc -l)
echo "killed after ${kill_after} s (-j $kill_jobs, $state) with $done_at_kill files logged"
"$cli" batch "$archive" -o "$work/killed" -j "$jobs" -q > /dev/null 2>&1 || true
if diff -r "$work/whole/meetings" "$work/killed/meetings" > /dev/null; then
    same="byte-identical"
else
    same="DIFFERENT"
fi
temps=$(find "$work/killed" -type f ! -name '*.json' ! -name 'agendapack.sqlite*' ! -name .lock | wc -l)
echo "meetings after kill and rerun: $(ls "$work/killed/meetings" | wc -l) files, $same to the uninterrupted run; $temps temporary files left"
if [ -n "${KEEP:-}" ]; then
    rm -rf "$KEEP" && mkdir -p "$KEEP" && cp -r "$work/whole/meetings" "$KEEP/"
fi
