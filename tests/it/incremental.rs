//! Incremental builds (`tuoyu build` over its previous output, with the build cache in
//! `.tuoyu-cache/` beside it): after every kind of edit the updated folder holds exactly the
//! bytes of a clean build, only changed files are rewritten, and a missing, corrupt or
//! foreign cache falls back to a clean build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{self, build, copy_dir, read_tree, tree_diff};

/// The shipped Qingdao content and themes, copied so that the test can edit them.
pub(crate) struct Site {
    _tmp: tempfile::TempDir,
    pub(crate) root: PathBuf,
    /// Clean builds go to fresh folders numbered from here.
    clean_builds: usize,
}

impl Site {
    pub(crate) fn new() -> Site {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path().join("site");
        copy_dir(&common::repo().join("content"), &root.join("content"));
        copy_dir(&common::repo().join("themes"), &root.join("themes"));
        Site {
            _tmp: tmp,
            root,
            clean_builds: 0,
        }
    }

    pub(crate) fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    pub(crate) fn build_into(&self, out: &Path) {
        let run = build(&self.root, "content", out, &["--quiet"]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.describe());
    }

    /// Build into a fresh folder (no previous output, no cache) and read it.
    fn clean(&mut self) -> BTreeMap<String, Vec<u8>> {
        self.clean_builds += 1;
        let out = self
            .root
            .join(format!("clean-{}/public", self.clean_builds));
        self.build_into(&out);
        read_tree(&out)
    }

    pub(crate) fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.root.join(rel);
        let text = std::fs::read_to_string(&path).expect("read content file");
        assert!(text.contains(from), "{rel} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write content file");
    }

    pub(crate) fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.root.join(rel), text).expect("write content file");
    }

    /// Rebuild over the previous output and check it against a clean build; the files it
    /// rewrote (by inode and modification time).
    pub(crate) fn rebuild_matches_clean(&mut self, what: &str) -> Vec<String> {
        let before = stamps(&self.out());
        let folder = inode(&self.out());
        self.build_into(&self.out());
        assert_eq!(
            folder,
            inode(&self.out()),
            "{what}: the output folder was replaced, not updated (the cache was not used)"
        );
        let diff = tree_diff(&read_tree(&self.out()), &self.clean());
        assert!(
            diff.is_empty(),
            "{what}: incremental ≠ clean build:\n{diff:#?}"
        );
        let after = stamps(&self.out());
        after
            .iter()
            .filter(|(path, s)| before.get(*path) != Some(*s))
            .map(|(path, _)| path.clone())
            .collect()
    }
}

fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).expect("stat"))
}

/// Every file's inode and modification time.
fn stamps(dir: &Path) -> BTreeMap<String, (u64, std::time::SystemTime)> {
    read_tree(dir)
        .into_keys()
        .map(|rel| {
            let meta = std::fs::metadata(dir.join(&rel)).expect("stat");
            let ino = std::os::unix::fs::MetadataExt::ino(&meta);
            (rel, (ino, meta.modified().expect("mtime")))
        })
        .collect()
}

const ZHANSHAN: &str = "institutions/sample-shinan-zhanshan.html";
const OTHER: &str = "institutions/sample-shinan-jiangsulu.html";

