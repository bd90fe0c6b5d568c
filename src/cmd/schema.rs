//! `tuoyu schema`: JSON Schemas of every content file into `schemas/` (beside the content
//! folder), and their mapping into `.vscode/settings.json` of the repository root.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use tuoyu::diagnostics::catalogue::schema as msg;
use tuoyu::diagnostics::{Lang, Text};
use tuoyu::load;
use tuoyu::model::Kind;
use tuoyu::render::schema::{self, DistrictNames};
use tuoyu::render::vscode::{self, Mapping};

use crate::cli::SchemaArgs;

/// Returns false when the VS Code settings could not be merged (the schemas are written).
pub fn run(args: &SchemaArgs, lang: Lang) -> anyhow::Result<bool> {
    let root = beside(&args.content);
    let out = args.out.clone().unwrap_or_else(|| root.join("schemas"));
    let districts = read_districts(&args.content)?.unwrap_or_else(|| {
        eprintln!("{}", Text::new(&msg::SCHEMA_NO_DISTRICTS).render(lang));
        DistrictNames::default()
    });
    let files = schema::schemas(&districts);
    std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    for f in &files {
        let path = out.join(&f.path);
        std::fs::write(&path, &f.bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let t = Text::new(&msg::SCHEMAS_WRITTEN)
        .arg("n", files.len())
        .arg("folder", out.display().to_string());
    eprintln!("{}", t.render(lang));
    if args.no_vscode {
        return Ok(true);
    }
    let mappings = mappings(&root, &out, &args.content);
    write_settings(&root.join(".vscode").join("settings.json"), &mappings, lang)
}

/// The folder holding the content folder (the repository root), `.` for `content`.
fn beside(content: &Path) -> PathBuf {
    content
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// The districts' names, or `None` when districts.yaml is missing or not YAML.
fn read_districts(content: &Path) -> anyhow::Result<Option<DistrictNames>> {
    let files = load::scan(content)?;
    let Some(f) = &files.districts else {
        return Ok(None);
    };
    Ok(load::read_yaml(&files, f)?
        .ok()
        .map(|doc| DistrictNames::from_yaml(&doc.root)))
}

/// Which schema governs which files, as paths relative to the repository root.
fn mappings(root: &Path, out: &Path, content: &Path) -> Vec<Mapping> {
    let rel = |p: &Path| -> String {
        let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        match abs(p).strip_prefix(abs(root)) {
            Ok(r) => r.to_string_lossy().replace('\\', "/"),
            Err(_) => abs(p).to_string_lossy().replace('\\', "/"),
        }
    };
    let (out, content) = (rel(out), rel(content));
    let join = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_string()
        } else {
            format!("{a}/{b}")
        }
    };
    let schema = |stem: &str| {
        let p = join(&out, &schema::file_name(stem));
        if p.starts_with('/') {
            p
        } else {
            format!("./{p}")
        }
    };
    let mut list = vec![
        Mapping {
            schema: schema("site"),
            globs: vec![join(&content, "site.yaml")],
        },
        Mapping {
            schema: schema("districts"),
            globs: vec![join(&content, "districts.yaml")],
        },
    ];
    for kind in Kind::ALL {
        let folder = join(&content, kind.folder());
        list.push(Mapping {
            schema: schema(kind.folder()),
            globs: vec![format!("{folder}/**/*.yaml"), format!("{folder}/**/*.yml")],
        });
    }
    list
}

fn write_settings(path: &Path, mappings: &[Mapping], lang: Lang) -> anyhow::Result<bool> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    match vscode::merge(existing.as_deref(), mappings) {
        Ok(text) => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let t = Text::new(&msg::VSCODE_WRITTEN).arg("path", path.display().to_string());
            eprintln!("{}", t.render(lang));
            Ok(true)
        }
        Err(e) => {
            let snippet = vscode::merge(None, mappings).unwrap_or_default();
            let t = Text::new(&msg::VSCODE_NOT_JSON)
                .arg("path", path.display().to_string())
                .arg("line", e.line)
                .arg("column", e.column)
                .arg("reason", e.reason)
                .arg("snippet", snippet);
            eprintln!("{}", t.render(lang));
            Ok(false)
        }
    }
}
