//! Reading a built site: every file of a tree, one file as text, the difference between two
//! trees, its HTML pages, and the open-data CSV.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file under `dir`, keyed by its `/`-separated path relative to `dir`.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry"))
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            if e.file_type().expect("file type").is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .expect("under root")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).expect("read file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Read one output file as text.
pub fn text(site: &Path, rel: &str) -> String {
    let p = site.join(rel);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
    String::from_utf8(bytes).unwrap_or_else(|_| panic!("{rel} is not UTF-8"))
}

/// Names of the files that differ between two trees (added, removed or changed).
pub fn tree_diff(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in a {
        match b.get(k) {
            None => out.push(format!("only in first: {k}")),
            Some(w) if w != v => out.push(format!("differs: {k}")),
            _ => {}
        }
    }
    for k in b.keys().filter(|k| !a.contains_key(*k)) {
        out.push(format!("only in second: {k}"));
    }
    out
}

/// Every `.html` file of a built site, relative to its root, in path order.
pub fn html_files(site: &Path) -> Vec<String> {
    read_tree(site)
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// [`html_files`] as full paths.
pub fn html_paths(site: &Path) -> Vec<PathBuf> {
    html_files(site).into_iter().map(|p| site.join(p)).collect()
}

/// The open-data CSV (without its BOM): the header, the rows, and a column by name.
pub struct Csv {
    pub header: Vec<String>,
    pub rows: Vec<csv::StringRecord>,
}

impl Csv {
    pub fn parse(body: &[u8]) -> Csv {
        let mut rdr = csv::Reader::from_reader(body);
        let header = rdr
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        let rows = rdr.records().map(|r| r.expect("row")).collect();
        Csv { header, rows }
    }

    /// The index of the column `name` (panics, naming the columns, if there is none).
    pub fn col(&self, name: &str) -> usize {
        let header = &self.header;
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no `{name}` column in {header:?}"))
    }

    /// The row whose `id` column is `id`.
    pub fn row(&self, id: &str) -> &csv::StringRecord {
        let c = self.col("id");
        self.rows
            .iter()
            .find(|r| &r[c] == id)
            .unwrap_or_else(|| panic!("no row with id {id}"))
    }
}
