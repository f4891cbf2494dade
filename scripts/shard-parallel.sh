#!/bin/sh
# shard-parallel.sh: an archive converted as N shards run as jobs by GNU
# parallel (Debian's `parallel`), on this machine or on the hosts of an
# --sshloginfile, then the shards merged into one OUTDIR.
#
#   scripts/shard-parallel.sh [-n N] [-j JOBS] [--sshloginfile FILE]
#                             [--resume-failed] INPUT... -o OUTDIR
#
#   -n N                 shards (default 4); shard K goes to OUTDIR/shards/K
#   -j JOBS              shards run at once on each host (default: its cores)
#   --sshloginfile FILE  run the shards on these hosts (parallel's format);
#                        INPUT and OUTDIR must then be on a file system
#                        every host mounts at the same path, and agendapack
#                        be installed on each
#   --resume-failed      run again only the shards that failed or did not
#                        finish (parallel's joblog, OUTDIR/shards/joblog)
#
# Each shard is a `batch --shard K/N` run with one worker (shard-job.sh):
# resumable and kill-safe as any batch (a shard run again converts only
# what it lacks). The merge runs once every shard has completed; its exit
# status is 1 when files failed in their shards (named on stderr), as a
# batch's is. AGENDAPACK names the program (default: agendapack on PATH).
set -eu
name=shard-parallel
. "$(dirname "$0")/shard-lib.sh"
ap=${AGENDAPACK:-agendapack}
n=4 jobs="" sshlogin="" resume="" out="" inputs=""
usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case $1 in
        -n) n=$2; shift 2 ;;
        -j) jobs=$2; shift 2 ;;
        -o) out=$2; shift 2 ;;
        --sshloginfile) sshlogin=$2; shift 2 ;;
        --resume-failed) resume=1; shift ;;
        -h|--help) usage ;;
        -*) echo "shard-parallel: unknown option $1" >&2; usage ;;
        *) inputs="$inputs
$1"; shift ;;
    esac
done
check_shards "$n" "$out" "$inputs"
command -v parallel >/dev/null 2>&1 || { echo "shard-parallel: GNU parallel is not installed (apt-get install parallel)" >&2; exit 1; }
write_inputs "$out" "$inputs"
job=$(cd "$(dirname "$0")" && pwd)/shard-job.sh
set -- --joblog "$outabs/shards/joblog" --halt never
[ -n "$jobs" ] && set -- "$@" -j "$jobs"
[ -n "$sshlogin" ] && set -- "$@" --sshloginfile "$sshlogin"
[ -n "$resume" ] && set -- "$@" --resume-failed
status=0
seq 0 $((n - 1)) | AGENDAPACK=$ap parallel "$@" "'$job' {} $n '$outabs' '$list'" || status=$?
if [ $status -ne 0 ]; then
    echo "shard-parallel: $status shards failed (see $outabs/shards/joblog); run again with --resume-failed" >&2
    exit 1
fi
rc=0
eval "\"\$ap\" merge -q $(shard_dirs "$n") -o \"\$outabs\"" || rc=$?
# 1: files that failed in their shards, named on stderr; the merge is whole
[ $rc -le 1 ] || exit $rc
echo "shard-parallel: $n shards merged into $outabs"
exit $rc
