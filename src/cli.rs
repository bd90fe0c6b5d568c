//! Command-line flags (clap). Flags only: the work happens in `cmd`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

use tuoyu::diagnostics::Format;

#[derive(Debug, Parser)]
#[command(
    name = "tuoyu",
    version,
    about = "Builds a public childcare directory (托育机构名录) from YAML records"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Language of messages: zh (default) or en; TUOYU_LANG sets it too.
    #[arg(long, global = true)]
    pub lang: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site: content/ → public/. The old public/ stays untouched unless the build succeeds.
    Build(BuildArgs),
    /// Validate the content only; exit status 1 when there are errors.
    Check(CheckArgs),
    /// Write JSON Schemas of the content files (schemas/) and map them in .vscode/settings.json.
    Schema(SchemaArgs),
    /// Start a new record: content/<folder>/<id>.yaml with every field, commented in Chinese.
    New(NewArgs),
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

/// A record kind as the commands spell it: its content folder.
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
