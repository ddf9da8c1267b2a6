#!/usr/bin/env python3
"""Adversarial-shapes benchmark: every command on every shape of `armistice generate
--shape`, timed against `compare` on an ordinary generated workload (`generate
--terms N`) of the same input size, measured in the same run. Each run either
finishes (exit 0 or 1) within its command's budget, a multiple of that reference
time, or stops at a named limit (exit 2, the message naming the `--max-…` flag).

Usage: adversarial.py BIN [--scale X] [--reps N] [--only SHAPE,...]
Writes bench/results/adversarial.tsv and bench/results/adversarial.md; exits 1 when a
run is over its budget or fails.
"""
import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time

WORK = "target/bench-adversarial"
OUT = "bench/results"

# The size of each shape (`--terms`), before `--scale`: 3 to 10 times the test's
# (tests/it/adversarial.rs has the test's sizes), the sweep the same.
SIZES = {
    "identical": 1000,
    "conflict": 1000,
    "chain": 1000,
    "deep-actions": 100_000,
    "deep-labels": 100_000,
    "wide": 20_000,
    "sweep": 40,
    "many": 1000,
}

# How many times the reference (`compare -q` on a generated pair of the same input
# size) each command may take on a shape whose findings grow with its input, as the
# ordinary workload's do.
BUDGETS = {
    "check": 2,
    "compare": 30,
    "graph": 30,
    "report": 60,
    "diff": 10,
    "whatif": 60,
    "concede": 60,
    "fmt": 5,
    "vocab": 2,
}

# Shapes whose findings grow with the square of their input: every term of
# `identical` and `conflict` meets every term of the other side (10^6 findings at 1000
# terms a side, where the reference pair has about a thousand), and `many` compares
# every pair of its proposals. A command that writes each finding (`graph`, `report`:
# 0.7 GB of HTML for the 10^6 conflicts) is held to what that output costs, not to a
# reference that has a thousandth of it. `report` also gives its concession appendix
# up to `--time-limit` (1 s here).
QUADRATIC = {"identical", "conflict", "many"}
QUADRATIC_BUDGETS = {"compare": 30, "graph": 100, "report": 1000, "whatif": 150, "concede": 300}

# A sweep runs one what-if per scenario (1024 at the benchmark's size): `whatif` may
# take the reference's time per 10 scenarios.
SWEEP_WHATIF_PER_SCENARIO = 0.1


def budget(shape, command, scenarios):
    if shape == "sweep" and command == "whatif":
        return max(BUDGETS["whatif"], round(SWEEP_WHATIF_PER_SCENARIO * scenarios))
    if shape in QUADRATIC and command in QUADRATIC_BUDGETS:
        return QUADRATIC_BUDGETS[command]
    return BUDGETS[command]


def scenario_count(path):
    """How many scenarios a scenario file expands to: a sweep is evaluated once for
    every subset of its edits."""
    if not path:
        return 0
    with open(path) as f:
        doc = json.load(f)
    return sum(2 ** len(sc.get("sweep", [])) for sc in doc.get("scenarios", []))


# A reference shorter than this is taken as this: below it, start-up and the clock
# are most of what is measured.
FLOOR_SECONDS = 0.05


def run(cmd, timeout):
    """Wall seconds, peak RSS (KiB), exit code and stderr of one run."""
    start = time.perf_counter_ns()
    p = subprocess.Popen(["/usr/bin/time", "-v", *cmd], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, start_new_session=True,
                         env={**os.environ, "NO_COLOR": "1"})
    try:
        _, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return timeout, 0, -1, f"timeout (> {timeout:g} s)"
    elapsed = (time.perf_counter_ns() - start) / 1e9
    err = err.decode(errors="replace")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    code = re.search(r"Exit status: (\d+)", err)
    return elapsed, int(rss.group(1)) if rss else 0, int(code.group(1)) if code else p.returncode, err


def median_run(cmd, reps, timeout):
    """The median wall time and peak RSS of `reps` runs, the last exit code and stderr."""
    times, rss = [], []
    for _ in range(reps):
        t, m, code, err = run(cmd, timeout)
        times.append(t)
        rss.append(m)
        if code not in (0, 1):
            break
    return statistics.median(times), int(statistics.median(rss)), code, err


def generate(bin_, args, out):
    if not os.path.isdir(out):
        subprocess.run([bin_, "generate", *args, "--out", out], check=True,
                       stdout=subprocess.DEVNULL)


def input_bytes(directory, names):
    return sum(os.path.getsize(os.path.join(directory, n)) for n in names)


