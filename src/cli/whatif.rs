//! `armistice whatif A B [C...] (--edit ... | --set/--drop/--add ... | --scenarios FILE)`:
//! the baseline and each scenario side by side, and every finding each scenario changes.
//!
//! Exit codes: 0 when the baseline and every scenario are free of conflicts, 1 when any
//! has a conflict (or deadlock), 2 on error: bad edit syntax, an edit naming an unknown
//! proposal, term, field or condition, a scenario that leaves a proposal invalid (the
//! report is still written, with that scenario marked invalid), a bad scenario file,
//! or a refused `--write-dir`.

use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, ArgMatches, FromArgMatches};

use super::Exit;
use super::common::{
    InputOptions, OutputOptions, ReportFormat as Format, clobbers, fail, load_compared, load_vocab,
    print_error, write_atomic,
};
use super::limit_flags::{EngineLimitOptions, SweepLimitOptions, raise};
use crate::engine;
use crate::limits::Limits;
use crate::load::{self, Diagnostic, SourceFile};
use crate::report::style::Painter;
use crate::report::whatif::{json, markdown, problem_with, text};
use crate::whatif::{self, Edit, Outcome, Problem, Scenario, WhatIf};

/// Arguments of `armistice whatif`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The proposal files (two or more).
    #[arg(value_name = "PROPOSAL", required = true, num_args = 2..)]
    pub(crate) files: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) edits: EditArgs,
    /// A scenario file (JSON; see schema/scenarios.schema.json).
    #[arg(long, value_name = "FILE")]
    pub(crate) scenarios: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Write each edited proposal to DIR/<proposal-id>.<scenario-slug>.json.
    #[arg(long, value_name = "DIR")]
    pub(crate) write_dir: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) input: InputOptions,
    #[command(flatten)]
    pub(crate) engine: EngineLimitOptions,
    #[command(flatten)]
    pub(crate) sweep: SweepLimitOptions,
    #[command(flatten)]
    pub(crate) output: OutputOptions,
}

/// The edits given on the command line, in the order given, each with its form.
#[derive(Debug, Clone, Default)]
pub(crate) struct EditArgs {
    /// `(flag, value)` pairs: the flag is `edit`, `set`, `drop` or `add`.
    pub(crate) raw: Vec<(&'static str, String)>,
}

const EDIT_FLAGS: [(&str, &str, &str); 4] = [
    (
        "edit",
        "EDIT",
        "An edit: `set P/T FIELD=VALUE`, `drop P/T`, `add P {JSON}`, `require P/T COND [concurrent]`, `unrequire P/T COND` (repeatable; all command-line edits form one scenario, applied in order). An id with spaces, `.`, `=` or quotes is written as a JSON string: `drop \"my p\"/\"a b\"`",
    ),
    (
        "set",
        "P/T.FIELD=VALUE",
        "Short for `--edit 'set P/T FIELD=VALUE'`; VALUE is JSON when valid JSON, else a string. The field starts at the first `.` a field name follows; quote a term id to be sure: `P/\"a.b\".modality=may`",
    ),
    ("drop", "P/T", "Short for `--edit 'drop P/T'`"),
    ("add", "P={JSON}", "Short for `--edit 'add P {JSON}'`"),
];

impl FromArgMatches for EditArgs {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let mut all: Vec<(usize, &'static str, String)> = Vec::new();
        for (id, _, _) in EDIT_FLAGS {
            if let (Some(values), Some(indices)) = (m.get_many::<String>(id), m.indices_of(id)) {
                all.extend(indices.zip(values).map(|(i, v)| (i, id, v.clone())));
            }
        }
        all.sort_by_key(|(i, _, _)| *i);
        Ok(EditArgs {
            raw: all.into_iter().map(|(_, id, v)| (id, v)).collect(),
        })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = EditArgs::from_arg_matches(m)?;
        Ok(())
    }
}

impl clap::Args for EditArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        EDIT_FLAGS.iter().fold(cmd, |cmd, (id, name, help)| {
            cmd.arg(
                Arg::new(*id)
                    .long(*id)
                    .value_name(*name)
                    .help(*help)
                    .action(ArgAction::Append)
                    .allow_hyphen_values(true),
            )
        })
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        EditArgs::augment_args(cmd)
    }
}

