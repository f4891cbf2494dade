#!/usr/bin/env python3
"""How query time grows with the store: a batch's store copied over and
over into one of N meetings (default 100,000; each copy's dates moved back
a day per copy, ids suffixed, the JSON records left out), then the README's
three example queries and `agendapack query` with filters timed on it,
best of 3.

usage: bench/query_scale.py AGENDAPACK STORE [MEETINGS [POSTGRES_URL]]
The store made is left in a temporary folder only while it runs. With a
PostgreSQL URL (an empty database), the store is also loaded into it
(`agendapack store --postgres`, timed) and the same queries timed there."""
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

README_QUERIES = {
    "minutes on a subject since 2018, with resolutions":
        "SELECT date, committee, minute_number, minute_title, resolutions FROM item_outcomes"
        " WHERE (minute_title LIKE '%budget%' OR item_title LIKE '%budget%')"
        " AND date >= '2018-01-01' ORDER BY date",
    "an indicator over time":
        "SELECT meeting_date, period, period_kind, value, target, rag FROM indicator_series"
        " WHERE name LIKE 'Bank Rate%' ORDER BY meeting_date, position",
    "how each member voted on a motion":
        "SELECT mv.name, mv.option, v.motion, v.result FROM member_votes mv"
        " JOIN votes v ON v.id = mv.vote_id JOIN minute_outcomes o ON o.meeting_id ="
        " v.meeting_id AND o.minute_position = v.minute_position"
        " WHERE o.minute_title LIKE '%transport%' ORDER BY v.id, mv.option, mv.name",
}


def columns(db, table):
    return [r[1] for r in db.execute(f"PRAGMA src.table_info({table})")]


def grow(src, dst, meetings):
    db = sqlite3.connect(dst)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("ATTACH ? AS src", (src,))
    n = db.execute("SELECT count(*) FROM src.meetings").fetchone()[0]
    copies = -(-meetings // n)
    # the schema, views and indexes as the batch made them (indexes after)
    later = []
    for kind, name, sql in db.execute(
            "SELECT type, name, sql FROM src.sqlite_master WHERE sql IS NOT NULL"
            " AND name NOT LIKE 'search_%'").fetchall():
        (later if kind in ("index", "view") else [db.execute(sql)]).append(sql)
    max_vote = db.execute("SELECT coalesce(max(id), 0) + 1 FROM src.votes").fetchone()[0]
    max_ind = db.execute("SELECT coalesce(max(id), 0) + 1 FROM src.indicators").fetchone()[0]
    db.execute(f"CREATE TEMP TABLE c AS WITH RECURSIVE c(k) AS (SELECT 0 UNION ALL"
               f" SELECT k + 1 FROM c WHERE k + 1 < {copies}) SELECT k FROM c")
    swap = {"id": "t.id || '#' || c.k", "meeting_id": "t.meeting_id || '#' || c.k",
            "date": "date(t.date, '-' || c.k || ' days')", "record": "'{}'"}
    ids = {"votes": ("id", max_vote), "member_votes": ("vote_id", max_vote),
           "indicators": ("id", max_ind), "indicator_values": ("indicator_id", max_ind)}
    for table in ["meetings", "sources", "agenda_items", "documents", "minute_entries",
                  "resolutions", "declarations", "votes", "member_votes", "attendance",
                  "indicators", "indicator_values", "search"]:
        cols = columns(db, table)
        exprs = []
        for col in cols:
            if table in ids and col == ids[table][0]:
                exprs.append(f"t.{col} + c.k * {ids[table][1]}")
            elif col == "meeting_id" or (table == "meetings" and col in swap):
                exprs.append(swap[col])
            else:
                exprs.append("t." + col)
        db.execute(f"INSERT INTO {table}({', '.join(cols)}) SELECT {', '.join(exprs)}"
                   f" FROM src.{table} t, c")
    db.commit()
    for sql in later:
        db.execute(sql)
    db.commit()
    # the layout's version, which agendapack checks before reading
    version = db.execute("PRAGMA src.user_version").fetchone()[0]
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    got = db.execute("SELECT count(*) FROM meetings").fetchone()[0]
    db.close()
    return got


def postgres(cli, store, url, searches):
    """The store loaded into PostgreSQL at url, and the searches timed
    there (--with resolutions is the SQLite store's only)."""
    t = time.perf_counter()
    out = subprocess.run([cli, "store", store, "--postgres", url], check=True,
                         capture_output=True, text=True).stdout.strip()
    print(f"PostgreSQL: {out} (wall {time.perf_counter() - t:.0f} s)")
    for args in searches:
        # FTS5's OR is web search's "or" too; the rest is the same words
        s, out = best(lambda: subprocess.run([cli, "query", "--postgres", url] + args,
                                             check=True, capture_output=True).stdout)
        lines = out.count(b"\n")
        print(f"  {s * 1000:8.1f} ms  {lines:7d} lines  query --postgres {' '.join(args)}")


def best(f, rounds=3):
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return min(times), out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cli, src = sys.argv[1], sys.argv[2]
    meetings = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
    with tempfile.TemporaryDirectory() as tmp:
        dst = os.path.join(tmp, "big.sqlite")
        t = time.perf_counter()
        n = grow(src, dst, meetings)
        print(f"store of {n} meetings, {os.path.getsize(dst) / 1e6:.0f} MB,"
              f" made in {time.perf_counter() - t:.0f} s")
        db = sqlite3.connect(f"file:{dst}?immutable=1", uri=True)
        for name, sql in README_QUERIES.items():
            s, rows = best(lambda: db.execute(sql).fetchall())
            print(f"  {s * 1000:8.1f} ms  {len(rows):7d} rows  {name}")
        db.close()
        searches = (["budget"], ["budget", "--limit", "20"],
                    ["children OR SEND", "--since", "2018", "--kind", "minute", "--limit", "50"],
                    ["budget", "--with", "resolutions", "--limit", "20"],
                    ["budget", "--committee", "cabinet", "--sort", "date", "--limit", "20"])
        for args in searches:
            s, out = best(lambda: subprocess.run([cli, "query", dst] + args, check=True,
                                                 capture_output=True).stdout)
            lines = out.count(b"\n")
            print(f"  {s * 1000:8.1f} ms  {lines:7d} lines  query {' '.join(args)}")
        if len(sys.argv) > 4:
            postgres(cli, dst, sys.argv[4], [a for a in searches if "--with" not in a])
        s, out = best(lambda: subprocess.run([cli, "person", dst, "Mrs Bell"], check=True,
                                             capture_output=True).stdout)
        lines = out.count(b"\n")
        print(f"  {s * 1000:8.1f} ms  {lines:7d} lines  person Mrs Bell")


if __name__ == "__main__":
    main()
