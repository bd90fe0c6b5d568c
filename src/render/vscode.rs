//! The `yaml.schemas` mapping of VS Code's YAML extension (`.vscode/settings.json`), so
//! that the editor completes keys and values of the content files and underlines mistakes.
//!
//! Pure: merges into the text of an existing settings file, keeping every other setting
//! and every other schema's mapping. A file that is not plain JSON (VS Code allows
//! comments) is refused rather than rewritten without them.

use serde_json::{Map, Value};

/// One schema and the content files (globs relative to the repository root) it governs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// Relative to the repository root, `./`-prefixed (`./schemas/filed.schema.json`).
    pub schema: String,
    pub globs: Vec<String>,
}

/// Why the settings file was left alone.
#[derive(Debug)]
pub struct NotJson {
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

/// The new settings text: `existing` (if any) with our schemas' entries of `yaml.schemas`
/// replaced or added.
pub fn merge(existing: Option<&str>, mappings: &[Mapping]) -> Result<String, NotJson> {
    let mut root = match existing.map(str::trim) {
        None | Some("") => Map::new(),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(m)) => m,
            Ok(_) => {
                return Err(NotJson {
                    line: 1,
                    column: 1,
                    reason: "not a JSON object".into(),
                });
            }
            Err(e) => {
                return Err(NotJson {
                    line: e.line(),
                    column: e.column(),
                    reason: e.to_string(),
                });
            }
        },
    };
    let schemas = root
        .entry("yaml.schemas")
        .or_insert_with(|| Value::Object(Map::new()));
    if !schemas.is_object() {
        *schemas = Value::Object(Map::new());
    }
    if let Value::Object(schemas) = schemas {
        for m in mappings {
            let globs = m.globs.iter().map(|g| Value::from(g.as_str())).collect();
            schemas.insert(m.schema.clone(), Value::Array(globs));
        }
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default();
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_other_settings_and_refuses_comments() {
        let m = [Mapping {
            schema: "./schemas/site.schema.json".into(),
            globs: vec!["content/site.yaml".into()],
        }];
        let text = r#"{"editor.tabSize": 2, "yaml.schemas": {"other.json": "x.yaml"}}"#;
        let out: Value = serde_json::from_str(&merge(Some(text), &m).unwrap()).unwrap();
        assert_eq!(out["editor.tabSize"], 2);
        assert_eq!(out["yaml.schemas"]["other.json"], "x.yaml");
        assert_eq!(
            out["yaml.schemas"]["./schemas/site.schema.json"][0],
            "content/site.yaml"
        );
        assert!(merge(Some("{ // comment\n}"), &m).is_err());
    }
}
