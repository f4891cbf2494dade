#!/usr/bin/env python3
"""The source tree reads as the pipeline: each stage folder includes only
itself and folders before it in the chain, and the include graph, file by
file, has no cycle. usage: layering.py SOURCE_DIR"""
import os
import re
import sys

CHAIN = ["core", "lexicon", "parsers", "pages", "segment", "record",
         "extractors", "sinks", "run", "site", "cli"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def main(src):
    rank = {stage: i for i, stage in enumerate(CHAIN)}
    graph, problems = {}, []
    for stage in CHAIN:
        folder = os.path.join(src, stage)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if not name.endswith((".c", ".cc", ".h", ".def")):
                continue
            path = f"{stage}/{name}"
            text = open(os.path.join(src, path), encoding="utf-8").read()
            graph[path] = []
            for inc in INCLUDE.findall(text):
                top = inc.split("/")[0]
                if top in rank:
                    graph[path].append(inc)
                    if rank[top] > rank[stage]:
                        problems.append(f"{path} includes {inc}: {top} comes after {stage}")
    # a cycle among the files (headers that include each other, in the end)
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in graph.get(node, []):
            if state.get(nxt) == "open":
                problems.append("include cycle: " + " -> ".join(trail + [node, nxt]))
            elif nxt not in state:
                visit(nxt, trail + [node])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    for p in problems:
        print(p)
    if not graph:
        print("no sources found under", src)
        return 1
    print(f"{len(graph)} files in {len(CHAIN)} stages: "
          f"{'no layering problem' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


sys.exit(main(sys.argv[1]))
