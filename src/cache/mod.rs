//! What a build leaves beside its output, so that the next build into the same folder
//! renders only the pages whose inputs changed and writes only the files whose bytes
//! changed: `.tuoyu-cache/<output folder name>` next to the output folder (never inside
//! it, so it is not published).
//!
//! For every output file the cache holds the hash of its inputs (institution pages, see
//! [`crate::render::fingerprint`]), the hash of its bytes, and its size, modification time
//! and inode as the build left it. The cache is trusted only when it is whole, written by
//! this very tuoyu binary, and describes the output folder as it is now: the hash of the
//! folder's mark file must match, and a file is taken as unchanged only while its size,
//! time and inode are still the recorded ones (read in one walk of the output as the build
//! starts, beside the load). Anything else (no cache, a corrupt or
//! foreign one, a file touched by hand) means that file, or the whole site, is rendered
//! and compared as in a clean build, so the output is the same bytes either way.

pub mod parsed;
mod produced;
pub mod records;
pub mod rows;
pub mod search;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::output::guard::MARK;
use crate::render::fingerprint::{Fingerprint, of_bytes};

pub use produced::Produced;

/// The first line of a cache file; the format's version is its last word.
const HEADER: &str = "tuoyu build cache 1";

/// One output file as the last build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The hash of the page's inputs, when the page has one.
    pub input: Option<Fingerprint>,
    /// The hash of the file's bytes.
    pub output: Fingerprint,
    pub stamp: Stamp,
}

/// What the file system says about a file: enough to tell that nobody rewrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    pub len: u64,
    pub mtime_ns: u128,
    pub inode: u64,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        Self::of_meta(&std::fs::symlink_metadata(path).ok()?)
    }

    /// The stamp of a file by its metadata (none for a folder or a link).
    pub fn of_meta(meta: &std::fs::Metadata) -> Option<Stamp> {
        if !meta.is_file() {
            return None;
        }
        let mtime_ns = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            len: meta.len(),
            mtime_ns,
            inode,
        })
    }
}

/// The previous build's files, by output path: those still in the output as that build
/// left them (as [`load`] found them).
#[derive(Debug, Default)]
pub struct BuildCache {
    /// Fx, not SipHash: a rebuild looks up every one of its files (~96,000 at 100,000
    /// records) and the paths are tuoyu's own. Each entry's flag is whether the file was
    /// found as recorded; [`load`] keeps only those.
    files: rustc_hash::FxHashMap<String, (Entry, bool)>,
}

