//! The parsed record files of the last `tuoyu build`, kept beside its build cache
//! (`.tuoyu-cache/<output folder name>.records/`): a rebuild after one edit parses only the
//! files whose bytes changed. Parsing and checking 100,000 records of YAML costs ~4.5 s of
//! CPU; reading their cached form back costs a fraction of that.
//!
//! The folder holds an index (`index`: this binary's identity, the context the files were
//! read in, and per content file its bytes' hash, its stamp and its entry) and one entry
//! per file: its records and ids in postcard's compact binary form behind a hash of that
//! form (a damaged entry is refused, never misread), named by the hash of the context, the
//! file's path and its bytes' hash, so that an entry can only ever be read for the bytes it
//! was made from. Binary, not JSON: at 100,000 records the JSON entries were 161 MB and
//! took ~1.2 s of CPU to read back (the whole load step 1.41 s); with the binary ones
//! the load step takes ~0.5 s of CPU (100,000 records, 2 cores).
//!
//! Only files that gave no diagnostic are cached (a diagnostic is a message, not data): a
//! file with a warning is parsed at every build. Anything unreadable (no index, another
//! binary or context, a corrupt or missing entry) is a miss: the file is parsed as in a
//! clean build, so the records are the same either way. A file is taken as unchanged by
//! its stamp alone only as [`super::records`] explains (not modified just before it was
//! read).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::records::RACY_NS;
use super::{Stamp, seal, seal_in, unseal, write_atomically};
use crate::diagnostics::Pos;
use crate::model::record::Record;
use crate::model::{FileRecords, Institution, Kind};
use crate::render::fingerprint::{Fingerprint, Hasher, of_bytes};

/// The index's first line; the format's version is its last word.
const HEADER: &str = "tuoyu record cache 1";

/// How an entry's file name ends.
const ENTRY: &str = ".rec";

/// One content file as the index knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Known {
    hash: Fingerprint,
    stamp: Stamp,
}

/// See the module comment. Loaded (the index only) before the check, saved after it.
#[derive(Debug)]
pub struct ParsedCache {
    dir: PathBuf,
    /// This binary's ([`identity`]): in the index and in every entry's name, so that
    /// another build of tuoyu reads none of them.
    identity: String,
    context: Fingerprint,
    read_at: u128,
    files: HashMap<String, Known>,
    /// What this check read, to save: path, bytes' hash, stamp, whether an entry exists.
    seen: std::sync::Mutex<Vec<Seen>>,
}

type Seen = (String, Fingerprint, Option<Stamp>, bool);

/// The cached form of one file's records (a record's district index is not serialised
/// with its institution, so it goes beside it).
#[derive(Serialize, Deserialize)]
struct Entry {
    records: Vec<WireRecord>,
    ids: Vec<(Kind, String, Pos)>,
}

/// [`Entry`] borrowed from the records, to write: the same bytes as an `Entry` holding
/// copies (serde writes a reference as its value), without copying every record first.
#[derive(Serialize)]
struct EntryRef<'r> {
    records: Vec<WireRef<'r>>,
    ids: &'r [(Kind, String, Pos)],
}

/// [`WireRecord`] borrowed (see [`EntryRef`]); the fields in the same order.
#[derive(Serialize)]
struct WireRef<'r> {
    inst: &'r Institution,
    district: usize,
    kind: Kind,
    file: &'r str,
    id_pos: Pos,
    name_pos: Pos,
    district_pos: Pos,
    address_pos: Option<Pos>,
}

#[derive(Serialize, Deserialize)]
struct WireRecord {
    inst: Institution,
    /// The fields after the institution, flattened in postcard's form (a struct is its
    /// fields one after another).
    tail: WireTail,
}

/// [`WireRecord`]'s fields after its institution.
#[derive(Serialize, Deserialize)]
struct WireTail {
    district: usize,
    kind: Kind,
    file: String,
    id_pos: Pos,
    name_pos: Pos,
    district_pos: Pos,
    address_pos: Option<Pos>,
}

impl ParsedCache {
    /// The cache of output folder `out` (an empty one when there is none or it is not
    /// trustworthy; see the module comment).
    pub fn load(out: &Path) -> ParsedCache {
        Self::load_as(out, identity())
    }

