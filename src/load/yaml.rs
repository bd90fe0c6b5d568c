//! YAML behind one small door: parse text into a span-carrying [`Node`] tree.
//!
//! Records are not deserialised straight into typed structs because serde stops at the
//! first problem; editors want every mistake in one run. So the YAML becomes a generic
//! tree with a source position on every node, and `model` checks it field by field.
//!
//! The tree is built from the events of serde-saphyr's own parser (granit-parser, which
//! serde-saphyr re-exports) rather than through serde with `Spanned<T>` on every node:
//! on 88 MB of synthetic records that is 1.2 s instead of 4.0 s. Because that bypasses
//! serde-saphyr's deserializer, this module itself refuses duplicate keys (with the
//! position of the repeated key), refuses every alias (so alias bombs are never
//! expanded) and resolves plain scalars by the YAML 1.2 core schema.

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};

use crate::diagnostics::catalogue::load as msg;
use crate::diagnostics::{Pos, Text};

/// One YAML node and where it stands in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

/// The value of a node; mapping entries keep their order and their key positions.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// The YAML type as an editor would name it, for "expected X, found Y" messages.
    pub fn kind_name(&self) -> Text {
        Text::new(match self {
            Value::Null => &msg::TYPE_NULL,
            Value::Bool(_) => &msg::TYPE_BOOL,
            Value::Int(_) => &msg::TYPE_INT,
            Value::Float(_) => &msg::TYPE_FLOAT,
            Value::Str(_) => &msg::TYPE_TEXT,
            Value::Seq(_) => &msg::TYPE_LIST,
            Value::Map(_) => &msg::TYPE_MAP,
        })
    }
}

/// A YAML syntax-level failure: the whole file could not be read as YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: u32,
    pub column: u32,
    pub message: Text,
    /// The parser's own words, when the parser (not this module) refused the text: what
    /// [`crate::load::yaml_advice`] reads to give advice.
    pub raw: Option<String>,
}

/// Parse one YAML document. An empty document yields a `Null` node at 1:1.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut b = Builder {
        events: Parser::new_from_str(text),
        depth: 0,
    };
    b.document()
}

const MAX_DEPTH: usize = 64;

struct Builder<'a> {
    events: Parser<'a, serde_saphyr::granit_parser::StrInput<'a>>,
    depth: usize,
}

fn pos_of(span: &Span) -> Pos {
    let (s, e) = (span.start, span.end);
    let start = s.byte_offset().unwrap_or(0);
    Pos {
        line: s.line() as u32,
        column: s.col() as u32 + 1,
        start,
        end: e.byte_offset().unwrap_or(start).max(start),
    }
}

fn fail(pos: Pos, message: Text) -> ParseError {
    ParseError {
        line: pos.line.max(1),
        column: pos.column.max(1),
        message,
        raw: None,
    }
}

