//! `tuoyu check`: validate the content and report every problem.

use tuoyu::diagnostics::Format;

use crate::cli::CheckArgs;

/// Returns whether the content is free of errors (warnings allowed).
pub fn run(args: &CheckArgs) -> anyhow::Result<bool> {
    let format = Format::from(args.format);
    let checked = tuoyu::pipeline::check(&args.content)?;
    let diags = &checked.diagnostics;
    print!("{}", diags.render(format));
    if !diags.has_errors() && format == Format::Human {
        println!("{}: no errors", args.content.display());
    }
    Ok(!diags.has_errors())
}
