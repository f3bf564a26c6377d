//! What the benches report in; each bench uses part of it.
#![allow(dead_code)]

pub mod memory;

use std::time::Duration;

/// Megabytes (10^6 bytes) per second.
pub fn mb_per_s(bytes: u64, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}
