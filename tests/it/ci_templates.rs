//! The CI templates in `docs/ci/` parse as YAML (with the project's own loader), trigger
//! what their README promises, and the `tuoyu` commands they run succeed on the shipped
//! `content/` (in a temporary copy, so the repository is never written).

use std::path::{Path, PathBuf};
use std::process::Command;

use tuoyu::load::yaml::{self, Node, Value};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn load(name: &str) -> Node {
    let path = Path::new(ROOT).join("docs/ci").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    yaml::parse(&text).unwrap_or_else(|e| panic!("{name} is not valid YAML: {e:?}"))
}

fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
            .map(|(_, v)| v),
        _ => None,
    }
}

fn text(node: Option<&Node>) -> String {
    match node.map(|n| &n.value) {
        Some(Value::Str(s)) => s.clone(),
        _ => String::new(),
    }
}

fn strings(node: Option<&Node>) -> Vec<String> {
    match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().map(|n| text(Some(n))).collect(),
        _ => Vec::new(),
    }
}

/// The `tuoyu …` command lines of some shell lines: the arguments after the binary.
fn tuoyu_commands(lines: &[String]) -> Vec<Vec<String>> {
    lines
        .iter()
        .flat_map(|l| l.lines())
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let bin = words.next()?;
            (bin == "tuoyu" || bin.ends_with("/tuoyu")).then(|| words.map(String::from).collect())
        })
        .collect()
}

/// A copy of the shipped content and themes, as CI checks them out.
fn checkout() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for folder in ["content", "themes"] {
        copy_dir(&Path::new(ROOT).join(folder), &dir.path().join(folder));
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target: PathBuf = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Run each command as the template does (from the repository root) and expect success.
fn run_all(template: &str, commands: &[Vec<String>]) -> tempfile::TempDir {
    let dir = checkout();
    for args in commands {
        let out = Command::new(env!("CARGO_BIN_EXE_tuoyu"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("run tuoyu");
        assert!(
            out.status.success(),
            "{template}: `tuoyu {}` failed:\n{}{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    dir
}

#[test]
fn github_actions_checks_pull_requests_and_publishes_main() {
    let wf = load("github-actions.yml");
    let on = get(&wf, "on").expect("`on`");
    assert!(get(on, "pull_request").is_some(), "runs on pull requests");
    let branches = strings(get(on, "push").and_then(|p| get(p, "branches")));
    assert_eq!(branches, ["main"]);
    let jobs = get(&wf, "jobs").expect("jobs");
    let runs = |job: &str| -> Vec<String> {
        let job = get(jobs, job).unwrap_or_else(|| panic!("job {job}"));
        match get(job, "steps").map(|s| &s.value) {
            Some(Value::Seq(steps)) => steps.iter().map(|s| text(get(s, "run"))).collect(),
            _ => Vec::new(),
        }
    };
    let check = tuoyu_commands(&runs("check"));
    assert_eq!(check, [["check", "--format", "github"]]);
    let check_job = get(jobs, "check").expect("check job");
    assert!(text(get(check_job, "if")).contains("pull_request"));
    let publish = tuoyu_commands(&runs("publish"));
    assert_eq!(publish, [["build"]]);
    assert!(text(get(get(jobs, "publish").expect("publish"), "if")).contains("push"));
    let dir = run_all("github-actions.yml", &[check, publish].concat());
    assert!(
        dir.path().join("public/index.html").is_file(),
        "the site to publish"
    );
}

#[test]
fn gitlab_ci_checks_merge_requests_and_publishes_pages() {
    let ci = load("gitlab-ci.yml");
    let script = |job: &str| strings(get(get(&ci, job).expect(job), "script"));
    let rule = |job: &str| {
        let rules = get(get(&ci, job).expect(job), "rules");
        match rules.map(|r| &r.value) {
            Some(Value::Seq(items)) => items.iter().map(|r| text(get(r, "if"))).collect(),
            _ => Vec::<String>::new(),
        }
    };
    let check = tuoyu_commands(&script("check"));
    assert_eq!(check, [["check"]]);
    assert!(rule("check")[0].contains("merge_request_event"));
    let publish = tuoyu_commands(&script("pages"));
    assert_eq!(publish, [["build"]]);
    assert!(rule("pages")[0].contains("CI_DEFAULT_BRANCH"));
    let artifacts = get(get(&ci, "pages").expect("pages"), "artifacts");
    assert_eq!(strings(artifacts.and_then(|a| get(a, "paths"))), ["public"]);
    let dir = run_all("gitlab-ci.yml", &[check, publish].concat());
    assert!(
        dir.path().join("public/index.html").is_file(),
        "the site GitLab Pages serves"
    );
}

/// The branch names of a Gitee Go trigger (`triggers.<event>.branches.precise`).
fn gitee_branches(pipeline: &Node, event: &str) -> Vec<String> {
    let triggers = get(pipeline, "triggers").expect("triggers");
    let branches = get(triggers, event).and_then(|e| get(e, "branches"));
    strings(branches.and_then(|b| get(b, "precise")))
}

/// The script lines of every `shell@agent` step of a Gitee Go pipeline, in order.
fn gitee_scripts(pipeline: &Node) -> Vec<String> {
    let seq = |node: Option<&Node>| match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items.clone(),
        _ => Vec::new(),
    };
    let mut lines = Vec::new();
    for stage in seq(get(pipeline, "stages")) {
        for step in seq(get(&stage, "steps")) {
            assert_eq!(
                text(get(&step, "step")),
                "shell@agent",
                "Gitee Go has no Rust plugin"
            );
            let host = get(&step, "hostGroupID").and_then(|h| get(h, "ID"));
            assert!(
                !text(host).is_empty(),
                "a shell@agent step names its host group"
            );
            lines.extend(strings(get(&step, "script")));
        }
    }
    lines
}

#[test]
fn gitee_go_checks_pull_requests_and_publishes_main() {
    let pr = load("gitee-go-pr.yml");
    assert_eq!(text(get(&pr, "version")), "1.0");
    assert_eq!(gitee_branches(&pr, "pr"), ["main"]);
    assert!(get(get(&pr, "triggers").expect("triggers"), "push").is_none());
    let check = tuoyu_commands(&gitee_scripts(&pr));
    assert_eq!(check, [["check"]]);

    let main = load("gitee-go-main.yml");
    assert_eq!(gitee_branches(&main, "push"), ["main"]);
    assert!(get(get(&main, "triggers").expect("triggers"), "pr").is_none());
    let scripts = gitee_scripts(&main);
    let publish = tuoyu_commands(&scripts);
    assert_eq!(publish, [["build"]]);
    let copy = scripts.last().expect("a copy step");
    assert!(
        copy.starts_with("cp -a public/. "),
        "publishes public/: {copy}"
    );
    let dir = run_all("gitee-go", &[check, publish].concat());
    assert!(
        dir.path().join("public/index.html").is_file(),
        "the site to copy"
    );
}
