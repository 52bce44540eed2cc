//! Request authentication: every request must carry a valid signature for a key the store's
//! [`CredentialStore`] knows, and stay within that key's scope.

pub mod cos;
mod keys;
pub mod obs_v2;
pub mod sigv4;

use axum::http::{HeaderMap, StatusCode};
use percent_encoding::percent_decode_str;

use crate::credentials::{Credential, CredentialStore, Scope};
use crate::error::S3Error;
use crate::ingest::{BodyMode, ChunkSigning};
use crate::query::Query;

/// Largest tolerated clock difference for signed dates (OBS: 15 minutes).
const MAX_SKEW_SECS: i64 = 15 * 60;

pub(crate) struct RequestView<'a> {
    pub method: &'a str,
    /// Path exactly as on the wire (still percent-encoded).
    pub raw_path: &'a str,
    /// The bucket when the path names it (`/bucket/key`); `None` when the `Host` does
    /// (virtual-host addressing), so that the path is the key alone.
    pub path_bucket: Option<&'a str>,
    pub query: &'a Query,
    pub headers: &'a HeaderMap,
    pub now: i64,
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
}

fn header_or_empty<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    header(headers, name).unwrap_or("")
}

fn header_pairs(headers: &HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers.iter().filter_map(|(k, v)| {
        std::str::from_utf8(v.as_bytes())
            .ok()
            .map(|v| (k.as_str(), v))
    })
}

/// What a verified request may do.
pub(crate) struct Grant {
    /// How the body must be read (SigV4 may demand hashing or aws-chunked decoding).
    pub mode: BodyMode,
    /// `None`: everything (the long-term key).
    pub scope: Option<Scope>,
}

impl Grant {
    fn raw(credential: Credential) -> Self {
        Grant {
            mode: BodyMode::Raw {
                expected_sha256: None,
            },
            scope: credential.scope,
        }
    }
}

pub(crate) fn authenticate(
    keys: &dyn CredentialStore,
    req: &RequestView<'_>,
) -> Result<Grant, S3Error> {
    if let Some(auth) = header(req.headers, "authorization") {
        let auth = auth.trim();
        if let Some(rest) = auth.strip_prefix("AWS4-HMAC-SHA256") {
            return sigv4_header(keys, req, rest.trim());
        }
        if let Some(rest) = auth.strip_prefix("OBS ") {
            return v2_header(keys, req, rest.trim(), obs_v2::Flavor::Obs).map(Grant::raw);
        }
        if let Some(rest) = auth.strip_prefix("AWS ") {
            return v2_header(keys, req, rest.trim(), obs_v2::Flavor::Aws).map(Grant::raw);
        }
        if let Some(rest) = auth.strip_prefix("OSS ") {
            return v2_header(keys, req, rest.trim(), obs_v2::Flavor::Oss).map(Grant::raw);
        }
        if auth.starts_with("q-sign-algorithm=") {
            return cos_header(keys, req, auth).map(Grant::raw);
        }
        return Err(S3Error::new(
            StatusCode::BAD_REQUEST,
            "InvalidArgument",
            "Unsupported Authorization Type",
        ));
    }
    if req.query.has("X-Amz-Algorithm") {
        return sigv4_presigned(keys, req);
    }
    if req.query.has("Signature") {
        let flavor = if req.query.has("AccessKeyId") {
            obs_v2::Flavor::Obs
        } else if req.query.has("OSSAccessKeyId") {
            obs_v2::Flavor::Oss
        } else {
            obs_v2::Flavor::Aws
        };
        return v2_presigned(keys, req, flavor).map(Grant::raw);
    }
    Err(S3Error::access_denied(
        "Anonymous access is forbidden for this operation",
    ))
}

