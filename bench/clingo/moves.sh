#!/usr/bin/env bash
# The concession solver (v2: mixed problems and moves) against clingo on the same
# instances, from `examples/concede_mixed.rs` and `bench/clingo/moves.lp`.
#
#   bench/clingo/moves.sh [PROBLEMS] [SEEDS] [RUNS]
#
# 1. Checks, on SEEDS generated instances at each of 10, 100 and 1000 problems, that
#    clingo (--opt-strategy=usc) proves the same optimal cost armistice finds.
# 2. Times both on one instance of PROBLEMS problems (default 10000), seed 1: armistice's
#    solve (median of RUNS, in-process, after generating the instance), clingo's whole
#    run (/usr/bin/time, grounding included) and its own solving time.
# clingo comes from PyPI in target/peers/venv (as bench/peers.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/../.."
problems=${1:-10000}
seeds=${2:-5}
runs=${3:-5}
venv=target/peers/venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import clingo" 2>/dev/null || "$venv/bin/pip" install --quiet clingo
cargo build --release --example concede_mixed
ex=target/release/examples/concede_mixed
dir=target/bench-concede-moves
mkdir -p "$dir"
clingo_cost() {
  "$venv/bin/python" -m clingo bench/clingo/moves.lp "$1" --opt-strategy=usc --outf=2 -q 2>/dev/null |
    python3 -c 'import json,sys; v=json.load(sys.stdin); m=v["Models"]; print(m["Costs"][0], m["Optimal"], v["Time"]["Total"], v["Time"]["Solve"])' || true
}
echo "== same optimum"
for n in 10 100 1000; do
  for s in $(seq 1 "$seeds"); do
    ours=$("$ex" "$n" "$s" "$dir/m.lp" 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["cost"])')
    read -r theirs optimal _ _ < <(clingo_cost "$dir/m.lp")
    verdict=$([ "$ours" = "$theirs" ] && [ "$optimal" = 1 ] && echo same || echo DIFFERENT)
    echo "problems $n seed $s: armistice $ours, clingo $theirs (proven: $optimal): $verdict"
  done
done
echo "== time at $problems problems"
"$ex" "$problems" 1 "$dir/facts.lp" "$runs"
for i in $(seq 1 3); do
  /usr/bin/time -f "clingo wall %e s, %M KB" "$venv/bin/python" -m clingo bench/clingo/moves.lp "$dir/facts.lp" \
    --opt-strategy=usc --outf=2 -q 2>"$dir/time.txt" |
    python3 -c 'import json,sys; v=json.load(sys.stdin); m=v["Models"]; print("clingo cost", m["Costs"][0], "optimal", m["Optimal"], "total", v["Time"]["Total"], "solve", v["Time"]["Solve"])'
  grep wall "$dir/time.txt"
done
