//! Shared by the rebuild benchmarks (`bench_rebuild`, `bench_incremental`): the one-record
//! edit they time.

/// Change the first `capacity:` of a record file by `delta`.
pub fn edit_capacity(path: &std::path::Path, delta: i64) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path)?;
    let at = text
        .find("capacity: ")
        .ok_or_else(|| anyhow::anyhow!("no capacity in {}", path.display()))?;
    let start = at + "capacity: ".len();
    let end = start + text[start..].find('\n').unwrap_or(text.len() - start);
    let value: i64 = text[start..end].trim().parse()?;
    let edited = format!("{}{}{}", &text[..start], value + delta, &text[end..]);
    std::fs::write(path, edited)?;
    Ok(())
}
