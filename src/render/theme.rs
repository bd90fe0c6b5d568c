//! A theme: tera templates plus static files. The default theme is built into the
//! binary; a site's own theme (read from disk by `load::theme`) overrides it by name.

use super::RenderError;
use crate::model::Site;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// Templates by name and static files by output path.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: Vec<(String, String)>,
    /// (path in the output, e.g. `assets/style.css`; bytes)
    pub static_files: Vec<(String, Vec<u8>)>,
}

impl Theme {
    /// The default theme built into the binary.
    pub fn builtin() -> Theme {
        Theme {
            templates: DEFAULT_TEMPLATES
                .iter()
                .map(|(n, b)| (n.to_string(), String::from_utf8_lossy(b).into_owned()))
                .collect(),
            static_files: DEFAULT_STATIC
                .iter()
                .map(|(n, b)| (format!("assets/{n}"), b.to_vec()))
                .collect(),
        }
    }

    /// Replace or add templates and static files by name.
    pub fn overlay(
        mut self,
        templates: Vec<(String, String)>,
        static_files: Vec<(String, Vec<u8>)>,
    ) -> Theme {
        for (name, text) in templates {
            match self.templates.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = text,
                None => self.templates.push((name, text)),
            }
        }
        for (name, bytes) in static_files {
            match self.static_files.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = bytes,
                None => self.static_files.push((name, bytes)),
            }
        }
        self.static_files.sort_by(|a, b| a.0.cmp(&b.0));
        self
    }

    /// Compile the templates with autoescaping on for HTML; with `minify`, each template is
    /// minified once here (see [`super::minify`]).
    pub(crate) fn tera(
        &self,
        site: &Site,
        minify: bool,
        search_meta: &str,
    ) -> Result<tera::Tera, RenderError> {
        let mut tera = tera::Tera::new();
        tera.global_context()
            .extend(super::pages::global_context(site));
        tera.global_context().insert("search_meta", search_meta);
        tera.autoescape_on([".html", ".xml"]);
        let sources: Vec<(&str, String)> = self
            .templates
            .iter()
            .map(|(n, t)| {
                (
                    n.as_str(),
                    if minify {
                        super::minify::template(t)
                    } else {
                        t.clone()
                    },
                )
            })
            .collect();
        tera.add_raw_templates(sources.iter().map(|(n, t)| (*n, t.as_str())))
            .map_err(|e| RenderError {
                what: "templates".into(),
                message: error_chain(&e),
            })?;
        Ok(tera)
    }
}

/// A tera error with its causes, which hold the template name and location.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        cur = s.source();
    }
    msg
}
