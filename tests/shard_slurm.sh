#!/bin/sh
# Sharded conversion as a Slurm job array: a single-node Slurm (munged,
# slurmctld and slurmd from Debian's packages, on localhost, with a
# configuration, key, sockets and state of their own in a temporary
# folder: nothing of the system's is read or changed) is started, the
# archive of tests/shard_fixture.sh run by scripts/shard-slurm.sh as 4
# array tasks and a merge job that waits for them, and the daemons
# stopped. The meetings and unplaced documents must be byte for byte those
# of one batch, and every task must have completed.
# Exit 77 (ctest's skip) with the reason when Slurm is not installed, the
# test is not root (the daemons run as root here), or Slurm does not start.
# usage: shard_slurm.sh AGENDAPACK MKFIXTURE SOURCE_DIR
set -eu
ap=$1 mkfixture=$2 src=$3
for prog in munged slurmctld slurmd sbatch sinfo; do
    command -v $prog >/dev/null 2>&1 || {
        echo "SKIP: $prog is not installed (make test-deps installs slurm-wlm and munge)"; exit 77; }
done
[ "$(id -u)" -eq 0 ] || { echo "SKIP: the test starts Slurm's daemons as root; not root"; exit 77; }
work=$(mktemp -d)
slurm=$work/slurm
mkdir -p "$slurm/state" "$slurm/spool"
chmod 700 "$slurm"
stop() {
    [ -f "$slurm/slurmd.pid" ] && kill "$(cat "$slurm/slurmd.pid")" 2>/dev/null
    [ -f "$slurm/slurmctld.pid" ] && kill "$(cat "$slurm/slurmctld.pid")" 2>/dev/null
    munged -S "$slurm/munge.socket" -s >/dev/null 2>&1
    sleep 1
    rm -rf "$work"
}
trap stop EXIT
skip() { echo "SKIP: $1"; tail -n 5 "$2" 2>/dev/null; exit 77; }

# munge: a key and a socket of its own
dd if=/dev/urandom of="$slurm/munge.key" bs=1024 count=1 2>/dev/null
chmod 600 "$slurm/munge.key"
munged -f -S "$slurm/munge.socket" --key-file="$slurm/munge.key" \
    --log-file="$slurm/munged.log" --pid-file="$slurm/munged.pid" \
    --seed-file="$slurm/munged.seed" || skip "munged did not start" "$slurm/munged.log"

# ports of this run's own, so that two runs or a real Slurm do not meet
port=$((20000 + $$ % 20000))
host=$(hostname)
cat >"$slurm/slurm.conf" <<CONF
ClusterName=agendapacktest
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$slurm/munge.socket
StateSaveLocation=$slurm/state
SlurmdSpoolDir=$slurm/spool
SlurmctldPidFile=$slurm/slurmctld.pid
SlurmdPidFile=$slurm/slurmd.pid
SlurmctldLogFile=$slurm/slurmctld.log
SlurmdLogFile=$slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=30 State=UP
CONF
export SLURM_CONF="$slurm/slurm.conf"
slurmctld -f "$SLURM_CONF" || skip "slurmctld did not start" "$slurm/slurmctld.log"
slurmd -f "$SLURM_CONF" || skip "slurmd did not start" "$slurm/slurmd.log"
for i in $(seq 1 30); do
    sinfo -h -o %t 2>/dev/null | grep -q idle && break
    sleep 1
done
sinfo -h -o %t 2>/dev/null | grep -q idle || skip "the node did not come up in 30 s" "$slurm/slurmd.log"
echo "slurm: $(sinfo -h -o '%P %D %t %N')"

. "$src/tests/shard_fixture.sh"
status=0
AGENDAPACK=$ap timeout 300 "$src/scripts/shard-slurm.sh" -n 4 --wait "$work/archive" \
    -o "$work/sharded" >"$work/out.txt" 2>&1 || status=$?
cat "$work/out.txt"
[ $status -eq 0 ] || { cat "$work/sharded/shards/"*.out 2>/dev/null | tail -20; echo "FAIL: exit $status"; exit 1; }
for k in 0 1 2 3; do
    grep -q '^batch: [0-9]* files' "$work/sharded/shards/$k.log" ||
        { echo "FAIL: array task $k did not complete"; exit 1; }
done
grep -q 'notes.pdf' "$work/sharded/shards/merge.out" ||
    { cat "$work/sharded/shards/merge.out"; echo "FAIL: the merge does not name the bad file"; exit 1; }
same "$work/one" "$work/sharded" "4 shards as a Slurm array"
echo "PASS: a Slurm job array of 4 shards and its merge equal one batch"
