//! `tuoyu serve`: a live preview that never touches `public/`.
//!
//! The site is rebuilt in memory ([`site::rebuild_with`]: the steps of `tuoyu build`,
//! parsing only the record files that changed, every file rendered on first request)
//! whenever a file under content/ or themes/ changes ([`watch`]). The last good site stays
//! in a [`state::Preview`] shared with the HTTP server ([`http`]); while the content has
//! errors every HTML page it sends carries an overlay listing them ([`overlay`]), and open
//! pages reload themselves through server-sent events ([`inject`]).
//!
//! The server is a small hand-written HTTP/1.1 server on `std::net` (GET and HEAD, one
//! thread per connection, `Connection: close`) rather than axum (Zola's choice, with a
//! WebSocket) or tiny_http: a preview for one editor needs neither async nor keep-alive,
//! and live reload needs only server-sent events, which are plain HTTP. Measured here:
//! it adds no crate, where tiny_http 0.12 adds 5 (itself, ascii, chunked_transfer,
//! httpdate, log) and axum 0.8 with `ws` and tokio 68; a hello-world server with
//! tiny_http is 381 KB larger in release than one on `std::net` (876 KB against 494 KB)
//! and took 67 s instead of 5 s to compile from clean on this (shared) machine.

pub mod http;
pub mod inject;
pub mod overlay;
pub mod site;
pub mod state;
pub mod watch;

/// Where the preview's pages listen for rebuilds (server-sent events).
pub const EVENTS_PATH: &str = "/__tuoyu/events";
