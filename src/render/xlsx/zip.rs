//! The little of the zip format an .xlsx needs: deflated entries written whole, one entry
//! streamed (its CRC and sizes in a data descriptor after its bytes, since they are known
//! only at the end), and the central directory.
//!
//! Every entry is dated 1980-01-01 00:00, the zip epoch, so that the file does not depend on
//! when it was built. Sizes must fit in 32 bits (no zip64): an .xlsx of 4 GiB is far beyond
//! what a spreadsheet program opens anyway.

use std::io::{self, Write};

use flate2::{Compress, Compression, FlushCompress};

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
const DESCRIPTOR: u32 = 0x0807_4b50;
/// MS-DOS date of 1980-01-01 (time 00:00 is 0).
const DOS_DATE: u16 = 0x21;
/// Version needed to extract: 2.0 (deflate).
const VERSION: u16 = 20;
/// General purpose flag: CRC and sizes follow the data.
const STREAMED: u16 = 0x0008;
const DEFLATE: u16 = 8;

/// The bytes that end a deflate stream made of [`deflate`]d pieces: an empty final block.
pub const FINAL_BLOCK: [u8; 2] = [0x03, 0x00];

/// One entry, as the central directory lists it.
pub struct Entry {
    name: &'static str,
    flags: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// Raw deflate of `data` at level 1 (several times faster than level 6 for a somewhat
/// larger file; the sheet of 100,000 records is 127 MB of XML). With `last` the stream is
/// finished; without, it ends on a byte boundary after a sync flush, and a fresh
/// compressor makes each piece independent of the ones before, so that pieces of
/// different builds can be put one after another and end with [`FINAL_BLOCK`].
pub fn deflate(data: &[u8], last: bool) -> io::Result<Vec<u8>> {
    let mut c = Compress::new(Compression::new(1), false);
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    loop {
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(4096));
        }
        let taken = usize::try_from(c.total_in()).map_err(io::Error::other)?;
        let status = c
            .compress_vec(&data[taken..], &mut out, flush)
            .map_err(io::Error::other)?;
        let all_in = usize::try_from(c.total_in()).map_err(io::Error::other)? == data.len();
        // Done when the input is taken and the output had room to spare (zlib's rule for
        // a completed flush), or the stream has ended.
        if status == flate2::Status::StreamEnd || (all_in && !last && out.len() < out.capacity()) {
            return Ok(out);
        }
    }
}

pub fn small(n: u64) -> io::Result<u32> {
    u32::try_from(n).map_err(|_| io::Error::other("the spreadsheet would be over 4 GiB (zip64)"))
}

fn header(name: &str, flags: u16, crc: u32, compressed: u32, size: u32) -> Vec<u8> {
    let mut h = Vec::with_capacity(30 + name.len());
    h.extend_from_slice(&LOCAL.to_le_bytes());
    for v in [VERSION, flags, DEFLATE, 0, DOS_DATE] {
        h.extend_from_slice(&v.to_le_bytes());
    }
    for v in [crc, compressed, size] {
        h.extend_from_slice(&v.to_le_bytes());
    }
    h.extend_from_slice(&(name.len() as u16).to_le_bytes());
    h.extend_from_slice(&0u16.to_le_bytes());
    h.extend_from_slice(name.as_bytes());
    h
}

/// The entries written so far, and where the next one starts.
#[derive(Default)]
pub struct Zip {
    entries: Vec<Entry>,
}

impl Zip {
    /// Write entry `name` with `data` deflated whole, at position `at` of the file.
    pub fn whole(
        &mut self,
        w: &mut dyn Write,
        at: u64,
        name: &'static str,
        data: &[u8],
    ) -> io::Result<()> {
        let deflated = deflate(data, true)?;
        let (crc, compressed, size) = (
            crc32fast::hash(data),
            small(deflated.len() as u64)?,
            small(data.len() as u64)?,
        );
        w.write_all(&header(name, 0, crc, compressed, size))?;
        w.write_all(&deflated)?;
        self.entries.push(Entry {
            name,
            flags: 0,
            crc,
            compressed,
            size,
            offset: small(at)?,
        });
        Ok(())
    }

    /// Start entry `name` at position `at`, its data to follow; [`Zip::end_streamed`] ends it.
    pub fn begin_streamed(
        &mut self,
        w: &mut dyn Write,
        at: u64,
        name: &'static str,
    ) -> io::Result<()> {
        w.write_all(&header(name, STREAMED, 0, 0, 0))?;
        self.entries.push(Entry {
            name,
            flags: STREAMED,
            crc: 0,
            compressed: 0,
            size: 0,
            offset: small(at)?,
        });
        Ok(())
    }

    /// End the streamed entry with its CRC and sizes.
    pub fn end_streamed(
        &mut self,
        w: &mut dyn Write,
        crc: u32,
        compressed: u64,
        size: u64,
    ) -> io::Result<()> {
        let e = self
            .entries
            .last_mut()
            .filter(|e| e.flags == STREAMED)
            .ok_or_else(|| io::Error::other("no streamed zip entry to end"))?;
        (e.crc, e.compressed, e.size) = (crc, small(compressed)?, small(size)?);
        for v in [DESCRIPTOR, crc, e.compressed, e.size] {
            w.write_all(&v.to_le_bytes())?;
        }
        Ok(())
    }

    /// The central directory and its end record, at position `at`.
    pub fn finish(&self, w: &mut dyn Write, at: u64) -> io::Result<()> {
        let mut dir = Vec::new();
        for e in &self.entries {
            dir.extend_from_slice(&CENTRAL.to_le_bytes());
            for v in [VERSION, VERSION, e.flags, DEFLATE, 0, DOS_DATE] {
                dir.extend_from_slice(&v.to_le_bytes());
            }
            for v in [e.crc, e.compressed, e.size] {
                dir.extend_from_slice(&v.to_le_bytes());
            }
            // Name length, extra, comment, disk, internal attributes.
            for v in [e.name.len() as u16, 0, 0, 0, 0] {
                dir.extend_from_slice(&v.to_le_bytes());
            }
            dir.extend_from_slice(&0u32.to_le_bytes());
            dir.extend_from_slice(&e.offset.to_le_bytes());
            dir.extend_from_slice(e.name.as_bytes());
        }
        let count = self.entries.len() as u16;
        let mut end = Vec::with_capacity(22);
        end.extend_from_slice(&END.to_le_bytes());
        for v in [0, 0, count, count] {
            end.extend_from_slice(&v.to_le_bytes());
        }
        end.extend_from_slice(&small(dir.len() as u64)?.to_le_bytes());
        end.extend_from_slice(&small(at)?.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        w.write_all(&dir)?;
        w.write_all(&end)
    }
}
