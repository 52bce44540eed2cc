//! OBS native and AWS V2 signatures (huawei-obs-api.md §2.1–§2.3, §2.7).
//!
//! Both schemes share one algorithm — Base64(HMAC-SHA1(SK, StringToSign)) — and differ only in
//! the `Authorization` word, the canonicalised header prefix and the access-key query parameter.
//! Everything here is pure so that the vectors in §2.9 can be reproduced byte for byte.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha1::Sha1;
use std::fmt;

/// Which header signature to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SignatureFlavor {
    /// `Authorization: OBS ak:sig`, canonical headers `x-obs-*` (Huawei default).
    #[default]
    Obs,
    /// `Authorization: AWS ak:sig`, canonical headers `x-amz-*` (S3-compatible V2).
    AwsV2,
    /// `Authorization: OSS ak:sig`, canonical headers `x-oss-*` (Alibaba OSS V1,
    /// tencent-aliyun-vod-api.md §B.6): the same string to sign as OBS's.
    Oss,
}

impl SignatureFlavor {
    pub fn authorization_scheme(self) -> &'static str {
        match self {
            SignatureFlavor::Obs => "OBS",
            SignatureFlavor::AwsV2 => "AWS",
            SignatureFlavor::Oss => "OSS",
        }
    }

    /// Lower-case prefix of the headers (and query parameters) that take part in the signature.
    pub fn header_prefix(self) -> &'static str {
        match self {
            SignatureFlavor::Obs => "x-obs-",
            SignatureFlavor::AwsV2 => "x-amz-",
            SignatureFlavor::Oss => "x-oss-",
        }
    }

    /// Query parameter carrying the access key in a pre-signed URL.
    pub fn access_key_param(self) -> &'static str {
        match self {
            SignatureFlavor::Obs => "AccessKeyId",
            SignatureFlavor::AwsV2 => "AWSAccessKeyId",
            SignatureFlavor::Oss => "OSSAccessKeyId",
        }
    }

    /// Header (and pre-signed query parameter) carrying an STS security token.
    pub fn security_token_name(self) -> &'static str {
        match self {
            SignatureFlavor::Obs => "x-obs-security-token",
            SignatureFlavor::AwsV2 => "x-amz-security-token",
            SignatureFlavor::Oss => "x-oss-security-token",
        }
    }
}

/// Access key pair plus an optional STS token. `Debug` never shows the secret or the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key: String,
    pub secret_key: String,
    pub security_token: Option<String>,
}

