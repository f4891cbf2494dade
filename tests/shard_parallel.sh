#!/bin/sh
# Sharded conversion under GNU parallel on this machine: an archive of
# fixture packs and one file that is no PDF, split into 4 shards run as
# parallel's jobs by scripts/shard-parallel.sh, then merged. Every shard's
# job succeeds (a bad file fails in its shard's log, not the job); the
# merge names the bad file and exits 1; the meetings and unplaced documents
# are byte for byte those of one batch over the archive; run again with
# --resume-failed, no shard runs again and nothing changes.
# Exit 77 (ctest's skip) with the reason when GNU parallel is missing.
# usage: shard_parallel.sh AGENDAPACK MKFIXTURE SOURCE_DIR
set -eu
ap=$1 mkfixture=$2 src=$3
if ! command -v parallel >/dev/null 2>&1; then
    echo "SKIP: GNU parallel is not installed (make test-deps installs Debian's)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$src/tests/shard_fixture.sh"

status=0
AGENDAPACK=$ap "$src/scripts/shard-parallel.sh" -n 4 -j 4 "$work/archive" -o "$work/sharded" \
    >"$work/out.txt" 2>"$work/err.txt" || status=$?
[ $status -eq 1 ] || { cat "$work/err.txt"; echo "FAIL: exit $status, not 1 for the bad file"; exit 1; }
grep -q 'notes.pdf' "$work/err.txt" || { cat "$work/err.txt"; echo "FAIL: the bad file is not named"; exit 1; }
jobs=$(awk 'NR > 1 && $7 == 0' "$work/sharded/shards/joblog" | wc -l)
[ "$jobs" -eq 4 ] || { cat "$work/sharded/shards/joblog"; echo "FAIL: $jobs of 4 shard jobs succeeded"; exit 1; }
for k in 0 1 2 3; do
    [ -d "$work/sharded/shards/$k/files" ] || { echo "FAIL: no shard $k"; exit 1; }
done
same "$work/one" "$work/sharded" "4 shards under parallel"

AGENDAPACK=$ap "$src/scripts/shard-parallel.sh" -n 4 --resume-failed "$work/archive" \
    -o "$work/sharded" >/dev/null 2>&1 || true
runs=$(awk 'NR > 1' "$work/sharded/shards/joblog" | wc -l)
[ "$runs" -eq 4 ] || { cat "$work/sharded/shards/joblog"; echo "FAIL: --resume-failed ran shards again"; exit 1; }
same "$work/one" "$work/sharded" "resumed"
echo "PASS: 4 shards under GNU parallel merged equal one batch"
