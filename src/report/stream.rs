//! Reports written as they are produced: for JSON, a sequence serialized straight from
//! an iterator, a term's `proposal-id/term-id` name written without building a string,
//! and pretty printing that writes each line break and its indentation at once; for
//! text, a buffer that is handed on whenever it grows large. A report of a million
//! relations then never exists whole in memory.

use std::cell::Cell;
use std::io::{self, Write};

use serde::ser::{Error as _, Serialize, Serializer};
use serde_json::ser::Formatter;

/// Text made with `write!` and handed on to a writer in pieces of about
/// [`Spill::PIECE`] bytes: a renderer pushes text and calls [`Spill::spill`] between
/// items. The first write error is kept and returned by [`Spill::finish`].
pub(crate) struct Spill<'w> {
    buf: String,
    out: &'w mut dyn Write,
    error: Option<io::Error>,
    /// For a terminal: each piece through [`crate::report::terminal::guard`], with
    /// armistice's own styles kept when this is `Some(true)`.
    terminal: Option<bool>,
}

impl<'w> Spill<'w> {
    /// The size of a piece handed on.
    pub(crate) const PIECE: usize = 1 << 16;

    /// A buffer in front of `out`.
    pub(crate) fn new(out: &'w mut dyn Write) -> Spill<'w> {
        Spill {
            buf: String::with_capacity(Spill::PIECE + 1024),
            out,
            error: None,
            terminal: None,
        }
    }

    /// A buffer in front of a terminal's `out`: every piece handed on shows the control
    /// characters in it as pictures, keeping line breaks and, when `colored`, the
    /// styles armistice writes. Pieces end where the renderer calls [`Spill::spill`],
    /// between items, so a style sequence is never cut.
    pub(crate) fn terminal(out: &'w mut dyn Write, colored: bool) -> Spill<'w> {
        Spill {
            terminal: Some(colored),
            ..Spill::new(out)
        }
    }

    /// Appends `c`.
    pub(crate) fn push(&mut self, c: char) {
        self.buf.push(c);
    }

    /// Hands the text on once there is a piece of it.
    pub(crate) fn spill(&mut self) {
        if self.buf.len() >= Spill::PIECE {
            self.hand_on();
        }
    }

    /// Hands on the rest; the first error met, if any.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.hand_on();
        match self.error.take() {
            Some(e) => Err(e),
            None => self.out.flush(),
        }
    }

    fn hand_on(&mut self) {
        let piece = match self.terminal {
            Some(colored) => crate::report::terminal::guard(&self.buf, colored),
            None => std::borrow::Cow::Borrowed(self.buf.as_str()),
        };
        if self.error.is_none()
            && let Err(e) = self.out.write_all(piece.as_bytes())
        {
            self.error = Some(e);
        }
        self.buf.clear();
    }
}

impl std::fmt::Write for Spill<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.buf.push_str(s);
        Ok(())
    }
}

