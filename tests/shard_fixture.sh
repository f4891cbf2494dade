# shard_fixture.sh: sourced by the sharding tests. An archive of fixture
# packs, minutes and documents published on their own, and a file that is
# no PDF, in $work/archive; one batch over it in $work/one; same A B WHAT
# compares the meetings and unplaced documents of two OUTDIRs byte for
# byte. Needs $ap, $mkfixture, $src and $work.
mkdir -p "$work/archive/2026"
for f in sample-pack harbourside-january scorecard-pack minutes-votes minutes-printed \
         kpi-summary archive-frontsheet archive-appendix archive-council-report \
         archive-decision archive-supplement archive-questions; do
    "$mkfixture" "$src/fixtures/$f.txt" "$work/archive/2026/$f.pdf" >/dev/null
done
printf 'minutes to follow\n' >"$work/archive/notes.pdf"
"$ap" batch -q "$work/archive" -o "$work/one" 2>/dev/null || true

same() {    # A B WHAT
    for folder in meetings documents; do
        if ! diff -r "$1/$folder" "$2/$folder" >/dev/null; then
            diff -r "$1/$folder" "$2/$folder" | head -20
            echo "FAIL: $3: $folder differ"
            exit 1
        fi
    done
    n=$(ls "$1/meetings" | wc -l)
    [ "$n" -gt 3 ] || { echo "FAIL: $3: only $n meetings"; exit 1; }
}
