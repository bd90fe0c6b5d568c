//! axe-core in a browser session: inject it into the current page and list its violations.
//! The script itself comes from common::needs::axe_core.

use fantoccini::Client;
use serde_json::json;

use super::eval;

/// Run axe-core on the current page; one line per violation and node, empty when clean.
pub async fn axe_violations(c: &Client, axe: &str) -> Vec<String> {
    let loaded = "return typeof window.axe === 'object'";
    if eval(c, loaded).await != json!(true) {
        eval(c, &format!("{axe}\n;return true")).await;
    }
    let script = r#"const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] })
          .then(r => done(r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({ target: n.target, html: n.html.slice(0, 160),
                                       summary: (n.failureSummary || '').replace(/\s+/g, ' ') }))
          }))))
          .catch(e => done('axe error: ' + e));"#;
    let v = c
        .execute_async(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("axe.run failed: {e}"));
    if let Some(err) = v.as_str() {
        panic!("{err}");
    }
    let mut out = Vec::new();
    for viol in v.as_array().into_iter().flatten() {
        for n in viol["nodes"].as_array().into_iter().flatten() {
            out.push(format!(
                "[{}/{}] {} — target {} — {} — {}",
                viol["id"].as_str().unwrap_or("?"),
                viol["impact"].as_str().unwrap_or("?"),
                viol["help"].as_str().unwrap_or(""),
                n["target"],
                n["summary"].as_str().unwrap_or(""),
                n["html"].as_str().unwrap_or(""),
            ));
        }
    }
    out
}
