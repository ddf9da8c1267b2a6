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

/// The most diagnostics printed for one file; the rest are counted in one line, so that
/// a file with 10^5 identical mistakes does not flood the terminal.
pub(super) const MAX_SHOWN: usize = 50;

/// The longest line quoted whole, in bytes; of a longer line only the part around the
/// offending place is quoted (rendering a line costs time in its length).
const MAX_QUOTED_LINE: usize = 240;

/// Renders at most 50 diagnostics of a report, in file order, each followed
/// by a blank line, then how many more there are; with ANSI colours when `styled`.
/// When there are more, errors come first: a file's errors are not hidden behind its
/// warnings.
pub fn render_report(report: &FileReport, styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let lines = LineIndex::new(&report.file.text);
    let all_errors = report
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.is_error())
        .count();
    let room_for_warnings = MAX_SHOWN.saturating_sub(all_errors);
    let (mut errors, mut warnings) = (0, 0);
    let mut out = String::new();
    for d in &report.diagnostics {
        let shown = if d.diagnostic.is_error() {
            errors += 1;
            errors <= MAX_SHOWN
        } else {
            warnings += 1;
            warnings <= room_for_warnings
        };
        if shown {
            out.push_str(&render_one(&renderer, &report.file, &lines, d));
            out.push_str("\n\n");
        }
    }
    let errors = errors.saturating_sub(MAX_SHOWN);
    let warnings = warnings.saturating_sub(room_for_warnings);
    if errors + warnings > 0 {
        let counted: Vec<String> = [(errors, "error"), (warnings, "warning")]
            .into_iter()
            .filter(|&(n, _)| n > 0)
            .map(|(n, noun)| format!("{n} more {noun}{}", if n == 1 { "" } else { "s" }))
            .collect();
        let message = format!(
            "… and {} in `{}`, not shown",
            counted.join(" and "),
            report.file.path.display()
        );
        out.push_str(&render_message(errors > 0, &message, styled));
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

/// The byte offset where each line starts, to number lines without rescanning the text
/// for every diagnostic.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The 1-based number of the line holding byte `at`, and the offset it starts at.
    fn line_of(&self, at: usize) -> (usize, usize) {
        let i = self.starts.partition_point(|&s| s <= at).max(1) - 1;
        (i + 1, self.starts.get(i).copied().unwrap_or(0))
    }
}

fn render_one(renderer: &Renderer, file: &SourceFile, lines: &LineIndex, d: &Located) -> String {
    let diag = &d.diagnostic;
    let level = if diag.is_error() {
        Level::ERROR
    } else {
        Level::WARNING
    };
    let path = file.path.display().to_string();
    let message = shorten(&diag.message);
    let title = level.primary_title(message.as_ref());
    let group = match &d.span {
        Some(span) => {
            let (source, line_start, local) = excerpt(&file.text, lines, span.clone());
            if source.len() <= MAX_QUOTED_LINE {
                Group::with_title(title).element(
                    Snippet::source(source)
                        .line_start(line_start)
                        .path(path)
                        .annotation(AnnotationKind::Primary.span(local)),
                )
            } else {
                // Only the part around the place is quoted; the location line, with
                // the column counted in the whole line, is added after rendering.
                let column = source.get(..local.start).map_or(0, |s| s.chars().count()) + 1;
                let (part, local) = clip(source, local);
                let rendered = renderer.render(&[with_notes(
                    Group::with_title(title).element(
                        Snippet::source(part)
                            .line_start(line_start)
                            .annotation(AnnotationKind::Primary.span(local)),
                    ),
                    d,
                )]);
                let margin = " ".repeat(line_start.to_string().len());
                return match rendered.split_once('\n') {
                    Some((head, rest)) => format!("{head}\n{margin}--> {path}:{line_start}:{column}\n{rest}"),
                    None => rendered,
                };
            }
        }
        None => Group::with_title(title).element(Origin::path(path)),
    };
    renderer.render(&[with_notes(group, d)])
}

