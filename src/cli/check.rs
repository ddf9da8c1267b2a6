//! `armistice check`: validates proposal files and prints a short summary of each.

use crate::report::terminal::{guard, one_line as line};
use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Exit;
use super::common::{self, ColorChoice, InputOptions};
use crate::model::Modality;
use crate::resolved::ResolvedProposal;
use crate::vocab::{PartyId, Vocab};

/// Arguments of `armistice check`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Proposal files (JSON, comments allowed).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    input: InputOptions,
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// Runs `armistice check`: exit 0 when every file is valid, 2 otherwise.
pub(crate) fn run(args: Args) -> Exit {
    common::set_color(args.color);
    let vocab = match common::load_vocab(&args.input) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let loaded = common::load_each(&args.files, &vocab, &args.input);
    let mut text = String::new();
    for (path, proposal) in args.files.iter().zip(&loaded) {
        if let Some(p) = proposal {
            text.push_str(&format!(
                "ok  {} ({})",
                line(p.id()),
                line(&path.display().to_string())
            ));
            text.push_str(&summary(p, &vocab));
        }
    }
    let valid = loaded.iter().filter(|p| p.is_some()).count();
    let invalid = loaded.len() - valid;
    if loaded.len() > 1 || invalid > 0 {
        text.push_str(&format!(
            "checked {}: {valid} valid, {invalid} invalid\n",
            common::plural(loaded.len(), "file")
        ));
    }
    let options = common::OutputOptions {
        output: None,
        color: ColorChoice::Never,
        quiet: false,
        force: false,
        inputs: std::sync::OnceLock::new(),
    };
    // What the files say shows its control characters as pictures (`one_line` keeps
    // each on its line, `guard` covers the rest).
    if let Err(e) = options.write(&guard(&text, false)) {
        return e;
    }
    if invalid > 0 { Exit::Error } else { Exit::Clean }
}

/// The metadata line and the table of terms per party and modality.
fn summary(p: &ResolvedProposal, vocab: &Vocab) -> String {
    let meta = &p.proposal;
    let by: Vec<&str> = p.by.iter().map(|&b| vocab.party_code(b)).collect();
    let mut out = format!(
        ": {}, by {}{}\n",
        common::plural(p.terms.len(), "term"),
        by.join(", "),
        meta.date
            .as_deref()
            .map(|d| format!(", {}", line(d)))
            .unwrap_or_default()
    );
    if let Some(title) = &meta.title {
        out.push_str(&format!("    {}\n", line(title)));
    }
    let mut counts: BTreeMap<PartyId, [usize; 4]> = BTreeMap::new();
    for t in &p.terms {
        for &s in &t.subjects {
            let column = match t.modality {
                Modality::Must => 0,
                Modality::MustNot => 1,
                Modality::May => 2,
                Modality::Endeavour => 3,
            };
            counts.entry(s).or_default()[column] += 1;
        }
    }
    if counts.is_empty() {
        return out;
    }
    let width = counts
        .keys()
        .map(|&s| vocab.party_code(s).len())
        .max()
        .unwrap_or(0)
        .max(5);
    // The endeavour column only when a term has that modality (most files have none).
    let efforts = counts.values().any(|c| c[3] > 0);
    let head = if efforts { "  endeavour" } else { "" };
    out.push_str(&format!("    {:width$}  must  must_not  may{head}\n", "party"));
    for (party, [must, must_not, may, endeavour]) in counts {
        let effort = if efforts {
            format!("  {endeavour:>9}")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "    {:width$}  {must:>4}  {must_not:>8}  {may:>3}{effort}\n",
            vocab.party_code(party)
        ));
    }
    out
}
