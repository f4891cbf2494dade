#!/bin/sh
# make demo: render the bundled sample pack (fixtures/sample-pack.txt) to a
# PDF, convert it, and show the meeting and agenda it read, what the page
# model saw, and that the record validates.
set -eu
build=${1:-build}
demo="$build/demo"
rm -rf "$demo"
mkdir -p "$demo"
"$build/mkfixture" fixtures/sample-pack.txt "$demo/sample-pack.pdf"
echo "== sample pack: $demo/sample-pack.pdf"
"$build/agendapack" convert "$demo/sample-pack.pdf" -o "$demo/out"
echo "== the meetings it read (the pack's own, and the one its minutes record):"
/usr/bin/python3 - "$demo"/out/*.json <<'PY'
import json, sys
for path in sys.argv[1:]:
    m = json.load(open(path))
    print("  %s: %s, %s %s, %s" % (m["id"], m["committee"], m["date"],
                                   m["start_time"], m["venue"]))
    for it in m["agenda"]:
        pages = ("pages %s-%s, PDF %s-%s" % (it["page_start"], it["page_end"],
                 it["pdf_page_start"], it["pdf_page_end"])
                 if it["page_start"] else "no pages")
        print("    %-3s %-32s %s" % (it["number"], it["title"], pages))
    for d in m["documents"]:
        print("    document: item %s, %s, PDF %d-%d: %s" % (
            d["item"], d["kind"], d["pdf_page_start"], d["pdf_page_end"], d["title"]))
    if m["status"] == "minutes":
        print("    %s to %s; %s" % (m["commenced"], m["terminated"], ", ".join(
            "%s (%s)" % (a["name"], a["status"]) for a in m["attendance"])))
        for e in m["minutes"]:
            print("    minute %-4s %s" % (e["number"], e["title"]))
PY
echo "== page model (agendapack text): header line per page, furniture removed"
"$build/agendapack" text "$demo/sample-pack.pdf" | grep '^=== '
echo "== records validate against schemas/meeting.schema.json:"
"$build/agendapack" validate "$demo"/out/*.json
echo "== a site to look at (agendapack batch, then agendapack site):"
"$build/agendapack" batch -q "$demo"/*.pdf -o "$demo/batch"
"$build/agendapack" site "$demo/batch" -o "$demo/site"
