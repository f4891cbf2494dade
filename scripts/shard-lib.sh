# shard-lib.sh: what the shard scripts share, sourced by shard-parallel.sh
# and shard-slurm.sh (name: the script's name, for messages).

# check_shards N OUT INPUTS: the arguments every shard script needs.
check_shards() {
    [ -n "$2" ] && [ -n "$3" ] || usage
    case $1 in
        ''|*[!0-9]*|0) echo "$name: -n takes a whole number of shards" >&2; exit 2 ;;
    esac
}

# write_inputs OUT INPUTS: OUT/shards made, and OUT/shards/inputs listing
# INPUTS (one a line) as absolute paths, for jobs that may run anywhere;
# sets outabs (OUT, absolute) and list (the file).
write_inputs() {
    mkdir -p "$1/shards"
    outabs=$(cd "$1" && pwd)
    list=$outabs/shards/inputs
    : >"$list"
    printf '%s\n' "$2" | while IFS= read -r i; do
        [ -n "$i" ] && (cd "$(dirname "$i")" && printf '%s/%s\n' "$(pwd)" "$(basename "$i")") >>"$list"
    done
}

# shard_dirs N: OUT/shards/0 ... OUT/shards/N-1, quoted, for a command line.
shard_dirs() {
    for k in $(seq 0 $(($1 - 1))); do printf " '%s/shards/%s'" "$outabs" "$k"; done
}
