//! The documents' terms kept in a scratch file between the passes of an index made in
//! groups of shards ([`super::terms::build`]): the first pass makes every document's terms,
//! counts them and writes them here; each group's pass reads them back instead of making
//! them again. At a million documents, making the terms four times (a count and three
//! groups) was half of the index's build time, and their ~1 GB is too much to hold.
//!
//! The file is the caller's (a build passes an unnamed file it makes beside its output):
//! this module only reads and writes it. It holds one
//! record per batch of documents, in document order: the batch's byte length, its number of
//! documents, each document's byte length, then each document's name and other-field terms
//! ([`TermBuf::encode`]). A pass that cannot read it back makes the terms afresh, so the
//! files are the same either way.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use super::gather::{Bucketed, Keep};
use super::text::TermBuf;

/// A document's name terms and other-field terms.
pub(super) type DocTerms = (TermBuf, TermBuf);

/// The scratch file, written once by the first pass and then read by each later one.
pub(super) struct Spill {
    out: Option<BufWriter<File>>,
    file: Option<File>,
}

impl Spill {
    pub(super) fn new(file: File) -> Self {
        Spill {
            out: Some(BufWriter::with_capacity(1 << 20, file)),
            file: None,
        }
    }

    /// Append one batch's documents. A write that fails leaves the spill unusable (each
    /// later pass then makes the terms afresh).
    pub(super) fn write(&mut self, batch: &[Bucketed]) {
        use rayon::prelude::*;
        if self.out.is_none() {
            return;
        }
        let docs: Vec<Vec<u8>> = batch
            .par_iter()
            .map(|(name, other, _)| {
                let mut bytes = Vec::new();
                name.encode(&mut bytes);
                other.encode(&mut bytes);
                bytes
            })
            .collect();
        let body: usize = 4 + docs.iter().map(|d| 4 + d.len()).sum::<usize>();
        let Some(out) = self.out.as_mut() else {
            return;
        };
        let mut put = || -> std::io::Result<()> {
            out.write_all(&(body as u64).to_le_bytes())?;
            out.write_all(&(docs.len() as u32).to_le_bytes())?;
            for d in &docs {
                out.write_all(&(d.len() as u32).to_le_bytes())?;
            }
            docs.iter().try_for_each(|d| out.write_all(d))
        };
        if put().is_err() {
            self.out = None;
        }
    }

    /// Done writing: whether the file holds every batch written.
    pub(super) fn finish(&mut self) -> bool {
        let file = self.out.take().and_then(|out| out.into_inner().ok());
        self.file = file;
        self.file.is_some()
    }

    /// Read the batches back from the start, handing each document's terms that `keep`
    /// keeps to `each`, a batch at a time; false when the file could not be read (nothing
    /// more is handed).
    pub(super) fn read(&mut self, keep: &Keep, mut each: impl FnMut(Vec<DocTerms>)) -> bool {
        let Some(file) = self.file.as_mut() else {
            return false;
        };
        if file.seek(SeekFrom::Start(0)).is_err() {
            return false;
        }
        let mut input = BufReader::with_capacity(1 << 20, &*file);
        let mut body = Vec::new();
        loop {
            let mut len = [0u8; 8];
            match input.read_exact(&mut len) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return true,
                Err(_) => return false,
            }
            body.resize(u64::from_le_bytes(len) as usize, 0);
            if input.read_exact(&mut body).is_err() {
                return false;
            }
            match decode_batch(&body, keep) {
                Some(docs) => each(docs),
                None => return false,
            }
        }
    }
}

/// One batch's documents, decoded side by side.
fn decode_batch(body: &[u8], keep: &Keep) -> Option<Vec<DocTerms>> {
    use rayon::prelude::*;
    let count = u32::from_le_bytes(body.get(..4)?.try_into().ok()?) as usize;
    let lens = body.get(4..4 + 4 * count)?;
    let mut at = 4 + 4 * count;
    let mut spans = Vec::with_capacity(count);
    for len in lens.chunks_exact(4) {
        let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
        spans.push(body.get(at..at + len)?);
        at += len;
    }
    spans
        .into_par_iter()
        .map(|bytes| {
            let (name, used) = TermBuf::decode(bytes, keep)?;
            let (other, rest) = TermBuf::decode(&bytes[used..], keep)?;
            (used + rest == bytes.len()).then_some((name, other))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::text::Terms;

    fn terms(text: &str) -> TermBuf {
        let mut buf = TermBuf::default();
        Terms { out: &mut buf }.grams(text);
        buf.sort_dedup();
        buf
    }

    #[test]
    fn the_terms_read_back_are_the_terms_written_in_order() {
        let Ok(file) = tempfile::tempfile() else {
            panic!("a scratch file can be made");
        };
        let mut spill = Spill::new(file);
        let docs = [("三利托育", "港瑞路342号"), ("", ""), ("A1 宝贝", "号7")];
        let batch: Vec<_> = docs
            .iter()
            .map(|(n, o)| (terms(n), terms(o), Vec::new()))
            .collect();
        spill.write(&batch);
        spill.write(&batch[..1]);
        assert!(spill.finish());
        for _ in 0..2 {
            let mut got: Vec<(Vec<String>, Vec<String>)> = Vec::new();
            let all = |b: &TermBuf| b.iter().map(String::from).collect::<Vec<_>>();
            let read = spill.read(&|_| true, |docs| {
                got.extend(docs.iter().map(|(n, o)| (all(n), all(o))))
            });
            assert!(read);
            let want = batch.iter().chain(&batch[..1]);
            let want: Vec<_> = want.map(|(n, o, _)| (all(n), all(o))).collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn a_damaged_file_is_not_read() {
        let Ok(mut file) = tempfile::tempfile() else {
            panic!("a scratch file can be made");
        };
        assert!(file.write_all(&[200, 0, 0, 0, 0, 0, 0, 0, 1, 2]).is_ok());
        let mut spill = Spill {
            out: None,
            file: Some(file),
        };
        assert!(!spill.read(&|_| true, |_| panic!("nothing is handed over")));
    }
}
