#!/usr/bin/env bash
# Scaling report of `armistice compare` (release build) on generated pairs from 10^3
# terms up to MAX_TERMS: wall time and peak memory (`/usr/bin/time -v`) per size, the
# serde_json parse floor of the same files (examples/parse_floor.rs), the log-log slope
# of time against terms (least squares over the sizes) and the ratio of peak memory to
# the input's size.
#
# Usage: bench/scaling.sh [MAX_TERMS (default 100000)] [REPEATS (default 3)]
# Writes bench/results/scaling.tsv and bench/results/scaling.md; prints the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
max=${1:-100000}
reps=${2:-3}
work=target/bench-scaling
out=bench/results
mkdir -p "$work" "$out"
cargo build --release --quiet --bin armistice --example parse_floor
bin=target/release/armistice
floor=target/release/examples/parse_floor
tsv=$out/scaling.tsv
: > "$tsv"
rm -f "$out/scaling.stderr.log"
for n in 1000 3000 10000 30000 100000 300000 1000000; do
  [ "$n" -le "$max" ] || break
  dir=$work/$n
  [ -f "$dir/b.json" ] || "$bin" generate --terms "$n" --seed 1 --out "$dir"
  bytes=$(( $(stat -c %s "$dir/a.json") + $(stat -c %s "$dir/b.json") ))
  echo "== $n terms ($bytes bytes of input)" >&2
  python3 bench/measure.py --out "$tsv" --label floor --workload "$n $bytes" --reps "$reps" \
    -- "$floor" proposal "$dir/a.json" "$dir/b.json"
  # The analysis alone (`-q`: exit code only) and with the whole JSON report written.
  python3 bench/measure.py --out "$tsv" --label analysis --workload "$n $bytes" --reps "$reps" --ok 0,1 \
    -- "$bin" compare "$dir/a.json" "$dir/b.json" --vocab "$dir/vocab.json" -q
  python3 bench/measure.py --out "$tsv" --label compare --workload "$n $bytes" --reps "$reps" --ok 0,1 \
    -- "$bin" compare "$dir/a.json" "$dir/b.json" --vocab "$dir/vocab.json" --format json
done
python3 - "$tsv" "$out/scaling.md" <<'PY'
import math, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
by = {}
for label, work, med, lo, hi, rss, runs, status in rows:
    n, size = map(int, work.split())
    by.setdefault(n, {"bytes": size})[label] = (float(med) if med else None, int(rss) if rss else None, status)
lines = ["| terms | input (MB) | serde_json floor (s) | compare -q (s) | / floor | compare --format json (s) | / floor | peak memory -q (MB) | / input | peak memory json (MB) | / input |",
         "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
pts = {"analysis": [], "compare": []}
for n in sorted(by):
    r = by[n]
    mb = r["bytes"] / 1e6
    f = r.get("floor", (None, None, "missing"))
    ft = f"{f[0]:.3f}" if f[0] is not None else f[2]
    cells = [str(n), f"{mb:.1f}", ft]
    mem = []
    for label in ("analysis", "compare"):
        c = r.get(label, (None, None, "missing"))
        if c[0] is None:
            cells += [c[2], ""]
            mem += ["", ""]
            continue
        pts[label].append((n, c[0]))
        cells += [f"{c[0]:.3f}", f"{c[0] / f[0]:.2f}" if f[0] else ""]
        mem += [f"{c[1] / 1024:.1f}", f"{c[1] * 1024 / r['bytes']:.2f}"]
    lines.append("| " + " | ".join(cells + mem) + " |")
def slope(p):
    xs = [math.log(n) for n, _ in p]; ys = [math.log(t) for _, t in p]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
for label, name in (("analysis", "compare -q"), ("compare", "compare --format json")):
    p = pts[label]
    if len(p) < 2:
        continue
    lines.append("")
    lines.append(f"Log-log slope of `{name}` time against terms, least squares over {p[0][0]}..{p[-1][0]} "
                 f"({len(p)} sizes): **{slope(p):.3f}**")
    big = [q for q in p if q[0] >= 10000]
    if 2 <= len(big) < len(p):
        lines.append(f"Over {big[0][0]}..{big[-1][0]} only (where process start-up no longer dominates): "
                     f"**{slope(big):.3f}**")
text = "\n".join(lines) + "\n"
open(sys.argv[2], "w").write(text)
print(text)
PY
