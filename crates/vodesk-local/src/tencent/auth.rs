//! TC3-HMAC-SHA256 verification (§A.2) as the official SDK signs: the headers the client lists
//! in `SignedHeaders` (names and values lower-cased and trimmed; `content-type` and `host` must
//! be among them), the SHA-256 of the exact body (of `UNSIGNED-PAYLOAD` when the client says so
//! with `X-TC-Content-SHA256`), for GET the query string as sent and an empty payload, a
//! credential scope of the UTC date of `X-TC-Timestamp`, and ±5 minutes of clock skew.

use axum::http::HeaderMap;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use super::errors::TcError;
use crate::credentials::TencentCredentials;

pub const ALGORITHM: &str = "TC3-HMAC-SHA256";
pub const SERVICE: &str = "vod";
pub const MAX_SKEW_SECS: i64 = 300;

/// The parts of `Authorization: TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
#[derive(Debug, PartialEq, Eq)]
pub struct AuthHeader {
    pub secret_id: String,
    pub date: String,
    pub service: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

pub fn parse_authorization(value: &str) -> Option<AuthHeader> {
    let rest = value.trim().strip_prefix(ALGORITHM)?.strip_prefix(' ')?;
    let (mut cred, mut signed, mut sig) = (None, None, None);
    for part in rest.split(',') {
        let (k, v) = part.trim().split_once('=')?;
        match k.trim() {
            "Credential" => cred = Some(v.trim()),
            "SignedHeaders" => signed = Some(v.trim()),
            "Signature" => sig = Some(v.trim().to_ascii_lowercase()),
            _ => return None,
        }
    }
    let mut scope = cred?.split('/');
    let (secret_id, date, service, terminator) =
        (scope.next()?, scope.next()?, scope.next()?, scope.next()?);
    if scope.next().is_some() || terminator != "tc3_request" || secret_id.is_empty() {
        return None;
    }
    let signed_headers: Vec<String> = signed?
        .split(';')
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    if signed_headers.iter().any(String::is_empty) {
        return None;
    }
    Some(AuthHeader {
        secret_id: secret_id.to_string(),
        date: date.to_string(),
        service: service.to_string(),
        signed_headers,
        signature: sig.filter(|s| !s.is_empty())?,
    })
}

fn hmac(key: &[u8], msg: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(msg.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// `headers` are (lower-case name, value) in the client's `SignedHeaders` order.
pub fn canonical_request(
    method: &str,
    query: &str,
    headers: &[(String, String)],
    payload_hash: &str,
) -> String {
    let canonical: String = headers
        .iter()
        .map(|(n, v)| format!("{n}:{}\n", v.trim().to_ascii_lowercase()))
        .collect();
    let signed: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
    format!(
        "{}\n/\n{query}\n{canonical}\n{}\n{payload_hash}",
        method.to_ascii_uppercase(),
        signed.join(";")
    )
}

pub fn string_to_sign(timestamp: i64, date: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{timestamp}\n{date}/{SERVICE}/tc3_request\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    )
}

pub fn signature(secret_key: &str, date: &str, string_to_sign: &str) -> String {
    let k_date = hmac(format!("TC3{secret_key}").as_bytes(), date);
    let k_service = hmac(&k_date, SERVICE);
    let k_signing = hmac(&k_service, "tc3_request");
    hex::encode(hmac(&k_signing, string_to_sign))
}

/// What the verifier reads of a request.
pub struct SignedRequest<'a> {
    pub method: &'a str,
    /// The query string exactly as sent (GET calls sign it).
    pub raw_query: &'a str,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

fn malformed() -> TcError {
    TcError::new(
        "AuthFailure.InvalidAuthorization",
        "The Authorization header is missing or is not a TC3-HMAC-SHA256 authorization \
         (the local service accepts TC3 signatures only).",
    )
}

fn mismatch() -> TcError {
    TcError::new(
        "AuthFailure.SignatureFailure",
        "The provided credentials could not be validated. Please check your signature is correct.",
    )
}

/// Verifies the request's signature against `creds` at Unix time `now`.
///
/// An `X-TC-Token` is not checked: the service's key is a long-term one, and a token only
/// accompanies temporary keys, which this service does not issue for its API.
pub fn verify(
    req: &SignedRequest<'_>,
    creds: &TencentCredentials,
    now: i64,
) -> Result<(), TcError> {
    let auth = header(req.headers, "authorization")
        .and_then(parse_authorization)
        .ok_or_else(malformed)?;
    let raw_ts =
        header(req.headers, "x-tc-timestamp").ok_or_else(|| TcError::missing("X-TC-Timestamp"))?;
    let timestamp: i64 = raw_ts
        .parse()
        .map_err(|_| TcError::invalid(None, "X-TC-Timestamp", "must be Unix seconds"))?;
    if (now - timestamp).abs() > MAX_SKEW_SECS {
        return Err(TcError::new(
            "AuthFailure.SignatureExpire",
            format!(
                "Signature expired. Timestamp {timestamp} is more than 5 minutes from the server time {now}."
            ),
        ));
    }
    if auth.secret_id != creds.secret_id {
        return Err(TcError::new(
            "AuthFailure.SecretIdNotFound",
            "The SecretId is not found, please ensure that your SecretId is correct.",
        ));
    }
    let date = chrono::DateTime::from_timestamp(timestamp, 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    if auth.date != date || auth.service != SERVICE {
        return Err(mismatch());
    }
    if !auth.signed_headers.iter().any(|h| h == "content-type")
        || !auth.signed_headers.iter().any(|h| h == "host")
    {
        return Err(malformed());
    }
    let mut headers = Vec::with_capacity(auth.signed_headers.len());
    for name in &auth.signed_headers {
        let value = header(req.headers, name).ok_or_else(mismatch)?;
        headers.push((name.clone(), value.to_string()));
    }
    let get = req.method.eq_ignore_ascii_case("GET");
    let payload: &[u8] = if header(req.headers, "x-tc-content-sha256") == Some("UNSIGNED-PAYLOAD") {
        b"UNSIGNED-PAYLOAD"
    } else if get {
        b""
    } else {
        req.body
    };
    let query = if get { req.raw_query } else { "" };
    let canonical = canonical_request(
        req.method,
        query,
        &headers,
        &hex::encode(Sha256::digest(payload)),
    );
    let expected = signature(
        &creds.secret_key,
        &date,
        &string_to_sign(timestamp, &date, &canonical),
    );
    if crate::http::constant_time_eq(expected.as_bytes(), auth.signature.as_bytes()) {
        Ok(())
    } else {
        tracing::debug!(canonical_request = %canonical, "TC3 signature mismatch");
        Err(mismatch())
    }
}

#[cfg(test)]
mod tests {
    //! The vectors of tencent-aliyun-vod-api.md §A.3 (made with the official SDK,
    //! `shared/vectors/tc3_vectors.out`), copied here so that the test stands alone.
    use super::*;
    use axum::http::HeaderValue;

    const T: i64 = 1_700_000_000;

    fn creds(id: &str, key: &str) -> TencentCredentials {
        TencentCredentials {
            secret_id: id.into(),
            secret_key: key.into(),
            sub_app_id: 1_500_000_001,
        }
    }

    fn headers(authorization: &str, extra: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("content-type", HeaderValue::from_static("application/json"));
        h.insert("host", HeaderValue::from_static("vod.tencentcloudapi.com"));
        h.insert("x-tc-timestamp", HeaderValue::from_static("1700000000"));
        h.insert(
            "authorization",
            HeaderValue::from_str(authorization).unwrap(),
        );
        for (k, v) in extra {
            h.insert(
                axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        h
    }

    const CASE1_BODY: &[u8] =
        br#"{"MediaType": "mp4", "SubAppId": 1500000001, "MediaName": "demo"}"#;
    const CASE1_AUTH: &str = "TC3-HMAC-SHA256 Credential=AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE12/2023-11-14/vod/tc3_request, SignedHeaders=content-type;host, Signature=5818edc9d64bc4b693d56ba9ddf18cd7b7d95ebf9d0b78b0e11d25ffb06887b5";

    #[test]
    fn case1_apply_upload_long_term_key() {
        let hdrs = vec![
            ("content-type".to_string(), "application/json".to_string()),
            ("host".to_string(), "vod.tencentcloudapi.com".to_string()),
        ];
        let canonical =
            canonical_request("POST", "", &hdrs, &hex::encode(Sha256::digest(CASE1_BODY)));
        assert_eq!(
            canonical,
            "POST\n/\n\ncontent-type:application/json\nhost:vod.tencentcloudapi.com\n\ncontent-type;host\ne5d6dbce38baf0e2ee3e190d93e10ae461768082091f9ea57e5039c7a89a5290"
        );
        let sts = string_to_sign(T, "2023-11-14", &canonical);
        assert_eq!(
            sts,
            "TC3-HMAC-SHA256\n1700000000\n2023-11-14/vod/tc3_request\nf4daf2627475b55249a43ed81d3c36dd4b031cb42f8004236c179f744edee04b"
        );
        assert_eq!(
            signature("SecretKeyExampleSecretKeyExample", "2023-11-14", &sts),
            "5818edc9d64bc4b693d56ba9ddf18cd7b7d95ebf9d0b78b0e11d25ffb06887b5"
        );

        let h = headers(CASE1_AUTH, &[("x-tc-region", "ap-guangzhou")]);
        let req = SignedRequest {
            method: "POST",
            raw_query: "",
            headers: &h,
            body: CASE1_BODY,
        };
        let good = creds(
            "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE12",
            "SecretKeyExampleSecretKeyExample",
        );
        verify(&req, &good, T).unwrap();
        verify(&req, &good, T + 300).unwrap();
        assert_eq!(
            verify(&req, &good, T + 301).unwrap_err().code,
            "AuthFailure.SignatureExpire"
        );
        let wrong_key = creds("AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE12", "nope");
        assert_eq!(
            verify(&req, &wrong_key, T).unwrap_err().code,
            "AuthFailure.SignatureFailure"
        );
        let other_id = creds("AKIDOTHER", "SecretKeyExampleSecretKeyExample");
        assert_eq!(
            verify(&req, &other_id, T).unwrap_err().code,
            "AuthFailure.SecretIdNotFound"
        );
        let tampered = SignedRequest {
            body: br#"{"MediaType": "mp4", "SubAppId": 1500000001, "MediaName": "dem0"}"#,
            ..req
        };
        assert_eq!(
            verify(&tampered, &good, T).unwrap_err().code,
            "AuthFailure.SignatureFailure"
        );
    }

    #[test]
    fn case2_commit_upload_with_token() {
        let body = br#"{"VodSessionKey": "session-key-123", "SubAppId": 1500000001}"#;
        assert_eq!(
            hex::encode(Sha256::digest(body)),
            "d118c66b034e9af6ff16b0143f0c59621b9daff483c3130a105c739397e9f658"
        );
        let auth = "TC3-HMAC-SHA256 Credential=AKIDTEMPEXAMPLE0000000000000000001/2023-11-14/vod/tc3_request, SignedHeaders=content-type;host, Signature=07be7d177944ad34daf79c78b580410a8d5d456c28dfce535c51e73efceb75f3";
        let h = headers(
            auth,
            &[
                ("x-tc-token", "token-abc-123"),
                ("x-tc-region", "ap-singapore"),
            ],
        );
        let req = SignedRequest {
            method: "POST",
            raw_query: "",
            headers: &h,
            body,
        };
        verify(
            &req,
            &creds(
                "AKIDTEMPEXAMPLE0000000000000000001",
                "TempSecretKeyExample000000000001",
            ),
            T,
        )
        .unwrap();
    }

    #[test]
    fn case3_published_example_with_charset() {
        let body = br#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
        let hdrs = vec![
            (
                "content-type".to_string(),
                "application/json; charset=utf-8".to_string(),
            ),
            ("host".to_string(), "cvm.tencentcloudapi.com".to_string()),
        ];
        let canonical = canonical_request("POST", "", &hdrs, &hex::encode(Sha256::digest(body)));
        assert_eq!(
            hex::encode(Sha256::digest(canonical.as_bytes())),
            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
        );
        // The same primitives with the service `cvm` (the example is not a VOD call).
        let sts = format!(
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n{}",
            hex::encode(Sha256::digest(canonical.as_bytes()))
        );
        let k_date = hmac(b"TC3Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "2019-02-25");
        let k_signing = hmac(&hmac(&k_date, "cvm"), "tc3_request");
        assert_eq!(
            hex::encode(hmac(&k_signing, &sts)),
            "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
    }

    #[test]
    fn malformed_headers_are_refused_without_panic() {
        for bad in [
            "",
            "TC3-HMAC-SHA256",
            "TC3-HMAC-SHA256Credential=a/2023-11-14/vod/tc3_request, SignedHeaders=host, Signature=00",
            "TC3-HMAC-SHA256 Credential=a/2023-11-14/vod, SignedHeaders=host, Signature=00",
            "TC3-HMAC-SHA256 Credential=/2023-11-14/vod/tc3_request, SignedHeaders=host, Signature=00",
            "TC3-HMAC-SHA256 Credential=a/2023-11-14/vod/tc3_request, SignedHeaders=, Signature=00",
            "TC3-HMAC-SHA256 Credential=a/2023-11-14/vod/tc3_request, SignedHeaders=host",
            "SDK-HMAC-SHA256 Access=a, SignedHeaders=host, Signature=00",
        ] {
            assert_eq!(parse_authorization(bad), None, "{bad}");
        }
        let h = headers(
            "TC3-HMAC-SHA256 Credential=AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE12/2023-11-14/vod/tc3_request, SignedHeaders=host, Signature=00",
            &[],
        );
        let req = SignedRequest {
            method: "POST",
            raw_query: "",
            headers: &h,
            body: b"{}",
        };
        let c = creds("AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE12", "k");
        assert_eq!(
            verify(&req, &c, T).unwrap_err().code,
            "AuthFailure.InvalidAuthorization"
        );
    }
}
