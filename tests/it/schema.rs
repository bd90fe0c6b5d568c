//! `tuoyu schema` and `tuoyu new`: the generated JSON Schemas accept the shipped content
//! and refuse mistakes, checked by a real JSON-Schema validator (the `jsonschema` crate,
//! draft 7); the VS Code settings are merged, never clobbered; a new record lists every
//! field and passes `tuoyu check` once its required fields are filled.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tuoyu::render::schema::{self, DistrictNames};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the binary in `cwd`; returns (exit code, stderr).
fn tuoyu(cwd: &Path, args: &[&str]) -> (i32, String) {
    let run = crate::common::tuoyu(cwd, args);
    (run.code, run.stdout + &run.stderr)
}

/// A copy of the shipped content in a temporary repository root.
fn shipped_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tmp");
    crate::common::copy_dir(&root().join("content"), &tmp.path().join("content"));
    tmp
}

/// The schemas of the shipped content, by file name, as the library generates them.
fn shipped_schemas() -> Vec<(String, Value)> {
    let content = root().join("content");
    let files = tuoyu::load::scan(&content).expect("scan");
    let f = files.districts.as_ref().expect("districts.yaml");
    let doc = tuoyu::load::read_yaml(&files, f)
        .expect("read")
        .expect("yaml");
    schema::schemas(&DistrictNames::from_yaml(&doc.root))
        .into_iter()
        .map(|f| (f.path, serde_json::from_slice(&f.bytes).expect("json")))
        .collect()
}

fn validator(schemas: &[(String, Value)], name: &str) -> jsonschema::Validator {
    let (_, s) = schemas.iter().find(|(n, _)| n == name).expect(name);
    jsonschema::draft7::new(s).expect("a valid draft-07 schema")
}

