//! JSON Schemas (draft-07) of every content file, generated from [`crate::model::spec`],
//! the same field table the validator reads, so editors' autocompletion and underlining
//! never disagree with `tuoyu check` about which keys exist.
//!
//! Pure: takes the districts (their names become the enum of `district`) and returns the
//! files. `cmd::schema` writes them and merges the VS Code mapping ([`vscode_settings`]).

use serde_json::{Map, Value, json};

use crate::load::yaml::{Node, Value as Yaml};
use crate::model::Kind;
use crate::model::spec::{self, Field, Type};
use crate::model::values::MAX_SLUG_LEN;
use crate::render::OutputFile;

/// What the schemas need to know about the districts: every way of naming one, and the
/// streets a record's `street` may take.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DistrictNames {
    /// Ids, names and aliases, each once, in districts.yaml order.
    pub names: Vec<String>,
    /// Every district's streets, each once.
    pub streets: Vec<String>,
    /// Each district's id and name, for the comments of a new record.
    pub districts: Vec<(String, String)>,
}

impl DistrictNames {
    /// Read `districts.yaml`'s tree as the loader gives it. Entries the validator would
    /// refuse are skipped rather than reported: `tuoyu check` reports them.
    pub fn from_yaml(root: &Node) -> DistrictNames {
        let mut out = DistrictNames::default();
        let Yaml::Seq(items) = &root.value else {
            return out;
        };
        for item in items {
            let Yaml::Map(entries) = &item.value else {
                continue;
            };
            let text = |key: &str| {
                let v = entries
                    .iter()
                    .find(|(k, _)| k.value == Yaml::Str(key.into()));
                v.map(|(_, v)| strings(v).join(""))
            };
            if let (Some(id), Some(name)) = (text("id"), text("name")) {
                out.districts.push((id, name));
            }
            for (k, v) in entries {
                let target = match &k.value {
                    Yaml::Str(s) if s == "streets" => &mut out.streets,
                    Yaml::Str(s) if ["id", "name", "aliases"].contains(&s.as_str()) => {
                        &mut out.names
                    }
                    _ => continue,
                };
                for s in strings(v) {
                    if !target.contains(&s) {
                        target.push(s);
                    }
                }
            }
        }
        out
    }
}

/// The text of a scalar, or of each scalar of a list.
fn strings(n: &Node) -> Vec<String> {
    match &n.value {
        Yaml::Str(s) => vec![s.trim().to_string()],
        Yaml::Seq(items) => items.iter().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// The schema files, by file name: `site`, `districts`, then one per record kind.
pub fn schemas(districts: &DistrictNames) -> Vec<OutputFile> {
    let w = Writer { districts };
    let mut files = vec![
        document(
            "site",
            "site.yaml：网站设置",
            "网站的名称、地址和说明。",
            w.object(spec::SITE, None),
        ),
        document(
            "districts",
            "districts.yaml：区（市）列表",
            "每个区（市）一项：代码、名称、别称、街道（镇）。",
            json!({"type": "array", "items": w.object(spec::DISTRICT, None)}),
        ),
    ];
    for kind in Kind::ALL {
        let record = w.object(&spec::record(kind).copied().collect::<Vec<_>>(), Some(kind));
        let title = format!("{}/：{}", kind.folder(), kind.label());
        let about = "一个文件可写一条记录（映射），也可写多条记录的列表。";
        let body = json!({
            "definitions": {"record": record},
            "oneOf": [
                {"$ref": "#/definitions/record"},
                {"type": "array", "items": {"$ref": "#/definitions/record"}},
            ],
        });
        files.push(document(kind.folder(), &title, about, body));
    }
    files
}

/// The schema file name of a content file kind (`filed` → `filed.schema.json`).
pub fn file_name(stem: &str) -> String {
    format!("{stem}.schema.json")
}

fn document(stem: &str, title: &str, description: &str, body: Value) -> OutputFile {
    let mut doc = Map::new();
    doc.insert(
        "$schema".into(),
        "http://json-schema.org/draft-07/schema#".into(),
    );
    doc.insert("title".into(), title.into());
    doc.insert("description".into(), description.into());
    if let Value::Object(body) = body {
        doc.extend(body);
    }
    let mut bytes = serde_json::to_vec_pretty(&Value::Object(doc)).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile {
        path: file_name(stem),
        bytes,
    }
}

struct Writer<'a> {
    districts: &'a DistrictNames,
}

impl Writer<'_> {
    /// A mapping of `fields`: no other keys, the required ones required. `kind` decides
    /// fields required in some kinds only.
    fn object(&self, fields: &[Field], kind: Option<Kind>) -> Value {
        let mut props = Map::new();
        let mut required = Vec::new();
        for f in fields {
            let mut schema = self.value(f.ty);
            if let Value::Object(m) = &mut schema {
                m.insert("title".into(), f.title.into());
                m.insert("description".into(), describe(f).into());
            }
            props.insert(f.key.into(), schema);
            let needed = match kind {
                Some(kind) => f.required_in(kind),
                None => matches!(f.need, spec::Need::Required),
            };
            if needed {
                required.push(Value::from(f.key));
            }
        }
        json!({
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": false,
        })
    }

    /// The schema of one value of type `ty`.
    fn value(&self, ty: Type) -> Value {
        match ty {
            // The validator reads numbers in text fields as written (phone: 12345).
            Type::Text => json!({"type": ["string", "number"], "minLength": 1}),
            Type::Markdown => json!({"type": "string"}),
            Type::Slug => slug(),
            Type::Int { min, max } => json!({"type": "integer", "minimum": min, "maximum": max}),
            Type::Number { min, max } => json!({"type": "number", "minimum": min, "maximum": max}),
            Type::Date => json!({"type": "string", "pattern": DATE}),
            Type::MonthOrDate => json!({"type": "string", "pattern": MONTH_OR_DATE}),
            Type::Bool => json!({"enum": [true, false, "是", "否"]}),
            Type::Enum(values) => json!({"type": "string", "enum": values()}),
            Type::Url => url(),
            Type::Phone => json!({"type": ["string", "integer"], "pattern": PHONE}),
            Type::CreditCode => json!({"type": "string", "pattern": CREDIT_CODE}),
            Type::District => json!({"type": "string", "enum": self.districts.names}),
            Type::Street if self.districts.streets.is_empty() => json!({"type": "string"}),
            Type::Street => json!({"type": "string", "enum": self.districts.streets}),
            Type::Source => json!({"anyOf": [url(), self.object(spec::SOURCE, None)]}),
            Type::List(inner) => json!({"type": "array", "items": self.value(*inner)}),
            Type::Map(fields) => self.object(fields, None),
        }
    }
}