fn check_skew(date: Option<&str>, now: i64) -> Result<i64, S3Error> {
    let t = date.and_then(crate::time::parse_any_date).ok_or_else(|| {
        S3Error::access_denied("AWS authentication requires a valid Date or x-amz-date header")
    })?;
    if (t - now).abs() > MAX_SKEW_SECS {
        return Err(S3Error::new(
            StatusCode::FORBIDDEN,
            "RequestTimeTooSkewed",
            "The difference between the request time and the current time is too large.",
        ));
    }
    Ok(t)
}

fn expired() -> S3Error {
    S3Error::access_denied("Request has expired")
}

/// The OBS/V2 resource is "the path as sent"; clients disagree on the bucket-level form
/// (`/bucket` vs `/bucket/`) and on which characters they escape, so a few spellings are tried.
fn resource_candidates(raw_path: &str) -> Vec<String> {
    let mut v = vec![raw_path.to_string()];
    let trimmed = raw_path.trim_start_matches('/');
    if !trimmed.is_empty() {
        match trimmed.find('/') {
            None => v.push(format!("{raw_path}/")),
            Some(i) if i + 1 == trimmed.len() => v.push(raw_path[..raw_path.len() - 1].to_string()),
            _ => {}
        }
    }
    if let Ok(decoded) = percent_decode_str(raw_path).decode_utf8() {
        let re = sigv4::uri_encode(&decoded, true);
        if !v.contains(&re) {
            v.push(re);
        }
    }
    v
}

fn v2_verify(
    secret_key: &str,
    req: &RequestView<'_>,
    flavor: obs_v2::Flavor,
    date_line: &str,
    signature: &str,
) -> Result<(), S3Error> {
    let md5 = header_or_empty(req.headers, "content-md5");
    let ctype = header_or_empty(req.headers, "content-type");
    let canon_h = obs_v2::canonical_headers(header_pairs(req.headers), flavor);
    let mut first_sts = None;
    for path in resource_candidates(req.raw_path) {
        let res = obs_v2::canonical_resource(&path, &req.query.pairs, flavor);
        let sts = obs_v2::string_to_sign(req.method, md5, ctype, date_line, &canon_h, &res);
        if obs_v2::sign(secret_key, &sts) == signature {
            return Ok(());
        }
        first_sts.get_or_insert(sts);
    }
    Err(S3Error::signature_mismatch()
        .with_extra("SignatureProvided", signature)
        .with_extra("StringToSign", first_sts.unwrap_or_default()))
}

fn v2_header(
    keys: &dyn CredentialStore,
    req: &RequestView<'_>,
    rest: &str,
    flavor: obs_v2::Flavor,
) -> Result<Credential, S3Error> {
    let (ak, sig) = rest
        .rsplit_once(':')
        .ok_or_else(|| S3Error::access_denied("Malformed Authorization header"))?;
    let credential = keys::resolve(keys, ak.trim(), req)?;
    let date_header = format!("{}date", flavor.header_prefix());
    let (date_line, date_value) = match header(req.headers, &date_header) {
        Some(d) => ("", Some(d)),
        None => {
            let d = header(req.headers, "date");
            (d.unwrap_or(""), d)
        }
    };
    check_skew(date_value, req.now)?;
    v2_verify(&credential.secret_key, req, flavor, date_line, sig.trim())?;
    Ok(credential)
}

fn v2_presigned(
    keys: &dyn CredentialStore,
    req: &RequestView<'_>,
    flavor: obs_v2::Flavor,
) -> Result<Credential, S3Error> {
    let ak = match flavor {
        obs_v2::Flavor::Obs => req.query.get("AccessKeyId"),
        obs_v2::Flavor::Aws => req.query.get("AWSAccessKeyId"),
        obs_v2::Flavor::Oss => req.query.get("OSSAccessKeyId"),
    }
    .ok_or_else(|| {
        S3Error::access_denied("Query-string authentication requires the AccessKeyId parameter")
    })?;
    let credential = keys::resolve(keys, ak, req)?;
    let expires = req.query.get("Expires").ok_or_else(|| {
        S3Error::access_denied("Query-string authentication requires the Expires parameter")
    })?;
    let expires_at: i64 = expires
        .parse()
        .map_err(|_| S3Error::access_denied("Invalid Expires parameter"))?;
    let sig = req.query.get("Signature").unwrap_or("");
    v2_verify(&credential.secret_key, req, flavor, expires, sig)?;
    if req.now > expires_at {
        return Err(expired());
    }
    Ok(credential)
}

