//! Fuzz target `diff`: see `armistice_fuzz::diff` in fuzz/src/harness.rs.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| armistice_fuzz::diff(data));
