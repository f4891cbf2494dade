#!/bin/sh
# shard-job.sh K N OUTDIR LIST: one shard of a sharded conversion, as a
# scheduler's job runs it (scripts/shard-parallel.sh, shard-slurm.sh):
# `agendapack batch --shard K/N` over the inputs listed in LIST (one path a
# line) into OUTDIR/shards/K, with one worker, its lines in
# OUTDIR/shards/K.log. The job succeeds when the run completes, whatever
# files failed in it: those are in the shard's log, and the merge reports
# them; it fails when the run does not complete (killed, OUTDIR not
# writable), so the scheduler runs it again, and the rerun converts only
# what the shard lacks. AGENDAPACK names the program (default: agendapack).
set -u
[ $# -eq 4 ] || { echo "usage: shard-job.sh K N OUTDIR LIST" >&2; exit 2; }
k=$1 n=$2 out=$3 list=$4
log=$out/shards/$k.log
mkdir -p "$out/shards"
# the inputs (folders, usually) as arguments, names with spaces kept whole
set --
while IFS= read -r input; do
    [ -n "$input" ] && set -- "$@" "$input"
done <"$list"
"${AGENDAPACK:-agendapack}" batch -j 1 --shard "$k/$n" -o "$out/shards/$k" "$@" >"$log" 2>&1
rc=$?
# the summary line is printed only by a run that completed
if [ $rc -le 1 ] && grep -q '^batch: [0-9]* files' "$log"; then
    exit 0
fi
echo "shard $k of $n did not complete (exit $rc); see $log" >&2
exit 1
