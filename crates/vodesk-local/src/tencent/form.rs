//! GET calls (§A.1: TC3 also signs GET, whose parameters travel in the query string): the SDK
//! flattens nested parameters as `FileIds.0=…&Sort.Field=…&DeleteParts.0.Type=…`; this folds
//! them back into the JSON object a POST would have carried. Values stay strings (the body
//! readers take numeric strings for numbers).

use serde_json::{Map, Value};

use crate::http::decode_pairs;

/// The Tencent SDK builds a GET call's query with Python's `urlencode`, which sends a space as
/// `+` (and a literal `+` as `%2B`): form decoding, unlike the S3-style queries of `http`.
fn form_pairs(raw_query: &str) -> Vec<(String, String)> {
    decode_pairs(&raw_query.replace('+', "%20"))
}

/// The JSON object of a GET call's query (`None` when two keys collide, e.g. `a=1&a.b=2`).
pub fn unflatten(raw_query: &str) -> Option<Map<String, Value>> {
    let mut root = Value::Object(Map::new());
    for (key, value) in form_pairs(raw_query) {
        let mut node = &mut root;
        let path: Vec<&str> = key.split('.').collect();
        for (i, seg) in path.iter().enumerate() {
            let map = node.as_object_mut()?;
            if i + 1 == path.len() {
                if map.contains_key(*seg) {
                    return None;
                }
                map.insert(seg.to_string(), Value::String(value.clone()));
                break;
            }
            node = map
                .entry(seg.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
        }
    }
    match arrays(root) {
        Value::Object(m) => Some(m),
        _ => None,
    }
}

/// Objects whose keys are all indexes become arrays, in index order.
fn arrays(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let numbered = !m.is_empty() && m.keys().all(|k| k.parse::<usize>().is_ok());
            if numbered {
                let mut items: Vec<(usize, Value)> = m
                    .into_iter()
                    .map(|(k, v)| (k.parse().unwrap_or(0), arrays(v)))
                    .collect();
                items.sort_by_key(|(i, _)| *i);
                Value::Array(items.into_iter().map(|(_, v)| v).collect())
            } else {
                Value::Object(m.into_iter().map(|(k, v)| (k, arrays(v))).collect())
            }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plus_is_a_space_and_an_encoded_plus_a_plus() {
        let m = unflatten("Names.0=get+form&Text=a%2Bb").unwrap();
        assert_eq!(m["Names"][0], "get form");
        assert_eq!(m["Text"], "a+b");
    }

    #[test]
    fn sdk_flattening_folds_back() {
        let m = unflatten(
            "FileIds.0=a&FileIds.1=b&Sort.Field=CreateTime&Sort.Order=Desc&DeleteParts.0.Type=OriginalFiles&Limit=5&Names.0=%E6%B5%B7",
        )
        .unwrap();
        assert_eq!(
            Value::Object(m),
            serde_json::json!({"FileIds": ["a", "b"], "Sort": {"Field": "CreateTime", "Order": "Desc"},
                               "DeleteParts": [{"Type": "OriginalFiles"}], "Limit": "5", "Names": ["海"]})
        );
        assert!(unflatten("a=1&a.b=2").is_none());
        assert!(unflatten("a.b=2&a=1").is_none());
    }
}
