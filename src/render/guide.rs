//! The generated parts of the editor's guide (`docs/编辑指南.md`): the field reference from
//! [`spec`](crate::model::spec) and the list of every message from the catalogue, so the
//! guide says what the validator checks and what tuoyu prints, and cannot drift from them.
//! A unit test compares the guide with this output; `TUOYU_UPDATE_DOCS=1 cargo test --lib
//! guide` writes it.

use std::fmt::Write as _;

use crate::diagnostics::catalogue::{self, Lang};
use crate::model::Kind;
use crate::model::spec::{self, Field, Need, Type};

/// The marker pairs in the guide, and what goes between them.
pub fn sections() -> [(&'static str, String); 2] {
    [("字段说明", fields()), ("提示列表", messages())]
}

/// One table per file or record kind, then the nested mappings.
pub fn fields() -> String {
    let mut out = String::new();
    let kinds = [
        ("`filed/` 备案机构", Kind::Filed),
        ("`demonstration/` 示范机构", Kind::Demonstration),
        ("`sites/` 托育点", Kind::CareSite),
    ];
    table(&mut out, "`site.yaml` 站点设置", spec::SITE, None);
    table(
        &mut out,
        "`districts.yaml` 区市（列表中的每一项）",
        spec::DISTRICT,
        None,
    );
    table(
        &mut out,
        "三种名单都可以写的字段",
        spec::COMMON,
        Some(Kind::Filed),
    );
    for (title, kind) in kinds {
        table(&mut out, title, spec::kind_fields(kind), Some(kind));
    }
    let nested: [(&str, &[Field]); 6] = [
        ("`official_totals` 官方公布总数", spec::OFFICIAL_TOTALS),
        ("`ages` 收托月龄", spec::AGES),
        ("`vacancies` 空余托位", spec::VACANCIES),
        ("`location` 位置", spec::LOCATION),
        (
            "`sources` 来源（列表中的每一项；也可以只写一个网址）",
            spec::SOURCE,
        ),
        ("`inspections` 检查记录（列表中的每一项）", spec::INSPECTION),
    ];
    for (title, fields) in nested {
        table(&mut out, title, fields, None);
    }
    out
}

fn table(out: &mut String, title: &str, fields: &[Field], kind: Option<Kind>) {
    let _ = writeln!(out, "\n### {title}\n");
    out.push_str("| 键 | 名称 | 必填 | 怎么写 | 说明 | 导入时认识的表头 |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- |\n");
    for f in fields {
        let need = match (f.need, kind) {
            (Need::Required, _) => "必填".to_string(),
            (Need::Optional, _) => String::new(),
            (Need::RequiredIn(kinds), _) => {
                let names: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
                format!("{}必填", names.join("、"))
            }
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {need} | {} | {} | {} |",
            f.key,
            f.title,
            how(f.ty),
            cell(f.zh),
            f.headers.join("、")
        );
    }
}

/// How a value of this type is written, with an example.
fn how(ty: Type) -> String {
    match ty {
        Type::Text => "文字".into(),
        Type::Markdown => "文字（可用 Markdown，多行时写 `|` 后换行缩进）".into(),
        Type::Slug => "小写英文字母、数字和 `-`，最多 64 个字符，如 `chengyang-sanli`".into(),
        Type::Int { min, max } => format!("整数 {min}–{max}"),
        Type::Number { min, max } => format!("数 {min}–{max}"),
        Type::Date => "日期 `2021-08-16`".into(),
        Type::MonthOrDate => "日期 `2021-08-16` 或年月 `2021-08`".into(),
        Type::Bool => "`是` / `否`（或 `true` / `false`）".into(),
        Type::Enum(values) => format!("其中之一：`[{}]`", values().join(", ")),
        Type::Url => "网址，`https://` 或 `http://` 开头".into(),
        Type::Phone => "电话，如 `0532-8888 0000`，多个用 `、` 分开".into(),
        Type::CreditCode => "18 位统一社会信用代码".into(),
        Type::District => "区市的代码、名称或别称，如 `chengyang`、`城阳区`、`城阳`".into(),
        Type::Street => "该区市 `streets` 中的一个，如 `流亭街道`".into(),
        Type::Source => "`{title: …, url: …, date: …}`，或只写一个网址".into(),
        Type::List(inner) => format!("列表 `[…]`，每项：{}", how(*inner)),
        Type::Map(fields) => {
            let keys: Vec<&str> = fields.iter().map(|f| f.key).collect();
            format!("`{{{}}}`（见下表）", keys.join(", "))
        }
    }
}

/// Text that stays inside one table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Every message of the catalogue with its code, in Chinese.
pub fn messages() -> String {
    let mut out = String::from("\n| 代码 | 提示 |\n| --- | --- |\n");
    let mut all: Vec<&catalogue::Msg> = catalogue::areas()
        .iter()
        .flat_map(|a| a.iter().copied())
        .collect();
    all.sort_by_key(|m| m.key);
    for m in all {
        let _ = writeln!(out, "| `{}` | {} |", m.key, cell(m.text(Lang::Zh)));
    }
    out
}

/// The guide with every generated section replaced by its current text.
pub fn fill(guide: &str) -> String {
    let mut out = guide.to_string();
    for (name, body) in sections() {
        let start = format!("<!-- 以下内容由 tuoyu 生成（{name}），请勿手工修改 -->\n");
        let end = "<!-- 生成内容结束 -->";
        let Some(i) = out.find(&start) else { continue };
        let from = i + start.len();
        let Some(j) = out[from..].find(end) else {
            continue;
        };
        out.replace_range(from..from + j, &format!("{}\n", body.trim_start()));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_editors_guide_shows_the_current_fields_and_messages() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/编辑指南.md");
        let guide = std::fs::read_to_string(path).unwrap_or_default();
        let filled = super::fill(&guide);
        if std::env::var_os("TUOYU_UPDATE_DOCS").is_some() {
            std::fs::write(path, &filled).unwrap_or_else(|e| panic!("{path}: {e}"));
            return;
        }
        assert!(
            guide.contains("| `capacity` | 托位数 |"),
            "the guide lists the fields"
        );
        assert!(
            filled == guide,
            "docs/编辑指南.md is out of date: run TUOYU_UPDATE_DOCS=1 cargo test --lib guide"
        );
    }
}
