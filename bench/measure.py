#!/usr/bin/env python3
"""Runs a command several times under `/usr/bin/time -v` and appends one TSV row to a
results file: label, workload, median wall seconds, min, max, median peak RSS (KiB),
runs, status. Wall time is measured here (nanosecond clock) because `time -v` reports
it in hundredths; the peak memory is `time -v`'s "Maximum resident set size".

Usage: measure.py --out FILE --label L --workload W [--reps N] [--timeout S]
                  [--ok 0,1] [--stdout FILE] -- CMD ARG...

A run that exceeds the timeout is recorded as `timeout` and not repeated; an exit code
outside --ok as `failed (exit N)`, with the command's stderr kept next to FILE.
"""
import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--label", required=True)
    ap.add_argument("--workload", required=True)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--ok", default="0")
    ap.add_argument("--stdout", default=os.devnull)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    ok = {int(x) for x in a.ok.split(",")}
    times, rss, status = [], [], "ok"
    log = os.path.splitext(a.out)[0] + ".stderr.log"
    for _ in range(max(1, a.reps)):
        with open(a.stdout, "wb") as out:
            start = time.perf_counter_ns()
            # A session of its own, so that a timeout ends the command and its children.
            p = subprocess.Popen(["/usr/bin/time", "-v", *cmd], stdout=out, stderr=subprocess.PIPE,
                                 start_new_session=True)
            try:
                _, err = p.communicate(timeout=a.timeout)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.communicate()
                status = f"timeout (> {a.timeout:g} s)"
                break
            elapsed = (time.perf_counter_ns() - start) / 1e9
        err = err.decode(errors="replace")
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
        code = re.search(r"Exit status: (\d+)", err)
        rc = int(code.group(1)) if code else p.returncode
        if rc not in ok:
            status = f"failed (exit {rc})"
            with open(log, "a") as f:
                f.write(f"== {a.label} / {a.workload}: {' '.join(cmd)}\n{err[-3000:]}\n")
            break
        times.append(elapsed)
        rss.append(int(m.group(1)) if m else 0)
    row = [a.label, a.workload]
    if times and status == "ok":
        row += [f"{statistics.median(times):.4f}", f"{min(times):.4f}", f"{max(times):.4f}",
                str(int(statistics.median(rss))), str(len(times)), status]
    else:
        row += ["", "", "", "", str(len(times)), status]
    with open(a.out, "a") as f:
        f.write("\t".join(row) + "\n")
    print("  " + "  ".join(x for x in row if x), file=sys.stderr)


if __name__ == "__main__":
    main()
