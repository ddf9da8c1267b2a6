#!/usr/bin/env python3
"""Converts a vocabulary and two proposal files (as `armistice generate` writes them)
into answer-set facts for conflicts.lp and concede.lp.

Usage: to_asp.py VOCAB_PACK.json [EXTENSION.json ...] -- A.json B.json > facts.lp

Facts (P is 0 for A and 1 for B, T the term id as a string):
  term(P,T,Modality,Action). subj(P,T,Party). tgt(P,T,Party|none).
  win(P,T,From,To).          (To = 1000000000 when open-ended)
  scope(P,T,Label). noscope(P,T). cost(P,T,Cost|never).
  aparent(Child,Parent). lparent(Child,Parent). tax(Label,Taxonomy).
  rule(R,IfModality|any,IfAction,ThenModality|same,ThenAction,subject|target).

Only what the generator writes is supported: canonical action names or aliases (not
negations), numeric windows (not the "ceasefire" shorthand); anything else stops the
conversion with a message. The scope encoding is exact when every scoped term uses
labels of one taxonomy (the generator's case); otherwise a warning is printed.
"""
import json
import sys

INF = 1_000_000_000
COST = {"red_line": "never", "core": 4, "normal": 2, "minor": 1}


def q(s):
    return json.dumps(str(s))


def fail(msg):
    sys.exit(f"to_asp: {msg}")


def main(argv):
    if "--" not in argv:
        fail("usage: to_asp.py VOCAB.json [EXT.json ...] -- A.json B.json")
    cut = argv.index("--")
    vocab_files, proposals = argv[:cut], argv[cut + 1:]
    if not vocab_files or len(proposals) != 2:
        fail("usage: to_asp.py VOCAB.json [EXT.json ...] -- A.json B.json")
    out = []
    alias = {}
    taxonomy = {}
    for vf in vocab_files:
        v = json.load(open(vf))
        for a in v.get("actions", []):
            alias[a["id"]] = a["id"]
            for x in a.get("aliases", []):
                alias[x] = a["id"]
            if a.get("parent"):
                out.append(f"aparent({q(a['id'])},{q(a['parent'])}).")
            out.append(f"action({q(a['id'])}).")
        for t in v.get("scopes", []):
            for lab in t["labels"]:
                out.append(f"tax({q(lab['id'])},{q(t['id'])}).")
                taxonomy[lab["id"]] = t["id"]
                if lab.get("parent"):
                    out.append(f"lparent({q(lab['id'])},{q(lab['parent'])}).")
        for r in v.get("rules", []):
            w, t = r["if"], r["then"]
            var = t["subject"]
            if not var.startswith("?") or t.get("target"):
                fail(f"rule `{r['id']}`: only `then.subject` bound to a variable of `if` is supported")
            if w.get("target") == var:
                frm = "target"
            elif w.get("subject") == var:
                frm = "subject"
            else:
                fail(f"rule `{r['id']}`: `then.subject` is not bound by `if`")
            out.append(
                f"rule({q(r['id'])},{w.get('modality', 'any')},{q(alias.get(w['action'], w['action']))},"
                f"{t.get('modality', 'same')},{q(alias.get(t['action'], t['action']))},{frm})."
            )
    dims = set()
    for p, path in enumerate(proposals):
        doc = json.load(open(path))
        for t in doc["terms"]:
            tid = q(t["id"])
            act = alias.get(t["action"])
            if act is None:
                fail(f"{path}: term `{t['id']}`: action `{t['action']}` is not canonical or an alias")
            out.append(f"term({p},{tid},{t.get('modality', 'must')},{q(act)}).")
            subj = t["subject"] if isinstance(t["subject"], list) else [t["subject"]]
            for s in subj:
                out.append(f"subj({p},{tid},{q(s)}).")
            out.append(f"tgt({p},{tid},{q(t['target']) if t.get('target') else 'none'}).")
            w = t.get("window")
            if w is None:
                lo, hi = 0, INF
            elif isinstance(w, dict):
                lo = w.get("from", 0)
                hi = w["to"] if "to" in w else (lo + w["days"] if "days" in w else INF)
            else:
                fail(f"{path}: term `{t['id']}`: window `{w}` is not supported")
            out.append(f"win({p},{tid},{lo},{hi}).")
            scope = t.get("scope") or []
            for label in scope:
                out.append(f"scope({p},{tid},{q(label)}).")
            if not scope:
                out.append(f"noscope({p},{tid}).")
            if scope:
                dims.add(frozenset(taxonomy.get(label, "?") for label in scope))
            out.append(f"cost({p},{tid},{COST[t.get('priority', 'normal')]}).")
    if len(dims) > 1:
        print("to_asp: warning: scoped terms use different taxonomies; the encoding misses "
              "overlaps between scopes that share no taxonomy", file=sys.stderr)
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1:])
