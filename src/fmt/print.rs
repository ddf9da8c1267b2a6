//! The printer of the canonical layout: walks the JSONC syntax tree, orders fields,
//! decides what goes on one line, and carries each comment along with the field or
//! element it precedes (on lines of its own) or follows (on the same line).

use jsonc_parser::ast::{Comment, ObjectProp, Value as Ast};
use jsonc_parser::common::{Range, Ranged};

use super::{
    CONDITION_FIELDS, FmtError, MAX_WIDTH, PHASE_FIELDS, PROPOSAL_FIELDS, RANGE_FIELDS, TERM_FIELDS,
    WINDOW_FIELDS,
};

/// What a value is in a proposal, which decides its field order and layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Root,
    Terms,
    Term,
    Phases,
    Phase,
    Window,
    Requires,
    Condition,
    Params,
    Range,
    Other,
}

impl Kind {
    /// The kind of a child: a field `key` of an object, or an element of an array.
    fn child(self, key: Option<&str>) -> Kind {
        match (self, key) {
            (Kind::Root, Some("terms")) => Kind::Terms,
            (Kind::Root, Some("phases")) => Kind::Phases,
            (Kind::Phases, None) => Kind::Phase,
            (Kind::Terms, None) => Kind::Term,
            (Kind::Term, Some("window")) => Kind::Window,
            (Kind::Term, Some("requires" | "lapses_if")) => Kind::Requires,
            (Kind::Term, Some("params")) => Kind::Params,
            (Kind::Requires, None) => Kind::Condition,
            (Kind::Params, Some(_)) => Kind::Range,
            _ => Kind::Other,
        }
    }

    /// The rank of field `key` in objects of this kind (unknown fields last, params by name).
    fn rank(self, key: &str) -> usize {
        let order: &[&str] = match self {
            Kind::Root => &PROPOSAL_FIELDS,
            Kind::Term => &TERM_FIELDS,
            Kind::Window => &WINDOW_FIELDS,
            Kind::Phase => &PHASE_FIELDS,
            Kind::Condition => &CONDITION_FIELDS,
            Kind::Range => &RANGE_FIELDS,
            _ => &[],
        };
        order.iter().position(|k| *k == key).unwrap_or(order.len())
    }

    /// Whether values of this kind always take a block of lines.
    fn always_block(self) -> bool {
        matches!(self, Kind::Root | Kind::Terms | Kind::Term)
    }
}

/// Comments attached to the children of one container.
struct Attached {
    leading: Vec<Vec<usize>>,
    trailing: Vec<Vec<usize>>,
    dangling: Vec<usize>,
}

/// Writes the canonical text.
pub(super) struct Printer<'a> {
    text: &'a str,
    comments: Vec<Comment<'a>>,
    used: Vec<bool>,
    out: String,
}

