//! Rendering diagnostics for people, in the manner of rustc: the message, the file,
//! line and column, the line itself with the offending part underlined, the JSON path,
//! and the suggestion.
//!
//! ```text
//! error: unknown action `militray_aid`
//!   --> proposals/x.json:12:17
//!    |
//! 12 |       "action": "militray_aid",
//!    |                 ^^^^^^^^^^^^^^
//!    |
//!    = path: terms[3].action
//!    = help: did you mean `military_aid`?
//! ```

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::span::floor_char_boundary;
use super::{Diagnostic, FileReport, Located, SourceFile};

/// Renders every diagnostic of a report, each followed by a blank line; with ANSI
/// colours when `styled`.
pub fn render_report(report: &FileReport, styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&render_one(&renderer, &report.file, d));
        out.push_str("\n\n");
    }
    out
}

/// Renders diagnostics about `file`, located by their JSON paths, without colour.
pub fn render(file: &SourceFile, diags: &[Diagnostic]) -> String {
    render_report(
        &FileReport {
            file: file.clone(),
            diagnostics: file.locate_all(diags.to_vec()),
        },
        false,
    )
}

fn render_one(renderer: &Renderer, file: &SourceFile, d: &Located) -> String {
    let diag = &d.diagnostic;
    let level = if diag.is_error() {
        Level::ERROR
    } else {
        Level::WARNING
    };
    let path = file.path.display().to_string();
    let title = level.primary_title(diag.message.as_str());
    let mut group = match &d.span {
        Some(span) => {
            let (source, line_start, local) = excerpt(&file.text, span.clone());
            Group::with_title(title).element(
                Snippet::source(source)
                    .line_start(line_start)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(local)),
            )
        }
        None => Group::with_title(title).element(Origin::path(path)),
    };
    if !diag.path.is_empty() {
        group = group.element(Level::NOTE.with_name("path").message(diag.path.as_str()));
    }
    if let Some(help) = &diag.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    if let Some(note) = &d.note {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    renderer.render(&[group])
}

/// The whole lines around `span` (only its first line when it spans several), the
/// number of the first, and the span relative to them. Quoting only these lines keeps
/// rendering cheap on large files.
fn excerpt(text: &str, span: Range<usize>) -> (&str, usize, Range<usize>) {
    let start = floor_char_boundary(text, span.start);
    let line_begin = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[line_begin..line_end].trim_end();
    // A span on the trimmed trailing whitespace (a `\r` in a string) points at the line's end.
    let start = start.min(line_begin + line.len());
    let end = floor_char_boundary(text, span.end.max(start)).min(line_begin + line.len());
    let end = if end <= start && start < line_begin + line.len() {
        start
            + line[start - line_begin..]
                .chars()
                .next()
                .map_or(0, char::len_utf8)
    } else {
        end.max(start)
    };
    let number = text[..line_begin].matches('\n').count() + 1;
    (line, number, start - line_begin..end - line_begin)
}

/// Renders a message that is about no position in a file (`error: cannot read ...`).
pub fn render_message(error: bool, message: &str, styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let level = if error { Level::ERROR } else { Level::WARNING };
    renderer.render(&[Group::with_title(level.primary_title(message))])
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpt_is_the_first_line_of_the_span() {
        let text = "{\n  \"a\": {\n    \"b\": 1\n  }\n}\n";
        let start = text.find("{\n    ").unwrap();
        let (line, number, local) = excerpt(text, start..text.len() - 2);
        assert_eq!(line, "  \"a\": {");
        assert_eq!(number, 2);
        assert_eq!(&line[local], "{");
    }

    #[test]
    fn empty_span_covers_one_character() {
        let (line, _, local) = excerpt("[1,]", 2..2);
        assert_eq!(&line[local], ",");
        let (line, _, local) = excerpt("[1", 2..2);
        assert_eq!(local, 2..2);
        assert_eq!(line, "[1");
    }
}
