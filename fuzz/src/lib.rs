//! The bodies of armistice's fuzz targets, in `harness.rs` so that the stable
//! regression test (`tests/it/fuzz_regressions.rs`) runs the same code on the committed
//! corpus and crashes without libFuzzer.

include!("harness.rs");
