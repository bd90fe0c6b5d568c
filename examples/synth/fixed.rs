//! The files around the records: site.yaml, districts.yaml and the Markdown pages.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::data::*;
use super::yaml::Yaml;

pub fn write_fixed(dir: &Path, n: usize) -> io::Result<u64> {
    let mut y = Yaml { buf: String::new() };
    y.buf.push_str(
        "# Synthetic content written by `cargo run --example synth`: every record is fictional.\n",
    );
    y.buf.push_str(
        "title: \"合成测试名录\"\ncity: \"青岛市\"\nbase_url: \"https://example.org/synth/\"\n",
    );
    let _ = writeln!(
        y.buf,
        "description: \"程序生成的虚构托育机构名录（{n} 条记录），用于性能测试。\""
    );
    y.buf.push_str(
        "data_as_of: 2021-11-11\nnotice: \"本站数据为程序生成的虚构数据，仅用于性能测试。\"\n",
    );
    fs::write(dir.join("site.yaml"), &y.buf)?;
    let mut bytes = y.buf.len() as u64;

    let mut out = BufWriter::new(fs::File::create(dir.join("districts.yaml"))?);
    for d in DISTRICTS {
        y.buf.clear();
        y.first("id", d.id);
        y.str("name", d.name);
        y.raw("population", d.population);
        y.raw("under3", d.population / 1000 * 23);
        y.buf.push_str("  streets:\n");
        for s in d.streets {
            y.buf.push_str("    - ");
            y.quoted(s);
            y.buf.push('\n');
        }
        out.write_all(y.buf.as_bytes())?;
        bytes += y.buf.len() as u64;
    }
    out.flush()?;

    fs::create_dir_all(dir.join("pages"))?;
    let about = "---\ntitle: 关于\nslug: about\norder: 1\n---\n\n\
        本站是 **tuoyu** 的性能测试站点。所有机构、地址和电话均由程序随机生成，\
        与任何真实机构无关。\n\n\
        数据由 `cargo run --release --example synth` 生成，相同的参数总是得到相同的内容。\n";
    fs::write(dir.join("pages/about.md"), about)?;
    Ok(bytes + about.len() as u64)
}
