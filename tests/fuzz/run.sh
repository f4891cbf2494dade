#!/bin/sh
# Runs the libFuzzer targets for SECONDS each on seeds the project makes:
#   pdf        every fixture rendered (tests/fixture_pdf.c)
#   normalise  every line of every fixture text (dates, times, venues, names)
#   schema     the meeting schema and the records the fixtures give
# usage: run.sh FUZZ_BUILD_DIR SOURCE_DIR [SECONDS]   (default 60)
# The corpus each target grows is kept in FUZZ_BUILD_DIR/corpus/NAME, so a
# later run starts where this one ended; a crash is written to
# FUZZ_BUILD_DIR/crashes/ and fails the run (replay: tests/fuzz/fuzz_NAME FILE).
set -eu
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd) seconds=${3:-60}
seeds=$build/seeds
# the tools that make the seeds are instrumented too: their leaks at exit
# (fontconfig's caches) are not what is fuzzed
export ASAN_OPTIONS=detect_leaks=0
rm -rf "$seeds"
mkdir -p "$seeds/pdf" "$seeds/normalise" "$seeds/schema" "$build/crashes"
n=0
for fixture in "$src"/fixtures/*.txt; do
    name=$(basename "$fixture" .txt)
    "$build/mkfixture" "$fixture" "$seeds/pdf/$name.pdf"
    grep -v '^#' "$fixture" | while IFS= read -r line; do
        n=$((n + 1))
        printf '%s' "${line#* }" > "$seeds/normalise/$name-$n"
    done
done
cp "$src/schemas/meeting.schema.json" "$seeds/schema/"
"$build/agendapack" convert -q "$seeds"/pdf/*.pdf -o "$seeds/schema" 2>/dev/null || true

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS=suppressions=$src/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for target in pdf normalise schema; do
    corpus=$build/corpus/$target
    mkdir -p "$corpus"
    echo "fuzz_$target: $seconds s"
    if ! "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 \
           -print_final_stats=1 -artifact_prefix="$build/crashes/$target-" \
           "$corpus" "$seeds/$target" >"$build/fuzz_$target.log" 2>&1; then
        status=1
        echo "fuzz_$target FOUND A CRASH: see $build/fuzz_$target.log and $build/crashes/"
        grep -E "^(==[0-9]+==ERROR|SUMMARY)|runtime error" "$build/fuzz_$target.log" | head -5
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" \
        "$build/fuzz_$target.log" | tr '\n' ' '
    echo
done
exit $status
