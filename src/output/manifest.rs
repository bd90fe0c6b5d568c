//! The list of files in the output folder's mark: what tuoyu wrote, so that a later build
//! knows which files it may replace or delete and which were put there by someone else.
//!
//! A content-named file (`search/d0.1a2b3c4d.js`, its name carrying the hash of its own
//! bytes) is listed by its pattern, `search/d0.*.js`: an edit that renames it leaves the
//! mark as it was, so an upload of the changed files does not carry the mark as well
//! (issue #9: one edit changes only the files that show it). Such a name is tuoyu's alone
//! — eight lowercase hexadecimal digits between the stem and the extension — and a file of
//! that pattern that the new build did not write is a previous build's.

use std::collections::HashSet;
use std::path::Path;

use super::guard;

/// Stands for the hash in a listed pattern.
const HASH: &str = "*";
const HASH_LEN: usize = 8;

/// How `rel` is listed: itself, or its pattern when its name is content-named.
pub fn entry(rel: &str) -> std::borrow::Cow<'_, str> {
    match hashed(rel) {
        Some((stem, ext)) => format!("{stem}.{HASH}.{ext}").into(),
        None => rel.into(),
    }
}

/// `dir/stem.<8 hex>.ext` → (`dir/stem`, `ext`).
fn hashed(rel: &str) -> Option<(&str, &str)> {
    let (rest, ext) = rel.rsplit_once('.')?;
    let (stem, hash) = rest.rsplit_once('.')?;
    let name_start = stem.rfind('/').map_or(0, |i| i + 1);
    let ok = hash.len() == HASH_LEN
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && stem.len() > name_start
        && !ext.is_empty()
        && !ext.contains('/');
    ok.then_some((stem, ext))
}

fn is_pattern(e: &str) -> bool {
    e.contains(".*.") && hashed(&e.replacen(HASH, "00000000", 1)).is_some()
}

/// The mark file's text for these files (sorted and without repeats, so that two builds of
/// the same content give the same bytes).
pub fn text(files: &[String]) -> String {
    let mut entries: Vec<std::borrow::Cow<str>> = files.iter().map(|f| entry(f)).collect();
    entries.sort_unstable();
    entries.dedup();
    let mut text = String::from(guard::MARK_TEXT);
    text.push_str(guard::MANIFEST_HEADER);
    for e in &entries {
        text.push_str(e);
        text.push('\n');
    }
    text
}

/// Whether `old_mark` is the very text [`text`] makes of `files`, without making it (its
/// sort of ~96,000 paths was most of a rebuild's commit): the header and entries in
/// strictly increasing order that [`text`] writes, and, `old` being its entries, the same
/// entries as `files` give.
pub fn same_text(old_mark: &str, old: &Entries, files: &[String]) -> bool {
    let head = [guard::MARK_TEXT, guard::MANIFEST_HEADER];
    let Some(list) = head
        .iter()
        .try_fold(old_mark, |rest, h| rest.strip_prefix(h))
    else {
        return false;
    };
    let lines: Vec<&str> = list.split_terminator('\n').collect();
    let written = (list.is_empty() || list.ends_with('\n')) && !lines.contains(&"");
    let sorted = lines.windows(2).all(|w| w[0] < w[1]);
    if !(written && sorted && lines.len() == old.len()) {
        return false;
    }
    let mut new: HashSet<std::borrow::Cow<str>, rustc_hash::FxBuildHasher> =
        HashSet::with_capacity_and_hasher(old.len(), Default::default());
    for f in files {
        let e = entry(f);
        if !old.contains(e.as_ref()) {
            return false;
        }
        new.insert(e);
    }
    new.len() == old.len()
}

/// The entries a mark lists (none for marks of versions that listed no files).
pub fn entries(mark: &str) -> Entries<'_> {
    let Some((_, list)) = mark.split_once(guard::MANIFEST_HEADER) else {
        return Entries::default();
    };
    // Sized at once: grown line by line, the set was rehashed over and over.
    let lines = list.bytes().filter(|b| *b == b'\n').count() + 1;
    let mut set = Entries::with_capacity_and_hasher(lines, Default::default());
    set.extend(list.lines());
    set
}

/// The entries of a mark. Fx, not SipHash: a rebuild at 100,000 records looks up ~96,000
/// of tuoyu's own paths in them, twice.
pub type Entries<'m> = HashSet<&'m str, rustc_hash::FxBuildHasher>;

/// Whether `rel` is one of the files the entries list.
pub fn lists(entries: &Entries, rel: &str) -> bool {
    // By name (marks of earlier versions list content-named files by name too) or by pattern.
    entries.contains(rel) || entries.contains(entry(rel).as_ref())
}

