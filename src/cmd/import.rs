//! `tuoyu import`: plan the import, print it, write it unless it is a dry run or a row is
//! wrong, then validate the result. The summary line comes last.

use tuoyu::diagnostics::catalogue::import as m;
use tuoyu::diagnostics::{Format, Lang, Text};
use tuoyu::import::{self, ImportError, Options};

use crate::cli::ImportArgs;

/// Returns whether the import went through (or would, for a dry run) and the content
/// checks clean afterwards.
pub fn run(args: &ImportArgs, lang: Lang) -> anyhow::Result<bool> {
    let opts = Options {
        content: args.content.clone(),
        kind: args.kind.into(),
        file: args.file.clone(),
        into: args.into.clone(),
        sheet: args.sheet.clone(),
        skip_bad_rows: args.skip_bad_rows,
        today: jiff::tz::Offset::UTC
            .to_datetime(jiff::Timestamp::now())
            .date(),
    };
    let plan = match import::plan(&opts) {
        Ok(p) => p,
        Err(ImportError::List(t)) => {
            eprintln!("{}", t.render(lang));
            return Ok(false);
        }
        Err(ImportError::Load(e)) => return Err(e.into()),
    };
    for line in plan.report(lang) {
        println!("{line}");
    }
    let ok = if plan.blocked() {
        let t = Text::new(&m::NOTHING_WRITTEN).arg("n", plan.bad.len());
        println!("{}", t.render(lang));
        false
    } else if args.dry_run {
        println!("{}", Text::new(&m::DRY_RUN).render(lang));
        true
    } else {
        write_and_check(&plan, &opts, lang)?
    };
    println!("{}", plan.summary().render(lang));
    Ok(ok)
}

fn write_and_check(plan: &import::Plan, opts: &Options, lang: Lang) -> anyhow::Result<bool> {
    for path in import::apply(plan)? {
        let t = Text::new(&m::WROTE).arg("file", path.display().to_string());
        println!("{}", t.render(lang));
    }
    let checked = tuoyu::pipeline::check(&opts.content)?;
    println!("{}", Text::new(&m::CHECK_AFTER).render(lang));
    print!("{}", checked.diagnostics.render(Format::Human, lang));
    Ok(!checked.diagnostics.has_errors())
}
