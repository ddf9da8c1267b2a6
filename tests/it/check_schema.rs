//! The committed JSON Schemas are the generated ones, and every bundled file validates
//! against them with a standard validator (the `jsonschema` crate).

use std::path::Path;

use serde_json::Value;

use crate::support::ROOT;
use crate::support::cli::run;

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn committed_schemas_are_up_to_date() {
    for (file, args) in [
        ("schema/proposal.schema.json", vec!["schema"]),
        ("schema/vocab.schema.json", vec!["schema", "--vocab-schema"]),
    ] {
        let committed = std::fs::read_to_string(Path::new(ROOT).join(file)).unwrap();
        assert!(
            committed == run(&args).success(),
            "{file} differs from the generated schema; regenerate it with\n    cargo run -- {} --force -o {file}",
            args.join(" ")
        );
    }
}

fn assert_valid(schema_file: &str, instance_file: &Path) {
    let schema = read_json(&Path::new(ROOT).join(schema_file));
    let validator = jsonschema::validator_for(&schema).unwrap();
    let instance = read_json(instance_file);
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", instance_file.display());
}

#[test]
fn bundled_proposals_validate_against_the_committed_schema() {
    let mut count = 0;
    for entry in std::fs::read_dir(Path::new(ROOT).join("proposals")).unwrap() {
        let path = entry.unwrap().path();
        let value = read_json(&path);
        assert_eq!(
            value["$schema"],
            "../schema/proposal.schema.json",
            "{} does not name the schema",
            path.display()
        );
        assert_valid("schema/proposal.schema.json", &path);
        count += 1;
    }
    assert!(count >= 4);
}

#[test]
fn default_vocabulary_validates_against_the_committed_schema() {
    let path = Path::new(ROOT).join("vocab/ceasefire.json");
    assert_eq!(read_json(&path)["$schema"], "../schema/vocab.schema.json");
    assert_valid("schema/vocab.schema.json", &path);
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let schema = read_json(&Path::new(ROOT).join("schema/proposal.schema.json"));
    let validator = jsonschema::validator_for(&schema).unwrap();
    let bad = serde_json::json!({
        "id": "x", "by": ["US"],
        "terms": [{ "id": "a", "subject": "US", "action": "aid", "windw": {} }]
    });
    assert!(!validator.is_valid(&bad));
    let good = serde_json::json!({
        "id": "x", "by": ["US"],
        "terms": [{ "id": "a", "subject": ["US"], "action": "aid", "window": "ceasefire",
                    "requires": ["b", { "term": "c", "timing": "concurrent" }],
                    "params": { "count": 3, "days": { "min": 30 }, "exchange": "all_for_all" } }]
    });
    assert!(validator.is_valid(&good));
}
