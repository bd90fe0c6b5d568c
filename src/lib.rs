//! tuoyu: turns a city's official childcare records (YAML in git) into a static site.
//!
//! The pipeline: [`load`] reads content/ into located YAML nodes, [`model`] validates them
//! into typed institutions and districts, [`render`] turns the model into output files in
//! memory, [`output`] minifies and writes them atomically. [`diagnostics`] collects and
//! prints every content problem. [`pipeline`] runs the steps as library calls; `cmd` (in
//! the binary) orchestrates them per command.

pub mod cache;
pub mod diagnostics;
pub mod history;
pub mod import;
pub mod load;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod timings;