def shape_files(directory):
    names = sorted(os.listdir(directory))
    proposals = [n for n in names if n not in ("vocab.json", "scenarios.json") and n.endswith(".json")]
    extra = lambda n: os.path.join(directory, n) if n in names else None
    return [os.path.join(directory, n) for n in proposals], extra("vocab.json"), extra("scenarios.json")


def commands(directory, files, vocab, scenarios):
    """Every command on one shape, as tests/it/adversarial.rs runs them."""
    with open(files[0]) as f:
        first = json.load(f)
    first_id = f"{first['id']}/{first['terms'][0]['id']}"
    with_vocab = lambda args: args + (["--vocab", vocab] if vocab else [])
    whatif = ["--scenarios", scenarios] if scenarios else ["--drop", first_id]
    brief = os.path.join(directory, "brief.html")
    all_ = {
        "check": with_vocab(["check", *files]),
        "compare": with_vocab(["compare", "-q", *files]),
        "graph": with_vocab(["graph", "-q", *files]),
        "report": with_vocab(["report", "-q", *files, "-o", brief, "--force", "--time-limit", "1"]),
        "diff": with_vocab(["diff", "-q", *files[:2]]),
        "whatif": with_vocab(["whatif", "-q", *files, *whatif]),
        "concede": with_vocab(["concede", "-q", *files]),
        "fmt": ["fmt", "--check", files[0]],
    }
    if vocab:
        all_["vocab"] = with_vocab(["vocab"])
    return all_


def reference(bin_, target_bytes, reps, timeout):
    """`compare` on an ordinary generated pair of about `target_bytes` of input."""
    probe = os.path.join(WORK, "base-1000")
    generate(bin_, ["--terms", "1000", "--seed", "1"], probe)
    per_term = input_bytes(probe, ["a.json", "b.json"]) / 1000
    n = max(10, round(target_bytes / per_term))
    base = os.path.join(WORK, f"base-{n}")
    generate(bin_, ["--terms", str(n), "--seed", "1"], base)
    cmd = [bin_, "compare", "-q", f"{base}/a.json", f"{base}/b.json", "--vocab", f"{base}/vocab.json"]
    t, _, code, err = median_run(cmd, reps, timeout)
    if code not in (0, 1):
        sys.exit(f"the reference compare failed (exit {code}):\n{err[-2000:]}")
    return n, t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    os.makedirs(OUT, exist_ok=True)
    only = set(filter(None, a.only.split(",")))
    rows, over = [], 0
    for shape, size in SIZES.items():
        if only and shape not in only:
            continue
        size = max(2, round(size * a.scale))
        directory = os.path.join(WORK, f"{shape}-{size}")
        generate(a.bin, ["--shape", shape, "--terms", str(size)], directory)
        files, vocab, scenarios = shape_files(directory)
        scenarios_n = scenario_count(scenarios)
        size_bytes = sum(os.path.getsize(p) for p in files + [x for x in (vocab, scenarios) if x])
        n, ref = reference(a.bin, size_bytes, a.reps, a.timeout)
        print(f"== {shape} {size}: {size_bytes} bytes; reference compare of {n} terms a side: {ref:.3f} s",
              file=sys.stderr)
        for name, args in commands(directory, files, vocab, scenarios).items():
            t, rss, code, err = median_run([a.bin, *args], a.reps, a.timeout)
            ratio = t / max(ref, FLOOR_SECONDS)
            limit = re.search(r"--max-[a-z-]+", err) if code == 2 else None
            allowed = budget(shape, name, scenarios_n)
            if code in (0, 1):
                verdict = "within" if ratio <= allowed else "OVER"
            elif limit:
                verdict = f"stopped at {limit.group(0)}"
            else:
                verdict = f"FAILED (exit {code})"
            over += verdict in ("OVER",) or verdict.startswith("FAILED")
            row = [shape, str(size), str(size_bytes), str(n), f"{ref:.3f}", name, f"{t:.3f}",
                   str(rss), f"{ratio:.1f}", str(allowed), verdict]
            rows.append(row)
            print("  " + "  ".join(row[5:]), file=sys.stderr)
    header = ["shape", "size", "input bytes", "reference terms", "reference s", "command",
              "wall s", "peak RSS KiB", "× reference", "budget ×", "verdict"]
    with open(os.path.join(OUT, "adversarial.tsv"), "w") as f:
        f.write("\t".join(header) + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    with open(os.path.join(OUT, "adversarial.md"), "w") as f:
        f.write("| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n")
        for row in rows:
            f.write("| " + " | ".join(row) + " |\n")
    print(f"{len(rows)} runs, {over} over budget or failed", file=sys.stderr)
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