/// What `write` writes, as a string (the renderers' `render`, for tests and callers
/// that want the whole text).
pub(crate) fn to_string(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<String> {
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    String::from_utf8(bytes).map_err(io::Error::other)
}

/// Writes `value` to `out` as pretty JSON (two-space indentation, as
/// `serde_json::to_string_pretty`) with a final newline, through a buffer.
pub(crate) fn write_pretty<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    // The serializer makes many small writes: a buffer whose type it knows takes them
    // without a dynamic call each.
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
    value.serialize(&mut ser)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Pretty JSON: the output of serde_json's `PrettyFormatter` with two spaces, but a
/// line break and its indentation are written in one piece (serde_json writes the
/// indentation two spaces at a time, a large share of the cost of a big report).
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

/// A line break followed by enough spaces for most depths.
const BREAK: &[u8] = b"\n                                                                ";

impl Pretty {
    fn line<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
        let mut spaces = 2 * self.depth;
        let first = spaces.min(BREAK.len() - 1);
        out.write_all(BREAK.get(..=first).unwrap_or(b"\n"))?;
        spaces -= first;
        while spaces > 0 {
            let n = spaces.min(BREAK.len() - 1);
            out.write_all(BREAK.get(1..=n).unwrap_or_default())?;
            spaces -= n;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.line(out)?;
        }
        out.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        self.line(out)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.item(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.item(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

use crate::engine::{Analysis, TermRef};

/// A JSON array whose items are made one at a time, as the serializer asks for them.
/// It can be serialized once.
pub struct Stream<'a, T>(Cell<Option<Box<dyn Iterator<Item = T> + 'a>>>);

impl<'a, T> Stream<'a, T> {
    /// The items of `items`, serialized lazily.
    pub fn new(items: impl Iterator<Item = T> + 'a) -> Stream<'a, T> {
        Stream(Cell::new(Some(Box::new(items))))
    }

    /// An array with no items.
    pub fn empty() -> Stream<'a, T>
    where
        T: 'a,
    {
        Stream::new(std::iter::empty())
    }
}

impl<T: Serialize> Serialize for Stream<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.take() {
            Some(items) => serializer.collect_seq(items),
            None => Err(S::Error::custom("a streamed sequence was serialized twice")),
        }
    }
}

impl<T> std::fmt::Debug for Stream<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stream(..)")
    }
}

/// A term's name, `proposal-id/term-id` (as [`Analysis::term_name`] spells it),
/// serialized as a JSON string without an intermediate `String`.
#[derive(Clone, Copy)]
pub struct TermName<'a>(pub &'a Analysis, pub TermRef);

impl Serialize for TermName<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let TermName(a, r) = *self;
        match (a.proposals.get(r.proposal), a.term(r)) {
            (Some(p), Some(t)) => serializer.collect_str(&format_args!("{}/{}", p.proposal.id, t.id)),
            _ => serializer.serialize_str(&a.term_name(r)),
        }
    }
}

impl std::fmt::Debug for TermName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.term_name(self.1))
    }
}

#[cfg(test)]
mod tests {
    use super::{Spill, Stream, write_pretty};

    #[test]
    fn a_spill_hands_on_everything_in_order_and_keeps_the_first_error() {
        let mut bytes = Vec::new();
        let mut s = Spill::new(&mut bytes);
        for k in 0..50_000 {
            std::fmt::Write::write_fmt(&mut s, format_args!("{k},")).unwrap();
            s.spill();
        }
        s.push('!');
        s.finish().unwrap();
        let expected: String = (0..50_000).map(|k| format!("{k},")).collect::<String>() + "!";
        assert_eq!(String::from_utf8(bytes).unwrap(), expected);

        let mut full = [0u8; 10];
        let mut small = full.as_mut_slice();
        let mut s = Spill::new(&mut small);
        std::fmt::Write::write_str(&mut s, &"x".repeat(Spill::PIECE)).unwrap();
        s.spill();
        assert!(s.finish().is_err());
    }

    #[test]
    fn pretty_output_is_serde_jsons_at_every_depth() {
        let mut deep = serde_json::json!({"leaf": [1, {"a": []}, {}], "empty": {}, "s": "é\"\n"});
        for i in 0..40 {
            deep = serde_json::json!({ "level": i, "inner": [deep, [], "x"] });
        }
        let mut ours = Vec::new();
        write_pretty(&deep, &mut ours).unwrap();
        let theirs = serde_json::to_string_pretty(&deep).unwrap() + "\n";
        assert_eq!(String::from_utf8(ours).unwrap(), theirs);
    }

    #[test]
    fn a_stream_serializes_its_items_once() {
        let s = Stream::new([1, 2, 3].into_iter());
        assert_eq!(serde_json::to_string(&s).unwrap(), "[1,2,3]");
        assert!(serde_json::to_string(&s).is_err());
        assert_eq!(serde_json::to_string(&Stream::<u8>::empty()).unwrap(), "[]");
    }
}
