//! A tiny YAML writer for the synthetic records.

use std::fmt::Write as _;

use super::data::DISTRICTS;
use super::names::Base;

/// A tiny YAML emitter for one list of records: every string double-quoted.
pub struct Yaml {
    pub buf: String,
}

impl Yaml {
    pub fn quoted(&mut self, s: &str) {
        self.buf.push('"');
        for c in s.chars() {
            match c {
                '\\' => self.buf.push_str("\\\\"),
                '"' => self.buf.push_str("\\\""),
                _ => self.buf.push(c),
            }
        }
        self.buf.push('"');
    }

    /// `- key: "value"` for the first field of a list item, `  key: "value"` after.
    pub fn first(&mut self, key: &str, val: &str) {
        self.buf.push_str("- ");
        self.buf.push_str(key);
        self.buf.push_str(": ");
        self.quoted(val);
        self.buf.push('\n');
    }

    pub fn str(&mut self, key: &str, val: &str) {
        self.buf.push_str("  ");
        self.buf.push_str(key);
        self.buf.push_str(": ");
        self.quoted(val);
        self.buf.push('\n');
    }

    pub fn raw(&mut self, key: &str, val: impl std::fmt::Display) {
        let _ = writeln!(self.buf, "  {key}: {val}");
    }

    pub fn list(&mut self, key: &str, items: &[&str]) {
        self.buf.push_str("  ");
        self.buf.push_str(key);
        self.buf.push_str(": [");
        for (i, s) in items.iter().enumerate() {
            if i > 0 {
                self.buf.push_str(", ");
            }
            self.quoted(s);
        }
        self.buf.push_str("]\n");
    }

    pub fn base(&mut self, id: &str, b: &Base) {
        self.first("id", id);
        self.str("name", &b.name);
        self.str("district", DISTRICTS[b.district].id);
        self.str("street", b.street);
        self.str("address", &b.address);
    }
}
