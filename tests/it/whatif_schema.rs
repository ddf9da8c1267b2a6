//! The committed JSON Schema of scenario files is the generated one, and the example
//! scenario files read and expand.

use std::path::Path;

use armistice::whatif::scenario::{ScenarioFile, json_schema};

use crate::support::ROOT;
const FILE: &str = "schema/scenarios.schema.json";

#[test]
fn committed_scenario_schema_is_up_to_date() {
    let path = Path::new(ROOT).join(FILE);
    let generated = json_schema();
    if std::env::var_os("ARMISTICE_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{FILE} differs from the generated schema; regenerate it with\n    ARMISTICE_BLESS=1 cargo test --test it whatif_schema"
    );
}

#[test]
fn example_scenarios_read_and_expand() {
    let dir = Path::new(ROOT).join("examples/scenarios");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let file: ScenarioFile = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(file.schema.as_deref(), Some("../../schema/scenarios.schema.json"));
        assert!(!file.expand().unwrap().is_empty(), "{}", path.display());
        seen += 1;
    }
    assert!(seen > 0);
}
