//! `armistice terms` as CSV: one row per term, one column per field and one
//! per parameter the proposal uses (`param:count`), values as values: the window as
//! its first and last day, a number as a number. A cell that a spreadsheet would run
//! as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage return) is
//! prefixed with `'`, except a number.

use crate::report::words;
use crate::terms::TermsTable;

/// One CSV field: quoted when it holds a comma, a quote or a line break.
fn field(s: &str) -> String {
    let numeric = s.parse::<f64>().is_ok();
    let s = if !numeric && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The table as CSV (RFC 4180, lines ended by CRLF).
pub fn render(t: &TermsTable) -> String {
    let mut header: Vec<String> = [
        "id",
        "subject",
        "parties",
        "modality",
        "action",
        "written_action",
        "target",
        "about",
        "scope",
        "from_day",
        "to_day",
        "window",
    ]
    .map(str::to_owned)
    .to_vec();
    header.extend(t.params.iter().map(|p| format!("param:{p}")));
    header.extend(["requires", "priority", "text", "source", "note", "codes"].map(str::to_owned));
    let mut out = String::new();
    let mut line = |cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(header);
    for r in &t.terms {
        let mut cells = vec![
            r.id.clone(),
            r.subject.join(";"),
            r.parties.join(";"),
            r.modality.as_str().to_owned(),
            r.action.clone(),
            r.written_action.clone().unwrap_or_default(),
            r.target.clone().unwrap_or_default(),
            r.about.join(";"),
            r.scope.join(";"),
            r.window.map(|w| w.from.to_string()).unwrap_or_default(),
            r.window
                .and_then(|w| w.to)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            if r.window.is_some() {
                words::window(r.interval)
            } else {
                String::new()
            },
        ];
        for p in &t.params {
            let v = r
                .params
                .iter()
                .find(|(n, _)| *n == p)
                .map(|(_, v)| super::value_cell(v));
            cells.push(v.unwrap_or_default());
        }
        let codes: Vec<String> = r
            .codes
            .iter()
            .flat_map(|(scheme, list)| list.iter().map(move |c| format!("{scheme}:{c}")))
            .collect();
        cells.extend([
            r.requires.join(";"),
            r.priority.as_str().to_owned(),
            r.text.clone().unwrap_or_default(),
            r.source.clone().unwrap_or_default(),
            r.note.clone().unwrap_or_default(),
            codes.join(";"),
        ]);
        line(cells);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("-5"), "-5");
        assert_eq!(field("plain"), "plain");
    }
}
