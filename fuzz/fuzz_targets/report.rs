//! Fuzz target `report`: see `armistice_fuzz::report` in fuzz/src/harness.rs.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| armistice_fuzz::report(data));