impl<'a> Printer<'a> {
    /// A printer of `text`, whose comments are `comments` (sorted by position).
    pub(super) fn new(text: &'a str, comments: Vec<Comment<'a>>) -> Printer<'a> {
        let used = vec![false; comments.len()];
        Printer {
            text,
            comments,
            used,
            out: String::with_capacity(text.len()),
        }
    }

    /// The whole file, with the comments before and after the root value.
    pub(super) fn document(mut self, root: &Ast) -> Result<String, FmtError> {
        let r = root.range();
        for i in self.take(0, r.start) {
            self.comment(i);
            self.out.push('\n');
        }
        self.value(root, Kind::Root, 0, 0)?;
        for i in self.take(r.end, self.text.len()) {
            self.out.push(if self.same_line(r.end, self.start(i)) {
                ' '
            } else {
                '\n'
            });
            self.comment(i);
        }
        self.out.push('\n');
        if let Some(i) = self.used.iter().position(|u| !u) {
            let start = self.start(i);
            let line = self.text.get(..start).map_or(0, |t| t.matches('\n').count()) + 1;
            return Err(FmtError::Comment(format!(
                "the comment on line {line} sits inside a field, where the canonical layout cannot keep it; \
                 move it to a line of its own before the field or to the end of the field's line"
            )));
        }
        Ok(self.out)
    }

    fn start(&self, i: usize) -> usize {
        self.comments.get(i).map_or(0, |c| c.range().start)
    }

    /// The unused comments starting in `[from, to)`, marked used.
    fn take(&mut self, from: usize, to: usize) -> Vec<usize> {
        let found: Vec<usize> = (0..self.comments.len())
            .filter(|&i| !self.used.get(i).copied().unwrap_or(true) && (from..to).contains(&self.start(i)))
            .collect();
        for &i in &found {
            if let Some(u) = self.used.get_mut(i) {
                *u = true;
            }
        }
        found
    }

    fn same_line(&self, from: usize, to: usize) -> bool {
        self.text.get(from..to).is_some_and(|s| !s.contains('\n'))
    }

    fn comment(&mut self, i: usize) {
        match self.comments.get(i) {
            Some(Comment::Line(c)) => {
                self.out.push_str("//");
                self.out.push_str(c.text.trim_end());
            }
            Some(Comment::Block(c)) => {
                self.out.push_str("/*");
                self.out.push_str(c.text);
                self.out.push_str("*/");
            }
            None => {}
        }
    }

    fn has_comment_in(&self, r: Range) -> bool {
        self.comments
            .iter()
            .any(|c| (r.start..r.end).contains(&c.range().start))
    }

    /// Attaches the comments in the gaps between `children` (ranges in source order)
    /// of the container spanning `outer`.
    fn attach(&mut self, outer: Range, children: &[Range]) -> Attached {
        let mut a = Attached {
            leading: vec![Vec::new(); children.len()],
            trailing: vec![Vec::new(); children.len()],
            dangling: Vec::new(),
        };
        let mut prev_end = outer.start + 1;
        for (i, r) in children.iter().enumerate() {
            for c in self.take(prev_end, r.start) {
                let slot = match i.checked_sub(1) {
                    Some(p) if self.same_line(prev_end, self.start(c)) => a.trailing.get_mut(p),
                    _ => a.leading.get_mut(i),
                };
                if let Some(s) = slot {
                    s.push(c);
                }
            }
            prev_end = r.end;
        }
        for c in self.take(prev_end, outer.end.saturating_sub(1)) {
            match children.len().checked_sub(1) {
                Some(last) if self.same_line(prev_end, self.start(c)) => {
                    if let Some(s) = a.trailing.get_mut(last) {
                        s.push(c);
                    }
                }
                _ => a.dangling.push(c),
            }
        }
        a
    }

    fn indent(&mut self, n: usize) {
        self.out.extend(std::iter::repeat_n(' ', n));
    }

    /// Writes `v` of kind `kind` at indentation `indent`, after `prefix` columns of key.
    fn value(&mut self, v: &Ast, kind: Kind, indent: usize, prefix: usize) -> Result<(), FmtError> {
        if let Some(s) = scalar(v) {
            self.out.push_str(&s);
            return Ok(());
        }
        if (!kind.always_block() || is_empty(v))
            && !self.has_comment_in(v.range())
            && let Some(line) = inline(v, kind)
            && indent + prefix + line.chars().count() < MAX_WIDTH
        {
            self.out.push_str(&line);
            return Ok(());
        }
        match v {
            Ast::Object(o) => {
                let ranges: Vec<Range> = o.properties.iter().map(|p| p.range).collect();
                let attached = self.attach(o.range, &ranges);
                let mut order: Vec<usize> = (0..o.properties.len()).collect();
                order.sort_by_key(|&i| o.properties.get(i).map(|p| field_key(kind, p)));
                self.out.push_str("{\n");
                for (n, &i) in order.iter().enumerate() {
                    let Some(p) = o.properties.get(i) else { continue };
                    let key = quote(p.name.as_str());
                    self.children_comments(&attached.leading, i, indent + 2);
                    self.indent(indent + 2);
                    self.out.push_str(&key);
                    self.out.push_str(": ");
                    self.value(
                        &p.value,
                        kind.child(Some(p.name.as_str())),
                        indent + 2,
                        key.len() + 2,
                    )?;
                    self.end_item(n + 1 == order.len(), &attached.trailing, i);
                }
                self.dangling(&attached.dangling, indent + 2);
                self.indent(indent);
                self.out.push('}');
            }
            Ast::Array(a) => {
                let ranges: Vec<Range> = a.elements.iter().map(|e| e.range()).collect();
                let attached = self.attach(a.range, &ranges);
                self.out.push_str("[\n");
                for (i, e) in a.elements.iter().enumerate() {
                    self.children_comments(&attached.leading, i, indent + 2);
                    self.indent(indent + 2);
                    self.value(e, kind.child(None), indent + 2, 0)?;
                    self.end_item(i + 1 == a.elements.len(), &attached.trailing, i);
                }
                self.dangling(&attached.dangling, indent + 2);
                self.indent(indent);
                self.out.push(']');
            }
            _ => {}
        }
        Ok(())
    }

    fn children_comments(&mut self, leading: &[Vec<usize>], i: usize, indent: usize) {
        for &c in leading.get(i).map(Vec::as_slice).unwrap_or_default() {
            self.indent(indent);
            self.comment(c);
            self.out.push('\n');
        }
    }

    fn end_item(&mut self, last: bool, trailing: &[Vec<usize>], i: usize) {
        if !last {
            self.out.push(',');
        }
        for &c in trailing.get(i).map(Vec::as_slice).unwrap_or_default() {
            self.out.push(' ');
            self.comment(c);
        }
        self.out.push('\n');
    }

    fn dangling(&mut self, dangling: &[usize], indent: usize) {
        for &c in dangling {
            self.indent(indent);
            self.comment(c);
            self.out.push('\n');
        }
    }
}

