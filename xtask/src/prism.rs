//! Prism (`@stoplight/prism-cli`), the conformance referee: installed with
//! npm into `.ci/node_modules` (git-ignored) on first use, and mock servers
//! on 127.0.0.1, each ended when dropped.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The Prism release the checks are written against.
pub const VERSION: &str = "5.16.0";
/// How long a server may take to answer its first request.
const START_TIMEOUT: Duration = Duration::from_secs(90);

/// The `prism` executable, installed when it is missing or another version.
pub fn install(root: &Path) -> Result<PathBuf, String> {
    let prism = root.join(".ci/node_modules/.bin/prism");
    if version(&prism).as_deref() == Some(VERSION) {
        return Ok(prism);
    }
    let npm_found = Command::new("npm").arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success());
    if !npm_found {
        return Err(format!(
            "Prism is not installed and npm is not available: install Node.js with npm, \
             or install @stoplight/prism-cli@{VERSION} into {}",
            root.join(".ci").display()
        ));
    }
    eprintln!("installing @stoplight/prism-cli@{VERSION} into .ci/node_modules");
    let started = Instant::now();
    let status = Command::new("npm")
        .args(["install", "--prefix", ".ci", "--no-save", "--no-package-lock", "--no-audit", "--no-fund"])
        .args(["--loglevel=error", &format!("@stoplight/prism-cli@{VERSION}")])
        // The scarf package in Prism's tree would report the install.
        .env("SCARF_ANALYTICS", "false")
        .current_dir(root)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run npm: {e}"))?;
    if !status.success() {
        return Err(format!("npm install @stoplight/prism-cli@{VERSION} failed ({status})"));
    }
    match version(&prism) {
        Some(v) if v == VERSION => {
            eprintln!("prism {v} installed in {:.0} s", started.elapsed().as_secs_f64());
            Ok(prism)
        }
        other => Err(format!("the installed prism reports version {other:?}, not {VERSION}")),
    }
}

fn version(prism: &Path) -> Option<String> {
    let out = Command::new(prism).arg("--version").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// A `prism mock` server on a free loopback port; stopped on drop.
pub struct Server {
    child: Child,
    pub url: String,
    pub log: PathBuf,
}

impl Server {
    /// `prism mock SPEC` (with `--dynamic`: random schema-valid answers),
    /// once it answers HTTP; its output goes to `target/prism/`.
    pub fn start(root: &Path, prism: &Path, spec: &Path, dynamic: bool) -> Result<Server, String> {
        let port = free_port()?;
        let dir = root.join("target/prism");
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let mode = if dynamic { "dynamic" } else { "static" };
        let log = dir.join(format!("{mode}-{port}.log"));
        let out = std::fs::File::create(&log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let mut command = Command::new(prism);
        command.args(["mock", "-h", "127.0.0.1", "-p", &port.to_string()]);
        if dynamic {
            command.arg("--dynamic");
        }
        command.arg(spec).stdin(Stdio::null()).stdout(out).stderr(err);
        // Its own process group, so that stopping it ends what it started.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command.spawn().map_err(|e| format!("cannot start {}: {e}", prism.display()))?;
        let mut server = Server { child, url: format!("http://127.0.0.1:{port}"), log };
        let started = Instant::now();
        loop {
            if answers(port) {
                return Ok(server);
            }
            let log = std::fs::read_to_string(&server.log).unwrap_or_default();
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!("prism mock exited ({status}) before answering, on {}:\n{log}", spec.display()));
            }
            if started.elapsed() > START_TIMEOUT {
                return Err(format!("prism mock did not answer within {START_TIMEOUT:?}:\n{log}"));
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // SIGTERM to its process group, by the system call: procps-ng 4.0's
        // `kill -TERM -PGID` signals every process the user may (the whole
        // session and the shell that started CI), not the group.
        #[cfg(unix)]
        if let Ok(group) = i32::try_from(self.child.id()) {
            // SAFETY: kill(2) with a negative pid only sends a signal; `group`
            // is the group this child leads (`process_group(0)` above).
            unsafe { libc::kill(-group, libc::SIGTERM) };
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port on 127.0.0.1: {e}"))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// Whether something answers HTTP on the port (any status).
fn answers(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream.write_all(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").is_err() {
        return false;
    }
    let mut start = [0u8; 5];
    stream.read_exact(&mut start).is_ok() && &start == b"HTTP/"
}
