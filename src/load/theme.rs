//! Read a site's own theme from `themes/<name>/` (templates/*.html, static/*), to be
//! laid over the built-in default theme.

use std::path::Path;

use super::LoadError;
use crate::diagnostics::Text;
use crate::diagnostics::catalogue::load as msg;
use crate::render::Theme;

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