impl EditArgs {
    /// Parses every edit; the first bad one is an error message.
    pub(crate) fn parse(&self) -> Result<Vec<Edit>, String> {
        self.raw
            .iter()
            .map(|(flag, v)| {
                match *flag {
                    "set" => whatif::parse_set(v),
                    "drop" => whatif::parse_drop(v),
                    "add" => whatif::parse_add(v),
                    _ => whatif::parse_edit(v),
                }
                .map_err(|e| format!("--{flag}: {}", e.message(|_| format!("`--{flag}`"))))
            })
            .collect()
    }
}

/// Runs `armistice whatif` (exit codes in the module documentation).
pub(crate) fn run(args: Args) -> Exit {
    match what_if(&args) {
        Ok(exit) | Err(exit) => exit,
    }
}

fn what_if(args: &Args) -> Result<Exit, Exit> {
    let limits = args.sweep.apply(args.engine.apply(args.input.limits()));
    let mut inputs = args.input.with_files(&args.files);
    inputs.extend(args.scenarios.as_deref());
    args.output.guard(&inputs)?;
    let edits = args.edits.parse().map_err(|e| fail(&e))?;
    let mut scenarios = Vec::new();
    if !edits.is_empty() {
        scenarios.push(Scenario::command_line(edits));
    }
    let file = match &args.scenarios {
        Some(path) => {
            let (file, from_file) = read_scenarios(path, &args.input, scenarios.len(), &limits)?;
            scenarios.extend(from_file);
            Some(file)
        }
        None => None,
    };
    if scenarios.is_empty() {
        return Err(fail(
            "no scenario: give edits (`--edit`, `--set`, `--drop`, `--add`) or `--scenarios FILE`",
        ));
    }
    let mut vocab = load_vocab(&args.input, &args.files)?;
    let proposals = load_compared(&args.files, &mut vocab, &args.input)?;
    let baseline = engine::analyze_with(proposals, &vocab, &limits).map_err(|e| fail(&e.message(raise)))?;
    // Scenarios one after the other, each analysis let go once summarised; the edited
    // proposals kept only to be written out.
    let keep = whatif::Keep {
        analysis: false,
        proposals: args.write_dir.is_some(),
    };
    let result = whatif::evaluate_with(baseline, scenarios, &vocab, keep);
    report_problems(&result, file.as_ref());
    if let Some(dir) = &args.write_dir {
        write_dir(&result, dir, &inputs, args.output.force)?;
    }
    if args.output.renders() {
        let rendered = match args.format {
            Format::Text => text::render_with(&result, &vocab, raise, Painter::new(args.output.colored())),
            Format::Markdown => markdown::render_with(&result, &vocab, raise),
            Format::Json => {
                json::render_with(&result, raise).map_err(|e| fail(&format!("cannot render JSON: {e}")))?
            }
        };
        args.output.write(&rendered)?;
    }
    Ok(if result.has_invalid() {
        Exit::Error
    } else if result.has_conflict() {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

fn read_scenarios(
    path: &Path,
    input: &InputOptions,
    before: usize,
    limits: &Limits,
) -> Result<(SourceFile, Vec<Scenario>), Exit> {
    let file = input.read(path).map_err(|e| fail(&format!("--scenarios: {e}")))?;
    let parsed = whatif::scenario::parse_file_with(&file, limits).map_err(|located| {
        let mut report = load::FileReport {
            file: file.clone(),
            diagnostics: vec![*located],
        };
        report.raise_with(raise);
        eprint!("{}", load::render_report(&report, false));
        Exit::Error
    })?;
    let scenarios = parsed.expand_with(before, limits).map_err(|mut ds| {
        for d in &mut ds {
            d.raise_with(raise);
        }
        eprint!("{}", load::render(&file, &ds));
        Exit::Error
    })?;
    Ok((file, scenarios))
}

/// The most problems printed for the scenarios given on the command line (those from
/// a scenario file are capped by the file's rendering, at the same number).
const MAX_PRINTED: usize = 50;

/// Prints why each invalid scenario could not be evaluated. Problems of scenarios from
/// the scenario file are located in it (an edit at the edit, any other at the
/// scenario) and printed as one report, which shows at most 50 and counts the rest;
/// those of command-line edits are printed up to 50 likewise.
fn report_problems(result: &WhatIf, file: Option<&SourceFile>) {
    let mut located: Vec<Diagnostic> = Vec::new();
    let mut plain: Vec<(String, Option<String>)> = Vec::new();
    for s in &result.scenarios {
        let Outcome::Invalid(problems) = &s.outcome else {
            continue;
        };
        let name = &s.scenario.name;
        let at = scenario_origin(&s.scenario);
        for p in problems {
            if let (Problem::Edit { edit, error, .. }, Some(origin), Some(_)) = (p, &edit_origin(p), file) {
                let mut d = Diagnostic::error(
                    format!("{origin}.{}", error.part.key()),
                    format!("scenario `{name}`: edit `{}`: {}", edit.edit, error.message),
                );
                if let Some(h) = &error.help {
                    d = d.with_help(h.clone());
                }
                located.push(d);
                continue;
            }
            for (message, help) in problem_with(p, raise) {
                let message = format!("scenario `{name}`: {message}");
                match (&at, file) {
                    (Some(at), Some(_)) => {
                        let mut d = Diagnostic::error(at.clone(), message);
                        if let Some(h) = help {
                            d = d.with_help(h);
                        }
                        located.push(d);
                    }
                    _ => plain.push((message, help)),
                }
            }
        }
    }
    if let (Some(file), false) = (file, located.is_empty()) {
        eprint!("{}", load::render(file, &located));
    }
    for (message, help) in plain.iter().take(MAX_PRINTED) {
        eprintln!("error: {message}");
        if let Some(h) = help {
            eprintln!("  = help: {h}");
        }
    }
    if plain.len() > MAX_PRINTED {
        eprintln!(
            "error: … and {} more errors, not shown",
            plain.len() - MAX_PRINTED
        );
    }
}

/// Where a scenario from the scenario file was written: `scenarios[N]`, from the
/// origin of its first edit (`scenarios[N].edits[K]` or `scenarios[N].sweep[K]`).
fn scenario_origin(s: &Scenario) -> Option<String> {
    let origin = s.edits.first()?.origin.as_deref()?;
    let end = origin.rfind(".edits[").or_else(|| origin.rfind(".sweep["))?;
    Some(origin.get(..end)?.to_owned())
}

fn edit_origin(p: &Problem) -> Option<String> {
    match p {
        Problem::Edit { edit, .. } => edit.origin.clone(),
        _ => None,
    }
}

/// Writes each edited proposal of each evaluated scenario; checks every target first,
/// so that either all are written or none.
fn write_dir(result: &WhatIf, dir: &Path, inputs: &[&Path], force: bool) -> Result<(), Exit> {
    if std::fs::metadata(dir).is_ok_and(|m| !m.is_dir()) {
        return Err(fail(&format!(
            "cannot write into `{}`: it is not a folder",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| fail(&format!("cannot create `{}`: {e}", dir.display())))?;
    let mut targets = Vec::new();
    let mut refused = false;
    for s in &result.scenarios {
        let Outcome::Evaluated(e) = &s.outcome else {
            continue;
        };
        for (_, p) in &e.changed {
            let name = format!("{}.{}.json", file_safe(&p.id), s.scenario.slug);
            let path = dir.join(&name);
            if let Some(problem) = clobbers(&path, inputs, force) {
                print_error(&problem);
                refused = true;
            }
            let mut json = serde_json::to_string_pretty(p)
                .map_err(|e| fail(&format!("cannot write proposal `{}`: {e}", p.id)))?;
            json.push('\n');
            targets.push((path, json));
        }
    }
    if refused {
        return Err(Exit::Error);
    }
    for (path, json) in targets {
        write_atomic(&path, json.as_bytes())
            .map_err(|e| fail(&format!("cannot write `{}`: {e}", path.display())))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// A proposal id made safe as part of a file name, and visible: a leading `.` (an id
/// `..` or `.x`) would hide the file, so it becomes `_`.
fn file_safe(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let dots = safe.len() - safe.trim_start_matches('.').len();
    format!("{}{}", "_".repeat(dots), &safe[dots..])
}
