//! Verification of Alibaba Cloud API requests (tencent-aliyun-vod-api.md §B.2–§B.4), an
//! independent implementation of what the SDKs sign: ACS3-HMAC-SHA256 over exactly the headers
//! listed in `SignedHeaders`, and the legacy RPC HMAC-SHA1 over every query parameter but
//! `Signature`. The query is form-decoded first (the Tea SDK sends a space as `+`) and encoded
//! again as RFC 3986 before verifying. Timestamps may be 15 minutes off.

use axum::http::HeaderMap;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha1::Sha1;
use sha2::{Digest, Sha256};

pub const MAX_SKEW_SECS: i64 = 15 * 60;

/// Why a request is refused, as Alibaba names it (the HTTP status goes with the code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

fn refuse(status: u16, code: &'static str, message: impl Into<String>) -> AuthError {
    AuthError {
        status,
        code,
        message: message.into(),
    }
}

/// A key the service accepts: its secret and, for an STS key, the token it must come with.
pub struct KnownKey {
    pub secret: String,
    pub security_token: Option<String>,
}

/// What the verifier needs of one request.
pub struct AliRequest<'a> {
    pub method: &'a str,
    /// The query string as sent (still encoded).
    pub raw_query: &'a str,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

/// RFC 3986 unreserved characters stay literal.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn encode(s: &str) -> String {
    utf8_percent_encode(s, UNRESERVED).to_string()
}

/// Form decoding: `+` is a space, `%XX` a byte.
fn form_decode(s: &str) -> String {
    percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// The query's pairs, decoded, in the order sent.
pub fn query_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (form_decode(k), form_decode(v)),
            None => (form_decode(p), String::new()),
        })
        .collect()
}

