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
    if site.config.contact.is_some()
        && let Some(html) = contact_html(&mut tera)
    {
        tera.global_context().insert("contact_html", &html);
    }
    Ok(tera)
}

/// The footer's corrections contact, rendered once by the theme's `contact_link` component:
/// the same on every page, and its filters (splitting the text into words to find an
/// e-mail address) cost more than the rest of an institution page's footer. `None` when
/// the theme has no such component (its own base.html then does not ask for it).
fn contact_html(tera: &mut tera::Tera) -> Option<String> {
    const NAME: &str = "tuoyu-internal/contact.html";
    tera.add_raw_template(NAME, "{{ <contact_link text={site.contact} /> }}")
        .ok()?;
    tera.render(NAME, &tera::Context::new()).ok()
}
