//! Scenarios: named lists of edits, from the command line or a scenario file, and
//! sweeps (every subset of a list of edits) expanded into scenarios, within a bound.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::edit::Edit;
use crate::limit_kind::LimitKind;
use crate::limits::Limits;
use crate::load::{Diagnostic, Located, SourceFile};

/// A scenario file: named what-if scenarios on a set of proposals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// The JSON Schema this file follows, for editors (ignored by armistice).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The scenarios, each evaluated against the unedited proposals.
    pub scenarios: Vec<ScenarioDef>,
}

/// One named scenario as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioDef {
    /// The scenario's name, unique in the file.
    pub name: String,
    /// What the scenario stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The edits, applied in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<Edit>,
    /// Edits to sweep: the scenario is evaluated once for every subset of them
    /// (applied in order, after `edits`). At most 1024 scenarios (10 edits) unless
    /// `--max-sweep` raises the limit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sweep: Vec<Edit>,
}

/// An edit of a scenario, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioEdit {
    /// The edit.
    pub edit: Edit,
    /// Its JSON path in the scenario file (`scenarios[0].edits[1]`); `None` when it
    /// came from the command line.
    pub origin: Option<String>,
}

/// A scenario ready to evaluate.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Its name (for a sweep, the sweep's name and the edits of the subset).
    pub name: String,
    /// A file-name-safe form of the name, unique among the scenarios.
    pub slug: String,
    /// What it stands for.
    pub description: Option<String>,
    /// The edits, applied in order.
    pub edits: Vec<ScenarioEdit>,
}

impl Scenario {
    /// The scenario of edits given on the command line.
    pub fn command_line(edits: Vec<Edit>) -> Scenario {
        Scenario {
            name: "command line".to_owned(),
            slug: "command-line".to_owned(),
            description: None,
            edits: edits
                .into_iter()
                .map(|edit| ScenarioEdit { edit, origin: None })
                .collect(),
        }
    }
}

/// The JSON Schema of scenario files, pretty-printed with a final newline (committed
/// as `schema/scenarios.schema.json`).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(ScenarioFile);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// Reads a scenario file (JSON with comments); a syntax or type error comes back
/// located in the file, with its JSON path.
pub fn parse_file(file: &SourceFile) -> Result<ScenarioFile, Box<Located>> {
    crate::load::parse_json(file)
}

/// [`parse_file`], refusing nesting deeper than [`Limits::max_depth`].
pub fn parse_file_with(file: &SourceFile, limits: &Limits) -> Result<ScenarioFile, Box<Located>> {
    crate::load::parse_json_limited(file, limits.max_depth)
}

impl ScenarioFile {
    /// The scenarios to evaluate, sweeps expanded, within the default [`Limits`].
    pub fn expand(&self) -> Result<Vec<Scenario>, Vec<Diagnostic>> {
        self.expand_with(0, &Limits::default())
    }

    /// The scenarios to evaluate, sweeps expanded, when `before` scenarios come before
    /// them (from the command line). Errors: an empty or repeated name, a scenario
    /// without edits, a sweep that makes more than [`Limits::max_sweep`] scenarios,
    /// more than [`Limits::max_scenarios`] in all.
    pub fn expand_with(&self, before: usize, limits: &Limits) -> Result<Vec<Scenario>, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut out = Vec::new();
        // The first scenario of each name: a scan of the earlier ones for each would be
        // quadratic in a file of many scenarios.
        let mut named: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, def) in self.scenarios.iter().enumerate() {
            let at = format!("scenarios[{i}]");
            if def.name.trim().is_empty() {
                errors.push(Diagnostic::error(format!("{at}.name"), "empty scenario name"));
            } else if let Some(&first) = named.get(def.name.as_str()) {
                errors.push(
                    Diagnostic::error(
                        format!("{at}.name"),
                        format!("duplicate scenario name `{}`", def.name),
                    )
                    .with_help(format!("`scenarios[{first}]` has the same name")),
                );
            }
            named.entry(def.name.as_str()).or_insert(i);
            if def.edits.is_empty() && def.sweep.is_empty() {
                errors.push(
                    Diagnostic::error(at.clone(), format!("scenario `{}` has no edits", def.name))
                        .with_help("give `edits`, a `sweep`, or both"),
                );
            }
            let made = sweep_size(def);
            if !def.sweep.is_empty() && made.is_none_or(|n| n > limits.max_sweep) {
                errors.push(
                    Diagnostic::error(
                        format!("{at}.sweep"),
                        format!(
                            "sweep `{}` of {} edits would make {} scenarios, more than the limit of {}",
                            def.name,
                            def.sweep.len(),
                            made.map_or_else(|| format!("2^{}", def.sweep.len()), |n| n.to_string()),
                            limits.max_sweep
                        ),
                    )
                    .with_limit(
                        LimitKind::Sweep,
                        ", split the sweep, or move edits every scenario shares into `edits`",
                    ),
                );
                continue;
            }
            let total = before + out.len() + made.unwrap_or(1);
            if total > limits.max_scenarios {
                errors.push(
                    Diagnostic::error(
                        at.clone(),
                        format!(
                            "with scenario `{}`, the run would evaluate more than the limit of {} scenarios",
                            def.name, limits.max_scenarios
                        ),
                    )
                    .with_limit(LimitKind::Scenarios, ", or evaluate the file in parts"),
                );
                break;
            }
            expand_def(def, &at, &mut out);
        }
        if errors.is_empty() {
            dedupe_slugs(&mut out);
            Ok(out)
        } else {
            Err(errors)
        }
    }
}

