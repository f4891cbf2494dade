#!/bin/sh
# The store in PostgreSQL: a real PostgreSQL 15 server (Debian's) started
# in a temporary folder (initdb and pg_ctl as the unprivileged postgres
# user, a Unix socket only, a port of its own), a batch of fixture packs
# loaded into it with `store --postgres`, and then:
#   - each of several searches gives the same hits over PostgreSQL as over
#     the SQLite store (meeting, kind, number, title);
#   - every export (indicators CSV and NDJSON, latest, meetings NDJSON and
#     OCD, votes NDJSON and OCD) is byte for byte the SQLite store's;
#   - a second load changes nothing (every table's rows the same);
#   - two shards' stores loaded at once, then the merged store, leave the
#     database as one load of the merged store does;
#   - a bad URL is one line naming the reason.
# The server is stopped at the end. Exit 77 (ctest's skip) with the reason
# when PostgreSQL is not installed or the test cannot start it.
# usage: store_postgres.sh AGENDAPACK MKFIXTURE SOURCE_DIR
set -eu
ap=$1 mkfixture=$2 src=$3
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] ||
    { echo "SKIP: PostgreSQL is not installed (make test-deps installs postgresql-15)"; exit 77; }
work=$(mktemp -d)
chmod 755 "$work"
pgdir=$work/pg
mkdir "$pgdir"
as_pg() {   # a command as the unprivileged user PostgreSQL runs as
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || { echo "SKIP: no postgres user to run the server as"; exit 77; }
        chown postgres "$pgdir"
        su postgres -s /bin/sh -c "$1"
    else
        sh -c "$1"
    fi
}
stop() {
    as_pg "'$bin/pg_ctl' -D '$pgdir/data' -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap stop EXIT
port=$((30000 + $$ % 20000))
as_pg "'$bin/initdb' -D '$pgdir/data' -A trust -U postgres" >"$work/initdb.log" 2>&1 ||
    { tail -5 "$work/initdb.log"; echo "SKIP: initdb failed"; exit 77; }
as_pg "'$bin/pg_ctl' -D '$pgdir/data' -l '$pgdir/server.log' -w -o \"-k $pgdir -p $port -c listen_addresses=''\" start" \
    >/dev/null 2>&1 || { tail -5 "$pgdir/server.log"; echo "SKIP: the server did not start"; exit 77; }
url() { echo "postgresql:///$1?host=$pgdir&port=$port&user=postgres"; }
for db in one twice merged; do as_pg "'$bin/createdb' -h '$pgdir' -p $port $db"; done

. "$src/tests/shard_fixture.sh"
sqlite=$work/one/agendapack.sqlite
"$ap" store -q "$work/one" --postgres "$(url one)"

# the same hits for the same words
for words in budget minutes "harbour wall" resolved "council budget" scrutiny; do
    "$ap" query "$sqlite" $words --json >"$work/a.json"
    "$ap" query --postgres "$(url one)" $words --json >"$work/b.json"
    python3 - "$work/a.json" "$work/b.json" "$words" <<'PY'
import json, sys
def hits(path):
    return sorted((h["meeting_id"], h["kind"], "" if h["number"] is None else str(h["number"]),
                   h["title"] or "") for h in json.load(open(path)))
a, b = hits(sys.argv[1]), hits(sys.argv[2])
if a != b:
    print(f"FAIL: '{sys.argv[3]}': SQLite {len(a)} hits, PostgreSQL {len(b)}")
    print("  only SQLite:", [x for x in a if x not in b][:3])
    print("  only PostgreSQL:", [x for x in b if x not in a][:3])
    sys.exit(1)
print(f"same hits for '{sys.argv[3]}': {len(a)}")
PY
done

# the same exports, byte for byte
for what in "--indicators --format csv" "--indicators --format ndjson" \
            "--indicators --latest --format csv" "--meetings" "--meetings --format ocd" \
            "--votes" "--votes --format ocd"; do
    # shellcheck disable=SC2086
    "$ap" export "$sqlite" $what >"$work/a.out"
    # shellcheck disable=SC2086
    "$ap" export --postgres "$(url one)" $what >"$work/b.out"
    cmp -s "$work/a.out" "$work/b.out" || { echo "FAIL: export $what differs"; exit 1; }
    [ -s "$work/a.out" ] || { echo "FAIL: export $what is empty"; exit 1; }
    echo "same export $what: $(wc -c <"$work/a.out") bytes"
done

# every table's rows, in a canonical order, for comparing databases (the
# ids PostgreSQL gives votes and indicators left out)
dump() {
    as_pg "'$bin/psql' -h '$pgdir' -p $port -d $1 -At -c \"
        SELECT t, count(*), md5(string_agg(x, '|' ORDER BY x)) FROM (
          SELECT 'files' t, concat_ws(',', sha256, status, error, pages) x FROM files
          UNION ALL SELECT 'meetings', record FROM meetings
          UNION ALL SELECT 'search', concat_ws(',', meeting_id, kind, number, title, body) FROM search
          UNION ALL SELECT 'member_votes', concat_ws(',', v.meeting_id, v.position, mv.name, mv.option)
            FROM member_votes mv JOIN votes v ON v.id = mv.vote_id
          UNION ALL SELECT 'indicator_values', concat_ws(',', i.meeting_id, i.name, iv.position, iv.raw)
            FROM indicator_values iv JOIN indicators i ON i.id = iv.indicator_id
          UNION ALL SELECT 'attendance', a::text FROM attendance a) rows GROUP BY t ORDER BY t\""
}
# each member's vote and each indicator value, joined to their parent, as
# in the SQLite store (PostgreSQL numbers them anew)
rows_of() {     # CHILD KEY PARENT COLUMNS (k. the child, p. the parent)
    q="SELECT $4 FROM $1 k JOIN $3 p ON p.id = k.$2"
    as_pg "'$bin/psql' -h '$pgdir' -p $port -d one -At -F '|' -c \"$q\"" | sort >"$work/pg.rows"
    python3 -c "import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print('|'.join('' if v is None else str(v) for v in row))" "$sqlite" "$q" | sort >"$work/sqlite.rows"
    [ -s "$work/sqlite.rows" ] || { echo "FAIL: no $1 rows in the fixture store"; exit 1; }
    cmp -s "$work/pg.rows" "$work/sqlite.rows" ||
        { diff "$work/sqlite.rows" "$work/pg.rows" | head; echo "FAIL: $1 differ"; exit 1; }
    echo "same $1: $(wc -l <"$work/pg.rows") rows"
}
rows_of member_votes vote_id votes "p.meeting_id, p.position, k.name, k.option"
rows_of indicator_values indicator_id indicators "p.meeting_id, p.name, k.position, k.raw, k.period"

dump one >"$work/first"
"$ap" store "$work/one" --postgres "$(url one)" >"$work/again.txt"
grep -q ' 0 meetings loaded' "$work/again.txt" || { cat "$work/again.txt"; echo "FAIL: a second load loaded"; exit 1; }
dump one >"$work/second"
cmp -s "$work/first" "$work/second" || { diff "$work/first" "$work/second"; echo "FAIL: a second load changed rows"; exit 1; }
echo "a second load changed nothing"

# two shards loaded at once, then the merged store over them
for k in 0 1; do "$ap" batch -q -j 1 --shard "$k/2" "$work/archive" -o "$work/s$k" 2>/dev/null || true; done
"$ap" merge -q "$work/s0" "$work/s1" -o "$work/m" 2>/dev/null || true
"$ap" store -q "$work/s0" --postgres "$(url merged)" &
"$ap" store -q "$work/s1" --postgres "$(url merged)"
wait
# the merged store over them, pruning what only the shards held (a
# document a shard held as a meeting of its own, linked to its meeting
# once merged)
"$ap" store -q --prune "$work/m" --postgres "$(url merged)"
"$ap" store -q "$work/m" --postgres "$(url twice)"
dump merged >"$work/m1"
dump twice >"$work/m2"
cmp -s "$work/m1" "$work/m2" || { diff "$work/m1" "$work/m2"; echo "FAIL: shards loaded at once, then the merge, differ from the merge alone"; exit 1; }
echo "shards loaded at once, then the merge with --prune: as the merge alone"

if "$ap" store "$work/one" --postgres "postgresql:///none?host=$pgdir&port=$port&user=postgres" 2>"$work/err"; then
    echo "FAIL: a database that does not exist loaded"; exit 1
fi
[ "$(wc -l <"$work/err")" -eq 1 ] && grep -q 'cannot connect' "$work/err" ||
    { cat "$work/err"; echo "FAIL: not one line"; exit 1; }
echo "PASS: the store in PostgreSQL answers and exports as the SQLite store"
