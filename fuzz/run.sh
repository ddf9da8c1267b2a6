#!/usr/bin/env bash
# Fuzzes one target for SECONDS on one core, from the committed corpus and the seeds
# (fuzz/seed.sh writes them), collecting every crash, timeout and OOM in
# fuzz/artifacts/TARGET/ without stopping at the first. Needs cargo-fuzz; runs on
# the stable toolchain through RUSTC_BOOTSTRAP. With RUNS, it stops as soon as that
# many inputs have run (SECONDS still bounds it).
#   fuzz/run.sh TARGET SECONDS [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1 seconds=$2 runs=${3:--1}
[ -d fuzz/seeds ] || fuzz/seed.sh
mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -a "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -dict=fuzz/armistice.dict -timeout=10 -rss_limit_mb=4096 -max_len=16384 \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -runs="$runs" -print_final_stats=1 \
    -artifact_prefix="fuzz/artifacts/$target/"
