//! Project automation: `cargo xtask <command>`.

mod build_cost;
mod codegen;
mod conform;
mod diff;
mod prism;
mod update;

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <command>

Commands:
  diff OLD NEW [--format text|markdown|json] [--fail-on breaking|warning|info]
                   What changed between two specs, on the wire and for Rust users,
                   each change with a level. OLD and NEW are paths or REV:PATH.
  diff --rules     The rules the diff applies, with their levels.
  conform [--spec PATH] [--dynamic [N]] [--format text|json]
                   Whether every operation of a spec (default spec/openapi.yaml) works
                   on the wire: builds the crate from it, starts Prism on it (npm
                   installs it into .ci/node_modules on first use) and calls every
                   generated operation through its typed builder, once against
                   `prism mock`, then N times (default 20) against `prism mock
                   --dynamic`. A table per operation and a summary; exit 1 on any
                   request violation, decode failure or other failure.
  generate [--spec PATH] [--out FILE]
                   The generated client code for a spec (default spec/openapi.yaml),
                   as build.rs generates it, to FILE or standard output.
  generate --check Whether the golden files (codegen/tests/golden: the fixture specs'
                   generated code, the public API listing) are current; exit 1 if not.
  generate --bless Rewrites the golden files; review the diff.
  update-spec PATH The drop-in workflow: diff spec/openapi.yaml against PATH, replace it,
                   regenerate and `cargo check`; report the change to the crate's public
                   API with a version suggestion, and `conform` the new spec. A failed
                   check restores the old spec.
  build-cost [--spec PATH] [--features LIST] [--rounds N] [--dir DIR]
                   What the crate costs a user at build time: a hello-world on it with
                   its default features (generating the client; with --features, those
                   instead), one on its fast path (default-features = false, rustls:
                   the committed client) and one on async-openai (chat, completions,
                   embeddings, images, audio, files, fine-tuning, models, batch;
                   rustls), clean debug builds, one after the other, N rounds (default
                   3); CPU and wall medians, ratios, and the generator's run time.
  help             Print this message.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("help" | "--help" | "-h") => {
            print!("{HELP}");
            Ok(0)
        }
        Some("diff") => diff::command(&args[1..]),
        Some("build-cost") => build_cost::command(&args[1..]),
        Some("conform") => conform::command(&args[1..]),
        Some("generate") => codegen::command(&args[1..]),
        Some("update-spec") => update::command(&args[1..]),
        Some(other) => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
