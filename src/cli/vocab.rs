//! `armistice vocab`: prints the effective vocabulary (the default pack with any
//! `--vocab` files merged over it) as text trees or as JSON.

use std::fmt::Write;

use super::Exit;
use super::common::{self, InputOptions, OutputOptions};
use crate::vocab::{ParamKind, PatternDef, Vocab};

/// Output formats of `armistice vocab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Trees for people.
    Text,
    /// The merged vocabulary file, in the `--vocab` file format.
    Json,
}

/// Arguments of `armistice vocab`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    input: InputOptions,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    output: OutputOptions,
}

/// Runs `armistice vocab`.
pub(crate) fn run(args: Args) -> Exit {
    common::set_color(args.output.color);
    if let Err(e) = args.output.guard(&args.input.with_files(&[])) {
        return e;
    }
    let vocab = match common::load_vocab(&args.input) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let text = match args.format {
        Format::Text => text(&vocab),
        Format::Json => match serde_json::to_string_pretty(&vocab.merged) {
            Ok(t) => t + "\n",
            Err(e) => {
                common::print_error(&format!("cannot write the vocabulary: {e}"));
                return Exit::Error;
            }
        },
    };
    match args.output.write(&text) {
        Ok(()) => Exit::Clean,
        Err(e) => e,
    }
}

/// The vocabulary as text: parties, the action tree with aliases, the scope trees,
/// parameters and rules.
pub(crate) fn text(v: &Vocab) -> String {
    let mut out = String::new();
    if let Some(name) = &v.merged.name {
        let _ = writeln!(out, "vocabulary `{name}`\n");
    }
    out.push_str("parties\n");
    let width = v.parties.iter().map(|p| p.code.len()).max().unwrap_or(0);
    for p in &v.parties {
        let _ = writeln!(out, "  {:width$}  {}", p.code, p.name);
    }

    out.push_str("\nactions\n");
    let parents: Vec<Option<usize>> = v.actions.iter().map(|a| a.parent.map(|p| p as usize)).collect();
    for (i, depth) in tree_order(&parents) {
        let a = &v.actions[i].def;
        let pad = "  ".repeat(depth + 1);
        let _ = writeln!(out, "{pad}{}: {}", a.id, a.description);
        if !a.aliases.is_empty() {
            let _ = writeln!(out, "{pad}    also: {}", a.aliases.join(", "));
        }
        if !a.negations.is_empty() {
            let _ = writeln!(out, "{pad}    negated by: {}", a.negations.join(", "));
        }
    }

    out.push_str("\nscopes\n");
    for (t, tax) in v.taxonomies.iter().enumerate() {
        let _ = writeln!(out, "  {}: {}", tax.id, tax.description);
        let members: Vec<usize> = (0..v.labels.len())
            .filter(|&l| v.labels[l].taxonomy == t)
            .collect();
        let parents: Vec<Option<usize>> = members
            .iter()
            .map(|&l| {
                let p = v.labels[l].parent.map(|p| p as usize)?;
                members.iter().position(|&m| m == p)
            })
            .collect();
        for (k, depth) in tree_order(&parents) {
            let label = &v.labels[members[k]].def;
            let pad = "  ".repeat(depth + 2);
            match &label.description {
                Some(d) => _ = writeln!(out, "{pad}{}: {d}", label.id),
                None => _ = writeln!(out, "{pad}{}", label.id),
            }
        }
    }

    out.push_str("\nparams\n");
    for p in &v.merged.params {
        let kind = match (p.kind, &p.unit, p.values.is_empty()) {
            (ParamKind::Quantity, Some(unit), _) => format!("quantity in {unit}"),
            (ParamKind::Quantity, None, _) => "quantity".to_owned(),
            (ParamKind::Ratio, _, true) => "ratio".to_owned(),
            (ParamKind::Ratio, _, false) => format!("ratio per one of {}", p.values.join(", ")),
            (kind, _, _) => format!("{}: one or more of {}", kind.as_str(), p.values.join(", ")),
        };
        let _ = writeln!(out, "  {}: {} ({kind})", p.id, p.description);
    }

    out.push_str("\nrules\n");
    for r in &v.merged.rules {
        let _ = writeln!(out, "  {}: {}", r.id, r.description);
        let _ = writeln!(out, "      if {} then {}", pattern(&r.when), pattern(&r.then));
    }
    out
}

fn pattern(p: &PatternDef) -> String {
    let modality = p
        .modality
        .map_or("must/may".to_owned(), |m| m.as_str().to_owned());
    let target = p
        .target
        .as_ref()
        .map(|t| format!(" toward {t}"))
        .unwrap_or_default();
    format!("{} {modality} {}{target}", p.subject, p.action)
}

/// Nodes in depth-first order with their depth: roots in definition order, each
/// followed by its children. Nodes on a parent cycle (refused when the vocabulary is
/// built) are never reached.
fn tree_order(parents: &[Option<usize>]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(parents.len());
    let mut stack: Vec<(usize, usize)> = (0..parents.len())
        .rev()
        .filter(|&i| parents[i].is_none())
        .map(|i| (i, 0))
        .collect();
    while let Some((node, depth)) = stack.pop() {
        out.push((node, depth));
        if out.len() > parents.len() {
            break;
        }
        stack.extend(
            (0..parents.len())
                .rev()
                .filter(|&c| parents[c] == Some(node))
                .map(|c| (c, depth + 1)),
        );
    }
    out
}
