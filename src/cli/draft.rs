//! `armistice draft`: a statement's text (a file or standard input) to a JSONC
//! proposal to review, every term tied to its sentence, checked before it is written.

use std::io::Read;
use std::path::PathBuf;

use super::Exit;
use super::common::{self, InputOptions, OutputOptions};
use crate::draft::{DraftOptions, draft, to_jsonc};
use crate::load::{self, SourceFile};

/// Arguments of `armistice draft`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The statement: a text file, or `-` for standard input.
    #[arg(value_name = "FILE.txt")]
    file: PathBuf,
    /// The drafted proposal's id.
    #[arg(long)]
    id: String,
    /// Its authors: party codes of the vocabulary (repeatable, or comma-separated).
    #[arg(long, value_name = "PARTY", required = true, value_delimiter = ',')]
    by: Vec<String>,
    /// Its date, `YYYY-MM-DD`.
    #[arg(long)]
    date: Option<String>,
    /// Where the statement comes from (a citation or address).
    #[arg(long)]
    source: Option<String>,
    #[command(flatten)]
    input: InputOptions,
    #[command(flatten)]
    output: OutputOptions,
}

/// Runs `armistice draft`: exit 0 when the proposal was written, 2 on an error.
pub(crate) fn run(args: Args) -> Exit {
    common::set_color(args.output.color);
    let stdin = args.file.as_os_str() == "-";
    let files: Vec<PathBuf> = if stdin {
        Vec::new()
    } else {
        vec![args.file.clone()]
    };
    if let Err(e) = args.output.guard(&args.input.with_files(&files)) {
        return e;
    }
    let vocab = match common::load_vocab(&args.input, &[]) {
        Ok(v) => v,
        Err(e) => return e,
    };
    for code in &args.by {
        if vocab.party(code).is_none() {
            let names: Vec<&str> = vocab.parties.iter().map(|p| p.code.as_str()).collect();
            let hint = crate::vocab::did_you_mean(code, names.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return common::fail(&format!("`--by {code}`: no such party in the vocabulary{hint}"));
        }
    }
    let text = if stdin {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().lock().read_to_string(&mut text) {
            return common::fail(&format!("cannot read standard input: {e}"));
        }
        text
    } else {
        match args.input.read(&args.file) {
            Ok(f) => f.text,
            Err(e) => {
                common::print_error(&e);
                return Exit::Error;
            }
        }
    };
    let options = DraftOptions {
        id: args.id,
        by: args.by,
        date: args.date,
        source: args.source,
    };
    let jsonc = to_jsonc(&draft(&text, &vocab, &options));
    // The draft must pass `check`: a file that does not load is not written.
    let (resolved, report) = load::load_proposal(SourceFile::from_text("draft", jsonc.clone()), &vocab);
    if resolved.is_none() || report.errors() > 0 {
        common::print_report(&report);
        return common::fail("the drafted proposal does not check; nothing written (please report this)");
    }
    match args.output.write(&jsonc) {
        Ok(()) => Exit::Clean,
        Err(e) => e,
    }
}
