//! A theme: tera templates plus static files. The default theme is built into the
//! binary; a site's own theme, read here from `themes/<name>/` (templates/*.html,
//! static/*), is laid over it and overrides it by name.

use std::path::Path;

use super::LoadError;
use crate::diagnostics::Text;
use crate::diagnostics::catalogue::load as msg;

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
}

/// The default theme with `themes_dir/<name>` laid over it. `default` with no folder on
/// disk is just the built-in theme; any other missing name is an error.
pub fn load(themes_dir: &Path, name: &str) -> Result<Theme, LoadError> {
    let base = Theme::builtin();
    let dir = themes_dir.join(name);
    if !dir.is_dir() {
        if name == "default" {
            return Ok(base);
        }
        return Err(LoadError {
            path: dir,
            reason: Text::new(&msg::THEME_NOT_FOUND).arg("name", name),
        });
    }
    let templates = read_dir(&dir.join("templates"))?
        .into_iter()
        .filter(|(n, _)| n.ends_with(".html"))
        .map(|(n, b)| (n, String::from_utf8_lossy(&b).into_owned()))
        .collect();
    let statics = read_dir(&dir.join("static"))?
        .into_iter()
        .map(|(n, b)| (format!("assets/{n}"), b))
        .collect();
    Ok(base.overlay(templates, statics))
}

fn read_dir(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, LoadError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let rd = std::fs::read_dir(dir).map_err(|source| LoadError::io(dir, &source))?;
    for entry in rd {
        let entry = entry.map_err(|source| LoadError::io(dir, &source))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !entry.path().is_file() {
            continue;
        }
        let bytes =
            std::fs::read(entry.path()).map_err(|source| LoadError::io(&entry.path(), &source))?;
        out.push((name, bytes));
    }
    out.sort();
    Ok(out)
}