#[test]
fn every_kind_of_edit_gives_the_bytes_of_a_clean_build() {
    let mut site = Site::new();
    let first = site.out();
    site.build_into(&first);
    assert!(
        site.root.join(".tuoyu-cache/public").is_file(),
        "a build leaves its cache beside the output"
    );
    assert!(
        !site.out().join(".tuoyu-cache").exists(),
        "the cache is not published"
    );

    let unchanged = site.rebuild_matches_clean("no edit");
    assert!(
        unchanged.is_empty(),
        "a build of unchanged content rewrote {unchanged:?}"
    );

    site.edit(
        "content/filed/sample.yaml",
        "  capacity: 60\n",
        "  capacity: 61\n",
    );
    let written = site.rebuild_matches_clean("a capacity change");
    assert!(written.iter().any(|p| p == ZHANSHAN), "{written:?}");
    assert!(
        !written.iter().any(|p| p == OTHER),
        "an unrelated page was rewritten: {written:?}"
    );

    site.edit(
        "content/filed/sample.yaml",
        "name: 示例·市南区湛山街道某托育中心",
        "name: 示例·市南区湛山街道某托育园",
    );
    site.rebuild_matches_clean("a rename");

    site.write(
        "content/filed/extra.yaml",
        "id: extra-one\nname: 新增机构\ndistrict: shinan\naddress: 新增路1号\nfiled_on: 2021-06-01\ncapacity: 5\n",
    );
    let written = site.rebuild_matches_clean("a new record");
    assert!(
        written.iter().any(|p| p == "institutions/extra-one.html"),
        "{written:?}"
    );

    site.edit(
        "content/filed/extra.yaml",
        "district: shinan",
        "district: laoshan",
    );
    site.rebuild_matches_clean("a record moved to another district");

    std::fs::remove_file(site.root.join("content/filed/extra.yaml")).expect("remove");
    site.rebuild_matches_clean("a deleted record");
    assert!(!site.out().join("institutions/extra-one.html").exists());

    // What district pages show of their district (its figures, not its records).
    site.edit(
        "content/districts.yaml",
        "population: 486643",
        "population: 486644",
    );
    site.rebuild_matches_clean("a district's population");

    site.edit(
        "content/site.yaml",
        "title: 青岛市托育服务机构名录",
        "title: 青岛托育名录",
    );
    let written = site.rebuild_matches_clean("a site.yaml change");
    assert!(written.iter().any(|p| p == OTHER), "{written:?}");

    site.edit(
        "themes/default/templates/institution.html",
        "aria-label=\"当前位置\"",
        "aria-label=\"您的位置\"",
    );
    let written = site.rebuild_matches_clean("a theme template change");
    assert!(written.iter().any(|p| p == OTHER), "{written:?}");

    // A theme whose institution pages show what changes with every record edit: the
    // district figures.
    site.edit(
        "themes/default/templates/institution.html",
        "<h1 data-read>{{ inst.name }}</h1>",
        "<h1 data-read>{{ inst.name }}</h1>{% for d in districts_menu %}<p>{{ d.places }}</p>{% endfor %}",
    );
    site.rebuild_matches_clean("institution pages that show the district figures");
    site.edit(
        "content/filed/sample.yaml",
        "  capacity: 61\n",
        "  capacity: 63\n",
    );
    let written = site.rebuild_matches_clean("a capacity change shown on every page");
    assert!(written.iter().any(|p| p == OTHER), "{written:?}");
}

#[test]
fn a_file_changed_by_hand_or_a_broken_cache_is_not_trusted() {
    let mut site = Site::new();
    site.build_into(&site.out());
    // A hand-edited page of the same size: only its time and inode tell.
    let page = site.out().join(OTHER);
    let bytes = std::fs::read(&page).expect("read");
    let mut edited = bytes.clone();
    if let Some(b) = edited.iter_mut().rev().find(|b| b.is_ascii_lowercase()) {
        *b = if *b == b'a' { b'b' } else { b'a' };
    }
    std::fs::remove_file(&page).expect("remove");
    std::fs::write(&page, &edited).expect("write");
    site.rebuild_matches_clean("a page edited by hand");

    // A corrupt cache: the next build replaces the folder as a clean build would.
    let cache = site.root.join(".tuoyu-cache/public");
    let text = std::fs::read_to_string(&cache).expect("cache");
    std::fs::write(&cache, text.replacen('\t', " ", 3)).expect("write");
    let folder = inode(&site.out());
    site.build_into(&site.out());
    assert_ne!(folder, inode(&site.out()), "a corrupt cache was used");
    assert!(tree_diff(&read_tree(&site.out()), &site.clean()).is_empty());
    // …and leaves a good cache again.
    site.rebuild_matches_clean("after a corrupt cache");

    // A cache of an output folder other than the one there now (its mark differs).
    let mark = site.out().join(".tuoyu-output");
    let text = std::fs::read_to_string(&mark).expect("mark");
    std::fs::write(&mark, text + "institutions/zzz.html\n").expect("write");
    let folder = inode(&site.out());
    site.build_into(&site.out());
    assert_ne!(
        folder,
        inode(&site.out()),
        "a cache of another folder was used"
    );
}

