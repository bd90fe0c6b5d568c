//! A small HTML tokenizer for the tests: enough to find tags, attributes (quoted or not, as a
//! minifier leaves them), text and the raw content of <script>/<style>; and what the tests
//! read with it (main content, element text, JSON-LD blocks, institution links).

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    End(String),
    Text(String),
    /// The raw content of a <script> or <style> element (follows its Start). The content
    /// of <title> and <textarea> is Text: no tags are read inside them either.
    Raw(String),
}

impl Tok {
    pub fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Tok::Start { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
    pub fn is_start(&self, tag: &str) -> bool {
        matches!(self, Tok::Start { name, .. } if name == tag)
    }
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }
}

/// Decode the character references a template engine or minifier writes.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|j| j + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
                if rest.starts_with(';') {
                    rest = &rest[1..];
                }
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn tokenize(html: &str) -> Vec<Tok> {
    let b = html.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    let flush = |toks: &mut Vec<Tok>, from: usize, to: usize| {
        if to > from {
            toks.push(Tok::Text(decode_entities(&html[from..to])));
        }
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            flush(&mut toks, text_start, i);
            i = html[i..].find("-->").map(|j| i + j + 3).unwrap_or(b.len());
            text_start = i;
            continue;
        }
        if html[i..].starts_with("<!") || html[i..].starts_with("<?") {
            flush(&mut toks, text_start, i);
            i = html[i..].find('>').map(|j| i + j + 1).unwrap_or(b.len());
            text_start = i;
            continue;
        }
        let closing = b.get(i + 1) == Some(&b'/');
        let name_start = if closing { i + 2 } else { i + 1 };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        flush(&mut toks, text_start, i);
        let mut j = name_start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        if closing {
            i = html[j..].find('>').map(|k| j + k + 1).unwrap_or(b.len());
            toks.push(Tok::End(name));
            text_start = i;
            continue;
        }
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() {
                break;
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            if b[j] == b'/' {
                j += 1;
                continue;
            }
            let k0 = j;
            let ends_name = |j: usize| {
                j >= b.len()
                    || b[j].is_ascii_whitespace()
                    || matches!(b[j], b'=' | b'>')
                    || (b[j] == b'/' && b.get(j + 1) == Some(&b'>'))
            };
            while !ends_name(j) {
                j += 1;
            }
            let key = html[k0..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let v0 = j + 1;
                    let v1 = b[v0..]
                        .iter()
                        .position(|c| *c == q)
                        .map(|p| v0 + p)
                        .unwrap_or(b.len());
                    value = decode_entities(&html[v0..v1]);
                    j = (v1 + 1).min(b.len());
                } else {
                    let v0 = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = decode_entities(&html[v0..j]);
                }
            }
            if !key.is_empty() {
                attrs.push((key, value));
            }
        }
        toks.push(Tok::Start {
            name: name.clone(),
            attrs,
        });
        i = j;
        if matches!(name.as_str(), "script" | "style" | "title" | "textarea") {
            // Raw text (script, style) and escapable raw text (title, textarea): HTML reads
            // no tags inside them until the matching end tag.
            let close = format!("</{name}");
            let lower = html[i..].to_ascii_lowercase();
            let end = lower.find(&close).map(|k| i + k).unwrap_or(b.len());
            if name == "script" || name == "style" {
                toks.push(Tok::Raw(html[i..end].to_string()));
            } else if end > i {
                toks.push(Tok::Text(decode_entities(&html[i..end])));
            }
            i = end;
        }
        text_start = i;
    }
    flush(&mut toks, text_start, b.len());
    toks
}

/// The tokens inside the first `<main>` element (the whole page if there is none).
pub fn main_tokens(html: &str) -> Vec<Tok> {
    let toks = tokenize(html);
    let Some(start) = toks.iter().position(|t| t.is_start("main")) else {
        return toks;
    };
    let end = toks[start..]
        .iter()
        .position(|t| *t == Tok::End("main".into()))
        .map(|e| start + e)
        .unwrap_or(toks.len());
    toks[start..end].to_vec()
}

/// The text of the element that starts at `toks[i]` (up to its matching end tag).
pub fn element_text(toks: &[Tok], i: usize) -> String {
    let Tok::Start { name, .. } = &toks[i] else {
        return String::new();
    };
    let mut depth = 0;
    let mut out = String::new();
    for t in &toks[i..] {
        match t {
            Tok::Start { name: n, .. } if n == name => depth += 1,
            Tok::End(n) if n == name => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Tok::Text(s) => out.push_str(s),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The content of every `<script type="application/ld+json">` block.
pub fn json_ld_blocks(html: &str) -> Vec<String> {
    let toks = tokenize(html);
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if t.is_start("script")
            && t.attr("type") == Some("application/ld+json")
            && let Some(Tok::Raw(s)) = toks.get(k + 1)
        {
            out.push(s.clone());
        }
    }
    out
}

/// Institution ids linked from the given tokens (`…institutions/<id>.html`), in order,
/// each listed once.
pub fn institution_links(toks: &[Tok]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in toks {
        if let Some(href) = t.attr("href") {
            let path = href.split(['#', '?']).next().unwrap_or("");
            if let Some((_, rest)) = path.rsplit_once("institutions/")
                && let Some(id) = rest.strip_suffix(".html")
                && !id.contains('/')
                && !out.iter().any(|x| x == id)
            {
                out.push(id.to_string());
            }
        }
    }
    out
}

/// The text of a run of tokens, concatenated (what a reader sees, tags left out).
pub fn text_of(toks: &[Tok]) -> String {
    toks.iter()
        .filter_map(|t| match t {
            Tok::Text(s) => Some(s.as_str()),
            _ => None,
        })
        .collect()
}
