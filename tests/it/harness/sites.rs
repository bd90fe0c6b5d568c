//! Sites for the browser tests: build a content folder into a temp dir (served or not) and
//! pick the pages of each type.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::server::Server;
use crate::common;

/// Build any content folder into a temp dir; (dir kept alive, site root).
pub fn build_content(content: &Path) -> (tempfile::TempDir, PathBuf) {
    common::built(&common::repo(), utf8(content), &["--quiet"])
}

/// Build a content folder and serve it on 127.0.0.1 with `base_url` set to the server's
/// address, as a deployed site is (404.html links from base_url).
pub fn build_and_serve(content: &Path) -> (tempfile::TempDir, PathBuf, Server) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    // The server reads files when asked, so it can start before the site exists.
    let server = Server::start(&out);
    let base_url = server.url("");
    let extra = ["--quiet", "--base-url", &base_url];
    let run = common::build(&common::repo(), utf8(content), &out, &extra);
    assert_eq!(
        run.code,
        0,
        "building {} failed:\n{}",
        content.display(),
        run.describe()
    );
    (tmp, out, server)
}

fn utf8(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The representative page of every page type in a built site (paths relative to the root).
pub fn page_types(site: &Path, district: &str, institution: &str, markdown: &str) -> Vec<String> {
    let pages: Vec<String> = [
        "index.html",
        "search.html",
        &format!("districts/{district}.html"),
        &format!("institutions/{institution}.html"),
        "filed.html",
        "demonstration.html",
        "sites.html",
        "stats.html",
        "compare.html",
        &format!("{markdown}.html"),
        "404.html",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for p in &pages {
        assert!(site.join(p).is_file(), "the build wrote no {p}");
    }
    pages
}

/// `institutions/<id>.html` files of a built site, as ids.
pub fn institution_files(site: &Path) -> BTreeSet<String> {
    common::html_files(site)
        .into_iter()
        .filter_map(|p| {
            p.strip_prefix("institutions/")
                .and_then(|r| r.strip_suffix(".html"))
                .map(str::to_string)
        })
        .collect()
}
