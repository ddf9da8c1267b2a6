//! The fields a diff compares, and the options that make it ignore some of them.

use std::collections::BTreeSet;

use crate::vocab::did_you_mean;

/// A field of a term or of the proposal's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The id of a term (a rename) or of the proposal.
    Id,
    /// The proposal's title.
    Title,
    /// The proposal's date.
    Date,
    /// The proposal's authors.
    By,
    /// The proposal's entry into force (day 0 of its windows).
    EntryIntoForce,
    /// The proposal's phases.
    Phases,
    /// The parties a term binds.
    Subject,
    /// Obligation, prohibition or permission (after negating aliases).
    Modality,
    /// The action (after aliases).
    Action,
    /// The party the action is directed at.
    Target,
    /// Where the term applies.
    Scope,
    /// When the term applies.
    Window,
    /// What kind of text the proposal is (position, agreement, reading, readout).
    Kind,
    /// Topics: what the action is about.
    About,
    /// Named quantities.
    Params,
    /// Conditions on other terms.
    Requires,
    /// Outcomes of other terms on which the term ends.
    LapsesIf,
    /// What conceding the term costs.
    Priority,
    /// The original wording of a term.
    Text,
    /// Where the wording comes from (of a term or of the proposal).
    Source,
    /// A free note (of a term or of the proposal).
    Note,
}

impl Field {
    /// Every field, in report order.
    pub const ALL: [Field; 21] = [
        Field::Id,
        Field::Title,
        Field::Date,
        Field::By,
        Field::Kind,
        Field::EntryIntoForce,
        Field::Phases,
        Field::Subject,
        Field::Modality,
        Field::Action,
        Field::Target,
        Field::About,
        Field::Scope,
        Field::Window,
        Field::Params,
        Field::Requires,
        Field::LapsesIf,
        Field::Priority,
        Field::Text,
        Field::Source,
        Field::Note,
    ];

    /// The name used in files, on the command line and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Date => "date",
            Field::By => "by",
            Field::EntryIntoForce => "entry_into_force",
            Field::Phases => "phases",
            Field::Kind => "kind",
            Field::Subject => "subject",
            Field::Modality => "modality",
            Field::Action => "action",
            Field::Target => "target",
            Field::About => "about",
            Field::Scope => "scope",
            Field::Window => "window",
            Field::Params => "params",
            Field::Requires => "requires",
            Field::LapsesIf => "lapses_if",
            Field::Priority => "priority",
            Field::Text => "text",
            Field::Source => "source",
            Field::Note => "note",
        }
    }

    /// The field with this name, or an error naming the nearest field.
    pub fn parse(name: &str) -> Result<Field, String> {
        let name = name.trim();
        Field::ALL
            .into_iter()
            .find(|f| f.as_str() == name)
            .ok_or_else(|| {
                let hint = did_you_mean(name, Field::ALL.iter().map(|f| f.as_str()))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                format!("unknown field `{name}`{hint}")
            })
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How to diff.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Fields whose changes are left out of the result (and so of "same in meaning").
    pub ignore: BTreeSet<Field>,
}

impl DiffOptions {
    /// Options ignoring the fields of a comma-separated list such as `text,source,note`.
    pub fn ignoring(list: &str) -> Result<DiffOptions, String> {
        let ignore = list
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(Field::parse)
            .collect::<Result<_, _>>()?;
        Ok(DiffOptions { ignore })
    }

    /// Whether changes of `field` are to be reported.
    pub fn compares(&self, field: Field) -> bool {
        !self.ignore.contains(&field)
    }
}
