//! The message catalogue: every sentence tuoyu says to a person, in Chinese (the default)
//! and English, in one place.
//!
//! A message is defined once with [`messages!`](crate::messages), both languages side by side, placeholders
//! written `{name}`. Code builds a [`Text`] (a message and its arguments) and the language is
//! chosen only when it is printed, so validation never needs to know it. A test checks that
//! every message has both languages with the same placeholders.
//!
//! Areas keep their messages in their own file here (`load`, `model`, `cli`, …); together
//! they are the catalogue.

use std::fmt;

/// The language of what tuoyu prints: Chinese unless `--lang en` or `TUOYU_LANG=en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `zh`/`zh-CN`/`中文` → Chinese, `en`/`en-US`/`english` → English.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") || s == "中文" {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The flag if given, else `TUOYU_LANG`, else Chinese.
    pub fn choose(flag: Option<&str>, env: Option<&str>) -> Lang {
        flag.or(env).and_then(Lang::parse).unwrap_or_default()
    }
}

/// One message of the catalogue.
#[derive(Debug, PartialEq, Eq)]
pub struct Msg {
    /// Stable identifier, also printed by the machine formats (`code`).
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Msg {
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// A value put into a placeholder: plain text (a key, a file name, a number) or another
/// message, itself translated.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Arg {
    Plain(String),
    Text(Box<Text>),
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Plain(s)
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Plain(s.to_string())
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Plain(s.clone())
    }
}
impl From<&'static Msg> for Arg {
    fn from(m: &'static Msg) -> Arg {
        Arg::Text(Box::new(Text::new(m)))
    }
}
impl From<Text> for Arg {
    fn from(t: Text) -> Arg {
        Arg::Text(Box::new(t))
    }
}
macro_rules! arg_from_display {
    ($($t:ty),*) => { $(impl From<$t> for Arg { fn from(v: $t) -> Arg { Arg::Plain(v.to_string()) } })* };
}
arg_from_display!(u8, u32, u64, usize, i32, i64, f64, char);

/// A message with its arguments, ready to print in either language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Text {
    /// The message, or `None` for text that is already final (a parser's own words).
    msg: Option<&'static str>,
    args: Vec<(&'static str, Arg)>,
}

impl Text {
    pub fn new(msg: &'static Msg) -> Text {
        Text {
            msg: Some(msg.key),
            args: Vec::new(),
        }
    }
    /// Fill a placeholder.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Text {
        self.args.push((name, value.into()));
        self
    }
    /// Text that is not from the catalogue and is printed as is in every language.
    pub fn verbatim(s: impl Into<String>) -> Text {
        Text {
            msg: None,
            args: vec![("", Arg::Plain(s.into()))],
        }
    }
    /// The catalogue key, if this is a catalogue message.
    pub fn key(&self) -> Option<&'static str> {
        self.msg
    }
    /// The text in `lang`, placeholders filled.
    pub fn render(&self, lang: Lang) -> String {
        let Some(key) = self.msg else {
            return self.args.iter().map(|(_, a)| plain(a, lang)).collect();
        };
        let template = lookup(key).map(|m| m.text(lang)).unwrap_or(key);
        fill(template, &self.args, lang)
    }
}

impl From<&'static Msg> for Text {
    fn from(m: &'static Msg) -> Text {
        Text::new(m)
    }
}

impl fmt::Display for Text {
    /// Chinese, the default language.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.render(Lang::Zh))
    }
}

fn plain(a: &Arg, lang: Lang) -> String {
    match a {
        Arg::Plain(s) => s.clone(),
        Arg::Text(t) => t.render(lang),
    }
}

/// Replace each `{name}` by its argument; `{{` and `}}` stand for braces.
fn fill(template: &str, args: &[(&'static str, Arg)], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        match (tail.starts_with('{'), tail.find('}')) {
            (true, Some(end)) => {
                let name = &tail[1..end];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, a)) => out.push_str(&plain(a, lang)),
                    None => out.push_str(&tail[..=end]),
                }
                rest = &tail[end + 1..];
            }
            _ => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders of a template, in order (for the catalogue's own test).
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            rest = after;
            continue;
        }
        match tail.find('}') {
            Some(end) => {
                out.push(&tail[1..end]);
                rest = &tail[end + 1..];
            }
            None => break,
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Define messages: `NAME = "key" { zh: "…", en: "…" }`. Each becomes a `pub static`
/// [`Msg`], listed in the area's `ALL` for lookup and tests.
#[macro_export]
macro_rules! messages {
    ($($(#[$m:meta])* $name:ident = $key:literal { zh: $zh:literal, en: $en:literal $(,)? })*) => {
        $($(#[$m])* pub static $name: $crate::diagnostics::catalogue::Msg =
            $crate::diagnostics::catalogue::Msg { key: $key, zh: $zh, en: $en };)*
        /// Every message of this area.
        pub static ALL: &[&$crate::diagnostics::catalogue::Msg] = &[$(&$name),*];
    };
}

pub mod cli;
pub mod contract;
pub mod general;
pub mod history;
pub mod import;
pub mod load;
pub mod model;
pub mod output;
pub mod schema;
pub mod serve;

/// Every area's messages.
pub fn areas() -> &'static [&'static [&'static Msg]] {
    AREAS
}

/// One line per area, so that adding one does not touch the others.
static AREAS: &[&[&Msg]] = &[
    general::ALL,
    load::ALL,
    model::ALL,
    output::ALL,
    contract::ALL,
    cli::ALL,
    serve::ALL,
    import::ALL,
    history::ALL,
    schema::ALL,
];

/// The message with this key.
pub fn lookup(key: &str) -> Option<&'static Msg> {
    areas()
        .iter()
        .flat_map(|a| a.iter())
        .find(|m| m.key == key)
        .copied()
}

#[cfg(test)]
mod tests;
