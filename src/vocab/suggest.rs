//! "Did you mean": the nearest known name to a misspelt one.

/// The candidate closest to `name`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    // No name is longer than this; comparing a name of a million characters with each
    // candidate would take minutes.
    const LONGEST: usize = 100;
    if name.len() > LONGEST {
        return None;
    }
    let lower = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_names_only() {
        let names = ["military_aid", "intelligence_sharing", "hostilities"];
        assert_eq!(did_you_mean("militry_aid", names), Some("military_aid"));
        assert_eq!(did_you_mean("hostility", names), Some("hostilities"));
        assert_eq!(did_you_mean("elections", names), None);
    }
}
