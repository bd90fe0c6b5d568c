//! Where each row of the last build's JSON and CSV exports (and each chunk of rows of its
//! spreadsheet) is in its file
//! (`.tuoyu-cache/<output folder name>.rows/`), so that a rebuild copies the rows of the
//! records that did not change from the previous file instead of serialising every record
//! again (~2.5 s of CPU at 100,000 records for the two).
//!
//! A row list is used only for the very file it describes: the file must be unchanged
//! since the build that wrote it (its stamp and the hash of its bytes as the build cache
//! recorded them, and the same hash written in the list), the list must be whole (a
//! checksum) and made by this binary, and every row must lie inside the file. Each row is
//! found by its key ([`crate::render::data::RowSpan`]), which covers everything the row
//! shows, so a copied row has the bytes a fresh one would have.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::Entry;
use crate::render::data::{OldRows, RowSpan};
use crate::render::fingerprint::{Fingerprint, of_bytes};

/// The first line of a row list; the format's version is its last word.
const HEADER: &str = "tuoyu export rows 2";
/// Bytes per row in a list: key, start, length, meta.
const ROW: usize = 40;

/// The rows of one export file of the previous build, with the file open to copy them.
pub struct OldExport {
    file: std::fs::File,
    rows: rustc_hash::FxHashMap<Fingerprint, RowSpan>,
    buffer: Vec<u8>,
    /// The new file, when rows go straight into it.
    new: Option<std::fs::File>,
}

/// The most of the old file copied at once (see [`OldExport::copy`]).
const COPY_BUFFER: usize = 1 << 20;

impl OldRows for OldExport {
    fn find(&self, key: Fingerprint) -> Option<RowSpan> {
        self.rows.get(&key).copied()
    }

    fn copy(&mut self, start: u64, len: u64, w: &mut dyn std::io::Write) -> std::io::Result<bool> {
        self.file.seek(SeekFrom::Start(start))?;
        let short = || std::io::Error::other("the previous export is shorter than its rows");
        if let Some(new) = self.new.as_mut() {
            // File to file in the kernel (`copy_file_range`), never through this process.
            let copied = std::io::copy(&mut (&mut self.file).take(len), new)?;
            return (copied == len).then_some(true).ok_or_else(short);
        }
        // Through a buffer larger than the writers': a large write passes their buffers by.
        let mut left = len;
        while left > 0 {
            let n = left.min(COPY_BUFFER as u64) as usize;
            self.buffer.resize(n, 0);
            self.file
                .read_exact(&mut self.buffer)
                .map_err(|_| short())?;
            w.write_all(&self.buffer)?;
            left -= n as u64;
        }
        Ok(false)
    }
}

impl OldExport {
    /// Copy rows straight into `new`, the file the new export is written to (a handle
    /// sharing its offset): see [`OldRows::copy`].
    pub fn copy_into(&mut self, new: std::fs::File) {
        self.new = Some(new);
    }
}

/// The rows of export `rel` in `out`, whose recorded state (`entry`) the file still has
/// (see the module comment).
pub fn old(out: &Path, rel: &str, entry: &Entry) -> Option<OldExport> {
    let bytes = std::fs::read(list_path(out, rel)).ok()?;
    let head = format!("{HEADER} {}\n", super::identity());
    let rest = bytes.strip_prefix(head.as_bytes())?;
    let (output, rest) = rest.split_at_checked(16)?;
    (output == entry.output.to_le_bytes()).then_some(())?;
    let (sum, body) = rest.split_at_checked(16)?;
    (sum == of_bytes(body).to_le_bytes() && body.len() % ROW == 0).then_some(())?;
    let mut rows =
        rustc_hash::FxHashMap::with_capacity_and_hasher(body.len() / ROW, Default::default());
    for row in body.chunks_exact(ROW) {
        let (key, place) = row.split_at(16);
        let word = |k: usize| {
            Some(u64::from_le_bytes(
                place.get(k * 8..k * 8 + 8)?.try_into().ok()?,
            ))
        };
        let key = u128::from_le_bytes(key.try_into().ok()?);
        let (start, len, meta) = (word(0)?, word(1)?, word(2)?);
        (start.checked_add(len)? <= entry.stamp.len).then_some(())?;
        rows.insert(
            key,
            RowSpan {
                key,
                start,
                len,
                meta,
            },
        );
    }
    let file = std::fs::File::open(out.join(rel)).ok()?;
    Some(OldExport {
        file,
        rows,
        buffer: Vec::new(),
        new: None,
    })
}

/// Record where the rows of export `rel` (whose bytes hash to `output`) are.
pub fn save(out: &Path, rel: &str, output: Fingerprint, rows: &[RowSpan]) -> std::io::Result<()> {
    let mut body = Vec::with_capacity(rows.len() * ROW);
    for r in rows {
        body.extend_from_slice(&r.key.to_le_bytes());
        body.extend_from_slice(&r.start.to_le_bytes());
        body.extend_from_slice(&r.len.to_le_bytes());
        body.extend_from_slice(&r.meta.to_le_bytes());
    }
    let mut bytes = format!("{HEADER} {}\n", super::identity()).into_bytes();
    bytes.extend_from_slice(&output.to_le_bytes());
    bytes.extend_from_slice(&of_bytes(&body).to_le_bytes());
    bytes.extend(body);
    let path = list_path(out, rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // A list is whole or absent.
    super::write_atomically(&path, &bytes)
}

fn list_path(out: &Path, rel: &str) -> PathBuf {
    let mut dir = super::path_for(out).into_os_string();
    dir.push(".rows");
    PathBuf::from(dir).join(rel.replace('/', "_"))
}
