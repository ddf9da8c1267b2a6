#!/usr/bin/env python3
"""Writes the Markdown table of bench/peers.sh from its TSV rows and its checks.

Usage: table.py PEERS.tsv CHECKS.txt > bench/results.md
"""
import sys

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
checks = open(sys.argv[2]).read().strip().splitlines() if len(sys.argv) > 2 else []
ours = {w: float(r[2]) for r in rows for w in [r[1]] if r[0].startswith("armistice") and r[2]}
floor = {r[1]: float(r[2]) for r in rows if r[0] == "serde_json → Proposal (floor)" and r[2]}
print("| workload | tool | median wall (s) | runs | peak memory (MB) | tool / armistice | armistice / tool |")
print("|---|---|---:|---:|---:|---:|---:|")
for label, work, med, lo, hi, rss, runs, status in rows:
    if not med:
        print(f"| {work} | {label} | {status} | {runs} | | | |")
        continue
    t = float(med)
    a = ours.get(work)
    them = f"{t / a:.2f}" if a and not label.startswith("armistice") else ""
    us = f"{a / t:.2f}" if a and not label.startswith("armistice") else ""
    print(f"| {work} | {label} | {t:.3f} | {runs} | {int(rss) / 1024:.1f} | {them} | {us} |")
print()
for w, a in ours.items():
    if w in floor:
        print(f"- {w}: armistice takes {a / floor[w]:.2f}× the serde_json → Proposal floor.")
for c in checks:
    print(f"- {c}")
