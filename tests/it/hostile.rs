//! The hostile-input corpus: every command that reads user input, fed malformed,
//! mistyped, binary, huge or contradictory input. Each case must exit 2, name the place
//! (file and line:column or JSON path, or the command-line flag), never panic, never
//! hang, leave its input files as they were, and print exactly what its snapshot says.
//!
//! A case is `tests/fixtures/hostile/COMMAND/CASE.args`: one argument per line (lines
//! starting with `#` say what the case is about; `# limit` marks a case that hits a
//! limit, whose message need not name a place), `$TMP` standing for a fresh temporary
//! folder. Files `CASE.*` next to it are copied into that folder under their own names;
//! `CASE.gen` generates large inputs there, one `FILE RECIPE N` a line (see [`generate`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::ROOT;
use crate::support::cli::{Run, plain};

/// A generous guard against a hang, not a timing assertion.
const HANG_GUARD: Duration = Duration::from_secs(120);

struct Case {
    command: String,
    name: String,
    args_file: PathBuf,
}

fn cases() -> Vec<Case> {
    let root = Path::new(ROOT).join("tests/fixtures/hostile");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        let command = dir.file_name().unwrap().to_string_lossy().into_owned();
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            let file = f.file_name().unwrap().to_string_lossy().into_owned();
            if let Some(name) = file.strip_suffix(".args") {
                out.push(Case {
                    command: command.clone(),
                    name: name.to_owned(),
                    args_file: f.clone(),
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.command, &a.name).cmp(&(&b.command, &b.name)));
    out
}

/// The companion files of a case: `CASE.*` but the `.args` and `.gen` files.
fn companions(case: &Case) -> Vec<PathBuf> {
    let dir = case.args_file.parent().unwrap();
    let prefix = format!("{}.", case.name);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(&prefix) && !n.ends_with(".args") && !n.ends_with(".gen")
        })
        .collect();
    files.sort();
    files
}

/// A deterministic stream of bytes (a linear congruential generator).
fn garbage(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut out = vec![0xff, 0xfe, 0x00];
    while out.len() < n {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        out.push((x >> 56) as u8);
    }
    out
}

fn term(id: &str, extra: &str) -> String {
    format!(
        r#"{{ "id": "{id}", "subject": "UA", "modality": "must_not", "action": "hostilities", "text": "t", "source": "s"{extra} }}"#
    )
}

fn proposal(terms: &[String], sep: &str) -> String {
    format!(
        "{{\n  \"id\": \"gen\", \"by\": [\"UA\"], \"source\": \"generated\",\n  \"terms\": [{sep}{}{sep}]\n}}\n",
        terms.join(&format!(",{sep}"))
    )
}

