//! The `armistice` binary: all of it lives in [`armistice::cli`].

/// mimalloc: the analysis of a large proposal makes many small allocations, which it
/// serves markedly faster than the system allocator (measured in BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    armistice::cli::main()
}