/// COS q-sign: the signer lists what it signed, so exactly those headers and parameters are
/// taken (a listed one the request lacks counts as empty). Path-style requests may have been
/// signed over `/bucket/key` or over `/key` (the SDK's key path), and a signer that took the
/// host from the URL signed it without the port: each such spelling is tried.
fn cos_header(
    keys: &dyn CredentialStore,
    req: &RequestView<'_>,
    value: &str,
) -> Result<Credential, S3Error> {
    let q = cos::parse(value)
        .ok_or_else(|| S3Error::access_denied("Malformed q-sign Authorization header"))?;
    let credential = keys::resolve(keys, &q.access_key, req)?;
    let (Some(sign), Some(key)) = (cos::window(&q.sign_time), cos::window(&q.key_time)) else {
        return Err(S3Error::access_denied("Invalid q-sign-time or q-key-time"));
    };
    for (start, end) in [sign, key] {
        if req.now > end {
            return Err(expired());
        }
        if start - req.now > MAX_SKEW_SECS {
            return Err(S3Error::access_denied("Request is not valid yet"));
        }
    }
    let params: Vec<(&str, &str)> = q
        .params
        .iter()
        .map(|name| {
            let v = req
                .query
                .pairs
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .and_then(|(_, v)| v.as_deref())
                .unwrap_or("");
            (name.as_str(), v)
        })
        .collect();
    let params = cos::encode_pairs(params);
    let mut host_spellings = vec![header_or_empty(req.headers, "host").to_string()];
    if let Some((h, port)) = host_spellings[0].rsplit_once(':')
        && port.bytes().all(|b| b.is_ascii_digit())
    {
        host_spellings.push(h.to_string());
    }
    let decoded = percent_decode_str(req.raw_path)
        .decode_utf8()
        .map_err(|_| S3Error::access_denied("The path is not valid UTF-8"))?;
    let mut paths = vec![decoded.to_string()];
    if let Some(bucket) = req.path_bucket
        && let Some(rest) = decoded.strip_prefix(&format!("/{bucket}"))
    {
        paths.push(if rest.is_empty() {
            "/".into()
        } else {
            rest.to_string()
        });
    }
    let mut first = None;
    for host in &host_spellings {
        let headers: Vec<(&str, &str)> = q
            .headers
            .iter()
            .map(|name| {
                let v = if name == "host" {
                    host.as_str()
                } else {
                    header_or_empty(req.headers, name)
                };
                (name.as_str(), v)
            })
            .collect();
        let headers = cos::encode_pairs(headers);
        for path in &paths {
            let s = cos::http_string(req.method, path, &params, &headers);
            let sig = cos::signature(&credential.secret_key, &q.key_time, &q.sign_time, &s);
            if same_text(&sig, &q.signature) {
                return Ok(credential);
            }
            first.get_or_insert(s);
        }
    }
    Err(S3Error::signature_mismatch()
        .with_extra("SignatureProvided", q.signature)
        .with_extra("FormatString", first.unwrap_or_default()))
}

fn same_text(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The `Credential=` value of SigV4: `AK/date/region/service/aws4_request`.
struct V4Credential<'a> {
    access_key: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
}

impl V4Credential<'_> {
    fn scope(&self) -> String {
        format!(
            "{}/{}/{}/aws4_request",
            self.date, self.region, self.service
        )
    }
}

