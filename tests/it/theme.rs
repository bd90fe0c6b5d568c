//! A site's own theme overrides the default theme's templates and static files by name,
//! and falls back to the default for everything else.

use crate::common;

fn site_with_theme(tmp: &std::path::Path, theme: &str) -> std::path::PathBuf {
    common::copy_fixture("valid-small", tmp, "content");
    let content = tmp.join("content");
    let site = std::fs::read_to_string(content.join("site.yaml")).expect("site.yaml");
    std::fs::write(content.join("site.yaml"), format!("{site}theme: {theme}\n")).expect("write");
    content
}

#[test]
fn site_theme_overrides_templates_and_static_files_by_name() {
    let tmp = tempfile::tempdir().expect("tmp");
    site_with_theme(tmp.path(), "civic");
    let theme = tmp.path().join("themes/civic");
    std::fs::create_dir_all(theme.join("templates")).expect("mkdir");
    std::fs::create_dir_all(theme.join("static")).expect("mkdir");
    std::fs::write(
        theme.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>CIVIC-404</h1>{% endblock content %}",
    )
    .expect("write");
    std::fs::write(theme.join("static/style.css"), "body{color:#000}/*CIVIC*/").expect("write");
    let run = common::tuoyu(tmp.path(), &["build", "--out", "public"]);
    assert_eq!(run.code, 0, "{}", run.describe());
    let public = tmp.path().join("public");
    let not_found = std::fs::read_to_string(public.join("404.html")).expect("404");
    assert!(
        not_found.contains("CIVIC-404"),
        "the site's 404 template is used"
    );
    let home = std::fs::read_to_string(public.join("index.html")).expect("index");
    assert!(
        home.contains("search-form"),
        "the default index template still renders"
    );
    let css = std::fs::read_to_string(public.join("assets/style.css")).expect("css");
    assert!(
        css.contains("CIVIC"),
        "the site's static file replaces the default's"
    );
    assert!(
        public.join("assets/site.js").exists(),
        "default static files remain"
    );
}

#[test]
fn unknown_theme_is_an_error_naming_the_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    site_with_theme(tmp.path(), "nosuch");
    let run = common::tuoyu(tmp.path(), &["build", "--out", "public"]);
    assert_eq!(run.code, 2, "{}", run.describe());
    assert!(run.stderr.contains("themes/nosuch"), "{}", run.describe());
    assert!(!tmp.path().join("public").exists(), "nothing is written");
}
