//! The integration tests of tuoyu, as one test binary (one link of the crate, one build of the
//! helpers): `cargo test` runs the fast ones and lists the tests that need a browser or Java
//! as ignored; `cargo test -- --include-ignored` runs everything (what `.ci/run` does).
//!
//! Fixture sites are under tests/fixtures/ (one folder per validation rule under
//! tests/fixtures/check/); snapshots beside the modules that take them.

mod common;
mod harness;

mod accessibility;
mod bad_input_scale;
mod browser;
mod browser_search;
mod build_cli;
mod build_output;
mod check;
mod ci_templates;
mod citizens;
mod contract;
mod fuzz_regressions;
mod history;
mod html_validity;
mod import;
mod incremental;
mod incremental_caches;
mod near_me;
mod not_found;
mod output_guard;
mod pages;
mod pagination;
mod phone_ux;
mod schema;
mod search_js;
mod search_scale;
mod serve;
mod stable_search_files;
mod streamed_output;
mod theme;
mod xss;
