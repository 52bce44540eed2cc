//! `SearchMedia`'s `Match` (§B.8): conditions joined by `and`, each `Field = 'value'`,
//! `Field in ('a','b')` or, for `CreationTime`, `= ('from','to')` as a range. `Title` matches
//! substrings (case-insensitive); `VideoId`, `MediaId`, `CateId`, `Tags` and `Status` match
//! exactly (a tag is one of the video's tags).

use super::errors::{AliError, AliResult};
use super::params::iso_ms;

#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    /// Any of the values.
    Field(Field, Vec<String>),
    /// Creation time within, milliseconds, both inclusive.
    Created(Option<i64>, Option<i64>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    VideoId,
    CateId,
    Tags,
    Status,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word(String),
    Quoted(String),
    Eq,
    Open,
    Close,
    Comma,
}

fn bad(why: impl std::fmt::Display) -> AliError {
    AliError::invalid("Match", why)
}

fn tokens(s: &str) -> AliResult<Vec<Tok>> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '=' => {
                chars.next();
                out.push(Tok::Eq);
            }
            '(' => {
                chars.next();
                out.push(Tok::Open);
            }
            ')' => {
                chars.next();
                out.push(Tok::Close);
            }
            ',' => {
                chars.next();
                out.push(Tok::Comma);
            }
            '\'' | '"' => {
                chars.next();
                let mut text = String::new();
                loop {
                    match chars.next() {
                        Some(q) if q == c => break,
                        Some(ch) => text.push(ch),
                        None => return Err(bad("a quoted value is not closed")),
                    }
                }
                out.push(Tok::Quoted(text));
            }
            _ => {
                let mut word = String::new();
                while let Some(&ch) = chars.peek() {
                    if ch.is_whitespace() || "=(),'\"".contains(ch) {
                        break;
                    }
                    word.push(ch);
                    chars.next();
                }
                out.push(Tok::Word(word));
            }
        }
    }
    Ok(out)
}

fn value(t: Option<Tok>) -> AliResult<String> {
    match t {
        Some(Tok::Quoted(s) | Tok::Word(s)) => Ok(s),
        other => Err(bad(format!("a value is expected, not {other:?}"))),
    }
}

/// The values of `('a', 'b', …)` after its opening parenthesis.
fn list(toks: &mut std::vec::IntoIter<Tok>) -> AliResult<Vec<String>> {
    let mut values = vec![value(toks.next())?];
    loop {
        match toks.next() {
            Some(Tok::Comma) => values.push(value(toks.next())?),
            Some(Tok::Close) => return Ok(values),
            other => return Err(bad(format!("`,` or `)` is expected, not {other:?}"))),
        }
    }
}

fn field(name: &str) -> AliResult<Option<Field>> {
    Ok(Some(match name {
        "Title" => Field::Title,
        "VideoId" | "MediaId" => Field::VideoId,
        "CateId" => Field::CateId,
        "Tags" => Field::Tags,
        "Status" => Field::Status,
        "CreationTime" => return Ok(None),
        other => return Err(bad(format!("the field {other} is not searched here"))),
    }))
}

pub fn parse(s: &str) -> AliResult<Vec<Cond>> {
    let mut toks = tokens(s)?.into_iter();
    let mut conds = Vec::new();
    loop {
        let name = match toks.next() {
            None if conds.is_empty() => return Ok(conds),
            Some(Tok::Word(w)) => w,
            other => return Err(bad(format!("a field name is expected, not {other:?}"))),
        };
        let f = field(&name)?;
        let op = toks.next();
        let values = match (&op, toks.next()) {
            (Some(Tok::Eq), Some(Tok::Open)) => list(&mut toks)?,
            (Some(Tok::Eq), v) => vec![value(v)?],
            (Some(Tok::Word(w)), Some(Tok::Open)) if w.eq_ignore_ascii_case("in") => {
                list(&mut toks)?
            }
            _ => return Err(bad(format!("`=` or `in` is expected after {name}"))),
        };
        conds.push(match f {
            Some(f) => Cond::Field(f, values),
            None => {
                let [from, to] = values.as_slice() else {
                    return Err(bad("CreationTime takes ('from','to')"));
                };
                let bound = |s: &String| (!s.is_empty()).then(|| iso_ms("Match", s)).transpose();
                Cond::Created(bound(from)?, bound(to)?)
            }
        });
        match toks.next() {
            None => return Ok(conds),
            Some(Tok::Word(w)) if w.eq_ignore_ascii_case("and") => {}
            other => return Err(bad(format!("`and` is expected, not {other:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions() {
        let c = parse(
            "Title = 'sea side' and Status in ('Normal', 'Blocked') and CreationTime = ('2026-01-01T00:00:00Z','2026-12-31T00:00:00Z') and CateId = 5",
        )
        .unwrap();
        assert_eq!(c[0], Cond::Field(Field::Title, vec!["sea side".into()]));
        assert_eq!(
            c[1],
            Cond::Field(Field::Status, vec!["Normal".into(), "Blocked".into()])
        );
        assert_eq!(
            c[2],
            Cond::Created(Some(1_767_225_600_000), Some(1_798_675_200_000))
        );
        assert_eq!(c[3], Cond::Field(Field::CateId, vec!["5".into()]));
        assert!(parse("").unwrap().is_empty());
        assert!(parse("Title = 'x' or Status = 'Normal'").is_err());
        assert!(parse("Nope = 'x'").is_err());
        assert!(parse("Title = 'x").is_err());
    }
}