impl Credentials {
    pub fn new(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credentials {
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            security_token: None,
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key", &self.access_key)
            .field("secret_key", &"<redacted>")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Python's `quote(s, safe='/~')`: everything but `A–Z a–z 0–9 - _ . ~ /` becomes `%XX`.
const QUOTE_SAFE_SLASH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// Percent-encodes an object key for the request path (and hence the signed resource).
/// A space is `%20`, never `+`; `/` stays literal so "folders" keep their shape.
pub fn encode_key(key: &str) -> String {
    utf8_percent_encode(key, QUOTE_SAFE_SLASH).to_string()
}

/// Percent-encodes a query name or value the way the SDK does (`/` left literal, `+` → `%2B`,
/// `&` → `%26`, space → `%20`), so markers and prefixes survive the round trip (§5.3).
pub fn encode_query_component(value: &str) -> String {
    utf8_percent_encode(value, QUOTE_SAFE_SLASH).to_string()
}

/// Splits a raw (percent-encoded) query string into decoded `(name, value)` pairs; a parameter
/// without `=` has no value. `+` is kept literal because our encoders never produce it for space.
pub fn parse_query(raw: &str) -> Vec<(String, Option<String>)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), Some(decode(v))),
            None => (decode(p), None),
        })
        .collect()
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// RFC 1123 date in the exact form the SDK sends (`Tue, 04 Mar 2025 08:00:00 GMT`).
pub fn http_date(t: DateTime<Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Union of the documented and SDK sub-resource names, lower-cased; matched case-insensitively
/// like the SDK does, because a server that is stricter would reject only odd spellings we never send.
const SUB_RESOURCES: &[&str] = &[
    "acl",
    "append",
    "attname",
    "backtosource",
    "bucketstatus",
    "cdnnotifyconfiguration",
    "cors",
    "customdomain",
    "delete",
    "deletebucket",
    "directcoldaccess",
    "dispolicy",
    "encryption",
    "fileinterface",
    "inventory",
    "length",
    "lifecycle",
    "location",
    "logging",
    "metadata",
    "mirrorbacktosource",
    "modify",
    "name",
    "notification",
    "object-lock",
    "obscompresspolicy",
    "partnumber",
    "policy",
    "policystatus",
    "position",
    "publicaccessblock",
    "quota",
    "rename",
    "replication",
    "requestpayment",
    "response-cache-control",
    "response-content-disposition",
    "response-content-encoding",
    "response-content-language",
    "response-content-type",
    "response-expires",
    "restore",
    "retention",
    "storageclass",
    "storageinfo",
    "storagepolicy",
    "tagging",
    "torrent",
    "truncate",
    "uploadid",
    "uploads",
    "versionid",
    "versioning",
    "versions",
    "website",
    "x-image-process",
    "x-image-save-bucket",
    "x-image-save-object",
    "x-oss-process",
];

/// True when the query parameter belongs to the CanonicalizedResource.
pub fn is_sub_resource(name: &str, flavor: SignatureFlavor) -> bool {
    let lower = name.to_ascii_lowercase();
    SUB_RESOURCES.contains(&lower.as_str()) || lower.starts_with(flavor.header_prefix())
}

/// CanonicalizedResource: `resource_path` (e.g. `/bucket/Photos%202024/a.jpg`, `/bucket/`, `/`)
/// plus the sorted sub-resources with plain (decoded) values. Ordinary parameters (`prefix`,
/// `marker`, …) and the pre-sign parameters are left out.
pub fn canonical_resource(
    resource_path: &str,
    query: &[(&str, Option<&str>)],
    flavor: SignatureFlavor,
) -> String {
    let mut subs: Vec<(&str, Option<&str>)> = Vec::new();
    for &(name, value) in query {
        // The server only honours the first occurrence of a repeated sub-resource (§2.1).
        if is_sub_resource(name, flavor) && !subs.iter().any(|(n, _)| *n == name) {
            subs.push((name, value));
        }
    }
    subs.sort();
    let mut out = resource_path.to_string();
    for (i, (name, value)) in subs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(name);
        if let Some(v) = value {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

/// `name:value\n` lines for the flavour's prefixed headers: names lower-cased, values trimmed,
/// duplicates joined with `,`, sorted by name.
pub fn canonical_headers(headers: &[(&str, &str)], flavor: SignatureFlavor) -> String {
    let prefix = flavor.header_prefix();
    let mut merged: Vec<(String, String)> = Vec::new();
    for &(name, value) in headers {
        let name = name.to_ascii_lowercase();
        if !name.starts_with(prefix) {
            continue;
        }
        let value = value.trim();
        match merged.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => {
                v.push(',');
                v.push_str(value);
            }
            None => merged.push((name, value.to_string())),
        }
    }
    merged.sort();
    merged.iter().map(|(n, v)| format!("{n}:{v}\n")).collect()
}

fn header_value<'a>(headers: &[(&'a str, &'a str)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| *v)
}

/// StringToSign of §2.1. `headers` are the request headers as sent (any case); `expires`
/// replaces the Date line for query-string authentication (§2.3).
pub fn string_to_sign(
    flavor: SignatureFlavor,
    method: &str,
    headers: &[(&str, &str)],
    canonical_resource: &str,
    expires: Option<i64>,
) -> String {
    let md5 = header_value(headers, "content-md5").unwrap_or("");
    let ctype = header_value(headers, "content-type").unwrap_or("");
    let date_header = format!("{}date", flavor.header_prefix());
    let date = match expires {
        Some(e) => e.to_string(),
        // With x-obs-date/x-amz-date the timestamp travels in the canonical headers instead.
        None if header_value(headers, &date_header).is_some() => String::new(),
        None => header_value(headers, "date").unwrap_or("").to_string(),
    };
    format!(
        "{}\n{md5}\n{ctype}\n{date}\n{}{canonical_resource}",
        method.to_ascii_uppercase(),
        canonical_headers(headers, flavor)
    )
}

/// Base64(HMAC-SHA1(secret_key, string_to_sign)) — always 28 characters.
pub fn signature(secret_key: &str, string_to_sign: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(secret_key.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(string_to_sign.as_bytes());
    BASE64.encode(mac.finalize().into_bytes())
}

/// `OBS ak:signature` / `AWS ak:signature`.
pub fn authorization(flavor: SignatureFlavor, access_key: &str, signature: &str) -> String {
    format!("{} {access_key}:{signature}", flavor.authorization_scheme())
}

/// Base64 of the binary MD5 (RFC 1864), the form `Content-MD5` takes.
pub fn content_md5(data: &[u8]) -> String {
    use md5::Digest as _;
    BASE64.encode(md5::Md5::digest(data))
}

/// What a pre-signed OBS/V2 URL is built from.
#[derive(Clone, Debug)]
pub struct PresignInput<'a> {
    pub flavor: SignatureFlavor,
    pub method: &'a str,
    /// Scheme, host and percent-encoded path, without a query: `https://b.obs.x.com/a%20b.jpg`.
    pub url_without_query: &'a str,
    /// The signed resource path matching that URL (`/b/a%20b.jpg`).
    pub resource_path: &'a str,
    /// Extra query parameters, decoded; sub-resources among them are signed.
    pub query: &'a [(&'a str, Option<&'a str>)],
    /// Headers the eventual requester will send exactly (Content-Type, Content-MD5, x-obs-*).
    pub headers: &'a [(&'a str, &'a str)],
    /// Absolute expiry, Unix seconds.
    pub expires: i64,
}

/// Builds an OBS/V2 query-string-authenticated URL (§2.3). The STS token, if any, is added as
/// the flavour's `x-…-security-token` parameter, which is a signed sub-resource.
pub fn presign_url(creds: &Credentials, input: &PresignInput<'_>) -> String {
    let mut query: Vec<(&str, Option<&str>)> = input.query.to_vec();
    let token_name = input.flavor.security_token_name();
    if let Some(token) = creds.security_token.as_deref() {
        query.push((token_name, Some(token)));
    }
    let resource = canonical_resource(input.resource_path, &query, input.flavor);
    let sts = string_to_sign(
        input.flavor,
        input.method,
        input.headers,
        &resource,
        Some(input.expires),
    );
    let sig = signature(&creds.secret_key, &sts);

    let mut url = input.url_without_query.to_string();
    let mut sep = '?';
    let mut push = |url: &mut String, name: &str, value: Option<&str>| {
        url.push(sep);
        sep = '&';
        url.push_str(&encode_query_component(name));
        if let Some(v) = value {
            url.push('=');
            url.push_str(&encode_query_component(v));
        }
    };
    for &(name, value) in &query {
        push(&mut url, name, value);
    }
    let expires = input.expires.to_string();
    push(&mut url, "Expires", Some(&expires));
    push(
        &mut url,
        input.flavor.access_key_param(),
        Some(&creds.access_key),
    );
    push(&mut url, "Signature", Some(&sig));
    url
}

/// Replaces the values of signature-bearing query parameters (and the access key id) so a URL
/// can be logged or shown in an error without handing out a working credential.
pub fn redact_url(url: &str) -> String {
    crate::credentials::redact::redact(url).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// oss2 2.19.1's requests with an STS key (tencent-aliyun-vod-api.md §B.6,
    /// `vectors/oss_vector.out`): the V1 string to sign is OBS's with `x-oss-` headers.
    #[test]
    fn oss_v1_sdk_vectors() {
        const RESOURCE: &str = "/outin-0123456789abcdef0123456789abcdef/sv/3f2a1b0c-18b0c1d2e3f/3f2a1b0c-18b0c1d2e3f.mp4";
        let flavor = SignatureFlavor::Oss;
        let date = "Tue, 14 Nov 2023 22:13:20 GMT";
        let token = "CAIS-example-sts-token==";
        type Query<'a> = &'a [(&'a str, Option<&'a str>)];
        let cases: [(&str, Option<&str>, Query, &str); 4] = [
            (
                "PUT",
                Some("video/mp4"),
                &[],
                "Yag5I2jm38BnqPn38SPRJC2IBCU=",
            ),
            (
                "POST",
                Some("video/mp4"),
                &[("uploads", None)],
                "TxHLYUEHK37BPGrliaiJidHBI1k=",
            ),
            (
                "PUT",
                None,
                &[
                    ("uploadId", Some("0004B9894A22E5B1888A1E29F8236E2D")),
                    ("partNumber", Some("1")),
                ],
                "ZjiXR22beQk2mMaK16Tm7h9xn/8=",
            ),
            (
                "POST",
                None,
                &[("uploadId", Some("0004B9894A22E5B1888A1E29F8236E2D"))],
                "ZR9DFj3C06ViJKb7HjJ5OomcQ2M=",
            ),
        ];
        for (method, ctype, query, expected) in cases {
            let mut headers = vec![("x-oss-security-token", token), ("date", date)];
            if let Some(c) = ctype {
                headers.push(("Content-Type", c));
            }
            let resource = canonical_resource(RESOURCE, query, flavor);
            let sts = string_to_sign(flavor, method, &headers, &resource, None);
            let sig = signature("ExampleStsSecret0123456789", &sts);
            assert_eq!(
                authorization(flavor, "STS.NExampleStsAccessKeyId", &sig),
                format!("OSS STS.NExampleStsAccessKeyId:{expected}"),
                "{method} {query:?}"
            );
        }
    }

    #[test]
    fn key_encoding_matches_python_quote() {
        assert_eq!(
            encode_key("Photos 2024/旅行 写真.jpg"),
            "Photos%202024/%E6%97%85%E8%A1%8C%20%E5%86%99%E7%9C%9F.jpg"
        );
        assert_eq!(encode_key("a+b&c=d~e_f-g.h"), "a%2Bb%26c%3Dd~e_f-g.h");
        assert_eq!(encode_key("it's (1)!*"), "it%27s%20%281%29%21%2A");
    }

    #[test]
    fn repeated_sub_resource_keeps_first() {
        let r = canonical_resource(
            "/b/k",
            &[
                ("uploadId", Some("1")),
                ("prefix", Some("x")),
                ("uploadId", Some("2")),
                ("partNumber", Some("3")),
            ],
            SignatureFlavor::Obs,
        );
        assert_eq!(r, "/b/k?partNumber=3&uploadId=1");
    }

    #[test]
    fn duplicate_headers_are_joined_and_trimmed() {
        let h = canonical_headers(
            &[
                ("X-Obs-Meta-A", " 1 "),
                ("x-obs-meta-a", "2"),
                ("x-amz-meta-b", "3"),
            ],
            SignatureFlavor::Obs,
        );
        assert_eq!(h, "x-obs-meta-a:1,2\n");
    }

    #[test]
    fn redaction_hides_signature_and_token() {
        let u = "https://h/k?x-obs-security-token=T&Expires=1&AccessKeyId=AK&Signature=abc%3D";
        let r = redact_url(u);
        assert!(!r.contains("abc"));
        assert!(!r.contains("=T&"));
        assert!(!r.contains("=AK&"));
        assert!(r.contains("Expires=1"));
    }

    #[test]
    fn content_md5_is_base64_of_binary_digest() {
        assert_eq!(content_md5(b"hello obs\n"), "ycHGv6DCqH+sxHI7Gd/QZA==");
    }
}
