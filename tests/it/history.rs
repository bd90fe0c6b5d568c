//! What changed and when, from git: a temporary repository whose commits add, change,
//! cancel (status 注销) and remove records → changes.html lists each with its date and
//! fields, feed.xml is Atom with those entries, institution pages have their 变更记录 and
//! the sitemap its `lastmod`. Outside git the build says so and leaves history out.

use std::path::Path;
use std::process::Command;

fn tuoyu(cwd: &Path, args: &[&str]) -> (i32, String) {
    let run = crate::common::tuoyu(cwd, args);
    (run.code, run.stdout + &run.stderr)
}

fn git(dir: &Path, args: &[&str], date: &str) {
    let ok = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=编辑", "-c", "user.email=e@example.org"])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env_remove("GIT_DIR")
        .output()
        .expect("git runs");
    assert!(ok.status.success(), "git {args:?}: {ok:?}");
}

fn commit(dir: &Path, date: &str) {
    git(dir, &["add", "-A"], date);
    git(dir, &["commit", "-q", "-m", date], date);
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

const EXTRA: &str = "id: laixi-extra\nname: 莱西市临时托育点\ndistrict: chengyang\n";

/// A repository whose content folder has four commits of history.
fn repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let content = root.join("content");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid-small");
    crate::common::copy_dir(&fixture, &content);
    git(root, &["init", "-q"], "2024-03-01T10:00:00+08:00");
    commit(root, "2024-03-01T10:00:00+08:00");
    edit(
        &content.join("filed/2021-list.yaml"),
        "capacity: 80",
        "capacity: 90",
    );
    std::fs::write(content.join("sites/extra.yaml"), EXTRA).expect("write");
    commit(root, "2024-04-02T10:00:00+08:00");
    let dongwang = content.join("filed/chengyang-dongwang.yaml");
    let text = std::fs::read_to_string(&dongwang).expect("read");
    std::fs::write(&dongwang, format!("{}\nstatus: 注销\n", text.trim_end())).expect("write");
    commit(root, "2024-05-03T10:00:00+08:00");
    std::fs::remove_file(content.join("sites/extra.yaml")).expect("rm");
    commit(root, "2024-06-04T10:00:00+08:00");
    tmp
}

fn read(site: &Path, file: &str) -> String {
    std::fs::read_to_string(site.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn changes_feed_and_institution_pages_tell_what_changed_and_when() {
    let repo = repository();
    let (code, out) = tuoyu(repo.path(), &["build", "--no-minify"]);
    assert_eq!(code, 0, "{out}");
    let site = repo.path().join("public");

    let changes = read(&site, "changes.html");
    let pos = |s: &str| {
        changes
            .find(s)
            .unwrap_or_else(|| panic!("{s} missing:\n{changes}"))
    };
    // Newest first, grouped by date.
    assert!(pos("2024-06-04") < pos("2024-05-03"));
    assert!(pos("2024-05-03") < pos("2024-04-02"));
    assert!(pos("2024-04-02") < pos("2024-03-01"));
    assert!(pos("移除</span> 托育点：莱西市临时托育点") > pos("2024-06-04"));
    assert!(pos("注销</span> 备案机构：") < pos("2024-04-02"));
    pos("经营状态：（未填写） → 注销");
    pos("托位数：80 → 90");
    // Removed since: no page to link to.
    pos("新增</span> 托育点：莱西市临时托育点");
    pos("新增</span> 备案机构：<a href=\"institutions/chengyang-sanli.html\">");

    let feed = read(&site, "feed.xml");
    let doc = roxmltree::Document::parse(&feed).expect("feed.xml is XML");
    let atom = "http://www.w3.org/2005/Atom";
    let root = doc.root_element();
    assert_eq!(
        (root.tag_name().namespace(), root.tag_name().name()),
        (Some(atom), "feed")
    );
    fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
        let atom = "http://www.w3.org/2005/Atom";
        n.children()
            .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(atom))
    }
    for required in ["id", "title", "updated", "author"] {
        assert!(child(root, required).is_some(), "feed has no {required}");
    }
    let entries: Vec<_> = root
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    let titles: Vec<&str> = entries
        .iter()
        .filter_map(|e| child(*e, "title")?.text())
        .collect();
    assert_eq!(titles[0], "移除：莱西市临时托育点", "{titles:?}");
    assert!(titles[1].starts_with("注销："), "{titles:?}");
    assert!(titles.contains(&"变更：城阳区三利托育中心"), "{titles:?}");
    for e in &entries {
        let link = child(*e, "link")
            .and_then(|l| l.attribute("href"))
            .expect("link");
        assert!(link.starts_with("https://"), "absolute: {link}");
        assert!(child(*e, "id").is_some() && child(*e, "updated").is_some());
    }

    let sanli = read(&site, "institutions/chengyang-sanli.html");
    let section = &sanli[sanli.find("变更记录").expect("变更记录 section")..];
    assert!(
        section.contains("2024-04-02") && section.contains("托位数：80 → 90"),
        "{section}"
    );
    let sitemap = read(&site, "sitemap.xml");
    assert!(
        sitemap.contains("institutions/chengyang-sanli.html</loc><lastmod>2024-04-02</lastmod>"),
        "{sitemap}"
    );
    let json = read(&site, "data/institutions.json");
    assert!(
        json.contains("\"updated\":\"2024-05-03\""),
        "dongwang's change date"
    );

    // A second build reads the cache, and gives the same bytes.
    assert!(repo.path().join(".git/tuoyu-history-cache.bin").is_file());
    let (code, out) = tuoyu(repo.path(), &["build", "--no-minify", "--out", "again"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(read(&repo.path().join("again"), "changes.html"), changes);

    // One more commit: read from the cached commits' tree on, the same as from scratch.
    let list = repo.path().join("content/filed/2021-list.yaml");
    edit(&list, "capacity: 90", "capacity: 100");
    // …and a removal: only the files a new commit touches are read from the cached tree.
    std::fs::remove_file(repo.path().join("content/filed/chengyang-dongwang.yaml")).expect("rm");
    commit(repo.path(), "2024-07-05T10:00:00+08:00");
    let (code, out) = tuoyu(repo.path(), &["build", "--no-minify", "--out", "more"]);
    assert_eq!(code, 0, "{out}");
    let incremental = read(&repo.path().join("more"), "changes.html");
    assert!(incremental.contains("托位数：90 → 100"), "{incremental}");
    assert!(incremental.contains("托位数：80 → 90"), "{incremental}");
    assert_eq!(
        incremental.matches("移除").count(),
        changes.matches("移除").count() + 1,
        "the removed file's record: {incremental}"
    );
    std::fs::remove_file(repo.path().join(".git/tuoyu-history-cache.bin")).expect("rm");
    let (code, out) = tuoyu(repo.path(), &["build", "--no-minify", "--out", "scratch"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        read(&repo.path().join("scratch"), "changes.html"),
        incremental
    );
}

#[test]
fn outside_git_the_build_says_so_and_leaves_history_out() {
    let tmp = tempfile::tempdir().expect("tmp");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid-small");
    crate::common::copy_dir(&fixture, &tmp.path().join("content"));
    let (code, out) = tuoyu(tmp.path(), &["build"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("不在 git 仓库中").count(), 1, "{out}");
    assert!(!tmp.path().join("public/changes.html").exists());
    assert!(!tmp.path().join("public/feed.xml").exists());
}