/// The files in `target` of the previous build (listed in `old`) that the new build, which
/// wrote `new`, no longer has.
pub fn gone(target: &Path, old: &Entries, new: &Entries) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut dirs: HashSet<&str> = HashSet::new();
    for e in old {
        if is_pattern(e) {
            dirs.insert(e.rsplit_once('/').map_or("", |(d, _)| d));
        } else if !new.contains(e) {
            out.push(e.to_string());
        }
    }
    // Content-named files: look in their folders for names of a listed pattern.
    for dir in dirs {
        let Ok(read) = std::fs::read_dir(target.join(dir)) else {
            continue;
        };
        for f in read.filter_map(|e| e.ok()) {
            let name = f.file_name().to_string_lossy().into_owned();
            let rel = if dir.is_empty() {
                name
            } else {
                format!("{dir}/{name}")
            };
            if hashed(&rel).is_some()
                && old.contains(entry(&rel).as_ref())
                && !new.contains(rel.as_str())
            {
                out.push(rel);
            }
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_named_files_are_listed_by_pattern() {
        assert_eq!(entry("search/d0.1a2b3c4d.js"), "search/d0.*.js");
        assert_eq!(entry("search/py.0a1b2c3d.js"), "search/py.*.js");
        assert_eq!(entry("search/meta.js"), "search/meta.js");
        // Not eight lowercase hex digits, or no stem: listed as they are.
        assert_eq!(entry("search/d0.1A2B3C4D.js"), "search/d0.1A2B3C4D.js");
        assert_eq!(entry("search/d0.1a2b3c4.js"), "search/d0.1a2b3c4.js");
        assert_eq!(entry("search/.1a2b3c4d.js"), "search/.1a2b3c4d.js");
        assert_eq!(entry("institutions/a.b.html"), "institutions/a.b.html");
    }

    #[test]
    fn a_pattern_lists_every_hash_but_not_other_names() {
        let mark = text(&["search/d0.1a2b3c4d.js".into(), "index.html".into()]);
        let listed = entries(&mark);
        assert!(lists(&listed, "search/d0.ffffffff.js"));
        assert!(lists(&listed, "index.html"));
        assert!(!lists(&listed, "search/d1.ffffffff.js"));
        assert!(!lists(&listed, "search/d0.js"));
        assert!(!lists(&listed, "search/d0.notes.js"));
    }

    #[test]
    fn the_text_is_the_same_whatever_the_hashes() {
        let a = text(&[
            "b.html".into(),
            "search/t0.00000001.js".into(),
            "a.html".into(),
        ]);
        let b = text(&[
            "search/t0.abcdef12.js".into(),
            "a.html".into(),
            "b.html".into(),
        ]);
        assert_eq!(a, b);
        assert!(
            a.ends_with("-- files --\na.html\nb.html\nsearch/t0.*.js\n"),
            "{a}"
        );
    }

    #[test]
    fn gone_finds_old_hashed_files_and_keeps_strangers() {
        let dir = tempfile::tempdir().expect("temp dir");
        let search = dir.path().join("search");
        std::fs::create_dir(&search).expect("mkdir");
        for f in [
            "d0.11111111.js",
            "d0.22222222.js",
            "d0.notes.js",
            "x9.33333333.js",
        ] {
            std::fs::write(search.join(f), "x").expect("write");
        }
        let old_mark = text(&[
            "search/d0.11111111.js".into(),
            "old.html".into(),
            "keep.html".into(),
        ]);
        let old = entries(&old_mark);
        let new: Entries = ["search/d0.22222222.js", "keep.html"].into_iter().collect();
        assert_eq!(
            gone(dir.path(), &old, &new),
            vec!["old.html".to_string(), "search/d0.11111111.js".to_string()]
        );
    }

    #[test]
    fn a_mark_is_known_to_be_the_same_text_only_when_it_is() {
        let files = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let now = files(&["b.html", "search/d0.12345678.js", "a.html"]);
        let mark = text(&now);
        let same = |mark: &str, files: &[String]| same_text(mark, &entries(mark), files);
        assert!(same(&mark, &now));
        // A content-named file renamed by an edit is listed by its pattern: the same text.
        assert!(same(
            &mark,
            &files(&["a.html", "search/d0.abcdef01.js", "b.html"])
        ));
        assert_eq!(
            text(&files(&["a.html", "search/d0.abcdef01.js", "b.html"])),
            mark
        );
        assert!(
            !same(&mark, &files(&["a.html", "b.html"])),
            "one file fewer"
        );
        assert!(!same(
            &mark,
            &files(&["a.html", "b.html", "c.html", "search/d0.12345678.js"])
        ));
        assert!(!same(
            &mark,
            &files(&["a.html", "b.html", "search/d1.12345678.js"])
        ));
        // The same entries in another order, or an older header, are another text.
        let unsorted = mark.replace("a.html\nb.html\n", "b.html\na.html\n");
        assert_ne!(unsorted, mark);
        assert!(!same(&unsorted, &now));
        let older = mark.replacen(guard::MARK_TEXT, "written by tuoyu\n", 1);
        assert!(!same(&older, &now));
        assert!(!same(&format!("{mark}\n"), &now), "an empty line");
    }
}
