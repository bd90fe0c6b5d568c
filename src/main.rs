//! The `tuoyu` binary: parse flags, run a command, map the outcome to an exit status.

mod alloc;
mod cli;
mod cmd;

use std::process::ExitCode;

use tuoyu::diagnostics::catalogue::general;
use tuoyu::diagnostics::{Failure, Lang, Text};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let env_lang = std::env::var("TUOYU_LANG").ok();
    let lang = cli::lang_of(&args, env_lang.as_deref());
    let cli = cli::parse(args, lang);
    alloc::tune(cli.command.content(), cli.command.build_out());
    let outcome = match &cli.command {
        cli::Command::Build(args) => cmd::build::run(args, lang),
        cli::Command::Check(args) => cmd::check::run(args, lang),
        cli::Command::Serve(args) => cmd::serve::run(args, lang),
        cli::Command::Import(args) => cmd::import::run(args, lang),
        cli::Command::Schema(args) => cmd::schema::run(args, lang),
        cli::Command::New(args) => cmd::new::run(args, lang),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            let line = Text::new(&general::ERROR_LINE).arg("message", describe(&e, lang));
            eprintln!("{}", line.render(lang));
            ExitCode::from(2)
        }
    }
}

/// A failure and its causes, each in `lang` where it is one of tuoyu's own: "a：b".
fn describe(e: &anyhow::Error, lang: Lang) -> String {
    let sep = general::CAUSE_SEPARATOR.text(lang);
    let parts: Vec<String> = e
        .chain()
        .map(|c| match own_words(c) {
            Some(t) => t.render(lang),
            None => c.to_string(),
        })
        .collect();
    parts.join(sep)
}

fn own_words(e: &(dyn std::error::Error + 'static)) -> Option<Text> {
    if let Some(f) = e.downcast_ref::<Failure>() {
        return Some(f.text.clone());
    }
    if let Some(r) = e.downcast_ref::<tuoyu::output::guard::Refused>() {
        return Some(r.0.clone());
    }
    if let Some(f) = e.downcast_ref::<tuoyu::load::LoadError>() {
        return Some(f.text());
    }
    if let Some(f) = e.downcast_ref::<tuoyu::output::OutputError>() {
        return Some(f.text());
    }
    e.downcast_ref::<tuoyu::render::RenderError>()
        .map(|f| f.text())
}
