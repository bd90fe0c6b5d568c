//! Orchestration of the commands: each is a short list of library steps
//! ([`tuoyu::pipeline`]).

pub mod build;
pub mod check;
pub mod import;
pub mod new;
pub mod schema;
pub mod serve;
