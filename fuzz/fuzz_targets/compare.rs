//! Fuzz target `compare`: see `armistice_fuzz::compare` in fuzz/src/harness.rs.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| armistice_fuzz::compare(data));