fn parse_credential(s: &str) -> Result<V4Credential<'_>, S3Error> {
    let parts: Vec<&str> = s.split('/').collect();
    if parts.len() != 5 || parts[4] != "aws4_request" {
        return Err(S3Error::access_denied("Malformed credential scope"));
    }
    Ok(V4Credential {
        access_key: parts[0],
        date: parts[1],
        region: parts[2],
        service: parts[3],
    })
}

struct V4Check<'a> {
    credential: V4Credential<'a>,
    amz_date: String,
    signed_headers: &'a str,
    signature: &'a str,
    payload_hash: &'a str,
    /// Query pairs entering the canonical query (pre-signed URLs drop `X-Amz-Signature`).
    query: Vec<(&'a str, &'a str)>,
}

/// Verifies a SigV4 request; returns the credential and the signing key (aws-chunked bodies
/// need it).
fn v4_verify(
    keys: &dyn CredentialStore,
    req: &RequestView<'_>,
    c: &V4Check<'_>,
) -> Result<(Credential, [u8; 32]), S3Error> {
    let credential = keys::resolve(keys, c.credential.access_key, req)?;
    let mut names: Vec<&str> = c
        .signed_headers
        .split(';')
        .filter(|s| !s.is_empty())
        .collect();
    names.sort_unstable();
    let headers: Vec<(String, String)> = names
        .iter()
        .map(|n| {
            let values: Vec<String> = req
                .headers
                .get_all(*n)
                .iter()
                .map(|v| sigv4::canonical_header_value(&String::from_utf8_lossy(v.as_bytes())))
                .collect();
            (n.to_ascii_lowercase(), values.join(","))
        })
        .collect();
    let query = sigv4::canonical_query(c.query.iter().copied());
    let scope = c.credential.scope();
    let key = sigv4::signing_key(
        &credential.secret_key,
        c.credential.date,
        c.credential.region,
        c.credential.service,
    );
    let mut uris = Vec::with_capacity(2);
    if let Ok(decoded) = percent_decode_str(req.raw_path).decode_utf8() {
        uris.push(sigv4::uri_encode(&decoded, true));
    }
    if !uris.iter().any(|u| u == req.raw_path) {
        uris.push(req.raw_path.to_string());
    }
    let mut first = None;
    for uri in &uris {
        let creq = sigv4::canonical_request(req.method, uri, &query, &headers, c.payload_hash);
        let sts = sigv4::string_to_sign(&c.amz_date, &scope, &creq);
        if sigv4::signature(&key, &sts) == c.signature {
            return Ok((credential, key));
        }
        first.get_or_insert((creq, sts));
    }
    let (creq, sts) = first.unwrap_or_default();
    Err(S3Error::signature_mismatch()
        .with_extra("SignatureProvided", c.signature)
        .with_extra("StringToSign", sts)
        .with_extra("CanonicalRequest", creq))
}

fn body_mode(
    payload_hash: &str,
    signing: impl FnOnce() -> ChunkSigning,
) -> Result<BodyMode, S3Error> {
    match payload_hash {
        "UNSIGNED-PAYLOAD" => Ok(BodyMode::Raw {
            expected_sha256: None,
        }),
        "STREAMING-UNSIGNED-PAYLOAD-TRAILER" => Ok(BodyMode::AwsChunked { signing: None }),
        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" | "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" => {
            Ok(BodyMode::AwsChunked {
                signing: Some(signing()),
            })
        }
        h if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) => Ok(BodyMode::Raw {
            expected_sha256: Some(h.to_ascii_lowercase()),
        }),
        other => Err(S3Error::not_implemented(&format!(
            "x-amz-content-sha256: {other}"
        ))),
    }
}

