#!/usr/bin/env bash
# Adversarial-shapes benchmark (release build): every command on every shape of
# `armistice generate --shape`, each timed against `compare` on an ordinary generated
# pair of the same input size and held to its budget (a multiple of that time), or
# stopped at a named limit. Budgets and sizes are in bench/adversarial.py; BENCHMARKS.md
# quotes them and the last run.
#
# Usage: bench/adversarial.sh [--scale X] [--reps N] [--only SHAPE,...]
# Writes bench/results/adversarial.tsv and bench/results/adversarial.md; exits 1 when
# a run is over its budget or fails.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin armistice
exec python3 bench/adversarial.py target/release/armistice "$@"