/// How many scenarios a sweep makes: one per subset of its edits, less the empty
/// subset when there are no shared edits (that one is the baseline); `None` when the
/// number does not fit in a `usize`.
fn sweep_size(def: &ScenarioDef) -> Option<usize> {
    let subsets = u32::try_from(def.sweep.len())
        .ok()
        .and_then(|n| 1usize.checked_shl(n))?;
    Some(if def.edits.is_empty() {
        subsets - 1
    } else {
        subsets
    })
}

fn expand_def(def: &ScenarioDef, at: &str, out: &mut Vec<Scenario>) {
    let base: Vec<ScenarioEdit> = def
        .edits
        .iter()
        .enumerate()
        .map(|(k, e)| ScenarioEdit {
            edit: e.clone(),
            origin: Some(format!("{at}.edits[{k}]")),
        })
        .collect();
    let slug = slug(&def.name);
    if def.sweep.is_empty() {
        out.push(Scenario {
            name: def.name.clone(),
            slug,
            description: def.description.clone(),
            edits: base,
        });
        return;
    }
    let n = def.sweep.len();
    // The empty subset is the baseline itself when there are no shared edits.
    let first = if base.is_empty() { 1 } else { 0 };
    for mask in first..(1usize << n) {
        let mut edits = base.clone();
        let mut names = Vec::new();
        for (k, e) in def.sweep.iter().enumerate() {
            if mask & (1 << k) != 0 {
                names.push(e.to_string());
                edits.push(ScenarioEdit {
                    edit: e.clone(),
                    origin: Some(format!("{at}.sweep[{k}]")),
                });
            }
        }
        let which = if names.is_empty() {
            "none of the sweep".to_owned()
        } else {
            names.join(" + ")
        };
        let bits: String = (0..n)
            .map(|k| if mask & (1 << k) != 0 { '1' } else { '0' })
            .collect();
        out.push(Scenario {
            name: format!("{}: {which}", def.name),
            slug: format!("{slug}-{bits}"),
            description: def.description.clone(),
            edits,
        });
    }
}

/// A file-name-safe form of a name: lowercase letters, digits and `-`.
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() { "scenario".to_owned() } else { s }
}

fn dedupe_slugs(scenarios: &mut [Scenario]) {
    let mut seen = std::collections::HashSet::new();
    for s in scenarios.iter_mut() {
        let mut candidate = s.slug.clone();
        let mut k = 2;
        while !seen.insert(candidate.clone()) {
            candidate = format!("{}-{k}", s.slug);
            k += 1;
        }
        s.slug = candidate;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn file(v: serde_json::Value) -> ScenarioFile {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn sweeps_expand_to_every_subset() {
        let f = file(json!({"scenarios": [{
            "name": "S",
            "sweep": [
                {"op": "drop", "term": "a/x"},
                {"op": "drop", "term": "a/y"}
            ]
        }]}));
        let s = f.expand().unwrap();
        assert_eq!(s.len(), 3, "the empty subset is the baseline");
        assert_eq!(s[2].name, "S: drop a/x + drop a/y");
        assert_eq!(s[2].slug, "s-11");
        assert_eq!(s[0].edits[0].origin.as_deref(), Some("scenarios[0].sweep[0]"));
    }

    #[test]
    fn sweeps_are_bounded() {
        let sweep: Vec<_> = (0..11)
            .map(|k| json!({"op": "drop", "term": format!("a/t{k}")}))
            .collect();
        let f = file(json!({"scenarios": [{"name": "big", "sweep": sweep}]}));
        let e = f.expand().unwrap_err();
        assert!(e[0].message.contains("2047 scenarios"), "{}", e[0].message);
        assert!(e[0].message.contains("limit of 1024"), "{}", e[0].message);
        assert_eq!(e[0].path, "scenarios[0].sweep");
        let raised = Limits {
            max_sweep: 2047,
            ..Limits::default()
        };
        assert_eq!(f.expand_with(0, &raised).unwrap().len(), 2047);
        let huge: Vec<_> = (0..70)
            .map(|k| json!({"op": "drop", "term": format!("a/t{k}")}))
            .collect();
        let f = file(json!({"scenarios": [{"name": "huge", "sweep": huge}]}));
        assert!(f.expand().unwrap_err()[0].message.contains("2^70 scenarios"));
    }

    #[test]
    fn scenarios_in_all_are_bounded() {
        let one = |n: &str| json!({"name": n, "edits": [{"op": "drop", "term": "a/x"}]});
        let f = file(json!({"scenarios": [one("a"), one("b"), one("c")]}));
        let limits = Limits {
            max_scenarios: 3,
            ..Limits::default()
        };
        assert_eq!(f.expand_with(0, &limits).unwrap().len(), 3);
        let e = f.expand_with(1, &limits).unwrap_err();
        assert_eq!(e[0].path, "scenarios[2]");
        assert!(e[0].message.contains("limit of 3 scenarios"), "{}", e[0].message);
        assert_eq!(e[0].limit, Some(LimitKind::Scenarios));
        assert!(
            e[0].help
                .as_deref()
                .unwrap()
                .contains("raise the limit `max_scenarios`")
        );
    }

    #[test]
    fn names_are_checked() {
        let f = file(json!({"scenarios": [
            {"name": "A b", "edits": [{"op": "drop", "term": "a/x"}]},
            {"name": "A b", "edits": [{"op": "drop", "term": "a/x"}]},
            {"name": "empty"}
        ]}));
        let e = f.expand().unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].path, "scenarios[1].name");
        assert_eq!(e[1].path, "scenarios[2]");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("US pauses aid & intel!"), "us-pauses-aid-intel");
        assert_eq!(slug("—"), "scenario");
    }
}