fn sigv4_header(
    keys: &dyn CredentialStore,
    req: &RequestView<'_>,
    rest: &str,
) -> Result<Grant, S3Error> {
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',') {
        let part = part.trim();
        if let Some(v) = part.strip_prefix("Credential=") {
            credential = Some(v);
        } else if let Some(v) = part.strip_prefix("SignedHeaders=") {
            signed_headers = Some(v);
        } else if let Some(v) = part.strip_prefix("Signature=") {
            signature = Some(v);
        }
    }
    let (Some(credential), Some(signed_headers), Some(signature)) =
        (credential, signed_headers, signature)
    else {
        return Err(S3Error::access_denied(
            "Malformed AWS4-HMAC-SHA256 Authorization header",
        ));
    };
    let credential = parse_credential(credential)?;
    // The OBS Python SDK signs V4 with a plain `Date` header instead of `x-amz-date`.
    let date_value = header(req.headers, "x-amz-date").or_else(|| header(req.headers, "date"));
    let t = check_skew(date_value, req.now)?;
    let amz_date = match header(req.headers, "x-amz-date") {
        Some(d) => d.trim().to_string(),
        None => chrono::DateTime::from_timestamp(t, 0)
            .unwrap_or_default()
            .format("%Y%m%dT%H%M%SZ")
            .to_string(),
    };
    let payload_hash = header(req.headers, "x-amz-content-sha256")
        .unwrap_or("UNSIGNED-PAYLOAD")
        .trim();
    let query: Vec<(&str, &str)> = req
        .query
        .pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_deref().unwrap_or("")))
        .collect();
    let check = V4Check {
        credential,
        amz_date,
        signed_headers,
        signature,
        payload_hash,
        query,
    };
    let (credential, key) = v4_verify(keys, req, &check)?;
    v4_grant(&check, credential, key)
}

fn sigv4_presigned(keys: &dyn CredentialStore, req: &RequestView<'_>) -> Result<Grant, S3Error> {
    let q = req.query;
    let missing = || {
        S3Error::access_denied(
            "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
        )
    };
    if q.get("X-Amz-Algorithm") != Some(sigv4::ALGORITHM) {
        return Err(S3Error::access_denied("Unsupported X-Amz-Algorithm"));
    }
    let credential = parse_credential(q.get("X-Amz-Credential").ok_or_else(missing)?)?;
    let amz_date = q.get("X-Amz-Date").ok_or_else(missing)?.to_string();
    let expires: i64 = q
        .get("X-Amz-Expires")
        .ok_or_else(missing)?
        .parse()
        .map_err(|_| S3Error::access_denied("X-Amz-Expires should be a number"))?;
    let signed_headers = q.get("X-Amz-SignedHeaders").ok_or_else(missing)?;
    let signature = q.get("X-Amz-Signature").ok_or_else(missing)?;
    let start = crate::time::parse_any_date(&amz_date).ok_or_else(missing)?;
    let payload_hash = header(req.headers, "x-amz-content-sha256")
        .unwrap_or("UNSIGNED-PAYLOAD")
        .trim();
    let query: Vec<(&str, &str)> = q
        .pairs
        .iter()
        .filter(|(k, _)| k != "X-Amz-Signature")
        .map(|(k, v)| (k.as_str(), v.as_deref().unwrap_or("")))
        .collect();
    let check = V4Check {
        credential,
        amz_date,
        signed_headers,
        signature,
        payload_hash,
        query,
    };
    let (credential, key) = v4_verify(keys, req, &check)?;
    if req.now > start + expires {
        return Err(expired());
    }
    if start - req.now > MAX_SKEW_SECS {
        return Err(S3Error::access_denied("Request is not valid yet"));
    }
    v4_grant(&check, credential, key)
}

fn v4_grant(check: &V4Check<'_>, credential: Credential, key: [u8; 32]) -> Result<Grant, S3Error> {
    let mode = body_mode(check.payload_hash, || ChunkSigning {
        key,
        amz_date: check.amz_date.clone(),
        scope: check.credential.scope(),
        seed_signature: check.signature.to_string(),
    })?;
    Ok(Grant {
        mode,
        scope: credential.scope,
    })
}

#[cfg(test)]
mod tests;
