#!/bin/sh
# Checks the schemas and the converted records with an independent
# validator, python3-jsonschema (Draft7Validator), so our own validator is
# not the only judge of its own output: meeting records against
# schemas/meeting.schema.json, unplaced document records against
# schemas/document.schema.json (whose references into the meeting schema
# resolve from the schemas' folder).
# usage: independent_schema.sh AGENDAPACK MKFIXTURE SOURCE_DIR
set -eu
cli=$1 mkfixture=$2 src=$3
# Debian's python3 holds python3-jsonschema; another python3 first on PATH
# (pyenv, a venv) may not.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for fixture in "$src"/fixtures/*.txt; do
    name=$(basename "$fixture" .txt)
    "$mkfixture" "$fixture" "$tmp/$name.pdf"
done
# converted together: two fixtures hold one meeting (a pack and the minutes
# of it another pack carries), which one convert merges; a fixture without
# an agenda gives an unplaced document record in out/documents
"$cli" convert -q "$tmp"/*.pdf -o "$tmp/out" 2>/dev/null
"$py" - "$src/schemas" "$tmp"/out/*.json "$tmp"/out/documents/*.json <<'PY'
import json, os, sys
import jsonschema
folder = os.path.abspath(sys.argv[1])
validators = {}
for name, schema_id in (("meeting", "agendapack.meeting/1"), ("document", "agendapack.document/1")):
    path = os.path.join(folder, name + ".schema.json")
    schema = json.load(open(path))
    jsonschema.Draft7Validator.check_schema(schema)
    resolver = jsonschema.RefResolver(base_uri="file://" + path, referrer=schema)
    validators[schema_id] = jsonschema.Draft7Validator(schema, resolver=resolver)
n = {key: 0 for key in validators}
for path in sys.argv[2:]:
    if not os.path.exists(path):
        continue    # a glob that matched nothing
    record = json.load(open(path))
    validator = validators[record.get("schema")]
    errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
    for e in errors:
        print("%s: %s: %s" % (path, "/".join(map(str, e.path)), e.message))
    if errors:
        sys.exit(1)
    # and a broken copy must fail, so this check can fail at all
    record["sources"][0]["sha256"] = "not a hash"
    if validator.is_valid(record):
        print("%s: a broken source passed" % path)
        sys.exit(1)
    n[record["schema"]] += 1
if not all(n.values()):
    print("records of each kind are needed: %s" % n)
    sys.exit(1)
print("%s valid under python3-jsonschema Draft7Validator" % n)
PY
