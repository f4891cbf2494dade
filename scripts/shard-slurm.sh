#!/bin/sh
# shard-slurm.sh: an archive converted as N shards by a Slurm job array,
# then merged by a job that waits for every shard (afterok).
#
#   scripts/shard-slurm.sh [-n N] [-p PARTITION] [--wait] INPUT... -o OUTDIR
#
#   -n N           shards (default 4): array tasks 0 to N-1, one CPU each;
#                  task K runs shard K into OUTDIR/shards/K
#   -p PARTITION   the partition (default: the cluster's default)
#   --wait         return when the merge has run (sbatch --wait), with its
#                  exit status
#
# INPUT and OUTDIR must be on a file system every node mounts at the same
# path, and agendapack be installed on each (AGENDAPACK names it; default
# agendapack on PATH). A task that fails (a node lost, a time limit) is
# run again with `scontrol requeue JOBID_K` or a new array of the failed
# indexes: a shard run again converts only what it lacks. The merge job
# fails only when the merge does; files that failed in their shards are
# named in OUTDIR/shards/merge.out. Prints the array's and the merge's
# job ids.
set -eu
name=shard-slurm
. "$(dirname "$0")/shard-lib.sh"
ap=${AGENDAPACK:-agendapack}
n=4 partition="" wait="" out="" inputs=""
usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case $1 in
        -n) n=$2; shift 2 ;;
        -p) partition=$2; shift 2 ;;
        -o) out=$2; shift 2 ;;
        --wait) wait=1; shift ;;
        -h|--help) usage ;;
        -*) echo "shard-slurm: unknown option $1" >&2; usage ;;
        *) inputs="$inputs
$1"; shift ;;
    esac
done
check_shards "$n" "$out" "$inputs"
command -v sbatch >/dev/null 2>&1 || { echo "shard-slurm: sbatch is not installed (Slurm's client)" >&2; exit 1; }
write_inputs "$out" "$inputs"
job=$(cd "$(dirname "$0")" && pwd)/shard-job.sh
set -- --parsable --export="ALL,AGENDAPACK=$ap"
[ -n "$partition" ] && set -- "$@" --partition="$partition"
array=$(sbatch "$@" --array="0-$((n - 1))" --cpus-per-task=1 --job-name=agendapack-shard \
    --output="$outabs/shards/slurm-%a.out" \
    --wrap="'$job' \$SLURM_ARRAY_TASK_ID $n '$outabs' '$list'")
array=${array%%;*}
[ -n "$wait" ] && set -- "$@" --wait
status=0
merge=$(sbatch "$@" --dependency="afterok:$array" --job-name=agendapack-merge \
    --output="$outabs/shards/merge.out" \
    --wrap="'$ap' merge -q$(shard_dirs "$n") -o '$outabs'; rc=\$?; [ \$rc -le 1 ]") || status=$?
echo "shard-slurm: array job ${array} ($n shards), merge job ${merge%%;*}"
exit $status
