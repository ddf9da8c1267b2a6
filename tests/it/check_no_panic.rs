//! Nothing panics on any input: arbitrary text, and a real proposal with bytes cut out
//! or put in, goes through loading and rendering to diagnostics without panicking.

use armistice::load::{SourceFile, load_proposal, render_report};
use armistice::vocab::Vocab;
use proptest::prelude::*;

const US: &str = include_str!("../../proposals/us-2025-03-11.json");

fn load_and_render(text: String) {
    let vocab = Vocab::default_pack().unwrap();
    let (resolved, report) = load_proposal(SourceFile::from_text("x.json", text), &vocab);
    let rendered = render_report(&report, false);
    if resolved.is_none() {
        assert!(rendered.contains("error"), "{rendered}");
    }
}

proptest! {
    #[test]
    fn arbitrary_text(text in "\\PC*") {
        load_and_render(text);
    }

    #[test]
    fn edited_proposal(at in 0..US.len(), cut in 0usize..40, insert in "[\\[\\]{}\",:/*a-z0-9 \n]{0,6}") {
        let start = (0..=at).rev().find(|&i| US.is_char_boundary(i)).unwrap_or(0);
        let end = (start + cut..=US.len()).find(|&i| US.is_char_boundary(i)).unwrap_or(US.len());
        load_and_render(format!("{}{insert}{}", &US[..start], &US[end..]));
    }
}
