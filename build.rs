//! Embed the default theme (themes/default/{templates,static}) into the binary, so a
//! content folder anywhere builds without a themes/ folder beside it.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let mut out = String::new();
    for dir in ["templates", "static"] {
        let path = root.join(dir);
        println!("cargo:rerun-if-changed={}", path.display());
        let mut names: Vec<String> = std::fs::read_dir(&path)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter(|e| e.path().is_file())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        let konst = if dir == "templates" {
            "DEFAULT_TEMPLATES"
        } else {
            "DEFAULT_STATIC"
        };
        let _ = writeln!(out, "const {konst}: &[(&str, &[u8])] = &[");
        for n in names.iter().filter(|n| !n.starts_with('.')) {
            println!("cargo:rerun-if-changed={}", path.join(n).display());
            let _ = writeln!(
                out,
                "    ({n:?}, include_bytes!({:?})),",
                path.join(n).display().to_string()
            );
        }
        let _ = writeln!(out, "];");
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()))
        .join("default_theme.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
