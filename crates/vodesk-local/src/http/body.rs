//! Typed access to a JSON object body; errors name the field.

use serde_json::{Map, Value};

use super::BadRequest;
use super::query::in_range;

/// A JSON object body.
pub struct Body {
    pub map: Map<String, Value>,
}

type Field<T> = Result<T, BadRequest>;

impl Body {
    pub fn parse(bytes: &[u8]) -> Field<Self> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(BadRequest::Json("the body is empty".into()));
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(map)) => Ok(Body { map }),
            Ok(_) => Err(BadRequest::Json("a JSON object is expected".into())),
            Err(e) => Err(BadRequest::Json(e.to_string())),
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

    pub fn opt_str(&self, key: &str) -> Field<Option<String>> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(BadRequest::field(key, "must be a string")),
        }
    }

    pub fn req_str(&self, key: &str) -> Field<String> {
        self.opt_str(key)?
            .ok_or_else(|| BadRequest::field(key, "the field is required"))
    }

    /// Integers; numeric strings are accepted too (the API's examples mix both).
    pub fn opt_int(&self, key: &str) -> Field<Option<i64>> {
        let not_int = || BadRequest::field(key, "must be an integer");
        match self.value(key) {
            None => Ok(None),
            Some(Value::Number(n)) => n.as_i64().map(Some).ok_or_else(not_int),
            Some(Value::String(s)) => s.trim().parse::<i64>().map(Some).map_err(|_| not_int()),
            Some(_) => Err(not_int()),
        }
    }

    pub fn opt_int_in(&self, key: &str, min: i64, max: i64) -> Field<Option<i64>> {
        in_range(key, self.opt_int(key)?, min, max)
    }

    pub fn opt_obj(&self, key: &str) -> Field<Option<Body>> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::Object(m)) => Ok(Some(Body { map: m.clone() })),
            Some(_) => Err(BadRequest::field(key, "must be an object")),
        }
    }

    pub fn opt_array(&self, key: &str) -> Field<Option<Vec<Value>>> {
        match self.value(key) {
            None => Ok(None),
            Some(Value::Array(a)) => Ok(Some(a.clone())),
            Some(_) => Err(BadRequest::field(key, "must be an array")),
        }
    }

    /// An array of strings; a single string is accepted as a one-element array.
    pub fn str_list(&self, key: &str) -> Field<Option<Vec<String>>> {
        let not_strings = || BadRequest::field(key, "must be an array of strings");
        match self.value(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(vec![s.clone()])),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| v.as_str().map(str::to_string).ok_or_else(not_strings))
                .collect::<Field<Vec<_>>>()
                .map(Some),
            Some(_) => Err(not_strings()),
        }
    }
}