/// The recipes for inputs too large to commit.
fn generate(recipe: &str, n: usize) -> Vec<u8> {
    let text = match recipe {
        "garbage" => return garbage(n),
        "nested-arrays" => "[".repeat(n),
        "nested-objects" => "{\"a\":".repeat(n),
        "nested-in-params" => proposal(
            &[term(
                "t",
                &format!(r#", "params": {{ "extension": {} }}"#, "[".repeat(n)),
            )],
            "\n",
        ),
        "days-digits" => proposal(
            &[term(
                "t",
                &format!(r#", "window": {{ "days": {} }}"#, "9".repeat(n)),
            )],
            "\n",
        ),
        "long-text" => {
            // a valid term with a long wording, and an error after it on the same line
            let long = term("t", "").replace("\"text\": \"t\"", &format!("\"text\": \"{}\"", "a".repeat(n)));
            proposal(&[long, term("u", r#", "windw": 1"#)], " ")
        }
        "long-action" => proposal(&[term("t", "").replace("hostilities", &"x".repeat(n))], "\n"),
        "long-id" => proposal(&[term(&"i".repeat(n), r#", "modality": "shall""#)], "\n"),
        "duplicate-ids" => proposal(&vec![term("same", ""); n], "\n    "),
        "duplicate-ids-one-line" => proposal(&vec![term("same", ""); n], " "),
        "unknown-actions" => proposal(
            &(0..n)
                .map(|i| term(&format!("t{i}"), "").replace("hostilities", "hostilites"))
                .collect::<Vec<_>>(),
            "\n    ",
        ),
        "requires-cycle" => proposal(
            &(0..n)
                .map(|i| {
                    term(
                        &format!("t{i}"),
                        &format!(r#", "requires": ["t{}"]"#, (i + 1) % n),
                    )
                })
                .collect::<Vec<_>>(),
            "\n    ",
        ),
        "requires-chain-to-nowhere" => proposal(
            &(0..n)
                .map(|i| term(&format!("t{i}"), &format!(r#", "requires": ["t{}"]"#, i + 1)))
                .collect::<Vec<_>>(),
            "\n    ",
        ),
        "requires-chain" => proposal(
            &(0..n)
                .map(|i| {
                    let requires = if i + 1 < n {
                        format!(r#", "requires": ["t{}"]"#, i + 1)
                    } else {
                        String::new()
                    };
                    term(&format!("t{i}"), &requires)
                })
                .collect::<Vec<_>>(),
            "\n    ",
        ),
        "many-parties" => format!(
            "{{ \"parties\": [\n{}\n] }}\n",
            vec![r#"  { "code": "XX", "name": "Atlantis" }"#; n].join(",\n")
        ),
        "duplicate-keys" => format!(
            "{{{}\"by\": [\"UA\"], \"terms\": []}}\n",
            "\"id\": \"x\", ".repeat(n)
        ),
        "many-terms" => proposal(
            &(0..n).map(|i| term(&format!("t{i}"), "")).collect::<Vec<_>>(),
            "\n    ",
        ),
        "many-rules" => {
            let rules: Vec<String> = (0..n)
                .map(|i| {
                    format!(
                        r#"{{ "id": "r{i}", "description": "d", "if": {{ "subject": "?A", "action": "hostilities" }}, "then": {{ "subject": "?A", "modality": "may", "action": "hostilities" }} }}"#
                    )
                })
                .collect();
            format!("{{ \"rules\": [\n  {}\n] }}\n", rules.join(",\n  "))
        }
        "sweep" => {
            let edits: Vec<String> = (0..n)
                .map(|i| {
                    format!(
                        r#"{{ "op": "set", "term": "us-2025-03-11/aid", "field": "note", "value": "n{i}" }}"#
                    )
                })
                .collect();
            format!(
                "{{ \"scenarios\": [ {{ \"name\": \"all\", \"sweep\": [\n  {}\n] }} ] }}\n",
                edits.join(",\n  ")
            )
        }
        "scenarios-missing-terms" => {
            let s: Vec<String> = (0..n)
                .map(|i| {
                    format!(
                        r#"{{ "name": "s{i}", "edits": [{{ "op": "drop", "term": "us-2025-03-11/missing{i}" }}] }}"#
                    )
                })
                .collect();
            format!("{{ \"scenarios\": [\n  {}\n] }}\n", s.join(",\n  "))
        }
        _ => panic!("unknown recipe `{recipe}`"),
    };
    text.into_bytes()
}

fn prepare(case: &Case, tmp: &Path) {
    for f in companions(case) {
        std::fs::copy(&f, tmp.join(f.file_name().unwrap())).unwrap();
    }
    let gen_file = case.args_file.with_extension("gen");
    if let Ok(recipes) = std::fs::read_to_string(&gen_file) {
        for line in recipes
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let parts: Vec<&str> = line.split_whitespace().collect();
            let [file, recipe, n] = parts.as_slice() else {
                panic!("bad recipe line `{line}` in {}", gen_file.display());
            };
            let n: usize = n.replace('_', "").parse().unwrap();
            std::fs::write(tmp.join(file), generate(recipe, n)).unwrap();
        }
    }
}

/// Every file of the temporary folder and every repository file named in the
/// arguments, with its bytes.
fn snapshot_inputs(tmp: &Path, args: &[String]) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for e in std::fs::read_dir(tmp).unwrap() {
        let p = e.unwrap().path();
        files.insert(p.clone(), std::fs::read(&p).unwrap());
    }
    let root = Path::new(ROOT);
    for a in args {
        let p = root.join(a);
        if p.is_file() {
            files.insert(p.clone(), std::fs::read(&p).unwrap());
        }
    }
    files
}

/// Whether the output names a place: `--> FILE:LINE:COL`, `FILE:LINE:COL` in the
/// message, a JSON path, or a command-line flag given in the arguments.
fn names_place(stderr: &str, args: &[String]) -> bool {
    let line_col = stderr.split_whitespace().any(|w| {
        let w = w.trim_end_matches([')', ',', ';', '`']);
        let mut parts = w.rsplitn(3, ':');
        let (Some(col), Some(line), Some(file)) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        !file.is_empty()
            && !col.is_empty()
            && !line.is_empty()
            && col.bytes().all(|b| b.is_ascii_digit())
            && line.bytes().all(|b| b.is_ascii_digit())
    });
    let flag = args
        .iter()
        .filter(|a| a.starts_with("--"))
        .any(|a| stderr.contains(a.split('=').next().unwrap()));
    // an edit given on the command line is named by its text or the flags to give
    let command_line = stderr.contains("scenario `command line`: ") || stderr.contains("`--");
    // a file that cannot be opened at all is named whole
    let whole_file = args
        .iter()
        .any(|a| stderr.contains(&format!("cannot read `{a}`: no such file")));
    line_col || stderr.contains("= path: ") || flag || command_line || whole_file
}

fn shown_args(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            let short: String = if a.chars().count() > 200 {
                format!("{}…", a.chars().take(200).collect::<String>())
            } else {
                a.clone()
            };
            if short.is_empty() || short.contains([' ', '"', '{', '\'', '*']) {
                format!("'{}'", short.replace('\'', "'\\''"))
            } else {
                short
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn run_case(case: &Case) -> Result<(), String> {
    let tmp = tempfile::tempdir().unwrap();
    prepare(case, tmp.path());
    let tmp_str = tmp.path().to_string_lossy().into_owned();
    let args: Vec<String> = std::fs::read_to_string(&case.args_file)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.replace("$TMP", &tmp_str))
        .collect();
    let before = snapshot_inputs(tmp.path(), &args);
    let out = Run::of(
        plain()
            .env_remove("RUST_BACKTRACE")
            .timeout(HANG_GUARD)
            .args(&args),
    );
    let id = format!("{}/{}", case.command, case.name);
    let code = out.code;
    let stdout = out.stdout.replace(&tmp_str, "$TMP");
    let stderr = out.stderr.replace(&tmp_str, "$TMP");
    let mut problems = String::new();
    if code != 2 {
        let _ = writeln!(problems, "{id}: exit {code}, not 2");
    }
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        let _ = writeln!(problems, "{id}: panicked");
    }
    // a case marked `# limit` hits a limit whose message another change rewrites
    let limit = std::fs::read_to_string(&case.args_file)
        .unwrap()
        .lines()
        .any(|l| l == "# limit");
    let shown_paths: Vec<String> = args.iter().map(|a| a.replace(&tmp_str, "$TMP")).collect();
    if !limit && !names_place(&stderr, &shown_paths) {
        let _ = writeln!(problems, "{id}: the message names no place");
    }
    if stderr.len() > 64 * 1024 || stdout.len() > 64 * 1024 {
        let _ = writeln!(
            problems,
            "{id}: a flood of output ({} bytes)",
            stderr.len() + stdout.len()
        );
    }
    let after = snapshot_inputs(tmp.path(), &args);
    if before != after {
        let _ = writeln!(problems, "{id}: an input file changed");
    }
    let shown = format!(
        "$ armistice {}\nexit: {code}\n--- stderr\n{stderr}--- stdout\n{stdout}",
        shown_args(&args).replace(&tmp_str, "$TMP")
    );
    insta::assert_snapshot!(format!("{}__{}", case.command, case.name), shown);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{problems}{shown}"))
    }
}

#[test]
fn hostile_inputs() {
    let all = cases();
    let only = std::env::var("HOSTILE_ONLY").ok();
    let mut failures = Vec::new();
    let mut per_command: BTreeMap<&str, usize> = BTreeMap::new();
    for case in &all {
        *per_command.entry(&case.command).or_default() += 1;
        if only
            .as_deref()
            .is_some_and(|o| !format!("{}/{}", case.command, case.name).contains(o))
        {
            continue;
        }
        if let Err(e) = run_case(case) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(all.len() >= 60, "only {} hostile cases", all.len());
    for command in [
        "check", "compare", "diff", "whatif", "concede", "graph", "report", "fmt", "vocab",
    ] {
        let n = per_command.get(command).copied().unwrap_or(0);
        assert!(n >= 4, "only {n} hostile cases for `{command}`");
    }
}
