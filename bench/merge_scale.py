#!/usr/bin/env python3
"""How the merge grows with the records it joins. A batch's OUTDIR (Kent's,
say) is multiplied K times into a synthetic one: each copy's dates moved K
years on (so every meeting id is new) and every content hash made new, the
records' hashes in the log made again to match. Then, for each size, timed:

  join      agendapack merge SYNTHETIC -o FRESH   (copy every entry, rebuild)
  rebuild   the same OUTDIR with its meetings, store and built.json removed
  again     merge run again: nothing to copy, nothing rebuilt
  add       one copy more merged in (Kent's records again, K+1 years on): an
            incremental rebuild, making only the new copy's meetings

usage: merge_scale.py AGENDAPACK OUTDIR [K...]   (default K: 1 10 30 100)
Prints a row per size: records, meetings, seconds, records per second."""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time


def sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


def multiply(src, dst, k):
    """dst/files and dst/records: src's, k times over."""
    os.makedirs(f"{dst}/files")
    os.makedirs(f"{dst}/records")
    for name in sorted(os.listdir(f"{src}/files")):
        entry_text = open(f"{src}/files/{name}").read()
        old = name[:-5]
        for copy in range(k):
            new = sha(f"{old}/{copy}")

            def moved(text):
                # years from the latest down, so that no year is moved twice
                for year in range(2030, 2014, -1):
                    if copy:
                        text = text.replace(f"{year}-", f"{year + copy}-")
                return text.replace(old, new)
            original = json.loads(entry_text).get("records") or []
            entry = json.loads(moved(entry_text))
            os.makedirs(f"{dst}/records/{new}")
            for was, rec in zip(original, entry.get("records") or []):
                text = moved(open(f"{src}/records/{old}/{was['file']}").read())
                open(f"{dst}/records/{new}/{rec['file']}", "w").write(text)
                rec["sha256"] = sha(text)
            open(f"{dst}/files/{new}.json", "w").write(json.dumps(entry, indent="\t"))


def timed(cmd, output=False):
    t = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: {r.stderr}")
    took = time.monotonic() - t
    return (took, r.stdout) if output else took


def main(ap, outdir, sizes):
    print(f"{'K':>4} {'records':>8} {'meetings':>8} {'join s':>8} {'rebuild s':>9} "
          f"{'again s':>8} {'add s':>8} {'made':>5} {'records/s':>9}")
    for k in sizes:
        work = tempfile.mkdtemp(prefix="merge-scale-")
        try:
            multiply(outdir, f"{work}/src", k)
            records = sum(len(fs) for _, _, fs in os.walk(f"{work}/src/records"))
            join = timed([ap, "merge", "-q", f"{work}/src", "-o", f"{work}/dst"])
            meetings = len(os.listdir(f"{work}/dst/meetings"))
            shutil.rmtree(f"{work}/dst/meetings")
            os.remove(f"{work}/dst/agendapack.sqlite")
            os.remove(f"{work}/dst/built.json")
            rebuild = timed([ap, "merge", "-q", f"{work}/src", "-o", f"{work}/dst"])
            again = timed([ap, "merge", "-q", f"{work}/src", "-o", f"{work}/dst"])
            # copies 0..K-1 made again by name are those there: one more
            multiply(outdir, f"{work}/more", k + 1)
            add, out = timed([ap, "merge", f"{work}/more", "-o", f"{work}/dst"], output=True)
            made = re.search(r"\((\d+) made again\)", out).group(1)
            print(f"{k:>4} {records:>8} {meetings:>8} {join:>8.2f} {rebuild:>9.2f} "
                  f"{again:>8.2f} {add:>8.2f} {made:>5} {records / rebuild:>9.0f}", flush=True)
        finally:
            shutil.rmtree(work)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], [int(a) for a in sys.argv[3:]] or [1, 10, 30, 100])