/// The preview's check (`tuoyu serve`), which parses again only the record files whose bytes
/// changed, gives what a fresh check gives, after edits of records and of what records
/// depend on (districts.yaml), and with errors.
#[test]
fn a_check_reusing_parsed_files_equals_a_fresh_check() {
    use tuoyu::cache::records::RecordMemo;
    use tuoyu::pipeline::{check_on, check_with};
    let site = Site::new();
    let content = site.root.join("content");
    let today = jiff::civil::date(2026, 12, 1);
    let mut memo = RecordMemo::default();
    let compare = |memo: &mut RecordMemo, what: &str| {
        let with = check_with(&content, today, Some(memo)).expect("check");
        let fresh = check_on(&content, today).expect("check");
        // Compared by their Debug text (every field); the texts are long, so not printed.
        let same_site = format!("{:?}", with.site) == format!("{:?}", fresh.site);
        assert!(same_site, "{what}: the site differs from a fresh check's");
        let same_diags = format!("{:?}", with.diagnostics) == format!("{:?}", fresh.diagnostics);
        assert!(
            same_diags,
            "{what}: the diagnostics differ from a fresh check's"
        );
        assert!(
            fresh.site.is_some() || !fresh.diagnostics.is_empty(),
            "{what}"
        );
    };
    compare(&mut memo, "first check");
    assert!(!memo.is_empty(), "the memo keeps the parsed files");
    // The same size, at once: only the bytes tell the edit apart.
    site.edit(
        "content/filed/sample.yaml",
        "  capacity: 60\n",
        "  capacity: 61\n",
    );
    compare(&mut memo, "a capacity change");
    site.edit("content/districts.yaml", "湛山街道", "湛山路街道");
    compare(
        &mut memo,
        "a street renamed in districts.yaml (records now name an unknown street)",
    );
    site.edit("content/districts.yaml", "湛山路街道", "湛山街道");
    site.write("content/filed/broken.yaml", "id: [unclosed\n");
    compare(&mut memo, "a broken file");
    std::fs::remove_file(site.root.join("content/filed/broken.yaml")).expect("remove");
    compare(&mut memo, "the broken file removed");
}

