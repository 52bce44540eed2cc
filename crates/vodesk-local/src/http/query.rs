//! Typed access to query parameters.

use percent_encoding::percent_decode_str;

use super::BadRequest;

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// The raw query split into decoded (key, value) pairs, in order. Only `%XX` is decoded; a `+`
/// stays a `+` (the SDKs never send `+` for a space, they send `%20`, and the signatures are
/// computed over the pairs decoded exactly this way).
pub fn decode_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// Decoded query pairs (repeated keys kept).
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub pairs: Vec<(String, String)>,
}

impl Query {
    pub fn parse(raw: &str) -> Self {
        Query {
            pairs: decode_pairs(raw),
        }
    }

    /// First non-empty value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// All values of `key`: repeated keys and comma-joined values both count.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    }

    pub fn required(&self, key: &str) -> Result<&str, BadRequest> {
        self.get(key)
            .ok_or_else(|| BadRequest::field(key, "the parameter is required"))
    }

    pub fn int(&self, key: &str) -> Result<Option<i64>, BadRequest> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| BadRequest::field(key, "must be an integer")),
        }
    }

    pub fn int_in(&self, key: &str, min: i64, max: i64) -> Result<Option<i64>, BadRequest> {
        in_range(key, self.int(key)?, min, max)
    }
}

/// `value` unless it lies outside `min..=max`.
pub(super) fn in_range(
    key: &str,
    value: Option<i64>,
    min: i64,
    max: i64,
) -> Result<Option<i64>, BadRequest> {
    match value {
        Some(v) if v < min || v > max => Err(BadRequest::field(
            key,
            format!("must be between {min} and {max}"),
        )),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_arrays_from_repeated_and_comma_keys() {
        let q = Query::parse("asset_id=a&asset_id=b%2Cc&x=&size=5");
        assert_eq!(q.all("asset_id"), vec!["a", "b", "c"]);
        assert_eq!(q.get("x"), None);
        assert_eq!(q.int_in("size", 1, 100).unwrap(), Some(5));
        assert!(q.int_in("size", 6, 100).is_err());
    }
}