/// The sort key of a field: its rank in the model, then its name.
fn field_key(kind: Kind, p: &ObjectProp) -> (usize, String) {
    (kind.rank(p.name.as_str()), p.name.as_str().to_owned())
}

/// A string as JSON.
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// A plain value as written (numbers keep their spelling), or `None` for a container.
fn scalar(v: &Ast) -> Option<String> {
    match v {
        Ast::StringLit(s) => Some(quote(&s.value)),
        Ast::NumberLit(n) => Some(n.value.to_owned()),
        Ast::BooleanLit(b) => Some(b.value.to_string()),
        Ast::NullKeyword(_) => Some("null".to_owned()),
        Ast::Object(_) | Ast::Array(_) => None,
    }
}

/// Whether `v` is an empty array or object.
fn is_empty(v: &Ast) -> bool {
    match v {
        Ast::Array(a) => a.elements.is_empty(),
        Ast::Object(o) => o.properties.is_empty(),
        _ => false,
    }
}

/// A container of plain values on one line: `["RU", "UA"]`, `{ "days": 30 }`,
/// `[{ "term": "x", "timing": "concurrent" }]`.
fn inline(v: &Ast, kind: Kind) -> Option<String> {
    match v {
        Ast::Array(a) if a.elements.is_empty() => Some("[]".to_owned()),
        Ast::Array(a) => {
            // Elements: plain values, or objects of plain values (`[{ "term": "x" }]`).
            let child = kind.child(None);
            let items: Option<Vec<String>> = a
                .elements
                .iter()
                .map(|e| match e {
                    Ast::Object(_) => inline(e, child),
                    _ => scalar(e),
                })
                .collect();
            Some(format!("[{}]", items?.join(", ")))
        }
        Ast::Object(o) if o.properties.is_empty() => Some("{}".to_owned()),
        Ast::Object(o) => {
            let mut props: Vec<&ObjectProp> = o.properties.iter().collect();
            props.sort_by_key(|p| field_key(kind, p));
            let items: Option<Vec<String>> = props
                .iter()
                .map(|p| scalar(&p.value).map(|s| format!("{}: {s}", quote(p.name.as_str()))))
                .collect();
            Some(format!("{{ {} }}", items?.join(", ")))
        }
        _ => None,
    }
}
