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
lines = ["| terms | input (MB) | serde_json floor (s) | compare (s) | compare / floor | peak memory (MB) | memory / input |",
         "|---:|---:|---:|---:|---:|---:|---:|"]
pts = []
for n in sorted(by):
    r = by[n]
    mb = r["bytes"] / 1e6
    f = r.get("floor", (None, None, "missing"))
    c = r.get("compare", (None, None, "missing"))
    ft = f"{f[0]:.3f}" if f[0] is not None else f[2]
    if c[0] is None:
        lines.append(f"| {n} | {mb:.1f} | {ft} | {c[2]} | | | |")
        continue
    pts.append((n, c[0]))
    ratio = f"{c[0] / f[0]:.2f}" if f[0] else ""
    lines.append(f"| {n} | {mb:.1f} | {ft} | {c[0]:.3f} | {ratio} | {c[1] / 1024:.1f} | {c[1] * 1024 / r['bytes']:.2f} |")
def slope(p):
    xs = [math.log(n) for n, _ in p]; ys = [math.log(t) for _, t in p]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
if len(pts) >= 2:
    lines.append("")
    lines.append(f"Log-log slope of compare time against terms, least squares over {pts[0][0]}..{pts[-1][0]} "
                 f"({len(pts)} sizes): **{slope(pts):.3f}**")
    big = [p for p in pts if p[0] >= 10000]
    if 2 <= len(big) < len(pts):
        lines.append(f"Over {big[0][0]}..{big[-1][0]} only (where process start-up no longer dominates): "
                     f"**{slope(big):.3f}**")
text = "\n".join(lines) + "\n"
open(sys.argv[2], "w").write(text)
print(text)
PY