impl BuildCache {
    /// The recorded state of `rel`, if the file was as recorded when the cache was loaded.
    pub fn unchanged(&self, rel: &str) -> Option<&Entry> {
        self.files.get(rel).map(|(e, _)| e)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Where the cache of output folder `out` lives.
pub fn path_for(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    parent.join(".tuoyu-cache").join(name)
}

/// The cache of `out`, if there is a trustworthy one (see the module comment), for the
/// folder's mark as it is now (`mark`, its text, read by the caller for its own checks).
/// Hands `see` the output path of every file under `out` (anything but a folder) as its
/// one walk of the output finds it, whether or not there is a cache, but for the files the
/// cache lists: a trusted cache is of the build that wrote that mark, and lists only files
/// that build wrote.
pub fn load(out: &Path, mark: Option<&str>, mut see: impl FnMut(&str)) -> Option<BuildCache> {
    let mut files = mark.and_then(|m| read_entries(out, m));
    // Only files that are still as the build left them count: their stamps read in one
    // walk of the output, each relative to its open folder, beside the rest of the load
    // (a stat by full path for each of 96,000 files, in the middle of the build, was
    // ~0.2 s of CPU of every rebuild at 100,000 records), and checked in place (a second
    // map of every path cost ~0.1 s more).
    walk_files(out, |path, stamp| {
        match files.as_mut().and_then(|f| f.get_mut(path)) {
            Some((e, intact)) => *intact = stamp == Some(e.stamp),
            None => see(path),
        }
    });
    let mut files = files?;
    files.retain(|_, (_, intact)| *intact);
    Some(BuildCache { files })
}

/// The entries of the cache of `out`, whose mark has this text, none yet found intact;
/// `None` when there is no trustworthy cache.
fn read_entries(out: &Path, mark: &str) -> Option<rustc_hash::FxHashMap<String, (Entry, bool)>> {
    let text = std::fs::read_to_string(path_for(out)).ok()?;
    let mut lines = text.lines();
    (lines.next()? == identity()).then_some(())?;
    let recorded = lines.next()?.strip_prefix("mark ")?;
    (recorded == hex(of_bytes(mark.as_bytes()))).then_some(())?;
    let lines: Vec<&str> = lines.collect();
    let mut files =
        rustc_hash::FxHashMap::with_capacity_and_hasher(lines.len(), Default::default());
    for line in lines {
        let (path, entry) = parse_entry(line)?;
        files.insert(path.to_string(), (entry, false));
    }
    Some(files)
}

/// Hand `found` every file under `out` (anything but a folder) by output path
/// (`/`-separated; a name that is not UTF-8 shown lossily, without a stamp) and its stamp
/// (none for a link).
fn walk_files(out: &Path, mut found: impl FnMut(&str, Option<Stamp>)) {
    let mut folders = vec![(out.to_path_buf(), String::new())];
    let mut path = String::new();
    while let Some((dir, rel)) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name();
            path.clear();
            if !rel.is_empty() {
                path.push_str(&rel);
                path.push('/');
            }
            path.push_str(&name.to_string_lossy());
            // `DirEntry::metadata` does not follow a link, as `Stamp::of` does not.
            match e.metadata() {
                Ok(m) if m.is_dir() => folders.push((e.path(), path.clone())),
                Ok(m) if name.to_str().is_some() => found(&path, Stamp::of_meta(&m)),
                _ => found(&path, None),
            }
        }
    }
}

/// Record the files of a build that is now in `out` (read their stamps there). A cache
/// that cannot be written is removed, so that no stale one survives; the build itself
/// stands either way.
pub fn save(out: &Path, produced: &[Produced]) -> std::io::Result<()> {
    let path = path_for(out);
    let written = write(out, &path, produced);
    if written.is_err() {
        let _ = std::fs::remove_file(&path);
    }
    for p in produced.iter().filter(|p| !p.rows().is_empty()) {
        // A list that cannot be written is never used: it names the old file's hash.
        let _ = rows::save(out, p.path(), p.output(), p.rows());
    }
    written
}

/// Cache lines made at once (in parallel) before they are written.
const LINES_AT_ONCE: usize = 16 * 1024;

fn write(out: &Path, path: &Path, produced: &[Produced]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mark = mark_hash(out).ok_or_else(|| std::io::Error::other("no output mark"))?;
    // Each slice's lines into one text (a `format!` per line was half of this step).
    let lines = |slice: &[Produced]| {
        use std::fmt::Write as _;
        let mut text = String::with_capacity(slice.len() * 128);
        for p in slice
            .iter()
            .filter(|p| !p.path().contains(['\t', '\n', '\r']))
        {
            let Some(stamp) = p.stamp().or_else(|| Stamp::of(&out.join(p.path()))) else {
                continue;
            };
            text.push_str(p.path());
            match p.input() {
                Some(h) => write!(text, "\t{h:032x}"),
                None => write!(text, "\t-"),
            }
            .ok();
            let _ = writeln!(
                text,
                "\t{:032x}\t{}\t{}\t{}",
                p.output(),
                stamp.len,
                stamp.mtime_ns,
                stamp.inode
            );
        }
        text
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Written aside and renamed: a cache is whole or absent, never half-written.
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
    write!(w, "{}\nmark {}\n", identity(), hex(mark))?;
    // A slice of the lines at a time: a million of them held together were ~300 MB.
    for slice in produced.chunks(LINES_AT_ONCE) {
        let texts: Vec<String> = slice.par_chunks(LINES_AT_ONCE / 8).map(lines).collect();
        for t in texts {
            w.write_all(t.as_bytes())?;
        }
    }
    w.into_inner().map_err(|e| e.into_error())?;
    std::fs::rename(&tmp, path)
}

fn parse_entry(line: &str) -> Option<(&str, Entry)> {
    let mut f = line.split('\t');
    let path = f.next()?;
    let input = match f.next()? {
        "-" => None,
        h => Some(parse_hex(h)?),
    };
    let output = parse_hex(f.next()?)?;
    let stamp = Stamp {
        len: f.next()?.parse().ok()?,
        mtime_ns: f.next()?.parse().ok()?,
        inode: f.next()?.parse().ok()?,
    };
    f.next().is_none().then_some(())?;
    Some((
        path,
        Entry {
            input,
            output,
            stamp,
        },
    ))
}

/// The cache format, the tuoyu version and this binary (size and time): a cache from any
/// other build of tuoyu is not trusted, since its renderer may differ.
pub(crate) fn identity() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| Stamp::of(&p))
        .unwrap_or_default();
    format!(
        "{HEADER} {} {} {}",
        env!("CARGO_PKG_VERSION"),
        exe.len,
        exe.mtime_ns
    )
}

