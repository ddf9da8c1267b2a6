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
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    input: InputOptions,
    #[command(flatten)]
    output: OutputOptions,
}

/// Runs `armistice vocab`.
pub(crate) fn run(args: Args) -> Exit {
    common::set_color(args.output.color);
    if let Err(e) = args.output.guard(&args.input.with_files(&[])) {
        return e;
    }
    let vocab = match common::load_vocab(&args.input, &[]) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let text = match args.format {
        // A vocabulary file's names and descriptions are input too: their control
        // characters are shown as pictures.
        Format::Text => crate::report::terminal::guard(&text(&vocab), false).into_owned(),
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
    for (i, depth) in v.action_tree_order() {
        let a = &v.actions[i as usize];
        let parent = a.parent.map(|p| v.action_id(p));
        let (pad, id) = indent(&a.def.id, depth, parent, 1);
        let a = &a.def;
        let _ = writeln!(out, "{pad}{id}: {}", a.description);
        if !a.aliases.is_empty() {
            let _ = writeln!(out, "{pad}    also: {}", a.aliases.join(", "));
        }
        if !a.negations.is_empty() {
            let _ = writeln!(out, "{pad}    negated by: {}", a.negations.join(", "));
        }
        for (scheme, codes) in &a.codes {
            let _ = writeln!(out, "{pad}    {scheme}: {}", codes.join(", "));
        }
    }

    out.push_str("\nscopes\n");
    let mut per_taxonomy: Vec<Vec<(u32, usize)>> = vec![Vec::new(); v.taxonomies.len()];
    for (l, depth) in v.label_tree_order() {
        if let Some(list) = per_taxonomy.get_mut(v.labels[l as usize].taxonomy) {
            list.push((l, depth));
        }
    }
    for (t, (tax, labels)) in v.taxonomies.iter().zip(per_taxonomy).enumerate() {
        if Some(t) == v.topic_taxonomy {
            out.push_str("\ntopics (the `about` of a term)\n");
        } else {
            let _ = writeln!(out, "  {}: {}", tax.id, tax.description);
        }
        for (l, depth) in labels {
            let label = &v.labels[l as usize];
            let parent = label.parent.map(|p| v.label_id(p));
            let base = if Some(t) == v.topic_taxonomy { 1 } else { 2 };
            let (pad, id) = indent(&label.def.id, depth, parent, base);
            match &label.def.description {
                Some(d) => _ = writeln!(out, "{pad}{id}: {d}"),
                None => _ = writeln!(out, "{pad}{id}"),
            }
        }
    }

    out.push_str("\ngroups (subjects standing for their members)\n");
    for g in &v.groups {
        let members: Vec<&str> = g.members.iter().map(|&p| v.party_code(p)).collect();
        match &g.def.description {
            Some(d) => _ = writeln!(out, "  {}: {d}", g.def.id),
            None => _ = writeln!(out, "  {}", g.def.id),
        }
        let _ = writeln!(out, "      members: {}", members.join(", "));
    }
    let _ = writeln!(
        out,
        "  {}: every party the proposals of the run name",
        crate::vocab::ANY
    );
    let _ = writeln!(
        out,
        "  {}: the text names no actor (left to be agreed)",
        crate::vocab::UNSPECIFIED
    );

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

/// The deepest level shown by indentation; a node below it is shown at that level,
/// with its parent named, so that the output stays linear in the vocabulary's size
/// however deep the hierarchy.
const MAX_INDENT: usize = 12;

/// The indentation of a node at `depth` (1 for a root) under a heading indented by
/// `base` levels, and the node's id as shown: beyond [`MAX_INDENT`] levels, with its
/// level and its parent.
fn indent(id: &str, depth: usize, parent: Option<&str>, base: usize) -> (String, String) {
    let pad = "  ".repeat(depth.min(MAX_INDENT) + base - 1);
    match parent {
        Some(parent) if depth > MAX_INDENT => (pad, format!("{id} (level {depth}, inside {parent})")),
        _ => (pad, id.to_owned()),
    }
}
