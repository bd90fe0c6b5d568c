//! Used by `bench_incremental`: the one-record rename it times.

/// What [`edit_name`] puts at the end of a name, and takes away again.
const RENAMED: &str = "（分园）";

/// Rename the first record of a record file: `on` adds a suffix to its `name:` (which
/// moves it in name order), `!on` takes it away.
pub fn edit_name(path: &std::path::Path, on: bool) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path)?;
    let at = text
        .find("name: ")
        .ok_or_else(|| anyhow::anyhow!("no name in {}", path.display()))?;
    let end = at + text[at..].find('\n').unwrap_or(text.len() - at);
    let line = &text[at..end];
    let quoted = line.ends_with('"');
    let bare = line.trim_end_matches('"');
    let edited = match (on, bare.strip_suffix(RENAMED)) {
        (true, _) => format!("{bare}{RENAMED}"),
        (false, Some(original)) => original.to_string(),
        (false, None) => bare.to_string(),
    };
    let edited = if quoted {
        format!("{edited}\"")
    } else {
        edited
    };
    std::fs::write(path, format!("{}{edited}{}", &text[..at], &text[end..]))?;
    Ok(())
}
