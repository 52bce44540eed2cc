//! Typed access to query parameters and JSON bodies, with `VOD.10053` errors that name the field.

use serde_json::{Map, Value};

use super::auth::parse_query;
use super::errors::{ApiError, ApiResult};

/// Decoded query pairs (repeated keys kept).
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub pairs: Vec<(String, String)>,
}

impl Query {
    pub fn parse(raw: &str) -> Self {
        Query {
            pairs: parse_query(raw),
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

    pub fn required(&self, key: &str) -> ApiResult<&str> {
        self.get(key)
            .ok_or_else(|| ApiError::illegal(key, "the parameter is required"))
    }

    pub fn int(&self, key: &str) -> ApiResult<Option<i64>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| ApiError::illegal(key, "must be an integer")),
        }
    }

    pub fn int_in(&self, key: &str, min: i64, max: i64) -> ApiResult<Option<i64>> {
        match self.int(key)? {
            Some(v) if v < min || v > max => Err(ApiError::illegal(
                key,
                format!("must be between {min} and {max}"),
            )),
            other => Ok(other),
        }
    }
}

/// A JSON object body.
pub struct Body {
    pub map: Map<String, Value>,
}

impl Body {
    pub fn parse(bytes: &[u8]) -> ApiResult<Self> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::malformed_json("the body is empty"));
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(map)) => Ok(Body { map }),
            Ok(_) => Err(ApiError::malformed_json("a JSON object is expected")),
            Err(e) => Err(ApiError::malformed_json(e)),
        }
    }

    pub fn from_map(map: Map<String, Value>) -> Self {
        Body { map }
    }

    fn value(&self, key: &str) -> Option<&Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn has(&self, key: &str) -> bool {
        self.value(key).is_some()
    }

    pub fn opt_str(&self, key: &str) -> ApiResult<Option<String>> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(ApiError::illegal(key, "must be a string")),
        }
    }

    pub fn req_str(&self, key: &str) -> ApiResult<String> {
        self.opt_str(key)?
            .ok_or_else(|| ApiError::illegal(key, "the field is required"))
    }

    /// Integers; numeric strings are accepted too (the API's examples mix both).
    pub fn opt_int(&self, key: &str) -> ApiResult<Option<i64>> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(Some)
                .ok_or_else(|| ApiError::illegal(key, "must be an integer")),
            Some(Value::String(s)) => s
                .trim()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| ApiError::illegal(key, "must be an integer")),
            Some(_) => Err(ApiError::illegal(key, "must be an integer")),
        }
    }

    pub fn opt_int_in(&self, key: &str, min: i64, max: i64) -> ApiResult<Option<i64>> {
        match self.opt_int(key)? {
            Some(v) if v < min || v > max => Err(ApiError::illegal(
                key,
                format!("must be between {min} and {max}"),
            )),
            other => Ok(other),
        }
    }

    pub fn opt_obj(&self, key: &str) -> ApiResult<Option<Body>> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::Object(m)) => Ok(Some(Body { map: m.clone() })),
            Some(_) => Err(ApiError::illegal(key, "must be an object")),
        }
    }

    pub fn opt_array(&self, key: &str) -> ApiResult<Option<Vec<Value>>> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::Array(a)) => Ok(Some(a.clone())),
            Some(_) => Err(ApiError::illegal(key, "must be an array")),
        }
    }

    /// An array of strings; a single string is accepted as a one-element array.
    pub fn str_list(&self, key: &str) -> ApiResult<Option<Vec<String>>> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(vec![s.clone()])),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    _ => Err(ApiError::illegal(key, "must be an array of strings")),
                })
                .collect::<ApiResult<Vec<_>>>()
                .map(Some),
            Some(_) => Err(ApiError::illegal(key, "must be an array of strings")),
        }
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

    #[test]
    fn bodies_reject_garbage_with_10053() {
        for bad in [&b""[..], b"   ", b"[1]", b"{", b"\xff\xfe", b"null"] {
            let e = Body::parse(bad).err().expect("error");
            assert_eq!(e.code, "VOD.10053");
            assert_eq!(e.status, axum::http::StatusCode::BAD_REQUEST);
        }
        let b = Body::parse(br#"{"a":"1","b":2,"c":"x","d":[1]}"#).unwrap();
        assert_eq!(b.opt_int("a").unwrap(), Some(1));
        assert_eq!(b.opt_int("b").unwrap(), Some(2));
        assert!(b.opt_int("c").is_err());
        assert!(b.opt_str("b").is_err());
        assert!(b.str_list("d").is_err());
    }
}
