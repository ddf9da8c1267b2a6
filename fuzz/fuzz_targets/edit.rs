//! Fuzz target `edit`: see `armistice_fuzz::edit` in fuzz/src/harness.rs.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| armistice_fuzz::edit(data));
