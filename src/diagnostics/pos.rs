//! Where a problem stands in a source file.

/// A position in a source file: 1-based line and column (in characters), and the byte
/// range of the node it belongs to (empty when only a point is known).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    pub start: usize,
    pub end: usize,
}

impl Pos {
    /// A point: a line and column with no byte range.
    pub fn at(line: u32, column: u32) -> Pos {
        Pos {
            line,
            column,
            start: 0,
            end: 0,
        }
    }
}
