//! The `armistice` binary: all of it lives in [`armistice::cli`].

fn main() -> std::process::ExitCode {
    armistice::cli::main()
}
