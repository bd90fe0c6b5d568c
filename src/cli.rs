//! Command-line flags (clap). Flags only: the work happens in `cmd`.
//!
//! The flags are declared with clap's derive; their help texts come from the message
//! catalogue in the language chosen before parsing ([`parse`]), so `tuoyu --help` is
//! Chinese unless `--lang en` or `TUOYU_LANG=en`. The doc comments below are for readers
//! of this code only.

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;

use tuoyu::diagnostics::catalogue::{Msg, cli as msg, general, import as import_msg};
use tuoyu::diagnostics::catalogue::{history as history_msg, schema as schema_msg};
use tuoyu::diagnostics::{Format, Lang, Text};

#[derive(Debug, Parser)]
#[command(name = "tuoyu", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Language of messages (help: [`msg::LANG_FLAG`]).
    #[arg(long, global = true)]
    pub lang: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site: content/ → public/. The old public/ stays untouched unless the build succeeds.
    Build(BuildArgs),
    /// Validate the content only; exit status 1 when there are errors.
    Check(CheckArgs),
    /// Preview the site on 127.0.0.1, rebuilt in memory and reloaded on every change.
    Serve(ServeArgs),
    /// Import an official list (.xlsx, .xls, .ods, .csv) into YAML records under content/.
    Import(ImportArgs),
    /// Write JSON Schemas of the content files (schemas/) and map them in .vscode/settings.json.
    Schema(SchemaArgs),
    /// Start a new record: content/<folder>/<id>.yaml with every field, commented in Chinese.
    New(NewArgs),
}

impl Command {
    /// The content folder a command reads whole (build, check, serve).
    pub fn content(&self) -> Option<&std::path::Path> {
        match self {
            Command::Build(a) => Some(&a.content),
            Command::Check(a) => Some(&a.content),
            Command::Serve(a) => Some(&a.content),
            _ => None,
        }
    }