/// `k=v&…` of the pairs, sorted.
fn joined(mut pairs: Vec<(String, String)>) -> String {
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// The outcome of comparing the signature computed over `to_sign` with the one sent; the
/// server's string to sign goes in the message, as Alibaba's does (clients compare it).
fn matched(
    computed: &str,
    sent: &str,
    access_key: &str,
    to_sign: &str,
) -> Result<String, AuthError> {
    if same(computed, sent) {
        Ok(access_key.to_string())
    } else {
        Err(refuse(
            400,
            "SignatureDoesNotMatch",
            format!(
                "Specified signature does not match our calculation. server string to sign is:{to_sign}"
            ),
        ))
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn check_time(raw: Option<&str>, now: i64) -> Result<(), AuthError> {
    let t = raw
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .ok_or_else(|| {
            refuse(
                400,
                "MissingTimestamp",
                "The timestamp is missing or not ISO 8601.",
            )
        })?;
    if (t.timestamp() - now).abs() > MAX_SKEW_SECS {
        return Err(refuse(
            400,
            "InvalidTimeStamp.Expired",
            format!("Specified time stamp or date value is expired: {t}"),
        ));
    }
    Ok(())
}

/// Verifies the request; the AccessKeyId it was signed with on success. `lookup` gives the key
/// an AccessKeyId names.
pub fn verify(
    req: &AliRequest<'_>,
    lookup: impl Fn(&str) -> Option<KnownKey>,
    now: i64,
) -> Result<String, AuthError> {
    let pairs = query_pairs(req.raw_query);
    match header(req.headers, "authorization") {
        Some(auth) => acs3(req, &pairs, auth, &lookup, now),
        None if pairs.iter().any(|(k, _)| k == "Signature") => rpc(req, &pairs, &lookup, now),
        None => Err(refuse(
            400,
            "MissingParameter.Signature",
            "The request carries no signature.",
        )),
    }
}

fn known(
    lookup: &impl Fn(&str) -> Option<KnownKey>,
    access_key: &str,
    token: Option<&str>,
) -> Result<KnownKey, AuthError> {
    let key = lookup(access_key).ok_or_else(|| {
        refuse(
            404,
            "InvalidAccessKeyId.NotFound",
            format!("Specified access key is not found: {access_key}"),
        )
    })?;
    if let Some(expected) = &key.security_token
        && !token.is_some_and(|t| same(t, expected))
    {
        return Err(refuse(
            400,
            "InvalidSecurityToken.Mismatch",
            "The security token does not go with this access key.",
        ));
    }
    Ok(key)
}

fn acs3(
    req: &AliRequest<'_>,
    pairs: &[(String, String)],
    auth: &str,
    lookup: &impl Fn(&str) -> Option<KnownKey>,
    now: i64,
) -> Result<String, AuthError> {
    let malformed = || {
        refuse(
            400,
            "IncompleteSignature",
            "The Authorization header is malformed.",
        )
    };
    let rest = auth
        .strip_prefix("ACS3-HMAC-SHA256 ")
        .ok_or_else(malformed)?;
    let (mut access_key, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("Credential", v)) => access_key = Some(v),
            Some(("SignedHeaders", v)) => signed = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => return Err(malformed()),
        }
    }
    let (access_key, signed, signature) = (
        access_key.ok_or_else(malformed)?,
        signed.ok_or_else(malformed)?,
        signature.ok_or_else(malformed)?,
    );
    check_time(header(req.headers, "x-acs-date"), now)?;
    let key = known(
        lookup,
        access_key,
        header(req.headers, "x-acs-security-token"),
    )?;
    let body_hash = hex::encode(Sha256::digest(req.body));
    if header(req.headers, "x-acs-content-sha256").is_some_and(|h| !same(h, &body_hash)) {
        return Err(refuse(
            400,
            "SignatureDoesNotMatch",
            "x-acs-content-sha256 does not match the body.",
        ));
    }
    // Exactly the listed headers, each as sent; `host` and every x-acs-* header must be listed.
    let names: Vec<&str> = signed.split(';').collect();
    for required in req
        .headers
        .keys()
        .map(|n| n.as_str())
        .filter(|n| *n == "host" || n.starts_with("x-acs-"))
    {
        if !names.contains(&required) {
            return Err(refuse(
                400,
                "SignatureDoesNotMatch",
                format!("The header {required} must be signed."),
            ));
        }
    }
    let canonical_headers: String = names
        .iter()
        .map(|n| {
            let values: Vec<&str> = req
                .headers
                .get_all(*n)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .map(str::trim)
                .collect();
            format!("{n}:{}\n", values.join(","))
        })
        .collect();
    let canonical_query = joined(pairs.iter().map(|(k, v)| (k.clone(), encode(v))).collect());
    let payload = header(req.headers, "x-acs-content-sha256").unwrap_or(&body_hash);
    let request = format!(
        "{}\n/\n{canonical_query}\n{canonical_headers}\n{signed}\n{payload}",
        req.method.to_ascii_uppercase()
    );
    let to_sign = format!(
        "ACS3-HMAC-SHA256\n{}",
        hex::encode(Sha256::digest(request.as_bytes()))
    );
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(key.secret.as_bytes()).expect("any key");
    mac.update(to_sign.as_bytes());
    let computed = hex::encode(mac.finalize().into_bytes());
    matched(&computed, signature, access_key, &to_sign)
}

fn rpc(
    req: &AliRequest<'_>,
    pairs: &[(String, String)],
    lookup: &impl Fn(&str) -> Option<KnownKey>,
    now: i64,
) -> Result<String, AuthError> {
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let access_key = get("AccessKeyId").ok_or_else(|| {
        refuse(
            400,
            "MissingParameter.AccessKeyId",
            "AccessKeyId is missing.",
        )
    })?;
    check_time(get("Timestamp"), now)?;
    let key = known(lookup, access_key, get("SecurityToken"))?;
    let canonical = joined(
        pairs
            .iter()
            .filter(|(k, _)| k != "Signature")
            .map(|(k, v)| (encode(k), encode(v)))
            .collect(),
    );
    let to_sign = format!(
        "{}&%2F&{}",
        req.method.to_ascii_uppercase(),
        encode(&canonical)
    );
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(format!("{}&", key.secret).as_bytes())
        .expect("any key");
    mac.update(to_sign.as_bytes());
    let computed = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    matched(
        &computed,
        get("Signature").unwrap_or(""),
        access_key,
        &to_sign,
    )
}

#[cfg(test)]
mod tests {
    //! The SDK's own requests (tencent-aliyun-vod-api.md §B.4, `vectors/ali_*_vector.out`).
    use axum::http::HeaderValue;

    use super::*;

    const WHEN: i64 = 1_700_000_000; // 2023-11-14T22:13:20Z

    fn check(query: &str, headers: &HeaderMap, now: i64) -> Result<String, AuthError> {
        let req = AliRequest {
            method: "POST",
            raw_query: query,
            headers,
            body: b"",
        };
        verify(&req, keys, now)
    }

    fn keys(ak: &str) -> Option<KnownKey> {
        match ak {
            "LTAI5tExampleAccessKeyId" => Some(KnownKey {
                secret: "ExampleAccessKeySecret0123456789".into(),
                security_token: None,
            }),
            "STS.NExampleStsAccessKeyId" => Some(KnownKey {
                secret: "ExampleStsSecret0123456789".into(),
                security_token: Some("CAIS-example-sts-token==".into()),
            }),
            _ => None,
        }
    }

    fn acs3_headers(extra: &[(&'static str, &'static str)], auth: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("host", "vod.cn-shanghai.aliyuncs.com"),
            ("x-acs-version", "2017-03-21"),
            ("x-acs-action", "CreateUploadVideo"),
            (
                "user-agent",
                "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.6 TeaDSL/2",
            ),
            ("x-acs-date", "2023-11-14T22:13:20Z"),
            (
                "x-acs-signature-nonce",
                "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            ),
            ("accept", "application/json"),
            (
                "x-acs-content-sha256",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
        ]
        .into_iter()
        .chain(extra.iter().copied())
        {
            h.insert(k, HeaderValue::from_static(v));
        }
        h.insert("authorization", HeaderValue::from_str(auth).unwrap());
        h
    }

    /// The Tea SDK sends the business parameters with spaces as `+`.
    const TEA_QUERY: &str = "CateId=1000000001&FileName=demo+clip%2A.mp4&FileSize=1048576&Tags=tag1%2Ctag2&Title=my+video";
    const SIGNED: &str = "accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version";

    #[test]
    fn acs3_requests_of_the_sdk_verify_and_tampering_does_not() {
        let auth = format!(
            "ACS3-HMAC-SHA256 Credential=LTAI5tExampleAccessKeyId,SignedHeaders={SIGNED},Signature=3fb0839c2470cdc79472126231d150946fac92839dc13ef238e396a3f04c2e2e"
        );
        let h = acs3_headers(&[("x-acs-credentials-provider", "static_ak")], &auth);
        assert_eq!(
            check(TEA_QUERY, &h, WHEN).as_deref(),
            Ok("LTAI5tExampleAccessKeyId")
        );
        let other = "CateId=1000000002&FileName=demo+clip%2A.mp4&FileSize=1048576&Tags=tag1%2Ctag2&Title=my+video";
        assert_eq!(
            check(other, &h, WHEN).unwrap_err().code,
            "SignatureDoesNotMatch"
        );
        assert_eq!(
            check(TEA_QUERY, &h, WHEN + 16 * 60).unwrap_err().code,
            "InvalidTimeStamp.Expired"
        );

        let sts_auth = "ACS3-HMAC-SHA256 Credential=STS.NExampleStsAccessKeyId,SignedHeaders=accept;host;user-agent;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=0ee88330948ef07a2586411bbb8945476ac043d48662bb3f2cd0d9cbc597c9cc";
        let sts = acs3_headers(
            &[
                ("x-acs-credentials-provider", "static_sts"),
                ("x-acs-accesskey-id", "STS.NExampleStsAccessKeyId"),
                ("x-acs-security-token", "CAIS-example-sts-token=="),
            ],
            sts_auth,
        );
        assert_eq!(
            check(TEA_QUERY, &sts, WHEN).as_deref(),
            Ok("STS.NExampleStsAccessKeyId")
        );
        // Without its token an STS key is refused.
        let mut tokenless = sts.clone();
        tokenless.remove("x-acs-security-token");
        assert_eq!(
            check(TEA_QUERY, &tokenless, WHEN).unwrap_err().code,
            "InvalidSecurityToken.Mismatch"
        );
        // An x-acs header sent but not signed is refused.
        let mut extra = h.clone();
        extra.insert("x-acs-extra", HeaderValue::from_static("1"));
        assert_eq!(
            check(TEA_QUERY, &extra, WHEN).unwrap_err().code,
            "SignatureDoesNotMatch"
        );
    }

    #[test]
    fn rpc_requests_of_the_sdk_verify() {
        let empty = HeaderMap::new();
        let req = |q: &str| check(q, &empty, WHEN);
        // The classic SDK's sent URL (§B.4).
        let classic = "Title=my%20video&FileName=demo%20clip%2A.mp4&FileSize=1048576&CateId=1000000001&Tags=tag1%2Ctag2&Version=2017-03-21&Action=CreateUploadVideo&Format=JSON&RegionId=cn-shanghai&Timestamp=2023-11-14T22%3A13%3A20Z&SignatureMethod=HMAC-SHA1&SignatureType=&SignatureVersion=1.0&SignatureNonce=3f2504e0-4f89-11d3-9a0c-0305e82c3301&AccessKeyId=LTAI5tExampleAccessKeyId&Signature=74bo0sKE028CpgQLAQfuCquV3rc%3D";
        assert_eq!(req(classic).as_deref(), Ok("LTAI5tExampleAccessKeyId"));
        // The Tea SDK's v2 form (no RegionId / SignatureType, Format=json, spaces as +).
        let tea = "Title=my+video&FileName=demo+clip%2A.mp4&FileSize=1048576&CateId=1000000001&Tags=tag1%2Ctag2&Version=2017-03-21&Action=CreateUploadVideo&Format=json&Timestamp=2023-11-14T22%3A13%3A20Z&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&SignatureNonce=3f2504e0-4f89-11d3-9a0c-0305e82c3301&AccessKeyId=LTAI5tExampleAccessKeyId&Signature=Uk%2B8fHR9mgGaHkNYmfanTYXLd%2Fg%3D";
        assert_eq!(req(tea).as_deref(), Ok("LTAI5tExampleAccessKeyId"));
        let unknown = classic.replace("LTAI5tExampleAccessKeyId", "LTAI5tNoSuchKey");
        assert_eq!(
            req(&unknown).unwrap_err().code,
            "InvalidAccessKeyId.NotFound"
        );
        let wrong = classic.replace("74bo0sKE", "74bo0sKF");
        assert_eq!(req(&wrong).unwrap_err().code, "SignatureDoesNotMatch");
    }
}
