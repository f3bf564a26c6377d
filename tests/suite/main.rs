//! The integration tests, one binary: one module per area, and `support`
//! for what they share. The code generator's tests are in `codegen/tests`.
//!
//! Run one area with a filter: `cargo test --test suite -- retries::`.

// These build their requests from JSON, or use operations only some specs
// have (gated on them), so they compile whatever spec the client is
// generated from (`TOGETHERAI_SPEC`).
mod accumulate;
mod build_paths;
mod policy;
mod recordings;
mod sessions;
mod uploads;

// The rest is tied to the types of the bundled spec (`spec/openapi.yaml`).
// CI also builds the suite with each upstream spec, for the two above;
// build.rs then sets `togetherai_other_spec`, which leaves these out.
#[cfg(not(togetherai_other_spec))]
mod builders;
#[cfg(not(togetherai_other_spec))]
mod client;
#[cfg(not(togetherai_other_spec))]
mod errors;
#[cfg(not(togetherai_other_spec))]
mod forward_compat;
#[cfg(not(togetherai_other_spec))]
mod mock;
#[cfg(not(togetherai_other_spec))]
mod operations;
#[cfg(not(togetherai_other_spec))]
mod retries;
#[cfg(not(togetherai_other_spec))]
mod secrets;
#[cfg(not(togetherai_other_spec))]
mod streaming;
#[cfg(not(togetherai_other_spec))]
mod support;
#[cfg(not(togetherai_other_spec))]
mod tls;