/// `value` in postcard's compact binary form behind a hash of that form ([`unseal`]).
fn seal<T: serde::Serialize>(value: &T) -> std::io::Result<Vec<u8>> {
    seal_in(value, 0)
}

/// [`seal`] into room for about `size` bytes: the body is written after its checksum's
/// place, not copied behind it, and a large value does not grow its buffer by doubling
/// (each step is a copy into fresh pages, which the kernel zeroes first).
fn seal_in<T: serde::Serialize>(value: &T, size: usize) -> std::io::Result<Vec<u8>> {
    let mut room = Vec::with_capacity(16 + size);
    room.resize(16, 0);
    let mut bytes = postcard::to_extend(value, room).map_err(std::io::Error::other)?;
    let sum = of_bytes(&bytes[16..]).to_le_bytes();
    bytes[..16].copy_from_slice(&sum);
    Ok(bytes)
}

/// The value in bytes made by [`seal`]; `None` if they are damaged in any way.
fn unseal<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    postcard::from_bytes(unsealed(bytes)?).ok()
}

/// The body of bytes made by [`seal`], once its checksum holds.
fn unsealed(bytes: &[u8]) -> Option<&[u8]> {
    let (sum, body) = bytes.split_at_checked(16)?;
    (sum == of_bytes(body).to_le_bytes()).then_some(body)
}

/// Written aside (named after `path`, with this process's id) and renamed: a file is whole
/// or absent, never half-written.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = tmp_beside(path);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// Where a file for `path` is written before it is renamed there (named with this
/// process's id, so that two builds never write the same one).
fn tmp_beside(path: &Path) -> PathBuf {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp-{}", std::process::id()));
    PathBuf::from(tmp)
}

fn mark_hash(out: &Path) -> Option<Fingerprint> {
    std::fs::read(out.join(MARK)).ok().map(|b| of_bytes(&b))
}

fn hex(h: Fingerprint) -> String {
    format!("{h:032x}")
}

/// A hash as [`hex`] writes it (`u128::from_str_radix` was a third of reading the cache).
fn parse_hex(s: &str) -> Option<Fingerprint> {
    (s.len() == 32).then_some(())?;
    s.bytes().try_fold(0u128, |acc, b| {
        let digit = (b as char).to_digit(16)?;
        Some(acc << 4 | u128::from(digit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_reads_back_and_a_damaged_one_does_not() {
        let line = format!("a/b.html\t{}\t{}\t12\t34\t56", hex(7), hex(9));
        let (path, e) = parse_entry(&line).expect("parses");
        assert_eq!(path, "a/b.html");
        assert_eq!(e.input, Some(7));
        assert_eq!(e.output, 9);
        assert_eq!(
            e.stamp,
            Stamp {
                len: 12,
                mtime_ns: 34,
                inode: 56
            }
        );
        assert!(parse_entry(&format!("a\t-\t{}\t1\t2\t3", hex(1))).is_some());
        assert!(parse_entry(&format!("a\t-\t{}\t1\t2", hex(1))).is_none());
        assert!(parse_entry(&format!("a\tzz\t{}\t1\t2\t3", hex(1))).is_none());
        assert!(parse_entry(&format!("a\t-\t{}\t1\t2\t3\t4", hex(1))).is_none());
    }
}