fn yaml_file(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("read");
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn shipped_content_validates_against_its_schemas() {
    let schemas = shipped_schemas();
    let content = root().join("content");
    let mut checked = 0;
    for (file, schema) in [
        ("site.yaml", "site.schema.json"),
        ("districts.yaml", "districts.schema.json"),
    ] {
        let errs = errors(
            &validator(&schemas, schema),
            &yaml_file(&content.join(file)),
        );
        assert!(errs.is_empty(), "{file}: {errs:#?}");
        checked += 1;
    }
    for folder in ["filed", "demonstration", "sites"] {
        let v = validator(&schemas, &format!("{folder}.schema.json"));
        for e in std::fs::read_dir(content.join(folder)).expect("folder") {
            let path = e.expect("entry").path();
            let errs = errors(&v, &yaml_file(&path));
            assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 5);
}

#[test]
fn committed_schemas_are_current() {
    for (name, generated) in shipped_schemas() {
        let path = root().join("schemas").join(&name);
        let committed: Value = serde_json::from_str(
            &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}")),
        )
        .expect("json");
        assert_eq!(committed, generated, "{name} is stale: run `tuoyu schema`");
    }
}

#[test]
fn mistakes_do_not_validate() {
    let schemas = shipped_schemas();
    let filed = validator(&schemas, "filed.schema.json");
    let good = json!({
        "id": "a-1", "name": "某托育中心", "district": "城阳区", "address": "某路1号",
        "filed_on": "2021-03-02", "inclusive": "是", "services": ["全日托"],
        "sources": ["https://example.org/", {"title": "报道", "date": "2021-11"}],
    });
    assert!(
        errors(&filed, &good).is_empty(),
        "{:?}",
        errors(&filed, &good)
    );
    assert!(
        filed.is_valid(&json!([good.clone(), good.clone()])),
        "a list"
    );
    let with = |key: &str, value: Value| {
        let mut r = good.clone();
        r[key] = value;
        r
    };
    let bad = [
        ("unknown key", with("capcity", json!(30))),
        ("bad enum", with("status", json!("关闭"))),
        ("bad enum in a list", with("services", json!(["全托"]))),
        ("wrong type", with("capacity", json!("三十"))),
        ("out of range", with("capacity", json!(-1))),
        ("unknown district", with("district", json!("北京"))),
        ("impossible date", with("filed_on", json!("2021-13-01"))),
        (
            "month only where a date is needed",
            with("filed_on", json!("2021-03")),
        ),
        ("bad id", with("id", json!("Has Space"))),
        ("unsafe url", with("website", json!("javascript:alert(1)"))),
    ];
    for (what, record) in bad {
        assert!(!filed.is_valid(&record), "{what} validated: {record}");
        assert!(
            !filed.is_valid(&json!([record])),
            "{what} in a list validated"
        );
    }
    let mut missing = good.clone();
    missing.as_object_mut().expect("object").remove("address");
    assert!(
        !filed.is_valid(&missing),
        "a filed record needs its address"
    );
    let sites = validator(&schemas, "sites.schema.json");
    let site = json!({"id": "a-1", "name": "某托育点", "district": "chengyang", "enrolled": 17});
    assert!(sites.is_valid(&site), "a site's address may be unknown");
    assert!(!sites.is_valid(&good), "filed_on is not a site's key");
}

#[test]
fn vscode_settings_are_merged_and_never_clobbered() {
    let tmp = shipped_copy();
    let settings = tmp.path().join(".vscode/settings.json");
    std::fs::create_dir_all(settings.parent().expect("dir")).expect("mkdir");
    std::fs::write(
        &settings,
        r#"{"editor.fontSize": 20, "yaml.schemas": {"x.json": "a.yaml"}}"#,
    )
    .expect("write");
    let (code, out) = tuoyu(tmp.path(), &["schema"]);
    assert_eq!(code, 0, "{out}");
    let merged: Value =
        serde_json::from_str(&std::fs::read_to_string(&settings).expect("read")).expect("json");
    assert_eq!(merged["editor.fontSize"], 20);
    assert_eq!(merged["yaml.schemas"]["x.json"], "a.yaml");
    assert_eq!(
        merged["yaml.schemas"]["./schemas/filed.schema.json"][0],
        "content/filed/**/*.yaml"
    );
    assert!(tmp.path().join("schemas/sites.schema.json").is_file());

    let jsonc = "{\n  // my settings\n  \"editor.fontSize\": 20,\n}\n";
    std::fs::write(&settings, jsonc).expect("write");
    let (code, out) = tuoyu(tmp.path(), &["schema"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("settings.json") && out.contains("yaml.schemas"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&settings).expect("read"), jsonc);
}

#[test]
fn a_new_record_lists_every_field_and_passes_check_once_filled() {
    let tmp = shipped_copy();
    let content = tmp.path().join("content");
    let (code, out) = tuoyu(tmp.path(), &["new", "filed", "new-one"]);
    assert_eq!(code, 0, "{out}");
    let path = content.join("filed/new-one.yaml");
    let text = std::fs::read_to_string(&path).expect("written");
    for required in [
        "id: new-one",
        "name: \"\"",
        "district: \"\"",
        "address: \"\"",
        "filed_on: \"\"",
    ] {
        assert!(
            text.contains(&format!("\n{required}\n")),
            "{required}:\n{text}"
        );
    }
    for key in tuoyu::model::spec::record_keys(tuoyu::model::Kind::Filed) {
        assert!(text.contains(&format!("{key}:")), "{key} missing:\n{text}");
    }
    assert!(text.contains("# 托位数（选填）"), "{text}");
    let (code, out) = tuoyu(tmp.path(), &["check"]);
    assert_eq!(code, 1, "empty required fields are flagged: {out}");
    assert!(out.contains("new-one.yaml"), "{out}");

    let filled = text
        .replace("name: \"\"", "name: 新建托育中心")
        .replace("district: \"\"", "district: chengyang")
        .replace("address: \"\"", "address: 城阳区某路1号")
        .replace("filed_on: \"\"", "filed_on: 2021-06-01");
    std::fs::write(&path, filled).expect("write");
    let (code, out) = tuoyu(tmp.path(), &["check"]);
    assert_eq!(code, 0, "{out}");

    let (code, out) = tuoyu(tmp.path(), &["new", "filed", "new-one"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("已存在"), "{out}");
    let (code, out) = tuoyu(tmp.path(), &["new", "sites", "Not_A_Slug"]);
    assert_eq!(code, 1, "{out}");
    assert!(!content.join("sites/Not_A_Slug.yaml").exists());
}
