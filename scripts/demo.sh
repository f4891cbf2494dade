#!/bin/sh
# make demo: render the bundled sample pack (fixtures/sample-pack.txt) to a
# PDF, convert it, and show where the JSON went and what the page model saw.
set -eu
build=${1:-build}
demo="$build/demo"
mkdir -p "$demo"
"$build/mkfixture" fixtures/sample-pack.txt "$demo/sample-pack.pdf"
echo "== sample pack: $demo/sample-pack.pdf"
"$build/agendapack" convert "$demo/sample-pack.pdf" -o "$demo/out"
echo "== page model (agendapack text): header line per page, furniture removed"
"$build/agendapack" text "$demo/sample-pack.pdf" | grep '^=== '
echo "== records validate against schemas/meeting.schema.json:"
"$build/agendapack" validate "$demo"/out/*.json