    /// [`ParsedCache::load`] as a build of tuoyu with this identity would (for tests: a
    /// cache made by another version of tuoyu is not read).
    #[doc(hidden)]
    pub fn load_as(out: &Path, identity: String) -> ParsedCache {
        let mut cache = ParsedCache {
            dir: dir_for(out),
            identity,
            context: 0,
            read_at: 0,
            files: HashMap::new(),
            seen: Default::default(),
        };
        if let Some((context, read_at, files)) = read_index(&cache.dir, &cache.identity) {
            (cache.context, cache.read_at, cache.files) = (context, read_at, files);
        }
        cache
    }

    /// The hash and records of `rel` if its stamp is the one recorded, in this context, and
    /// can be trusted.
    pub fn by_stamp(
        &self,
        context: Fingerprint,
        rel: &str,
        stamp: Stamp,
    ) -> Option<(Fingerprint, FileRecords)> {
        let known = self.files.get(rel).filter(|_| context == self.context)?;
        let trusted = known.stamp == stamp && stamp.mtime_ns + RACY_NS < self.read_at;
        trusted.then_some(())?;
        Some((known.hash, self.entry(context, rel, known.hash)?))
    }

    /// The records of `rel` parsed from bytes with this hash, in this context.
    pub fn by_hash(
        &self,
        context: Fingerprint,
        rel: &str,
        hash: Fingerprint,
    ) -> Option<FileRecords> {
        self.entry(context, rel, hash)
    }

    fn entry(&self, context: Fingerprint, rel: &str, hash: Fingerprint) -> Option<FileRecords> {
        let bytes = std::fs::read(
            self.dir
                .join(entry_name(&self.identity, context, rel, hash)),
        )
        .ok()?;
        let (records, ids) = read_entry(super::unsealed(&bytes)?)?;
        Some(FileRecords {
            records,
            ids,
            diags: Vec::new(),
        })
    }

    /// Note file `rel` as this check read it; a file parsed now without diagnostics gets
    /// its entry written (errors only lose the entry: the build stands either way).
    pub fn note(
        &self,
        context: Fingerprint,
        rel: &str,
        hash: Fingerprint,
        stamp: Option<Stamp>,
        parsed: Option<&FileRecords>,
    ) {
        let cached = match parsed {
            None => true,
            Some(r) if r.diags.is_empty() => {
                // The file's own size: its records' binary form is smaller (no keys, no
                // quotes), and the room past it is never touched.
                let room = stamp.map_or(0, |s| s.len as usize);
                self.write_entry(context, (rel, hash), r, room).is_ok()
            }
            Some(_) => false,
        };
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        seen.push((rel.to_string(), hash, stamp, cached));
    }

    fn write_entry(
        &self,
        context: Fingerprint,
        (rel, hash): (&str, Fingerprint),
        r: &FileRecords,
        room: usize,
    ) -> std::io::Result<()> {
        let entry = EntryRef {
            records: r.records.iter().map(to_wire).collect(),
            ids: &r.ids,
        };
        std::fs::create_dir_all(&self.dir)?;
        write_atomically(
            &self
                .dir
                .join(entry_name(&self.identity, context, rel, hash)),
            &seal_in(&entry, room)?,
        )
    }

    /// Write the index of the files this check read in `context` (reading started at
    /// `read_at`), and remove the entries it no longer names.
    pub fn save(&self, context: Fingerprint, read_at: u128) -> std::io::Result<()> {
        let seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let mut text = format!("{}\ncontext {context:032x} {read_at}\n", self.identity);
        let mut names = HashSet::new();
        for (rel, hash, stamp, cached) in seen.iter() {
            let (Some(stamp), true) = (stamp, *cached) else {
                continue;
            };
            if rel.contains(['\t', '\n', '\r']) {
                continue;
            }
            names.insert(entry_name(&self.identity, context, rel, *hash));
            text.push_str(&format!(
                "{rel}\t{hash:032x}\t{}\t{}\t{}\n",
                stamp.len, stamp.mtime_ns, stamp.inode
            ));
        }
        std::fs::create_dir_all(&self.dir)?;
        write_atomically(&self.dir.join("index"), text.as_bytes())?;
        for e in std::fs::read_dir(&self.dir)?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(ENTRY) && !names.contains(&name) {
                let _ = std::fs::remove_file(e.path());
            }
        }
        Ok(())
    }
}

