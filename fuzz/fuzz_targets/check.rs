//! Fuzz target `check`: `tuoyu::pipeline::check` on a whole content folder made from the
//! input, then every diagnostic printed in each format and language (the printer slices
//! source lines by the reported line and column). It must never panic, hang or fail on
//! anything but I/O, and every diagnostic must be located: line and column ≥ 1 and, in a
//! file that is readable text, inside it (lines broken as YAML breaks them).
//!
//! The input is split into files at separator lines `%% PATH`: the text before the first
//! separator is `site.yaml` (when not empty), each separator starts the file at PATH
//! (e.g. `%% districts.yaml`, `%% filed/2021.yaml`, `%% pages/about.md`). PATH is cut to
//! three components of `[A-Za-z0-9._-]` (anything else becomes `_`; `.` and `..` become
//! `_`), so nothing is written outside the temporary folder. Files may be any bytes, so
//! non-UTF-8 (GBK) files are fuzzed too. `scripts/fuzz-seeds.sh` turns each fixture
//! folder into one such input.

#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use tuoyu::diagnostics::{Diagnostic, Format, Lang};

const SEPARATOR: &[u8] = b"%% ";

/// A separator's PATH made safe: relative, at most three plain components.
fn safe_path(raw: &[u8]) -> Option<PathBuf> {
    let text = String::from_utf8_lossy(raw);
    let mut path = PathBuf::new();
    for part in text.trim().split('/').filter(|p| !p.is_empty()).take(3) {
        let clean: String = part
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let clean = if clean == "." || clean == ".." {
            "_".to_string()
        } else {
            clean
        };
        path.push(clean);
    }
    (!path.as_os_str().is_empty()).then_some(path)
}

/// The files an input describes, in order (a later file of the same path wins).
fn files(data: &[u8]) -> Vec<(PathBuf, &[u8])> {
    // (path, body start, body end); the first is the preamble, `site.yaml`.
    let mut parts: Vec<(Option<PathBuf>, usize, usize)> = Vec::new();
    let mut current = Some(PathBuf::from("site.yaml"));
    let mut body_start = 0;
    let mut line_start = 0;
    while line_start < data.len() {
        let line_end = data[line_start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(data.len(), |i| line_start + i);
        if let Some(rest) = data[line_start..line_end].strip_prefix(SEPARATOR) {
            parts.push((current.take(), body_start, line_start));
            current = safe_path(rest);
            body_start = (line_end + 1).min(data.len());
        }
        line_start = line_end + 1;
    }
    parts.push((current, body_start, data.len()));
    parts
        .into_iter()
        .enumerate()
        .filter_map(|(i, (path, start, end))| {
            let body = &data[start..end.max(start)];
            // An empty preamble means "no site.yaml".
            (i > 0 || !body.is_empty()).then_some((path?, body))
        })
        .collect()
}

/// Assert a diagnostic names a place that exists in its file.
fn check_located(d: &Diagnostic) {
    assert!(d.line >= 1 && d.column >= 1, "unlocated: {d:?}");
    let Ok(bytes) = std::fs::read(&d.file) else {
        return;
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let b = text.as_bytes();
    let mut lines = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            lines.push(&text[start..i]);
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    lines.push(&text[start..]);
    let Some(line) = lines.get(d.line as usize - 1) else {
        panic!("line past the file's {} lines: {d:?}", lines.len());
    };
    let chars = line.chars().count();
    assert!(
        d.column as usize <= chars + 1,
        "column past the end of line {} ({chars} characters): {d:?}",
        d.line
    );
}

fn write(root: &Path, rel: &Path, body: &[u8]) {
    let path = root.join(rel);
    // A path that clashes with an earlier file or folder is skipped: that is the
    // harness's input, not tuoyu's.
    if let Some(dir) = path.parent()
        && std::fs::create_dir_all(dir).is_err()
    {
        return;
    }
    let _ = std::fs::write(&path, body);
}

fuzz_target!(|data: &[u8]| {
    let base = Path::new("/dev/shm");
    let tmp = if base.is_dir() {
        tempfile::Builder::new()
            .prefix("tuoyu-fuzz-")
            .tempdir_in(base)
    } else {
        tempfile::Builder::new().prefix("tuoyu-fuzz-").tempdir()
    }
    .unwrap();
    for (rel, body) in files(data) {
        write(tmp.path(), &rel, body);
    }
    let checked = tuoyu::pipeline::check(tmp.path()).unwrap();
    for d in checked.diagnostics.sorted() {
        check_located(d);
    }
    for format in [Format::Human, Format::Json, Format::Github] {
        for lang in [Lang::Zh, Lang::En] {
            let _ = checked.diagnostics.render(format, lang);
        }
    }
});
