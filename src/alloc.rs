//! The allocator and how it returns memory: mimalloc, which keeps freed pages for 10 ms
//! before giving them back (purging) in case they are needed again. Builds too large for
//! that to fit their memory budget purge at once instead.
//!
//! Measured on 2 cores with `TUOYU_TIMINGS=1`, clean builds of `examples/synth`, 3 pairs
//! each (`scripts/bench-build.sh` prints the same figures):
//! - 100,000 records (103 MB of YAML), tmpfs: purging at once took 9.3–10.7 s (sys
//!   4.4–5.0 s), peak 343–352 MB; with the delay 7.0–9.0 s (sys 1.9–2.7 s), peak
//!   360–435 MB. The delay spares refaulting the pages of every page rendered, index
//!   shard and YAML tree.
//! - 1,000,000 records (1,032 MB), disk: with the delay, merging the records into
//!   institutions left the freed records resident while the institutions were made, and
//!   the peak passed 2 GiB there (2,306,048 kB; a shorter arena delay, `arena_purge_mult`
//!   1, changed nothing: 2,297,612 kB). Purging at once, it stays under: 1,926,760 kB, and
//!   the validate step's own peak is 1,814,976 kB against 2,306,048. (Their wall times were
//!   not compared: other work shared the machine during the runs with the delay.)

/// mimalloc: a 100,000-record build spends 40% less CPU than with the system allocator
/// (`scripts/bench-build.sh`; build with `--features no-mimalloc` to compare).
#[cfg(not(feature = "no-mimalloc"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (v2): libmimalloc-sys does not
/// export it as a constant.
#[cfg(not(feature = "no-mimalloc"))]
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A rebuild over the last build's output (its build cache is there) never purges: it
/// renders few pages and holds the last build's state, and its freed pages are needed
/// again at once. On this 2-core VM a fresh page is dear (the kernel zeroes it, and the
/// hypervisor backs it): a one-record rebuild at 100,000 records took 1.67–1.93 s (sys
/// 0.68–0.87 s) with the 10 ms delay and 1.41–1.60 s (sys 0.38–0.46 s) never purging,
/// peak 454–487 MB against 333–341 MB (4 runs each, alternating, tmpfs). A clean build
/// keeps the delay: never purging, its peak at 100,000 records was 481 MB against 354–378.
const NEVER: std::ffi::c_long = -1;

/// Record files' bytes from which a build purges at once. Below it the delay is kept:
/// at 100,000 records (103 MB) the peak is 360–435 MB, inside that size's 512 MiB budget.
/// At 1,000,000 (1,032 MB) the delay's peak passes 2 GiB. The line is drawn low between
/// them, at about 250,000 records: with the delay the peak grows ~2.75 KB a record
/// (137 MB at 10,000, 385 MB at 100,000), ~0.8 GB there, so every larger build keeps the
/// memory purging at once saves.
const PURGE_AT_ONCE_FROM: u64 = 256 * 1024 * 1024;

/// Set the purge delay for a command reading `content` (none: mimalloc's default), and
/// for a build into `out`. Must run before any other thread starts: mimalloc's options are
/// plain integers.
pub fn tune(content: Option<&std::path::Path>, out: Option<&std::path::Path>) {
    let delay = if content.is_some_and(purges_at_once) {
        Some(0)
    } else if out.is_some_and(|o| tuoyu::cache::path_for(o).is_file()) {
        Some(NEVER)
    } else {
        None
    };
    #[cfg(not(feature = "no-mimalloc"))]
    if let Some(delay) = delay {
        // SAFETY: mi_option_set only stores an integer option; no other thread runs yet.
        unsafe {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, delay);
        }
    }
    #[cfg(feature = "no-mimalloc")]
    let _ = delay;
}

/// Whether a build of `content` is large enough to purge at once: by the record files
/// that loading it would read (not a git folder or other files beside them).
fn purges_at_once(content: &std::path::Path) -> bool {
    tuoyu::load::record_bytes(content, PURGE_AT_ONCE_FROM) >= PURGE_AT_ONCE_FROM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_past_the_threshold_purges_at_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let filed = dir.path().join("filed");
        std::fs::create_dir(&filed).expect("folder");
        let small = std::fs::File::create(filed.join("a.yaml")).expect("file");
        small.set_len(PURGE_AT_ONCE_FROM / 2).expect("size");
        assert!(!purges_at_once(dir.path()));
        // Files that are not records do not count, however large (a git history).
        std::fs::create_dir(dir.path().join(".git")).expect("folder");
        let git = std::fs::File::create(dir.path().join(".git/pack")).expect("file");
        git.set_len(PURGE_AT_ONCE_FROM).expect("size");
        let notes = std::fs::File::create(dir.path().join("notes.txt")).expect("file");
        notes.set_len(PURGE_AT_ONCE_FROM).expect("size");
        assert!(!purges_at_once(dir.path()));
        // Sparse: the size counts, not the blocks on disk.
        let more = std::fs::File::create(filed.join("b.yaml")).expect("file");
        more.set_len(PURGE_AT_ONCE_FROM / 2).expect("size");
        assert!(purges_at_once(dir.path()));
        assert!(!purges_at_once(&dir.path().join("missing")));
    }
}