/// Rewrite every cached entry of output folder `out` through `edit` (for tests: an entry
/// changed behind tuoyu's back shows whether, and when, the cache is read); how many.
#[doc(hidden)]
pub fn edit_entries(out: &Path, mut edit: impl FnMut(&mut Institution)) -> std::io::Result<usize> {
    let mut count = 0;
    for e in std::fs::read_dir(dir_for(out))?.flatten() {
        let Some(mut entry) = unseal::<Entry>(&std::fs::read(e.path())?) else {
            continue;
        };
        entry.records.iter_mut().for_each(|r| edit(&mut r.inst));
        std::fs::write(e.path(), seal(&entry)?)?;
        count += 1;
    }
    Ok(count)
}

/// Where the parsed files of output folder `out` are cached.
pub fn dir_for(out: &Path) -> PathBuf {
    let mut dir = super::path_for(out).into_os_string();
    dir.push(".records");
    PathBuf::from(dir)
}

fn read_index(dir: &Path, identity: &str) -> Option<(Fingerprint, u128, HashMap<String, Known>)> {
    let text = std::fs::read_to_string(dir.join("index")).ok()?;
    let mut lines = text.lines();
    (lines.next()? == identity).then_some(())?;
    let mut head = lines.next()?.strip_prefix("context ")?.split(' ');
    let context = u128::from_str_radix(head.next()?, 16).ok()?;
    let read_at = head.next()?.parse().ok()?;
    let mut files = HashMap::new();
    for line in lines {
        let (rel, known) = parse_line(line)?;
        files.insert(rel.to_string(), known);
    }
    Some((context, read_at, files))
}

fn parse_line(line: &str) -> Option<(&str, Known)> {
    let mut f = line.split('\t');
    let rel = f.next()?;
    let hash = u128::from_str_radix(f.next()?, 16).ok()?;
    let stamp = Stamp {
        len: f.next()?.parse().ok()?,
        mtime_ns: f.next()?.parse().ok()?,
        inode: f.next()?.parse().ok()?,
    };
    f.next().is_none().then_some((rel, Known { hash, stamp }))
}

/// The cache format and this binary: records read by another build of tuoyu may differ.
fn identity() -> String {
    format!("{HEADER} {}", super::identity())
}

fn entry_name(identity: &str, context: Fingerprint, rel: &str, hash: Fingerprint) -> String {
    let key = Hasher::new()
        .bytes(identity.as_bytes())
        .bytes(&context.to_le_bytes())
        .bytes(rel.as_bytes())
        .bytes(&hash.to_le_bytes())
        .finish();
    format!("{key:032x}{ENTRY}")
}

fn to_wire(r: &Record) -> WireRef<'_> {
    WireRef {
        inst: &r.inst,
        district: r.inst.district,
        kind: r.kind,
        file: &r.file,
        id_pos: r.id_pos,
        name_pos: r.name_pos,
        district_pos: r.district_pos,
        address_pos: r.address_pos,
    }
}

/// The ids of a file's records, as an [`Entry`] keeps them.
type Ids = Vec<(Kind, String, Pos)>;

/// An [`Entry`]'s records and ids from its postcard form, read record by record so that each
/// institution's form is hashed as it is read ([`crate::model::ReadForm`]): the same
/// values `postcard::from_bytes::<Entry>` gives.
fn read_entry(body: &[u8]) -> Option<(Vec<Record>, Ids)> {
    let (count, mut rest) = postcard::take_from_bytes::<usize>(body).ok()?;
    // Never more records than bytes: a damaged count cannot reserve the memory.
    let mut records = Vec::with_capacity(count.min(rest.len()));
    for _ in 0..count {
        let (inst, after) = postcard::take_from_bytes::<Institution>(rest).ok()?;
        let form = of_bytes(&rest[..rest.len() - after.len()]);
        let (tail, after) = postcard::take_from_bytes::<WireTail>(after).ok()?;
        rest = after;
        let mut record = from_wire(WireRecord { inst, tail });
        record.inst.read_form = crate::model::ReadForm::read(form);
        records.push(record);
    }
    let (ids, rest) = postcard::take_from_bytes(rest).ok()?;
    rest.is_empty().then_some((records, ids))
}

fn from_wire(w: WireRecord) -> Record {
    let WireRecord { mut inst, tail: w } = w;
    inst.district = w.district;
    Record {
        inst,
        kind: w.kind,
        file: w.file,
        id_pos: w.id_pos,
        name_pos: w.name_pos,
        district_pos: w.district_pos,
        address_pos: w.address_pos,
    }
}
