#!/usr/bin/env bash
# Writes the seed inputs of every target into fuzz/seeds/<target>/ (not committed:
# the committed corpus, fuzz/corpus/<target>/, is what fuzzing from these seeds kept,
# minimized with `cargo fuzz cmin`), and the dictionary fuzz/armistice.dict.
# Inputs with several documents separate them with a NUL byte (see src/harness.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/seeds
rm -rf "$out"
mkdir -p "$out"/{load,compare,edit,diff,concede,report,fmt}

proposals=(proposals/*.json tests/fixtures/good/* tests/fixtures/diff/*.json)
for f in "${proposals[@]}" tests/fixtures/bad/*.json; do
    cp "$f" "$out/load/$(basename "$f")"
done
# fmt: every proposal, the good fixtures (one commented) and the hostile files.
for f in "${proposals[@]}" tests/fixtures/good/* tests/fixtures/hostile/*/*.json; do
    [ -f "$f" ] && cp "$f" "$out/fmt/$(basename "$f")"
done

n=0
for a in "${proposals[@]}"; do
    for b in "${proposals[@]}"; do
        n=$((n + 1))
        for t in compare diff concede report; do
            { cat "$a"; printf '\0'; cat "$b"; } > "$out/$t/pair-$n"
        done
    done
done
us=proposals/us-2025-03-11.json ru=proposals/ru-2025-03-13.json
ua=proposals/us-ua-2025-03-11-jeddah.json us18=proposals/us-2025-03-18-readout.json
{ cat $us; printf '\0'; cat $ru; printf '\0'; cat $ua; } > "$out/compare/triple"
{ cat $us; printf '\0'; cat $us18; printf '\0'; cat $ua; } > "$out/diff/against-jeddah"
{ cat $us; printf '\0'; cat $ru; printf '\0'; printf 'red_line=9,core=3,minor=0'; } > "$out/concede/costs"
{ cat $us; printf '\0'; cat $ru; printf '\0'; cat $ua; } > "$out/concede/triple"

cp examples/scenarios/seed.json "$out/edit/scenarios.json"
printf '%s\n' '{"scenarios": [{"name": "s", "edits": [{"op": "drop", "term": "us-2025-03-11/aid"}],' \
    '"sweep": [{"op": "unrequire", "term": "ru-2025-03-13/halt", "condition": "no-aid"},' \
    '{"op": "require", "term": "ru-2025-03-13/halt", "condition": "no-train", "timing": "concurrent"},' \
    '{"op": "set", "term": "us-2025-03-11/intel", "field": "window.days", "value": [0, 10]}]}]}' \
    > "$out/edit/sweep.json"
printf '%s\n' '--drop us-2025-03-11/aid' '--drop us-2025-03-11/intel' > "$out/edit/drop"
printf '%s\n' '--set us-2025-03-11/aid.modality=must_not' 'set us-2025-03-11/aid window=ceasefire' > "$out/edit/set"
printf '%s\n' 'set us-2025-03-11/halt params.count=3' 'set ru-2025-03-13/halt priority=null' > "$out/edit/set-params"
printf '%s\n' 'unrequire ru-2025-03-13/halt no-aid' 'require ru-2025-03-13/halt no-intel concurrent' \
    'require us-2025-03-11/halt pow before' > "$out/edit/conditions"
printf '%s\n' '--add us-2025-03-11={"id":"pause","subject":"US","modality":"must_not","action":"military_aid","target":"UA","window":"ceasefire","text":"pause"}' \
    'require us-2025-03-11/halt pause concurrent' > "$out/edit/add"
printf '%s\n' 'add ru-2025-03-13 {"id":"x","subject":["RU","UA"],"modality":"may","action":"strikes","scope":["energy_infrastructure"],"window":{"days":[5,40]}}' \
    > "$out/edit/add-json"

# A dictionary of the words the inputs are made of: every string in the proposals,
# the vocabulary and the scenario schema.
cat proposals/*.json vocab/*.json schema/*.json examples/scenarios/*.json \
    | grep -o '"[A-Za-z_$][A-Za-z0-9_./-]\{0,40\}"' | sort -u \
    | sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/' > fuzz/armistice.dict
printf '%s\n' '"//"' '"/*"' '"*/"' '"\x00"' '"null"' '"true"' '"[]"' '"{}"' '"--set "' '"--drop "' '"--add "' \
    '"set "' '"drop "' '"add "' '"require "' '"unrequire "' '" concurrent"' '"=must_not"' >> fuzz/armistice.dict
