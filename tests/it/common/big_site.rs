//! A 450-record site in one district (three streets) beside a one-record district: what the
//! pagination and HTML-validity tests build.

use std::path::PathBuf;

use super::build;

pub const BIG_BASE: &str = "https://tuoyu.example.org/big/";
pub const BIG_STREETS: [&str; 3] = ["甲街道", "乙街道", "丙街道"];

/// Records in district `big` of [`build_big_site`].
pub const BIG_N: usize = 450;

/// Write a content folder with BIG_N filed records in district `big` (spread over three
/// streets) and one record in district `small`; build it; return (tempdir, site root).
pub fn build_big_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = tmp.path().join("big");
    std::fs::create_dir_all(content.join("filed")).expect("mkdir");
    std::fs::write(
        content.join("site.yaml"),
        format!("title: 大名录\ncity: 测试市\nbase_url: {BIG_BASE}\n"),
    )
    .expect("write");
    std::fs::write(
        content.join("districts.yaml"),
        format!("- id: big\n  name: 大区\n  population: 1000000\n  streets: [{}]\n- id: small\n  name: 小区\n  streets: [一街道]\n", BIG_STREETS.join(", ")),
    )
    .expect("write");
    let mut yaml = String::new();
    for k in 0..BIG_N {
        yaml.push_str(&format!(
            "- id: inst-{k:03}\n  name: 测试托育机构{k:03}\n  district: big\n  street: {}\n  address: 测试路 {k} 号\n  filed_on: 2021-06-01\n  capacity: 10\n",
            BIG_STREETS[k % 3]
        ));
    }
    std::fs::write(content.join("filed/all.yaml"), yaml).expect("write");
    std::fs::write(
        content.join("filed/small.yaml"),
        "id: small-one\nname: 小机构\ndistrict: small\naddress: 一路\nfiled_on: 2021-06-01\n",
    )
    .expect("write");
    let out = tmp.path().join("public");
    let run = build(tmp.path(), "big", &out, &["--quiet"]);
    assert_eq!(run.code, 0, "{}", run.describe());
    (tmp, out)
}
