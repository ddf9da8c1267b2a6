//! Fuzz target `fmt`: see `armistice_fuzz::fmt` in fuzz/src/harness.rs.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| armistice_fuzz::fmt(data));
