//! `SDK-HMAC-SHA256` request signing exactly as huawei-vod-api.md §2.2 (the algorithm of
//! `huaweicloudsdkcore` 3.1.219). Pure functions; the date is an input so tests can pin it.

use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};

pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
pub const DATE_HEADER: &str = "X-Sdk-Date";
pub const DATE_FORMAT: &str = "%Y%m%dT%H%M%SZ";
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
const CONTENT_SHA256_HEADER: &str = "X-Sdk-Content-Sha256";

/// Python's `quote(s, safe='~')`: everything but `A–Z a–z 0–9 - _ . ~` is percent-encoded.
const ENCODE_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes one path segment, query key or query value.
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, ENCODE_SET).to_string()
}

/// One request to sign. `headers` are the headers that will be sent and signed (the caller adds
/// `Host` and `X-Sdk-Date`); names containing `_` are never signed, as in the SDK.
pub struct SignInput<'a> {
    pub method: &'a str,
    /// Request path without query, e.g. `/v1.0/{project_id}/asset/list`.
    pub path: &'a str,
    /// Query pairs in any order; repeated keys allowed.
    pub query: &'a [(String, String)],
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// Everything the signer computed, so tests can check each stage.
#[derive(Debug, Clone)]
pub struct Signed {
    pub canonical_request: String,
    pub string_to_sign: String,
    pub authorization: String,
    /// Path and query exactly as they must go on the wire (no trailing `/` on the path).
    pub request_target: String,
    /// Headers the SDK rules add before signing (e.g. `X-Sdk-Content-Sha256`); send them too.
    pub extra_headers: Vec<(String, String)>,
}

/// Sorted (on raw strings) and encoded query string, used both for signing and for the URL.
pub fn canonical_query(query: &[(String, String)]) -> String {
    let mut pairs: Vec<&(String, String)> = query.iter().collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut uri = decoded.split('/').map(encode).collect::<Vec<_>>().join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

fn wire_path(path: &str) -> String {
    let uri = canonical_uri(path);
    if uri.len() > 1 && !path.ends_with('/') {
        uri[..uri.len() - 1].to_string()
    } else {
        uri
    }
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac_sha256_hex(key: &[u8], msg: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key size");
    mac.update(msg);
    hex::encode(mac.finalize().into_bytes())
}

/// Signs `input` with the access key `ak` and secret key `sk`.
pub fn sign(ak: &str, sk: &str, input: &SignInput<'_>) -> Signed {
    let mut headers: Vec<(String, String)> = input.headers.to_vec();
    let mut extra_headers = Vec::new();
    let content_type = header(&headers, "content-type").unwrap_or_default();
    // The SDK does not hash non-JSON bodies: it declares them unsigned instead.
    if !input.body.is_empty()
        && !content_type.is_empty()
        && !content_type.starts_with("application/json")
        && !content_type.starts_with("application/bson")
        && header(&headers, CONTENT_SHA256_HEADER).is_none()
    {
        let h = (
            CONTENT_SHA256_HEADER.to_string(),
            UNSIGNED_PAYLOAD.to_string(),
        );
        headers.push(h.clone());
        extra_headers.push(h);
    }
    let payload_hash = match header(&headers, CONTENT_SHA256_HEADER) {
        Some(v) if !input.body.is_empty() => v.to_string(),
        _ if input.body.is_empty() => EMPTY_SHA256.to_string(),
        _ => sha256_hex(input.body),
    };

    let mut signed: Vec<(String, String)> = headers
        .iter()
        .filter(|(name, _)| !name.contains('_'))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    signed.sort_by(|a, b| a.0.cmp(&b.0));
    let signed_headers = signed
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let canonical_headers: String = signed.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();

    let query = canonical_query(input.query);
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        input.method.to_ascii_uppercase(),
        canonical_uri(input.path),
        query,
        canonical_headers,
        signed_headers,
        payload_hash
    );
    let date = header(&headers, DATE_HEADER).unwrap_or_default();
    let string_to_sign = format!(
        "{ALGORITHM}\n{date}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let signature = hmac_sha256_hex(sk.as_bytes(), string_to_sign.as_bytes());
    let authorization =
        format!("{ALGORITHM} Access={ak}, SignedHeaders={signed_headers}, Signature={signature}");
    let mut request_target = wire_path(input.path);
    if !query.is_empty() {
        request_target.push('?');
        request_target.push_str(&query);
    }
    Signed {
        canonical_request,
        string_to_sign,
        authorization,
        request_target,
        extra_headers,
    }
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}
