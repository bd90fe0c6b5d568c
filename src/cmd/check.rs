//! `tuoyu check`: validate the content and report every problem.

use crate::cli::CheckArgs;

/// Returns whether the content is free of errors (warnings allowed).
pub fn run(args: &CheckArgs) -> anyhow::Result<bool> {
    let (_, diags) = super::load_and_validate(&args.content)?;
    print!("{}", diags.render(args.format));
    if !diags.has_errors() && args.format == tuoyu::diagnostics::Format::Human {
        println!("{}: no errors", args.content.display());
    }
    Ok(!diags.has_errors())
}
