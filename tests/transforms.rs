//! Runs the unit tests of the build-time spec normalisation
//! (`build/normalize.rs`), which build.rs compiles into the build script.
#[path = "../build/normalize.rs"]
#[allow(dead_code)]
mod normalize;
