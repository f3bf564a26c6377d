//! `cargo xtask build-cost [--spec PATH] [--rounds N] [--dir DIR]`: what
//! depending on the crate costs a user at build time, side by side with
//! async-openai. Two hello-world binaries, one on this crate (its default
//! features: the committed client of `spec/openapi.yaml`, or with `--spec`
//! the `codegen` feature generating it from that spec), one on
//! async-openai with the features that cover the same ground (chat,
//! completions, embeddings, images, audio, files, fine-tuning, models,
//! batch; rustls), are built in debug from clean target directories, one
//! after the other, alternating, `N` rounds (default 3). The CPU time of
//! each build (user + system, every process cargo starts) and its wall
//! time are printed, then the medians and their ratio.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo xtask build-cost [--spec PATH] [--rounds N] [--dir DIR]";

/// The peer, as a user would depend on it for the same API areas.
const PEER: &str = r#"async-openai = { version = "0.43", default-features = false, features = ["chat-completion", "completions", "embedding", "image", "audio", "file", "finetuning", "model", "batch", "rustls"] }"#;

pub fn command(args: &[String]) -> Result<u8, String> {
    let root = crate::codegen::root();
    let (mut spec, mut rounds, mut dir) = (root.join("spec/openapi.yaml"), 3usize, root.join("target/build-cost"));
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().cloned().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--spec" => spec = PathBuf::from(value()?),
            "--rounds" => rounds = value()?.parse().map_err(|_| format!("--rounds: not a number\n{USAGE}"))?,
            "--dir" => dir = PathBuf::from(value()?),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let spec = spec.canonicalize().map_err(|e| format!("{}: {e}", spec.display()))?;
    // The vendored spec's client is committed; another spec is generated at
    // build time, which takes the `codegen` feature, as it would a user.
    let vendored = spec == root.join(togetherai_codegen::golden::VENDORED).canonicalize().map_err(|e| e.to_string())?;
    let features = if vendored { "" } else { ", features = [\"codegen\"]" };
    let ours = format!("togetherai = {{ path = {:?}{features} }}", root.display().to_string());
    let subjects = [
        Subject::write(&dir, "togetherai", &ours, "let client = togetherai::Client::builder().api_key(\"k\").build().unwrap();\n    println!(\"{}\", client.base_url());")?,
        Subject::write(&dir, "async-openai", PEER, "let client = async_openai::Client::new();\n    let _ = &client;\n    println!(\"built\");")?,
    ];
    // Dependencies downloaded before anything is timed.
    for s in &subjects {
        run(Command::new("cargo").arg("fetch").current_dir(&s.dir))?;
    }
    println!("spec: {}; {rounds} rounds, clean debug builds, alternating", spec.display());
    let mut times: [Vec<(Duration, Duration)>; 2] = [Vec::new(), Vec::new()];
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
            println!(
                "round {round}: {:<12} cpu {:>6.1} s  wall {:>6.1} s",
                s.name,
                cpu.as_secs_f64(),
                wall.as_secs_f64()
            );
            times[i].push((cpu, wall));
        }
    }
    let median = |v: &[(Duration, Duration)], cpu: bool| {
        let mut xs: Vec<f64> = v.iter().map(|(c, w)| if cpu { c } else { w }.as_secs_f64()).collect();
        xs.sort_by(f64::total_cmp);
        xs[xs.len() / 2]
    };
    let (ours_cpu, peer_cpu) = (median(&times[0], true), median(&times[1], true));
    let (ours_wall, peer_wall) = (median(&times[0], false), median(&times[1], false));
    println!(
        "median: togetherai cpu {ours_cpu:.1} s wall {ours_wall:.1} s; async-openai cpu {peer_cpu:.1} s wall {peer_wall:.1} s"
    );
    println!("ratio togetherai / async-openai: cpu {:.2}x, wall {:.2}x", ours_cpu / peer_cpu, ours_wall / peer_wall);
    Ok(0)
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
