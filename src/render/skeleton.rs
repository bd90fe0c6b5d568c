//! The text of a new record for `tuoyu new`: every field of the kind, in the order of
//! [`crate::model::spec`], each with its Chinese title, description and allowed values as
//! a comment. Required fields are present with an empty value (`""`), which `tuoyu check`
//! refuses until the editor fills it; optional ones are commented out, ready to be used.
//!
//! Pure: returns the YAML text.

use crate::model::Kind;
use crate::model::spec::{self, Field, Need, Type};
use crate::render::schema::DistrictNames;

/// Districts listed in full in the comment of `district`; beyond this, districts.yaml
/// is referred to (a national site has thousands).
const DISTRICTS_SHOWN: usize = 30;

/// The YAML text of a new record of `kind` with this id.
pub fn record(kind: Kind, id: &str, districts: &DistrictNames) -> String {
    let mut out = format!(
        "# {label}（{folder}/）的一条记录，由 tuoyu new 生成。\n\
         # 必填字段暂为空（\"\"），请填写；没填时 tuoyu check 会报错。\n\
         # 选填字段已用 # 注释掉：需要时去掉行首的 #（及其后的一个空格）并填写。\n",
        label = kind.label(),
        folder = kind.folder(),
    );
    for f in spec::record(kind) {
        out.push('\n');
        let required = f.required_in(kind);
        for line in hints(f, required, districts) {
            out.push_str(&format!("# {line}\n"));
        }
        let value = if f.key == "id" {
            yaml_id(id)
        } else {
            String::new()
        };
        let lines = entry(f, &value, "");
        for line in lines {
            if required {
                out.push_str(&format!("{line}\n"));
            } else {
                out.push_str(&format!("# {line}\n"));
            }
        }
    }
    out
}

/// `id: 2021` would be read as a number: quote ids of digits only.
fn yaml_id(id: &str) -> String {
    if id.bytes().all(|b| b.is_ascii_digit()) {
        format!("\"{id}\"")
    } else {
        id.to_string()
    }
}

/// The comment lines above a field: `标题（必填）：说明`, then what may be written.
fn hints(f: &Field, required: bool, districts: &DistrictNames) -> Vec<String> {
    let need = if required {
        "（必填）"
    } else {
        "（选填）"
    };
    let mut lines = vec![format!("{}{need}：{}", f.title, f.zh)];
    if let Some(h) = type_hint(f.ty) {
        lines.push(format!("  {h}"));
    }
    if matches!(f.ty, Type::District) && !districts.districts.is_empty() {
        let shown: Vec<String> = districts
            .districts
            .iter()
            .take(DISTRICTS_SHOWN)
            .map(|(id, name)| format!("{id}（{name}）"))
            .collect();
        let more = if districts.districts.len() > DISTRICTS_SHOWN {
            "等，见 districts.yaml"
        } else {
            ""
        };
        lines.push(format!("  可选：{}{more}", shown.join("、")));
    }
    lines
}

/// What a value of this type looks like, in a few words.
fn type_hint(ty: Type) -> Option<String> {
    Some(match ty {
        Type::Slug => "小写英文字母、数字和 -，以字母或数字开头".into(),
        Type::Int { min, max } => format!("整数，{min}–{max}"),
        Type::Number { min, max } => format!("数字，{min}–{max}"),
        Type::Date => "日期，格式 YYYY-MM-DD".into(),
        Type::MonthOrDate => "日期，格式 YYYY-MM-DD，只知道月份时写 YYYY-MM".into(),
        Type::Bool => "是 或 否".into(),
        Type::Enum(values) => format!("可选：{}", values().join("、")),
        Type::Url => "以 http:// 或 https:// 开头的网址".into(),
        Type::Phone => "电话号码；多个号码用 、 分隔".into(),
        Type::CreditCode => "18位数字和大写字母".into(),
        Type::Street => "须与 districts.yaml 中该区市 streets 的写法完全一致".into(),
        Type::Source => "网址，或 title、url、date".into(),
        Type::List(inner) => match type_hint(*inner) {
            Some(h) => format!("列表，每项：{h}"),
            None => "列表".into(),
        },
        Type::Markdown => "可写多行 Markdown".into(),
        Type::Text | Type::District | Type::Map(_) => return None,
    })
}

/// The YAML lines of one field (uncommented), `value` for a scalar or `""` when empty.
fn entry(f: &Field, value: &str, indent: &str) -> Vec<String> {
    let scalar = if value.is_empty() { "\"\"" } else { value };
    match f.ty {
        Type::Map(fields) => {
            let mut lines = vec![format!("{indent}{}:", f.key)];
            lines.extend(sub_fields(fields, &format!("{indent}  "), ""));
            lines
        }
        Type::List(Type::Map(fields)) => list_of_maps(f.key, fields, indent),
        Type::List(Type::Source) => list_of_maps(f.key, spec::SOURCE, indent),
        Type::List(_) => vec![format!("{indent}{}: [\"\"]", f.key)],
        _ => vec![format!("{indent}{}: {scalar}", f.key)],
    }
}

fn list_of_maps(key: &str, fields: &[Field], indent: &str) -> Vec<String> {
    let mut lines = vec![format!("{indent}{key}:")];
    lines.extend(sub_fields(fields, &format!("{indent}    "), "  - "));
    lines
}

/// The fields of a nested mapping, each with a trailing comment; the first line starts
/// with `first` (`- ` for an item of a list).
fn sub_fields(fields: &[Field], indent: &str, first: &str) -> Vec<String> {
    fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let need = if matches!(f.need, Need::Required) {
                "（必填）"
            } else {
                ""
            };
            let hint = type_hint(f.ty)
                .map(|h| format!("：{h}"))
                .unwrap_or_default();
            let lead = if i == 0 && !first.is_empty() {
                format!(
                    "{}{first}",
                    &indent[..indent.len().saturating_sub(first.len())]
                )
            } else {
                indent.to_string()
            };
            format!("{lead}{}: \"\"  # {}{need}{hint}", f.key, f.title)
        })
        .collect()
}
