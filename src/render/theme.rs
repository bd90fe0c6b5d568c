//! Compile a theme's templates into tera, once per build, with the variables every page
//! shares as tera's global context.

use super::RenderError;
use crate::load::theme::Theme;
use crate::model::Site;

/// Compile the templates with autoescaping on for HTML; with `minify`, each template is
/// minified once here (see [`super::minify`]).
pub fn compile(
    theme: &Theme,
    site: &Site,
    minify: bool,
    search_meta: &str,
) -> Result<tera::Tera, RenderError> {
    let mut tera = tera::Tera::new();
    tera.global_context()
        .extend(super::context::global_context(site));
    tera.global_context().insert("search_meta", search_meta);
    tera.autoescape_on([".html", ".xml"]);
    let sources: Vec<(&str, String)> = theme
        .templates
        .iter()
        .map(|(n, t)| {
            (
                n.as_str(),
                if minify {
                    super::minify::template(t)
                } else {
                    t.clone()
                },
            )
        })
        .collect();
    tera.add_raw_templates(sources.iter().map(|(n, t)| (*n, t.as_str())))
        .map_err(|e| RenderError {
            what: "templates".into(),
            message: super::context::error_chain(&e),
        })?;
    Ok(tera)
}