/// The group with the JSON path, the help and the note of `d`.
fn with_notes<'a>(mut group: Group<'a>, d: &'a Located) -> Group<'a> {
    let diag = &d.diagnostic;
    if !diag.path.is_empty() {
        group = group.element(Level::NOTE.with_name("path").message(shorten(&diag.path)));
    }
    if let Some(help) = &diag.help {
        group = group.element(Level::HELP.message(shorten(help)));
    }
    if let Some(note) = &d.note {
        group = group.element(Level::NOTE.message(shorten(note)));
    }
    group
}

/// The longest message printed whole, in characters.
const MAX_MESSAGE: usize = 300;

/// `text`, or when it is longer than [`MAX_MESSAGE`] characters (a message quoting a
/// name of a million characters), its start and end around `…`.
fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    let count = text.chars().count();
    if count <= MAX_MESSAGE {
        return text.into();
    }
    let head: String = text.chars().take(MAX_MESSAGE - 60).collect();
    let tail: String = text.chars().skip(count - 50).collect();
    format!("{head}…{tail}").into()
}

/// The part of a long `line` around `local` (at most 60 bytes before it and 120 from
/// its start, with `...` where the line was cut), and `local` within that part.
fn clip(line: &str, local: Range<usize>) -> (String, Range<usize>) {
    let begin = floor_char_boundary(line, local.start.saturating_sub(60));
    let end = floor_char_boundary(line, local.start.saturating_add(120)).max(local.start);
    let mut part = String::new();
    if begin > 0 {
        part.push_str("...");
    }
    let shift = part.len();
    part.push_str(line.get(begin..end).unwrap_or_default());
    if end < line.len() {
        part.push_str("...");
    }
    let start = local.start - begin + shift;
    let stop = (local.end.min(end).max(local.start) - begin + shift).max(start);
    (part, start..stop)
}

/// The whole line around `span` (its first line when it spans several), the number of
/// that line, and the span relative to it. Quoting only this line keeps rendering cheap
/// on large files.
fn excerpt<'t>(text: &'t str, lines: &LineIndex, span: Range<usize>) -> (&'t str, usize, Range<usize>) {
    let start = floor_char_boundary(text, span.start);
    let (number, line_begin) = lines.line_of(start);
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
    use super::{LineIndex, clip, excerpt};

    fn excerpt_of(text: &str, span: std::ops::Range<usize>) -> (&str, usize, std::ops::Range<usize>) {
        excerpt(text, &LineIndex::new(text), span)
    }

    #[test]
    fn excerpt_is_the_first_line_of_the_span() {
        let text = "{\n  \"a\": {\n    \"b\": 1\n  }\n}\n";
        let start = text.find("{\n    ").unwrap();
        let (line, number, local) = excerpt_of(text, start..text.len() - 2);
        assert_eq!(line, "  \"a\": {");
        assert_eq!(number, 2);
        assert_eq!(&line[local], "{");
    }

    #[test]
    fn empty_span_covers_one_character() {
        let (line, _, local) = excerpt_of("[1,]", 2..2);
        assert_eq!(&line[local], ",");
        let (line, _, local) = excerpt_of("[1", 2..2);
        assert_eq!(local, 2..2);
        assert_eq!(line, "[1");
    }

    #[test]
    fn long_messages_keep_their_ends() {
        let long = format!("unknown action `{}`", "x".repeat(5000));
        let short = super::shorten(&long);
        assert!(short.starts_with("unknown action `xxx") && short.ends_with("xxx`"));
        assert!(short.chars().count() <= super::MAX_MESSAGE);
        assert_eq!(super::shorten("as is"), "as is");
    }

    #[test]
    fn long_lines_are_clipped_around_the_place() {
        let line = format!("{}X{}", "a".repeat(1000), "b".repeat(1000));
        let (part, local) = clip(&line, 1000..1001);
        assert_eq!(&part[local], "X");
        assert!(part.starts_with("...") && part.ends_with("..."), "{part}");
        assert!(part.len() < 200);
        let (part, local) = clip("short", 0..5);
        assert_eq!((part.as_str(), local), ("short", 0..5));
    }
}