/// A rebuild that fails while rendering (a template error on institution pages only) leaves
/// the previous output exactly as it was, and the next good build still updates in place.
#[test]
fn a_failed_rebuild_leaves_the_output_untouched() {
    let mut site = Site::new();
    site.build_into(&site.out());
    let before = read_tree(&site.out());
    let stamps_before = stamps(&site.out());
    site.edit(
        "content/filed/sample.yaml",
        "  capacity: 60\n",
        "  capacity: 62\n",
    );
    let template = "themes/default/templates/institution.html";
    site.edit(
        template,
        "<h1 data-read>{{ inst.name }}</h1>",
        "<h1 data-read>{{ inst.name | round }}</h1>",
    );
    let run = build(&site.root, "content", &site.out(), &["--quiet"]);
    assert_ne!(
        run.code,
        0,
        "a broken template must fail the build:\n{}",
        run.describe()
    );
    assert!(
        tree_diff(&before, &read_tree(&site.out())).is_empty(),
        "the output changed"
    );
    assert_eq!(
        stamps_before,
        stamps(&site.out()),
        "a file of the output was rewritten"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    site.edit(
        template,
        "<h1 data-read>{{ inst.name | round }}</h1>",
        "<h1 data-read>{{ inst.name }}</h1>",
    );
    site.rebuild_matches_clean("the template fixed");
}

/// The preview builds the search index only when a page asks for one of its files; then
/// it serves every file of the index as `tuoyu build` writes it, and nothing else under
/// `search/`.
#[test]
fn the_preview_serves_the_search_index_it_builds_when_asked() {
    use tuoyu::serve::site::{Sources, rebuild};
    let site = Site::new();
    site.build_into(&site.out());
    let sources = Sources {
        content: site.root.join("content"),
        themes: site.root.join("themes"),
    };
    let built = rebuild(&sources).result.expect("the preview builds");
    let written = read_tree(&site.out());
    let search: Vec<_> = written
        .iter()
        .filter(|(p, _)| p.starts_with("search/"))
        .collect();
    assert!(search.len() > 10, "{} search files", search.len());
    for (path, bytes) in search {
        let served = built
            .get(path)
            .unwrap_or_else(|| panic!("{path} not served"));
        assert!(
            served.expect("renders").as_slice() == bytes.as_slice(),
            "{path}"
        );
    }
    assert!(built.get("search/t0.00000000.js").is_none());
}

/// compare.html's data points to each record's search card by document number. Documents
/// are numbered by district and id, not by name, so a rename that sorts a record first in
/// its district moves no other document: the compare files of the other records are kept
/// (enough records for several files), and so are most of the search index's.
#[test]
fn a_rename_that_sorts_a_record_first_keeps_the_other_compare_files() {
    let mut site = Site::new();
    let many: String = (0..120)
        .map(|k| {
            format!("- id: many-{k:03}\n  name: 崂山区批量托育园{k:03}\n  district: laoshan\n  address: 批量路{k}号\n  filed_on: 2021-06-01\n")
        })
        .collect();
    site.write("content/filed/many.yaml", &many);
    site.build_into(&site.out());
    let files = std::fs::read_dir(site.out().join("compare")).map_or(0, |d| d.count());
    assert!(files > 1, "several compare files: {files}");
    let search = std::fs::read_dir(site.out().join("search")).map_or(0, |d| d.count());
    site.edit(
        "content/filed/many.yaml",
        "name: 崂山区批量托育园119",
        "name: 一号崂山区托育园",
    );
    let written = site.rebuild_matches_clean("a rename that moves a record first in its district");
    let compare: Vec<_> = written
        .iter()
        .filter(|p| p.starts_with("compare/"))
        .collect();
    assert_eq!(
        compare.len(),
        1,
        "only the renamed record's compare file: {compare:?}"
    );
    let remade = written.iter().filter(|p| p.starts_with("search/")).count();
    assert!(
        remade * 2 < search,
        "{remade} of {search} search files written again"
    );
}

#[test]
fn a_spreadsheet_of_many_chunks_rebuilt_after_one_edit_equals_a_clean_one() {
    // 600 records: three chunks of the xlsx sheet (256 rows each), of which the edit
    // touches one; the others are copied from the previous file.
    let mut site = Site::new();
    let many: String = (0..600)
        .map(|k| {
            format!("- id: xlsx-{k:03}\n  name: 城阳区表格托育园{k:03}\n  district: chengyang\n  address: 表格路{k}号\n  capacity: {}\n  filed_on: 2021-06-01\n", 20 + k % 50)
        })
        .collect();
    site.write("content/filed/many.yaml", &many);
    site.build_into(&site.out());
    site.edit(
        "content/filed/many.yaml",
        "name: 城阳区表格托育园300",
        "name: 城阳区表格托育园300（二园）",
    );
    let rewritten = site.rebuild_matches_clean("one record edited among 600");
    assert!(rewritten.contains(&"data/institutions.xlsx".to_string()));
}
