#!/bin/sh
# Checks the schema and a converted record with an independent validator,
# python3-jsonschema (Draft7Validator), so our own validator is not the only
# judge of its own output.
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
# an agenda writes nothing and says so on stderr
"$cli" convert -q "$tmp"/*.pdf -o "$tmp/out" 2>/dev/null
"$py" - "$src/schemas/meeting.schema.json" "$tmp"/out/*.json <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
n = 0
for path in sys.argv[2:]:
    record = json.load(open(path))
    errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
    for e in errors:
        print("%s: %s: %s" % (path, "/".join(map(str, e.path)), e.message))
    if errors:
        sys.exit(1)
    # and a broken copy must fail, so this check can fail at all
    record["date"] = "16/07/2018"
    if validator.is_valid(record):
        print("%s: a broken date passed" % path)
        sys.exit(1)
    n += 1
if n == 0:
    print("no records to check")
    sys.exit(1)
print("%d record(s) valid under python3-jsonschema Draft7Validator" % n)
PY
