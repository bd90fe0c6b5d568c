//! `data/datapackage.json`: the open data described as a Frictionless Data Package, so
//! that a journalist's tool knows each column's name, type, Chinese title and meaning.
//! Generated from the contract (`model::spec`) and the open-data columns, never by hand.

use serde_json::{Map, Value, json};

use super::columns::{COLUMNS, Column, field};
use crate::model::spec::{self, Field, Type};
use crate::model::{Kind, Site};

/// The descriptor, as pretty JSON (small; people read it).
pub fn descriptor(site: &Site) -> Vec<u8> {
    let table = json!({
        "fields": COLUMNS.iter().map(column).collect::<Vec<_>>(),
        "primaryKey": ["id"],
    });
    let mut v = json!({
        "profile": "data-package",
        "name": "tuoyu-institutions",
        "title": site.config.title,
        "homepage": site.config.base_url,
        "resources": [
            {
                "name": "institutions-csv",
                "title": format!("{}（CSV）", site.config.title),
                "path": "institutions.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": table,
            },
            {
                "name": "institutions-xlsx",
                "title": format!("{}（Excel 表格）", site.config.title),
                "path": "institutions.xlsx",
                "profile": "tabular-data-resource",
                "format": "xlsx",
                "mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "schema": table,
            },
            {
                "name": "institutions-json",
                "title": format!("{}（JSON）", site.config.title),
                "description": "机构列表在 institutions 中，每个机构一个对象；未公布的信息为 null。 The institutions are under `institutions`, one object each; unknown facts are null.",
                "path": "institutions.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "schema": {"fields": json_fields()},
            },
        ],
    });
    if let Some(d) = &site.config.description {
        v["description"] = d.clone().into();
    }
    // `<`, `>` and `&` only occur inside JSON strings, where `\u003c` etc. mean the same:
    // the file stays inert if it is ever shown as HTML (as the other exports do).
    let pretty = serde_json::to_string_pretty(&v).unwrap_or_default();
    super::jsonld::escape_for_script(&pretty).into_bytes()
}

/// One CSV/spreadsheet column as a Table Schema field.
fn column(c: &Column) -> Value {
    let (title, zh, en, ty) = c.describe();
    let mut f = json!({
        "name": c.header,
        "title": title,
        "description": zh,
        "x-description-en": en,
        "type": ty,
    });
    if ty == "boolean" {
        f["trueValues"] = json!(["是"]);
        f["falseValues"] = json!(["否"]);
    }
    if let super::columns::Meaning::Field(path) = c.meaning
        && let Some(Type::Enum(values)) = field(path).map(|x| x.ty)
    {
        f["constraints"] = json!({ "enum": values() });
    }
    f
}

/// The keys of one institution object in the JSON export.
fn json_fields() -> Vec<Value> {
    let mut out: Vec<Value> = spec::COMMON
        .iter()
        .filter(|f| f.key != "district")
        .map(json_field)
        .collect();
    for (key, title, zh, en, ty) in [
        (
            "district_id",
            "区市代码",
            "所在区（市）的代码（districts.yaml 的 id）。",
            "The district's id (from districts.yaml).",
            "string",
        ),
        (
            "district_name",
            "所在区市",
            "所在区（市）的名称。",
            "The district's name.",
            "string",
        ),
        (
            "url",
            "页面",
            "机构页面的网址。",
            "The address of the institution's page.",
            "string",
        ),
        (
            "origins",
            "数据位置",
            "记录所在的内容文件和行号。",
            "The content files and lines the listings come from.",
            "array",
        ),
    ] {
        out.push(json!({"name": key, "title": title, "description": zh, "x-description-en": en, "type": ty}));
    }
    for (key, title, kind) in [
        ("filed", "备案信息", Kind::Filed),
        ("demonstration", "示范信息", Kind::Demonstration),
        ("site", "托育点信息", Kind::CareSite),
    ] {
        let inner: Vec<Value> = spec::kind_fields(kind).iter().map(json_field).collect();
        out.push(json!({
            "name": key,
            "title": title,
            "description": format!("{}名单中的信息；不在该名单中时为 null。", kind.label()),
            "x-description-en": format!("What the {} list says; null when not on it.", kind.folder()),
            "type": "object",
            "x-fields": inner,
        }));
    }
    out
}

fn json_field(f: &Field) -> Value {
    let mut v = Map::new();
    v.insert("name".into(), f.key.into());
    v.insert("title".into(), f.title.into());
    v.insert("description".into(), f.zh.into());
    v.insert("x-description-en".into(), f.en.into());
    v.insert("type".into(), f.ty.table_type().into());
    if let Type::Enum(values) = f.ty {
        v.insert("constraints".into(), json!({ "enum": values() }));
    }
    Value::Object(v)
}
