#!/usr/bin/env bash
# armistice side by side with the tools a user could reach for instead, on one machine
# in one run, on the same generated files (the performance targets of docs/benchmarks.md):
#   compare workload  a.json + b.json (TERMS terms): the serde_json parse floor
#                     (examples/parse_floor.rs, into Value and into Proposal), `jq empty`,
#                     armistice compare, clingo on the direct-conflict encoding;
#   diff workload     a.json vs a-next.json (1% changed): the floor, armistice diff,
#                     difftastic, graphtage;
#   concede workload  a pair of CONCEDE_TERMS terms (17400 gives 10 316 conflicts, 25600 gives 14 745):
#                     armistice concede, clingo on the minimum-cost encoding.
# It checks that clingo finds the same direct conflicts and the same optimal cost as
# armistice, prints ratios and peak memory, and writes bench/results.md (raw rows in
# bench/results/peers.tsv).
#
# Usage: bench/peers.sh [TERMS (10000)] [CONCEDE_TERMS (17400)] [REPEATS (3)] [TIMEOUT_S (300)]
# Tools: jq (apt-get if missing), clingo and graphtage (PyPI, in target/peers/venv),
# difftastic (`cargo install --locked` into target/peers/difft; skipped if it fails).
set -euo pipefail
cd "$(dirname "$0")/.."
terms=${1:-10000}
cterms=${2:-17400}
reps=${3:-3}
limit=${4:-300}
peers=target/peers
out=bench/results
mkdir -p "$peers" "$out"
tsv=$out/peers.tsv
: > "$tsv"
rm -f "$out/peers.stderr.log"
say() { printf '%s\n' "$*" >&2; }

say "== building armistice and the parse floor (release)"
cargo build --release --quiet --bin armistice --example parse_floor
bin=target/release/armistice
floor=target/release/examples/parse_floor

if ! command -v jq >/dev/null; then
  say "== installing jq"
  (apt-get install -y jq >/dev/null 2>&1 || sudo apt-get install -y jq >/dev/null 2>&1) || say "jq: cannot install, skipped"
fi
venv=$peers/venv
if [ ! -x "$venv/bin/python" ]; then
  say "== creating $venv with clingo and graphtage"
  python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import clingo, graphtage" 2>/dev/null || "$venv/bin/pip" install --quiet clingo graphtage
difft=$peers/difft/bin/difft
if [ ! -x "$difft" ]; then
  say "== building difftastic (cargo install --locked)"
  cargo install difftastic --locked --root "$peers/difft" >"$peers/difft-install.log" 2>&1 \
    || say "difftastic: cannot be built (see $peers/difft-install.log), skipped"
fi

m() { python3 bench/measure.py --out "$tsv" --reps "$reps" --timeout "$limit" "$@"; }
gen() { [ -f "$2/b.json" ] || "$bin" generate --terms "$1" --seed 1 --out "$2"; }

# ---- compare
w=$peers/w$terms
gen "$terms" "$w"
cw="compare $terms"
say "== $cw"
m --label "serde_json → Value (floor)" --workload "$cw" -- "$floor" value "$w/a.json" "$w/b.json"
m --label "serde_json → Proposal (floor)" --workload "$cw" -- "$floor" proposal "$w/a.json" "$w/b.json"
command -v jq >/dev/null && m --label "jq empty" --workload "$cw" -- jq empty "$w/a.json" "$w/b.json"
m --label "armistice compare" --workload "$cw" --ok 0,1 --stdout "$w/compare.json" \
  -- "$bin" compare "$w/a.json" "$w/b.json" --vocab "$w/vocab.json" --format json
m --label "to_asp.py (JSON → facts)" --workload "$cw" --stdout "$w/facts.lp" \
  -- python3 bench/clingo/to_asp.py vocab/ceasefire.json "$w/vocab.json" -- "$w/a.json" "$w/b.json"
m --label "clingo conflicts" --workload "$cw" --ok 0,10,30 --stdout "$w/clingo-conflicts.json" \
  -- "$venv/bin/python" -m clingo bench/clingo/conflicts.lp bench/clingo/show_conflicts.lp "$w/facts.lp" --outf=2

# ---- diff
dw="diff $terms"
say "== $dw"
m --label "serde_json → Proposal (floor)" --workload "$dw" -- "$floor" proposal "$w/a.json" "$w/a-next.json"
m --label "armistice diff" --workload "$dw" --ok 0,1 \
  -- "$bin" diff "$w/a.json" "$w/a-next.json" --vocab "$w/vocab.json" --format json
if [ -x "$difft" ]; then
  # The byte limit raised so that difftastic parses the files (default 1 MB); the graph
  # limit left at its default (3 000 000 vertices), past which it falls back to a line
  # diff: unbounded, it took 70 s and 23 GB at 2000 terms on the machine of BENCHMARKS.md.
  m --label "difftastic" --workload "$dw" --reps 1 --stdout "$w/difft.txt" \
    -- "$difft" --color never --byte-limit 1000000000 "$w/a.json" "$w/a-next.json"
fi
m --label "graphtage" --workload "$dw" --reps 1 -- "$venv/bin/graphtage" --no-status "$w/a.json" "$w/a-next.json"

# ---- concede
k=$peers/w$cterms
gen "$cterms" "$k"
kw="concede $cterms"
say "== $kw"
# Withdrawals only, as `concede.lp` models them: every other move priced `never`.
m --label "armistice concede" --workload "$kw" --ok 0,1 --stdout "$k/concede.json" \
  -- "$bin" concede "$k/a.json" "$k/b.json" --vocab "$k/vocab.json" --top 1 --format json \
  --cost narrow=never,meet=never,drop=never,concurrent=never
python3 bench/clingo/to_asp.py vocab/ceasefire.json "$k/vocab.json" -- "$k/a.json" "$k/b.json" > "$k/facts.lp"
# Core-guided optimisation: clingo's default (branch and bound) does not prove the
# optimum of these instances in minutes.
m --label "clingo concede (--opt-strategy=usc)" --workload "$kw" --ok 0,30 --stdout "$k/clingo-concede.json" \
  -- "$venv/bin/python" -m clingo bench/clingo/conflicts.lp bench/clingo/concede.lp "$k/facts.lp" \
  --outf=2 --quiet=1 --opt-strategy=usc

say "== checks"
python3 bench/check_peers.py "$w/compare.json" "$w/clingo-conflicts.json" "$k/concede.json" \
  "$k/clingo-concede.json" | tee "$out/peers-checks.txt"
python3 bench/table.py "$tsv" "$out/peers-checks.txt" > bench/results.md
cat bench/results.md
