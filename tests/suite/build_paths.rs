//! The build script's two paths, on a copy of the crate as a user gets it
//! (the files `cargo package` would publish), depended on by a small program:
//!
//! - default features (`codegen`) with a spec dropped in as
//!   `spec/openapi.yaml`: the client is that spec's, and an operation only
//!   it has is called against the mock;
//! - the fast path (`default-features = false`, `rustls`) with a changed
//!   spec: the build fails, naming the spec, both SHA-256s and both ways out;
//! - the fast path with the vendored spec: it builds, and nothing is
//!   generated (no generator compiled, the committed client copied).
//!
//! The nested cargo shares this workspace's target directory, so the
//! dependencies it already built are reused.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A spec with one operation the vendored one does not have.
const DROPPED_IN: &str = r#"
openapi: 3.0.3
info: { title: dropped in, version: "1" }
servers: [{ url: "https://api.together.xyz/v1" }]
paths:
  /widgets/{id}/polish:
    post:
      operationId: polishWidget
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      requestBody:
        required: true
        content:
          application/json:
            schema: { type: object, required: [shine], properties: { shine: { type: integer } } }
      responses:
        "200":
          description: The polished widget.
          content:
            application/json:
              schema:
                type: object
                required: [id, shine]
                properties: { id: { type: string }, shine: { type: integer } }
"#;

/// Calls the dropped-in spec's operation against the mock.
const CALLER: &str = r#"
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let server = togetherai::mock::MockServer::start().await.unwrap();
    let widget = server.client().widgets_polish().id("w-1").shine(3).send().await.unwrap();
    println!("polished {} {}", widget.id, widget.shine);
}
"#;

