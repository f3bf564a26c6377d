//! What the test modules share: one valid call per operation with its
//! sample response, and the capture of `tracing` logs. The fake server is
//! `togetherai_testkit`'s, shared with the benches.

pub mod calls;
pub mod logs;
pub mod requests;
pub mod samples;
