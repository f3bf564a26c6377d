//! The process's resident memory, for the benches that must run in
//! constant memory.

/// `VmRSS` and `VmHWM` from `/proc/self/status`, in KiB.
pub fn vm_status() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let field = |name: &str| -> u64 {
        let line = status.lines().find(|l| l.starts_with(name)).unwrap();
        line[name.len()..].trim().trim_end_matches("kB").trim().parse().unwrap()
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The peak resident set of each path and of the process so far, in KiB.
/// Each path starts by resetting the kernel's peak (`5` to `clear_refs`) so
/// its own peak can be read; the process peak is the largest seen.
#[derive(Default)]
pub struct PeakMeter {
    process: u64,
    reset: bool,
}

impl PeakMeter {
    pub fn start_path(&mut self) {
        self.process = self.process.max(vm_status().1);
        self.reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    }

    /// The path's own peak (`None` when the reset failed) and the process's.
    pub fn read(&mut self) -> (Option<u64>, u64) {
        let hwm = vm_status().1;
        self.process = self.process.max(hwm);
        (self.reset.then_some(hwm), self.process)
    }
}

pub fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}
