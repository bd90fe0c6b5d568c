//! `tuoyu check`: validate the content and report every problem.

use tuoyu::diagnostics::catalogue::general;
use tuoyu::diagnostics::{Format, Lang, Text};

use crate::cli::CheckArgs;

/// Returns whether the content is free of errors (warnings allowed).
pub fn run(args: &CheckArgs, lang: Lang) -> anyhow::Result<bool> {
    let format = Format::from(args.format);
    let checked = tuoyu::pipeline::check(&args.content)?;
    let diags = &checked.diagnostics;
    print!("{}", diags.render(format, lang));
    if !diags.has_errors() && format == Format::Human {
        let folder = args.content.display().to_string();
        let t = Text::new(&general::NO_ERRORS).arg("folder", folder);
        println!("{}", t.render(lang));
    }
    Ok(!diags.has_errors())
}
