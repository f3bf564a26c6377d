//! `cargo xtask build-cost [--spec PATH] [--features LIST] [--rounds N] [--dir DIR]`: what
//! depending on the crate costs a user at build time, side by side with
//! async-openai. Hello-world binaries, one on this crate with its default
//! features (the client generated at build time, from `spec/openapi.yaml`
//! or with `--spec` from that spec), one on its fast path
//! (`default-features = false, features = ["rustls"]`: the committed
//! client, no generator; only for the vendored spec), and one on
//! async-openai with the features that cover the same ground (chat,
//! completions, embeddings, images, audio, files, fine-tuning, models,
//! batch; rustls), are built in debug from clean target directories, one
//! after the other, alternating, `N` rounds (default 3). The CPU time of
//! each build (user + system, every process cargo starts) and its wall
//! time are printed, then the medians and their ratios to async-openai,
//! and how long the build script took to generate the client (its own
//! measure, `OUT_DIR/generate.log`). `--features` builds the first with
//! those features instead of the defaults (`rustls-aws-lc,codegen`), and
//! leaves the fast path out.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo xtask build-cost [--spec PATH] [--features LIST] [--rounds N] [--dir DIR]";

/// The peer, as a user would depend on it for the same API areas.
const PEER_NAME: &str = "async-openai";
const PEER: &str = r#"async-openai = { version = "0.43", default-features = false, features = ["chat-completion", "completions", "embedding", "image", "audio", "file", "finetuning", "model", "batch", "rustls"] }"#;

pub fn command(args: &[String]) -> Result<u8, String> {
    let root = crate::codegen::root();
    let (mut spec, mut rounds, mut dir) = (root.join("spec/openapi.yaml"), 3usize, root.join("target/build-cost"));
    let mut features: Option<String> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().cloned().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--spec" => spec = PathBuf::from(value()?),
            "--rounds" => rounds = value()?.parse().map_err(|_| format!("--rounds: not a number\n{USAGE}"))?,
            "--dir" => dir = PathBuf::from(value()?),
            "--features" => features = Some(value()?),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let spec = spec.canonicalize().map_err(|e| format!("{}: {e}", spec.display()))?;
    // Builds run in each subject's directory: a relative `--dir` would nest.
    let dir = std::path::absolute(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let vendored = spec == root.join(togetherai_codegen::golden::VENDORED).canonicalize().map_err(|e| e.to_string())?;
    let path = format!("{:?}", root.display().to_string());
    let client = "let client = togetherai::Client::builder().api_key(\"k\").build().unwrap();\n    println!(\"{}\", client.base_url());";
    let ours = match &features {
        None => format!("togetherai = {{ path = {path} }}"),
        Some(list) => {
            let list: Vec<String> = list.split(',').map(|f| format!("{:?}", f.trim())).collect();
            format!("togetherai = {{ path = {path}, default-features = false, features = [{}] }}", list.join(", "))
        }
    };
    let mut subjects = vec![Subject::write(&dir, "togetherai", &ours, client)?];
    // The committed client is the vendored spec's only.
    if vendored && features.is_none() {
        let fast = format!("togetherai = {{ path = {path}, default-features = false, features = [\"rustls\"] }}");
        subjects.push(Subject::write(&dir, "togetherai-fast", &fast, client)?);
    }
    let peer = "let client = async_openai::Client::new();\n    let _ = &client;\n    println!(\"built\");";
    subjects.push(Subject::write(&dir, PEER_NAME, PEER, peer)?);
    // Dependencies downloaded before anything is timed.
    for s in &subjects {
        run(Command::new("cargo").arg("fetch").current_dir(&s.dir))?;
    }
    println!("spec: {}; {rounds} rounds, clean debug builds, alternating", spec.display());
    let mut times: Vec<Vec<(Duration, Duration)>> = vec![Vec::new(); subjects.len()];
    let mut generating = Vec::new();
    for round in 1..=rounds {
        for (i, s) in subjects.iter().enumerate() {
            let target = s.dir.join("target");
            let _ = std::fs::remove_dir_all(&target);
            let mut build = Command::new("cargo");
            build.args(["build", "--quiet", "--offline"]).current_dir(&s.dir).env("CARGO_TARGET_DIR", &target);
            // As from a registry: dependencies build without incremental caches
            // (a path dependency, as here, would get them).
            build.env_remove("RUSTFLAGS").env_remove("TOGETHERAI_SPEC").env("CARGO_INCREMENTAL", "0");
            if !vendored {
                build.env("TOGETHERAI_SPEC", &spec);
            }
            let (cpu, wall) = timed(&mut build)?;
            let generated = generation_time(&target);
            if let Some(ms) = generated {
                generating.push(ms);
            }
            println!(
                "round {round}: {:<15} cpu {:>6.1} s  wall {:>6.1} s{}",
                s.name,
                cpu.as_secs_f64(),
                wall.as_secs_f64(),
                generated.map(|ms| format!("  (generating the client: {:.1} s)", ms / 1000.0)).unwrap_or_default()
            );
            times[i].push((cpu, wall));
        }
    }
    let median = |mut xs: Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        xs[xs.len() / 2]
    };
    let peer_at = subjects.len() - 1;
    let cpu = |i: usize| median(times[i].iter().map(|t| t.0.as_secs_f64()).collect());
    let wall = |i: usize| median(times[i].iter().map(|t| t.1.as_secs_f64()).collect());
    for (i, s) in subjects.iter().enumerate() {
        println!("median: {:<15} cpu {:>6.1} s  wall {:>6.1} s", s.name, cpu(i), wall(i));
    }
    for (i, s) in subjects.iter().enumerate().take(peer_at) {
        println!(
            "ratio {} / {PEER_NAME}: cpu {:.2}x, wall {:.2}x",
            s.name,
            cpu(i) / cpu(peer_at),
            wall(i) / wall(peer_at)
        );
    }
    if !generating.is_empty() {
        println!("generating the client in the build script: median {:.1} s", median(generating) / 1000.0);
    }
    Ok(0)
}