/// The field's description for a hover: the sentence, whether it must be given, and the
/// allowed values of an enumeration.
fn describe(f: &Field) -> String {
    let mut s = f.zh.to_string();
    let values = match f.ty {
        Type::Enum(values) => Some(values),
        Type::List(Type::Enum(values)) => Some(*values),
        _ => None,
    };
    if let Some(values) = values {
        s.push_str(&format!("可选：{}。", values().join("、")));
    }
    match f.need {
        spec::Need::Required => s.push_str("（必填）"),
        spec::Need::RequiredIn(kinds) => {
            let names: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
            s.push_str(&format!("（{}必填）", names.join("、")));
        }
        spec::Need::Optional => {}
    }
    s
}

const DATE: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
const MONTH_OR_DATE: &str = "^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$";
/// Digits with spaces, -, +, parentheses (half or full width); several separated by 、.
const PHONE: &str = "^[0-9+()（） -]+(、[0-9+()（） -]+)*$";
/// 18 characters of digits and capital letters other than I, O, S, V, Z (GB 32100-2015).
const CREDIT_CODE: &str = "^[0-9A-HJ-NPQRTUWXY]{18}$";

fn slug() -> Value {
    json!({"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "maxLength": MAX_SLUG_LEN})
}

/// An absolute http(s) address with a host and no characters that could break out of an
/// HTML attribute (what `is_safe_url` accepts).
fn url() -> Value {
    json!({
        "type": "string",
        "pattern": "^[hH][tT][tT][pP][sS]?://[^/?#\\s\"'<>\\\\`]+([/?#][^\\s\"'<>\\\\`]*)?$",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_schemas_accept_one_or_a_list_and_name_the_districts() {
        let names = DistrictNames {
            names: vec!["chengyang".into(), "城阳区".into(), "城阳".into()],
            streets: vec!["流亭街道".into()],
            districts: Vec::new(),
        };
        let files = schemas(&names);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "site.schema.json",
                "districts.schema.json",
                "filed.schema.json",
                "demonstration.schema.json",
                "sites.schema.json"
            ]
        );
        let filed: Value = serde_json::from_slice(&files[2].bytes).unwrap();
        let record = &filed["definitions"]["record"];
        assert_eq!(record["additionalProperties"], false);
        assert_eq!(record["properties"]["capacity"]["title"], "托位数");
        assert_eq!(record["properties"]["district"]["enum"][2], "城阳");
        assert!(
            record["required"]
                .as_array()
                .unwrap()
                .contains(&"address".into())
        );
    }
}