/// Builds a client with the committed code.
const FAST: &str = r#"
fn main() {
    let client = togetherai::Client::builder().api_key("k").build().unwrap();
    println!("{}", client.base_url());
}
"#;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The crate's files a user gets (what `cargo package` would publish), in
/// `dir`, with a manifest of its own: the package, its features and
/// dependencies, path dependencies (the generator, the digest) by their
/// place in this workspace.
fn copy_crate(dir: &Path) {
    let list = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["package", "--list", "--allow-dirty", "--offline", "-p", "togetherai"])
        .current_dir(root())
        .output()
        .expect("cargo runs");
    assert!(list.status.success(), "{}", text(&list.stderr));
    let files = text(&list.stdout);
    for file in files.lines().filter(|f| !f.starts_with("Cargo.toml")) {
        // Files cargo writes into the package (its VCS info) are not in the tree.
        if root().join(file).is_file() {
            copy_file(&root().join(file), &dir.join(file));
        }
    }
    assert!(dir.join("build.rs").is_file() && dir.join("generated/spec.sha256").is_file(), "{files}");
    // Sections a user's copy does not have (the workspace, tests, benches,
    // examples, dev-dependencies) go.
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let mut keep = true;
    let mut out = String::new();
    for line in manifest.lines() {
        if line.starts_with('[') {
            let name = line.trim_matches(|c| c == '[' || c == ']');
            keep = matches!(name, "package" | "features" | "dependencies" | "build-dependencies");
        }
        if !keep {
            continue;
        }
        match line.split_once("path = \"").and_then(|(head, rest)| Some((head, rest.split_once('"')?))) {
            Some((head, (path, tail))) => {
                out.push_str(&format!("{head}path = {:?}{tail}", root().join(path).display().to_string()))
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    std::fs::write(dir.join("Cargo.toml"), out).unwrap();
}

fn copy_file(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
}

/// A scratch directory with a copy of the crate (`togetherai/`) and a
/// program (`user/`) depending on it as `dependency` says, its `main.rs`
/// being `main`.
fn scratch(name: &str, dependency: &str, main: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("build-paths-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    copy_crate(&dir.join("togetherai"));
    let user = dir.join("user");
    std::fs::create_dir_all(user.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"user\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ntogetherai = {{ path = \"../togetherai\"{dependency} }}\n\
         tokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\n\n[workspace]\n"
    );
    std::fs::write(user.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(user.join("src/main.rs"), main).unwrap();
    // The versions this workspace builds with, so nothing is resolved anew.
    std::fs::copy(root().join("Cargo.lock"), user.join("Cargo.lock")).unwrap();
    dir
}

/// `cargo <args>` in `dir`, on this workspace's target directory, offline.
fn cargo(dir: &Path, args: &[&str]) -> Output {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().to_path_buf();
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("TOGETHERAI_SPEC")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn default_features_generate_the_client_of_a_dropped_in_spec() {
    let dir = scratch("codegen", ", features = [\"mock\"]", CALLER);
    std::fs::write(dir.join("togetherai/spec/openapi.yaml"), DROPPED_IN).unwrap();
    let run = cargo(&dir.join("user"), &["run", "--quiet"]);
    let (stdout, stderr) = (text(&run.stdout), text(&run.stderr));
    assert!(run.status.success(), "{stderr}");
    // The mock answers from the dropped-in spec's schema.
    assert!(stdout.starts_with("polished "), "{stdout}");
    // A spec changed again is generated again (the build script reruns on it).
    let renamed = DROPPED_IN.replace("/widgets/{id}/polish", "/widgets/{id}/shine");
    std::fs::write(dir.join("togetherai/spec/openapi.yaml"), renamed).unwrap();
    let check = cargo(&dir.join("user"), &["check", "--quiet"]);
    assert!(!check.status.success());
    let stderr = text(&check.stderr);
    assert!(stderr.contains("no method named `widgets_polish`"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_fast_path_refuses_a_spec_that_is_not_the_committed_clients() {
    let dir = scratch("fast-changed", ", default-features = false, features = [\"rustls\"]", FAST);
    let spec = dir.join("togetherai/spec/openapi.yaml");
    let edited = std::fs::read_to_string(&spec).unwrap() + "# edited\n";
    std::fs::write(&spec, edited).unwrap();
    let check = cargo(&dir.join("user"), &["check", "--quiet"]);
    assert!(!check.status.success());
    let stderr = text(&check.stderr);
    let recorded = std::fs::read_to_string(root().join("generated/spec.sha256")).unwrap();
    let recorded = recorded.split_whitespace().next().unwrap();
    // The edited spec's digest (the digest itself is tested on FIPS 180-4's
    // examples in the generator, and CI checks the record with `sha256sum -c`).
    let actual = stderr.split("its SHA-256 is ").nth(1).map(|rest| &rest[..64.min(rest.len())]).unwrap_or_default();
    assert!(actual.len() == 64 && actual.bytes().all(|b| b.is_ascii_hexdigit()) && actual != recorded, "{stderr}");
    for needle in [
        "spec/openapi.yaml is not the spec the committed client in generated/ was generated from",
        &format!("generated/spec.sha256 records {recorded}"),
        "`codegen` feature",
        "cargo xtask update-spec spec/openapi.yaml",
    ] {
        assert!(stderr.contains(needle), "{needle:?} not in {stderr}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_fast_path_builds_the_vendored_spec_with_nothing_generated() {
    let dir = scratch("fast", ", default-features = false, features = [\"rustls\"]", FAST);
    let build = cargo(&dir.join("user"), &["check", "--message-format=json"]);
    let stdout = text(&build.stdout);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let messages: Vec<Value> = stdout.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let compiled: Vec<&str> = messages
        .iter()
        .filter(|m| m["reason"] == "compiler-artifact")
        .filter_map(|m| m["target"]["name"].as_str())
        .collect();
    assert!(compiled.contains(&"togetherai"), "{compiled:?}");
    for generator in ["togetherai_codegen", "progenitor_impl", "typify_impl", "openapiv3"] {
        assert!(!compiled.contains(&generator), "{generator} was compiled: {compiled:?}");
    }
    // The build script copied the committed client and wrote nothing else.
    let out_dir = messages
        .iter()
        .filter(|m| {
            m["reason"] == "build-script-executed" && m["package_id"].as_str().is_some_and(|p| p.contains("togetherai"))
        })
        .find_map(|m| m["out_dir"].as_str())
        .expect("the crate's build script ran");
    let mut written: Vec<String> =
        std::fs::read_dir(out_dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    written.sort();
    assert_eq!(written, ["generated.rs", "mock_spec.json"]);
    let copied = std::fs::read_to_string(Path::new(out_dir).join("generated.rs")).unwrap();
    assert!(copied == std::fs::read_to_string(root().join("generated/client.rs")).unwrap());
    let _ = std::fs::remove_dir_all(dir);
}
