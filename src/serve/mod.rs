//! `tuoyu serve`: a live preview that never touches `public/`.
//!
//! The site is rebuilt into memory ([`site::rebuild`], the same steps as `tuoyu build`
//! through [`crate::pipeline::render_to_memory`]) whenever a file under content/ or themes/
//! changes ([`watch`]). The last good site stays in a [`state::Preview`] shared with the
//! HTTP server ([`http`]); while the content has errors every HTML page it sends carries
//! an overlay listing them ([`overlay`]), and open pages reload themselves through
//! server-sent events ([`inject`]).
//!
//! The server is a small hand-written HTTP/1.1 server on `std::net` (GET and HEAD, one
//! thread per connection, `Connection: close`) rather than axum (Zola's choice, with a
//! WebSocket) or tiny_http: a preview for one editor needs neither async nor keep-alive,
//! and live reload needs only server-sent events, which are plain HTTP. It adds no
//! dependency (tiny_http would add 4 crates, axum with tokio and tungstenite about 60);
//! see the `serve` branch report for the measured binary sizes.

pub mod http;
pub mod inject;
pub mod overlay;
pub mod site;
pub mod state;
pub mod watch;

/// Where the preview's pages listen for rebuilds (server-sent events).
pub const EVENTS_PATH: &str = "/__tuoyu/events";
