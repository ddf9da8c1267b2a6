//! `armistice check`: validates proposal files and prints a short summary of each.

use crate::report::terminal::{guard, one_line as line};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Exit;
use super::common::{self, ColorChoice, InputOptions};
use crate::load::{Diagnostic, FileReport};
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
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, help_heading = "Output")]
    color: ColorChoice,
}

/// Runs `armistice check`: exit 0 when every file is valid, 2 otherwise.
pub(crate) fn run(args: Args) -> Exit {
    common::set_color(args.color);
    let mut vocab = match common::load_vocab(&args.input, &args.files) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let mut loaded = common::load_each(&args.files, &vocab, &args.input);
    // `any` stands for the parties the files checked name.
    let was: Vec<bool> = loaded.iter().map(Option::is_some).collect();
    let mut valid: Vec<_> = loaded.iter_mut().filter_map(Option::take).collect();
    crate::load::restrict_any(&mut vocab, &mut valid);
    let mut valid = valid.into_iter();
    for (slot, was) in loaded.iter_mut().zip(was) {
        if was {
            *slot = valid.next();
        }
    }
    for (path, proposal) in args.files.iter().zip(loaded.iter_mut()) {
        if let Some(p) = proposal
            && !consistent(path, p, &vocab, &args.input)
        {
            *proposal = None;
        }
    }
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

/// Most self-conflicts a file's report names one by one.
const MAX_SELF_CONFLICTS: usize = 50;

/// Warns about each pair of the proposal's terms that conflict with each other
/// (DESIGN §3, self-consistency), at the later term, naming the earlier one with its
/// line; false when a warning is made an error by `--deny-warnings`.
fn consistent(path: &Path, p: &ResolvedProposal, vocab: &Vocab, input: &InputOptions) -> bool {
    let found = match crate::engine::self_conflicts(p, vocab, &input.limits()) {
        Ok(found) => found,
        Err(e) => {
            common::print_error(&format!(
                "`{}`: could not check that the proposal is consistent with itself: {e}",
                path.display()
            ));
            return !input.deny_warnings;
        }
    };
    if found.is_empty() {
        return true;
    }
    let Ok(file) = input.read(path) else {
        return true;
    };
    let firsts: Vec<Diagnostic> = found
        .iter()
        .take(MAX_SELF_CONFLICTS)
        .map(|c| Diagnostic::warning(format!("terms[{}]", c.first), ""))
        .collect();
    let lines: Vec<Option<usize>> = file
        .locate_all(firsts)
        .iter()
        .map(|l| {
            l.span
                .as_ref()
                .and_then(|s| file.text.get(..s.start))
                .map(|before| before.matches('\n').count() + 1)
        })
        .collect();
    let name = |i: usize| p.proposal.terms.get(i).map_or("?", |t| &*t.id);
    let statement = |i: usize| {
        p.terms
            .get(i)
            .map_or_else(String::new, |t| crate::report::words::statement(vocab, t))
    };
    let mut diags: Vec<Diagnostic> = found
        .iter()
        .zip(&lines)
        .map(|(c, line)| {
            let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
            let how = if c.indirect {
                "indirectly, through a rule, "
            } else {
                ""
            };
            Diagnostic::warning(
                format!("terms[{}]", c.second),
                format!(
                    "term `{}` {how}conflicts with term `{}`{at} of the same proposal",
                    name(c.second),
                    name(c.first)
                ),
            )
            .with_help(format!(
                "`{}`: {}; `{}`: {}: narrow one of them, or say which prevails",
                name(c.first),
                statement(c.first),
                name(c.second),
                statement(c.second)
            ))
        })
        .collect();
    if found.len() > MAX_SELF_CONFLICTS {
        diags.push(Diagnostic::warning(
            "terms",
            format!(
                "and {} more pairs of terms that conflict with each other",
                found.len() - MAX_SELF_CONFLICTS
            ),
        ));
    }
    let mut report = FileReport {
        diagnostics: file.locate_all(diags),
        file,
    };
    if input.deny_warnings {
        report.deny_warnings("a warning, made an error by `--deny-warnings`");
    }
    eprint!("{}", common::report_text(&report));
    report.errors() == 0
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