impl<'a> Builder<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Span), ParseError> {
        match self.events.next() {
            Some(Ok(ev)) => Ok(ev),
            Some(Err(e)) => {
                let m = e.marker();
                let raw = e.kind().to_string();
                Err(ParseError {
                    line: m.line().max(1) as u32,
                    column: m.col() as u32 + 1,
                    // The parser's words are not ours: shown only when no advice fits.
                    message: Text::new(&msg::YAML_UNREADABLE).arg("detail", raw.as_str()),
                    raw: Some(raw),
                })
            }
            None => Err(ParseError {
                line: 1,
                column: 1,
                message: Text::new(&msg::YAML_END_OF_INPUT),
                raw: None,
            }),
        }
    }

    fn document(&mut self) -> Result<Node, ParseError> {
        let mut root: Option<Node> = None;
        loop {
            let (ev, span) = self.next()?;
            match ev {
                Event::StreamStart | Event::DocumentEnd => {}
                Event::StreamEnd => break,
                Event::DocumentStart(..) if root.is_some() => {
                    return Err(fail(pos_of(&span), Text::new(&msg::YAML_SECOND_DOCUMENT)));
                }
                Event::DocumentStart(..) => root = Some(self.node()?),
                _ => return Err(fail(pos_of(&span), Text::new(&msg::YAML_UNEXPECTED))),
            }
        }
        Ok(root.unwrap_or(Node {
            pos: Pos {
                line: 1,
                column: 1,
                start: 0,
                end: 0,
            },
            value: Value::Null,
        }))
    }

    /// Read the next complete node.
    fn node(&mut self) -> Result<Node, ParseError> {
        let (ev, span) = self.next()?;
        self.node_from(ev, span)
    }

    fn node_from(&mut self, ev: Event<'a>, span: Span) -> Result<Node, ParseError> {
        let pos = pos_of(&span);
        match ev {
            Event::Scalar(text, style, _, tag) => {
                let is_str_tag = tag.as_ref().is_some_and(|t| t.to_string().ends_with("str"));
                let value = if style == ScalarStyle::Plain && !is_str_tag {
                    resolve_plain(&text)
                } else {
                    Value::Str(text.into_owned())
                };
                Ok(Node { pos, value })
            }
            Event::SequenceStart(..) => {
                self.enter(pos)?;
                let mut items = Vec::new();
                loop {
                    let (ev, span) = self.next()?;
                    if matches!(ev, Event::SequenceEnd) {
                        break;
                    }
                    items.push(self.node_from(ev, span)?);
                }
                self.depth -= 1;
                Ok(Node {
                    pos,
                    value: Value::Seq(items),
                })
            }
            Event::MappingStart(..) => {
                self.enter(pos)?;
                let mut entries: Vec<(Node, Node)> = Vec::new();
                loop {
                    let (ev, span) = self.next()?;
                    if matches!(ev, Event::MappingEnd) {
                        break;
                    }
                    let key = self.node_from(ev, span)?;
                    if let Value::Str(k) = &key.value
                        && entries
                            .iter()
                            .any(|(e, _)| matches!(&e.value, Value::Str(x) if x == k))
                    {
                        return Err(fail(key.pos, Text::new(&msg::DUPLICATE_KEY).arg("key", k)));
                    }
                    let value = self.node()?;
                    entries.push((key, value));
                }
                self.depth -= 1;
                Ok(Node {
                    pos,
                    value: Value::Map(entries),
                })
            }
            Event::Alias(_) | Event::UnresolvedAlias(_) => {
                Err(fail(pos, Text::new(&msg::YAML_ALIAS)))
            }
            _ => self.node(),
        }
    }

    fn enter(&mut self, pos: Pos) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(fail(
                pos,
                Text::new(&msg::YAML_TOO_DEEP).arg("max", MAX_DEPTH),
            ));
        }
        Ok(())
    }
}

/// YAML 1.2 core schema for plain scalars. Numbers with a leading zero (phone numbers,
/// 0532…) stay text, as editors mean them.
fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let leading_zero = digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.");
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if leading_zero {
            return Value::Str(s.to_string());
        }
        return s
            .parse::<i64>()
            .map(Value::Int)
            .unwrap_or_else(|_| Value::Str(s.to_string()));
    }
    let float_like = digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b".eE+-".contains(&b))
        && digits.as_bytes()[0] != b'e'
        && !leading_zero;
    match s.parse::<f64>() {
        Ok(v) if float_like && v.is_finite() => Value::Float(v),
        _ => Value::Str(s.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_of_nested_nodes() {
        let n = parse("- id: a\n  phone: 0532-1\n  n: 5\n- id: b\n").unwrap();
        let Value::Seq(items) = &n.value else {
            panic!("{n:?}")
        };
        let Value::Map(m) = &items[1].value else {
            panic!()
        };
        assert_eq!((m[0].1.pos.line, m[0].1.pos.column), (4, 7));
        let Value::Map(m0) = &items[0].value else {
            panic!()
        };
        assert_eq!(m0[1].1.value, Value::Str("0532-1".into()));
        assert_eq!(m0[2].1.value, Value::Int(5));
    }

    #[test]
    fn refuses_duplicate_keys_with_location() {
        let e = parse("id: a\nname: x\nid: b\n").unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
    }

    #[test]
    fn refuses_alias_bombs() {
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n";
        assert!(parse(bomb).is_err());
    }

    #[test]
    fn leading_zero_phone_stays_text() {
        let n = parse("phone: 053288886666\n").unwrap();
        let Value::Map(m) = &n.value else { panic!() };
        assert_eq!(m[0].1.value, Value::Str("053288886666".into()));
    }
}