/// The time the build script took to generate the client, in milliseconds,
/// as it logged it (`OUT_DIR/generate.log`'s first line); `None` when
/// nothing was generated.
fn generation_time(target: &Path) -> Option<f64> {
    let builds = std::fs::read_dir(target.join("debug/build")).ok()?;
    builds
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path().join("out/generate.log")).ok())
        .find_map(|log| log.lines().next()?.strip_prefix("generated in ")?.strip_suffix(" ms")?.parse().ok())
}

/// One hello-world crate.
struct Subject {
    name: &'static str,
    dir: PathBuf,
}

impl Subject {
    fn write(dir: &Path, name: &'static str, dependency: &str, body: &str) -> Result<Subject, String> {
        let dir = dir.join(name);
        let io = |e: std::io::Error| format!("{}: {e}", dir.display());
        std::fs::create_dir_all(dir.join("src")).map_err(io)?;
        let manifest = format!(
            "[package]\nname = \"hello-{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n{dependency}\n\n[workspace]\n"
        );
        std::fs::write(dir.join("Cargo.toml"), manifest).map_err(io)?;
        std::fs::write(dir.join("src/main.rs"), format!("fn main() {{\n    {body}\n}}\n")).map_err(io)?;
        Ok(Subject { name, dir })
    }
}

fn run(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("{command:?}: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("{command:?} failed: {status}"))
}

/// The command's CPU time (user + system of it and every process it waited
/// for) and wall time.
fn timed(command: &mut Command) -> Result<(Duration, Duration), String> {
    let before = children_cpu();
    let started = Instant::now();
    run(command)?;
    Ok((children_cpu().saturating_sub(before), started.elapsed()))
}

#[cfg(unix)]
fn children_cpu() -> Duration {
    // SAFETY: getrusage writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let time = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    time(usage.ru_utime) + time(usage.ru_stime)
}

#[cfg(not(unix))]
fn children_cpu() -> Duration {
    Duration::ZERO
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_hello_world_is_a_workspace_of_its_own_on_its_dependency() {
        let dir = std::env::temp_dir().join(format!("build-cost-test-{}", std::process::id()));
        let s = Subject::write(&dir, "async-openai", PEER, "println!(\"hi\");").unwrap();
        let manifest = std::fs::read_to_string(s.dir.join("Cargo.toml")).unwrap();
        assert!(manifest.contains(PEER) && manifest.trim_end().ends_with("[workspace]"), "{manifest}");
        let main = std::fs::read_to_string(s.dir.join("src/main.rs")).unwrap();
        assert_eq!(main, "fn main() {\n    println!(\"hi\");\n}\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
