//! The cue words of drafting: modality ("must", "may", "will help"), negation and its
//! scope, demands, conditions, passive voice and collective subjects.

use crate::model::Modality;

/// The modality a word signals, if any, and whether it is a demand (the party before
/// it asks; the party after it, if any, is bound).
pub(crate) fn modality_cue(low: &str, next: &str) -> Option<(Modality, bool)> {
    let demand = matches!(
        low,
        "demanded"
            | "demands"
            | "demand"
            | "demanding"
            | "insisted"
            | "insists"
            | "urged"
            | "urges"
            | "requested"
            | "requests"
            | "forcing"
            | "called"
            | "calls"
            | "requires"
            | "required"
            | "require"
    );
    if demand {
        return Some((Modality::Must, true));
    }
    let m = match low {
        "help" | "helps" | "helping" | "seek" | "seeks" | "strive" | "strives" | "endeavour" | "endeavor"
        | "effort" | "efforts" | "try" | "tries" | "aim" | "aims" | "facilitate" | "working" => {
            Modality::Endeavour
        }
        "may" | "can" | "could" | "allowed" | "permitted" | "right" => Modality::May,
        "must" | "shall" | "will" | "would" | "should" | "proposal" | "proposed" | "proposes" | "agreed"
        | "agree" | "agrees" | "ensure" | "ensures" | "commit" | "commits" | "committed" | "undertake"
        | "undertakes" | "undertook" | "readiness" | "ready" | "obliged" => Modality::Must,
        "is" | "are" if next == "to" => Modality::Must,
        "need" | "needs" if next == "to" => Modality::Must,
        _ => return None,
    };
    Some((m, false))
}

/// Whether a word negates what follows it ("not", "halt", "cease", "refrain").
pub(crate) fn negation_cue(low: &str, prev: &str, next: &str) -> bool {
    match low {
        "no" => !matches!(next, "later" | "more" | "less" | "fewer" | "sooner" | "doubt"),
        "end" | "ending" => prev != "the" && prev != "an",
        "not" | "never" | "nor" | "without" | "halt" | "halting" | "cease" | "ceasing" | "stop"
        | "stopping" | "suspend" | "suspending" | "pause" | "refrain" | "ban" | "prohibit" | "prohibited"
        | "moratorium" | "eliminate" | "cessation" | "lift" | "lifting" | "n't" | "renounce"
        | "renounces" | "abandon" | "abandons" | "abandoning" | "forgo" | "prevent" | "preventing" => true,
        _ => false,
    }
}

/// Words after which a negation no longer reaches ("but", "while", a relative clause).
pub(crate) fn ends_scope(low: &str) -> bool {
    matches!(
        low,
        "but"
            | "while"
            | "whereas"
            | "which"
            | "who"
            | "whom"
            | "however"
            | "during"
            | "until"
            | "after"
            | "before"
    )
}

/// Words joining the items of a list.
pub(crate) fn is_coordinator(low: &str) -> bool {
    matches!(low, "and" | "or" | "," | "as" | "well" | "plus" | "&")
}

/// The conditions a word opens: `(timing concurrent, at clause start only)`.
pub(crate) fn condition_cue(low: &str, prev: &str, next: &str) -> Option<&'static str> {
    match (prev, low, next) {
        (_, "after", _) | (_, "once", _) | ("as", "soon", "as") => Some("before"),
        (_, "if", _) | (_, "unless", _) => Some("before"),
        (_, "provided", "that") | (_, "condition", "that") => Some("before"),
        (_, "subject", "to") => Some("before"),
        ("in", "exchange", "for") | ("in", "return", "for") => Some("concurrent"),
        _ => None,
    }
}

/// Words that, in a condition, make it a failure or a breach ("if the talks fail").
pub(crate) fn outcome_cue(low: &str) -> Option<&'static str> {
    match low {
        "fail" | "fails" | "failed" | "collapse" | "collapses" | "not" | "n't" | "rejects" | "refuses" => {
            Some("failed")
        }
        "violates" | "violate" | "violated" | "breach" | "breaches" | "breached" | "violation" => {
            Some("breached")
        }
        _ => None,
    }
}

/// Forms of "be" that make a passive with a participle after them.
pub(crate) fn is_be(low: &str) -> bool {
    matches!(low, "be" | "is" | "are" | "was" | "were" | "been" | "being")
}

/// Whether a word reads as a past participle ("released", "freed", "held").
pub(crate) fn is_participle(low: &str) -> bool {
    (low.len() > 3 && low.ends_with("ed"))
        || matches!(
            low,
            "held"
                | "given"
                | "taken"
                | "made"
                | "done"
                | "kept"
                | "brought"
                | "sent"
                | "set"
                | "put"
                | "met"
                | "built"
        )
}

/// Words for "both sides": the subject is the proposal's authors when they are two or
/// more, else the parties the statement names.
pub(crate) fn collective(low: &str, next: &str) -> bool {
    matches!(
        (low, next),
        (
            "both",
            "parties" | "sides" | "delegations" | "leaders" | "countries"
        ) | ("the", "parties" | "sides" | "leaders")
            | ("two", "sides" | "parties" | "leaders")
            | ("each", "side" | "party")
    )
}

/// Words before an action's mention that make it a time reference, not a provision
/// ("during the ceasefire").
pub(crate) fn temporal(low: &str) -> bool {
    matches!(
        low,
        "during" | "throughout" | "until" | "till" | "before" | "since"
    )
}

/// Words before a topic ("negotiations on a maritime ceasefire").
pub(crate) fn topic_word(low: &str) -> bool {
    matches!(
        low,
        "on" | "about" | "regarding" | "concerning" | "toward" | "towards" | "over"
    )
}

/// Prepositions before a target ("aid to Kyiv").
pub(crate) fn target_word(low: &str) -> bool {
    matches!(low, "to" | "with" | "toward" | "towards" | "against" | "for")
}

/// Prepositions before a place that holds for the whole clause ("in the Black Sea").
pub(crate) fn place_word(low: &str) -> bool {
    matches!(
        low,
        "in" | "into" | "from" | "at" | "across" | "throughout" | "within" | "along" | "inside"
    )
}
