//! Fuzz target `load`: see `armistice_fuzz::load` in fuzz/src/harness.rs.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| armistice_fuzz::load(data));
