#!/usr/bin/env python3
"""Checks that clingo and armistice agree: the same direct conflicts (armistice compare
JSON against clingo's direct/2 atoms) and the same optimal concession cost (armistice
concede JSON against clingo's optimum). Prints one line per check; exit 1 on mismatch.

Usage: check_peers.py COMPARE.json CLINGO_CONFLICTS.json CONCEDE.json CLINGO_CONCEDE.json
"""
import json
import re
import sys


def last_witness(path):
    d = json.load(open(path))
    calls = d.get("Call", [])
    wit = calls[-1].get("Witnesses", []) if calls else []
    return d, (wit[-1] if wit else {})


def term(name):
    return name.split("/", 1)[1]


def main(compare, clingo_conflicts, concede, clingo_concede):
    ok = True
    a = json.load(open(compare))
    ours = {(term(r["left"]["term"]), term(r["right"]["term"]))
            for p in a["pairs"] for r in p["relations"] if r["kind"] == "conflict" and not r["indirect"]}
    _, w = last_witness(clingo_conflicts)
    theirs = set()
    for atom in w.get("Value", []):
        m = re.fullmatch(r'direct\("([^"]+)","([^"]+)"\)', atom)
        if m:
            theirs.add(m.groups())
    same = ours == theirs
    ok &= same
    print(f"direct conflicts: armistice {len(ours)}, clingo {len(theirs)}: "
          + ("the same pairs" if same else f"DIFFER ({len(ours - theirs)} only armistice, {len(theirs - ours)} only clingo)"))
    k = json.load(open(concede))
    cost = k["packages"][0]["cost"] if k.get("packages") else None
    d, w = last_witness(clingo_concede)
    optimum = d.get("Models", {}).get("Optimum") == "yes"
    theirs_cost = w.get("Costs", [None])[0]
    same = cost == theirs_cost and optimum
    ok &= same
    # concede's JSON v2 lists `problems` (v1: `conflicts`); costs are points either way.
    problems = len(k.get("problems", k.get("conflicts", [])))
    print(f"optimal concession cost ({problems} conflicts): armistice {cost}, clingo {theirs_cost}"
          f" (optimum proven: {'yes' if optimum else 'no'}): " + ("the same" if same else "DIFFER"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main(*sys.argv[1:5])
