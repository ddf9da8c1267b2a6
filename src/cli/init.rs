//! `armistice init`: a new proposal file from a template — `$schema`, `$vocab`, the
//! metadata and one commented example term per modality, valid as written — to
//! standard output or `-o FILE`. Exits 0 when it wrote the file.

use super::Exit;
use super::common::OutputOptions;

/// The template, with `{{id}}`, `{{title}}`, `{{by}}` and `{{date}}` to fill.
const TEMPLATE: &str = include_str!("../../templates/proposal.jsonc");

/// Arguments of `armistice init`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The proposal's id.
    #[arg(long, default_value = "my-proposal")]
    id: String,
    /// Its title.
    #[arg(long, default_value = "A short title")]
    title: String,
    /// A party that puts it forward (repeatable; a party code of the vocabulary).
    #[arg(long = "by", value_name = "CODE")]
    by: Vec<String>,
    /// Its date, YYYY-MM-DD.
    #[arg(long, default_value = "2025-01-01")]
    date: String,
    #[command(flatten)]
    output: OutputOptions,
}

/// A JSON string's content (without its quotes) holding `s`.
fn json_inner(s: &str) -> String {
    let quoted = serde_json::Value::String(s.to_owned()).to_string();
    quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or_default()
        .to_owned()
}

/// The template filled with `args`.
fn fill(args: &Args) -> String {
    let by = if args.by.is_empty() {
        vec!["GOV".to_owned()]
    } else {
        args.by.clone()
    };
    let by = serde_json::Value::from(by).to_string().replace(',', ", ");
    TEMPLATE
        .replace("{{id}}", &json_inner(&args.id))
        .replace("{{title}}", &json_inner(&args.title))
        .replace("{{date}}", &json_inner(&args.date))
        .replace("{{by}}", &by)
}

/// Runs `armistice init`.
pub(crate) fn run(args: Args) -> Exit {
    if let Err(e) = args.output.guard(&[]) {
        return e;
    }
    match args.output.write(&fill(&args)) {
        Ok(()) => Exit::Clean,
        Err(e) => e,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// The template, filled, is a valid proposal of the default pack as written.
    #[test]
    fn the_template_is_valid_as_written() {
        let args = Args {
            id: "a \"quoted\" id".into(),
            title: "t".into(),
            by: vec!["CO".into(), "FARC".into()],
            date: "2016-11-24".into(),
            output: OutputOptions {
                output: None,
                color: super::super::common::ColorChoice::Never,
                quiet: false,
                force: false,
                inputs: std::sync::OnceLock::new(),
            },
        };
        let file = crate::load::SourceFile::from_text("new.json", fill(&args));
        let vocab = crate::vocab::Vocab::default_pack().unwrap();
        let (resolved, report) = crate::load::load_proposal(file, &vocab);
        assert_eq!(report.errors() + report.warnings(), 0, "{report:?}");
        let p = resolved.unwrap();
        assert_eq!(p.id(), "a \"quoted\" id");
        let modalities: Vec<&str> = p.terms.iter().map(|t| t.modality.as_str()).collect();
        assert_eq!(modalities, ["must", "must_not", "may", "endeavour"]);
    }
}
