//! Decoded query string, order preserved (sub-resources and SigV4 need the raw pairs).

use percent_encoding::percent_decode_str;

#[derive(Debug, Default, Clone)]
pub(crate) struct Query {
    /// `(name, value)`; `None` for value-less parameters such as `?uploads`.
    pub pairs: Vec<(String, Option<String>)>,
}

fn decode(s: &str) -> String {
    // `+` means space in query strings (form encoding); a literal plus arrives as %2B.
    let s = s.replace('+', " ");
    percent_decode_str(&s).decode_utf8_lossy().into_owned()
}

impl Query {
    pub fn parse(raw: Option<&str>) -> Self {
        let mut pairs = Vec::new();
        if let Some(raw) = raw {
            for part in raw.split('&') {
                if part.is_empty() {
                    continue;
                }
                match part.split_once('=') {
                    Some((k, v)) => pairs.push((decode(k), Some(decode(v)))),
                    None => pairs.push((decode(part), None)),
                }
            }
        }
        Query { pairs }
    }

    /// First value of `name` (`Some("")` for a value-less parameter).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_deref().unwrap_or(""))
    }

    pub fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == name)
    }
}
