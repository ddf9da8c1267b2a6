//! Fuzz target `concede`: see `armistice_fuzz::concede` in fuzz/src/harness.rs.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| armistice_fuzz::concede(data));
