//! The outside tools some tests need: Chromium and chromedriver, axe-core, Java and the Nu
//! HTML Checker. Those tests are `#[ignore = "needs …"]`; asked to run (`--include-ignored`),
//! they get the tool here or fail, naming how to install it: an ignored test that runs never
//! passes without having done its work.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The first of `names` found on PATH.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|n| {
        std::env::split_paths(&path)
            .map(|d| d.join(n))
            .find(|p| p.is_file())
    })
}

/// Fail the running test because `what` is missing; `fix` says how to get it.
fn missing(what: &str, fix: &str) -> ! {
    panic!(
        "this test needs {what}, which is missing: {fix}. \
         (`cargo test` lists such tests as ignored; `--include-ignored` runs them for real.)"
    )
}

/// Chromium and chromedriver: (browser, driver).
pub fn chromium_and_chromedriver() -> (PathBuf, PathBuf) {
    let chrome = on_path(&["chromium", "chromium-browser", "google-chrome", "chrome"]);
    let driver = on_path(&["chromedriver"]);
    match (chrome, driver) {
        (Some(c), Some(d)) => (c, d),
        _ => missing(
            "chromium and chromedriver",
            "apt-get install chromium chromium-driver fonts-noto-cjk",
        ),
    }
}

/// axe.min.js from `npm install --prefix target/axe axe-core` (.ci/run does it).
pub fn axe_core() -> String {
    let p = super::repo().join("target/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&p).unwrap_or_else(|_| {
        missing(
            &format!("axe-core at {}", p.display()),
            "npm install --prefix target/axe --ignore-scripts axe-core",
        )
    })
}

/// The Nu HTML Checker's jar (VNU_JAR, or `npm install --prefix target/vnu vnu-jar`), once
/// `java -version` has been seen to work.
pub fn java_and_vnu_jar() -> PathBuf {
    let java_runs = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !java_runs {
        missing("java", "apt-get install default-jre-headless");
    }
    let jar = match std::env::var_os("VNU_JAR") {
        Some(p) => PathBuf::from(p),
        None => super::repo().join("target/vnu/node_modules/vnu-jar/build/dist/vnu.jar"),
    };
    if !Path::new(&jar).is_file() {
        missing(
            &format!("the Nu HTML Checker at {}", jar.display()),
            "npm install --prefix target/vnu --ignore-scripts vnu-jar",
        );
    }
    jar
}