    /// The output folder of a build.
    pub fn build_out(&self) -> Option<&std::path::Path> {
        match self {
            Command::Build(a) => Some(&a.out),
            _ => None,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The content folder (site.yaml, districts.yaml, filed/, demonstration/, sites/, pages/).
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Where the site is written.
    #[arg(long, default_value = "public")]
    pub out: PathBuf,
    /// Override site.yaml's base_url (absolute http(s) address).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Folder holding themes/<name>/ (default: `themes` beside the content folder).
    #[arg(long)]
    pub themes: Option<PathBuf>,
    /// Write HTML as rendered, without minifying.
    #[arg(long)]
    pub no_minify: bool,
    /// Print nothing but problems.
    #[arg(long, short)]
    pub quiet: bool,
    /// Leave out what changed and when (changes.html, feed.xml, 变更记录), even in git.
    #[arg(long)]
    pub no_history: bool,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The content folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Folder holding themes/<name>/ (default: `themes` beside the content folder).
    #[arg(long)]
    pub themes: Option<PathBuf>,
    /// Port to listen on; when taken, the next free one is used.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on (127.0.0.1: only this computer).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// human (snippets), json (one object per line) or github (workflow annotations).
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
}

/// `--format`: how diagnostics are printed (the flag's spelling of [`Format`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Human,
    Json,
    Github,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Which list this is: filed (备案机构), demonstration (示范机构) or sites (托育点).
    #[arg(long, value_enum)]
    pub kind: KindArg,
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// File for new records, inside the content folder (default: <kind folder>/<list's name>.yaml).
    #[arg(long)]
    pub into: Option<PathBuf>,
    /// The sheet to read (default: the first with content).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Show what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows even when some rows have bad cells.
    #[arg(long)]
    pub skip_bad_rows: bool,
    /// The list: .xlsx, .xls, .ods or .csv (UTF-8 or GBK).
    pub file: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Where the schemas are written (default: `schemas` beside the content folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Leave .vscode/settings.json alone.
    #[arg(long)]
    pub no_vscode: bool,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The kind of record: filed (备案机构), demonstration (示范机构) or sites (托育点).
    #[arg(value_enum)]
    pub kind: KindArg,
    /// The institution's id: lower-case ASCII letters, digits and - (e.g. chengyang-sanli).
    pub id: String,
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
}

/// `--kind`: the record kind's folder name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Filed,
    Demonstration,
    Sites,
}

impl From<KindArg> for tuoyu::model::Kind {
    fn from(k: KindArg) -> tuoyu::model::Kind {
        match k {
            KindArg::Filed => tuoyu::model::Kind::Filed,
            KindArg::Demonstration => tuoyu::model::Kind::Demonstration,
            KindArg::Sites => tuoyu::model::Kind::CareSite,
        }
    }
}

/// The language asked for on the command line (`--lang en`, `--lang=en`) or in
/// `TUOYU_LANG`, looked for before parsing so that help and parse errors use it.
pub fn lang_of(args: &[String], env: Option<&str>) -> Lang {
    let mut flag = None;
    for (i, a) in args.iter().enumerate() {
        if let Some(v) = a.strip_prefix("--lang=") {
            flag = Some(v);
        } else if a == "--lang" {
            flag = args.get(i + 1).map(String::as_str);
        }
    }
    Lang::choose(flag, env)
}

/// Parse the command line with help texts in `lang` (exits on `--help` or bad flags).
pub fn parse(args: Vec<String>, lang: Lang) -> Cli {
    let cmd = localise(Cli::command(), lang);
    let parsed = cmd
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    parsed.unwrap_or_else(|e| refuse(e, lang))
}

/// Help and version are printed by clap; a mistake is framed in `lang` around clap's own
/// (English) description of it.
fn refuse(e: clap::Error, lang: Lang) -> ! {
    use clap::error::ErrorKind as K;
    if matches!(
        e.kind(),
        K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let rendered = e.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    let detail = first.strip_prefix("error: ").unwrap_or(first);
    let t = Text::new(&msg::BAD_ARGS).arg("detail", detail);
    let line = Text::new(&general::ERROR_LINE).arg("message", t);
    eprintln!("{}", line.render(lang));
    std::process::exit(2)
}

/// `cmd` with every help text from the catalogue in `lang`.
fn localise(cmd: clap::Command, lang: Lang) -> clap::Command {
    let t = |m: &'static Msg| m.text(lang);
    let cmd = cmd
        .about(t(&msg::ABOUT))
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .long("version")
                .short('V')
                .action(ArgAction::Version)
                .help(t(&msg::VERSION_FLAG)),
        )
        .subcommand_help_heading(t(&msg::COMMANDS_HEADING))
        .mut_arg("lang", |a| a.help(t(&msg::LANG_FLAG)))
        .mut_subcommand("build", |c| {
            c.about(t(&msg::BUILD_ABOUT))
                .mut_arg("content", |a| a.help(t(&msg::CONTENT_FLAG)))
                .mut_arg("out", |a| a.help(t(&msg::OUT_FLAG)))
                .mut_arg("base_url", |a| a.help(t(&msg::BASE_URL_FLAG)))
                .mut_arg("themes", |a| a.help(t(&msg::THEMES_FLAG)))
                .mut_arg("no_minify", |a| a.help(t(&msg::NO_MINIFY_FLAG)))
                .mut_arg("quiet", |a| a.help(t(&msg::QUIET_FLAG)))
                .mut_arg("no_history", |a| a.help(t(&history_msg::NO_HISTORY_FLAG)))
        })
        .mut_subcommand("check", |c| {
            c.about(t(&msg::CHECK_ABOUT))
                .mut_arg("content", |a| a.help(t(&msg::CONTENT_FLAG)))
                .mut_arg("format", |a| a.help(t(&msg::FORMAT_FLAG)))
        })
        .mut_subcommand("import", |c| {
            c.about(t(&import_msg::ABOUT))
                .mut_arg("kind", |a| a.help(t(&import_msg::KIND_FLAG)))
                .mut_arg("content", |a| a.help(t(&msg::CONTENT_FLAG)))
                .mut_arg("into", |a| a.help(t(&import_msg::INTO_FLAG)))
                .mut_arg("sheet", |a| a.help(t(&import_msg::SHEET_FLAG)))
                .mut_arg("dry_run", |a| a.help(t(&import_msg::DRY_RUN_FLAG)))
                .mut_arg("skip_bad_rows", |a| a.help(t(&import_msg::SKIP_BAD_FLAG)))
                .mut_arg("file", |a| a.help(t(&import_msg::FILE_ARG)))
        })
        .mut_subcommand("schema", |c| {
            c.about(t(&schema_msg::SCHEMA_ABOUT))
                .mut_arg("content", |a| a.help(t(&msg::CONTENT_FLAG)))
                .mut_arg("out", |a| a.help(t(&schema_msg::SCHEMA_OUT_FLAG)))
                .mut_arg("no_vscode", |a| a.help(t(&schema_msg::NO_VSCODE_FLAG)))
        })
        .mut_subcommand("new", |c| {
            c.about(t(&schema_msg::NEW_ABOUT))
                .mut_arg("kind", |a| a.help(t(&schema_msg::NEW_KIND_ARG)))
                .mut_arg("id", |a| a.help(t(&schema_msg::NEW_ID_ARG)))
                .mut_arg("content", |a| a.help(t(&msg::CONTENT_FLAG)))
        });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    let mut cmd = headings(cmd, lang);
    for name in names {
        cmd = cmd.mut_subcommand(name, |c| headings(c, lang));
    }
    cmd
}

/// Clap's own words in a command's help: the usage and options headings and `--help`.
fn headings(cmd: clap::Command, lang: Lang) -> clap::Command {
    let t = |m: &'static Msg| m.text(lang);
    let template = format!(
        "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        t(&msg::USAGE_HEADING)
    );
    let options = t(&msg::OPTIONS_HEADING);
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    let mut cmd = cmd.help_template(template).disable_help_flag(true).arg(
        Arg::new("help")
            .long("help")
            .short('h')
            .action(ArgAction::Help)
            .help(t(&msg::HELP_FLAG)),
    );
    for id in ids {
        // Defaults and choices are in the catalogue's help texts, in the reader's language.
        cmd = cmd.mut_arg(id, |a| {
            let takes_values = a.get_action().takes_values();
            a.help_heading(options)
                .hide_default_value(takes_values)
                .hide_possible_values(takes_values)
        });
    }
    cmd.mut_arg("help", |a| a.help_heading(options))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localised_commands_are_consistent_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            localise(Cli::command(), lang).debug_assert();
        }
    }

    #[test]
    fn language_is_found_before_parsing() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            lang_of(&args(&["tuoyu", "--lang", "en", "check"]), None),
            Lang::En
        );
        assert_eq!(
            lang_of(&args(&["tuoyu", "check", "--lang=en"]), None),
            Lang::En
        );
        assert_eq!(lang_of(&args(&["tuoyu", "check"]), Some("en")), Lang::En);
        assert_eq!(lang_of(&args(&["tuoyu", "check"]), None), Lang::Zh);
    }
}
