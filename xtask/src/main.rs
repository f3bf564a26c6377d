//! Project automation: `cargo xtask <command>`.

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <command>

Commands:
  help    Print this message.

Later commands (spec diffing, benchmarks) land here.
";

fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        None | Some("help" | "--help" | "-h") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("unknown command `{other}`\n\n{HELP}");
            ExitCode::FAILURE
        }
    }
}
