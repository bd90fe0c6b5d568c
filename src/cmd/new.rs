//! `tuoyu new <kind> <id>`: start a record file with every field, commented in Chinese.

use std::io::Write as _;

use anyhow::Context as _;
use tuoyu::diagnostics::catalogue::schema as msg;
use tuoyu::diagnostics::{Lang, Text};
use tuoyu::load;
use tuoyu::model::Kind;
use tuoyu::model::values::{MAX_SLUG_LEN, is_slug};
use tuoyu::render::schema::DistrictNames;
use tuoyu::render::skeleton;

use crate::cli::NewArgs;

/// Returns false when the id is not usable or the file exists (nothing written).
pub fn run(args: &NewArgs, lang: Lang) -> anyhow::Result<bool> {
    let kind = Kind::from(args.kind);
    if !is_slug(&args.id) || args.id.chars().count() > MAX_SLUG_LEN {
        let t = Text::new(&msg::NEW_BAD_ID)
            .arg("id", args.id.as_str())
            .arg("max", MAX_SLUG_LEN);
        eprintln!("{}", t.render(lang));
        return Ok(false);
    }
    let files = load::scan(&args.content)?;
    let districts = match &files.districts {
        Some(f) => load::read_yaml(&files, f)?
            .ok()
            .map(|doc| DistrictNames::from_yaml(&doc.root))
            .unwrap_or_default(),
        None => DistrictNames::default(),
    };
    let text = skeleton::record(kind, &args.id, &districts);
    let dir = args.content.join(kind.folder());
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(format!("{}.yaml", args.id));
    // create_new: never overwrite, even if the file appears between a check and the write.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let t = Text::new(&msg::NEW_EXISTS).arg("path", path.display().to_string());
            eprintln!("{}", t.render(lang));
            return Ok(false);
        }
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
    };
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    let t = Text::new(&msg::NEW_WRITTEN).arg("path", path.display().to_string());
    eprintln!("{}", t.render(lang));
    Ok(true)
}
