//! Scrubs secrets from text bound for logs: pre-signed URL signatures and access key ids,
//! `Authorization` / security-token / proxy-authorization values, passwords in URLs, and every
//! secret value registered at run time (secret keys, tokens, proxy passwords read from the
//! keychain or the environment).

use std::borrow::Cow;
use std::sync::{LazyLock, RwLock};

use regex::Regex;

pub const MASK: &str = "***";

static SECRETS: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// `name=value` pairs of pre-signed URLs and signed headers (OBS, S3 SigV2/V4, Huawei SDK-HMAC).
static PARAMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\b(Signature|[A-Za-z]*AccessKeyId|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|x-obs-security-token|SecurityToken|Access|OSSAccessKeyId|sign)=([^&\s,;"'<>]+)"#,
    )
    .expect("valid pattern")
});

/// `Authorization: OBS AK:signature` and `AWS AK:signature`.
static V2_AUTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\b(OBS|AWS) ([A-Za-z0-9+/=_-]+):([A-Za-z0-9+/=_-]+)"#).expect("valid pattern")
});

/// Header values that are secrets in full.
static HEADERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\b(X-Security-Token|Proxy-Authorization|x-amz-security-token|x-obs-security-token)(["']?\s*[:=]\s*["']?)([^\s"',;&]+(?: [^\s"',;&]+)?)"#,
    )
    .expect("valid pattern")
});

/// `scheme://user:password@host`.
static USERINFO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(://[^/\s:@]+):([^@\s/]+)@"#).expect("valid pattern"));

/// Remembers a secret value so that [`redact`] removes it wherever it appears. Very short
/// values are ignored (they would mask ordinary text and cannot be real keys).
pub fn register(secret: &str) {
    if secret.len() < 6 {
        return;
    }
    let mut all = SECRETS.write().unwrap_or_else(|e| e.into_inner());
    if !all.iter().any(|s| s == secret) {
        all.push(secret.to_string());
    }
}

/// The text with every known kind of secret replaced by `***`.
pub fn redact(text: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(text);
    {
        let secrets = SECRETS.read().unwrap_or_else(|e| e.into_inner());
        for s in secrets.iter() {
            if out.contains(s.as_str()) {
                out = Cow::Owned(out.replace(s.as_str(), MASK));
            }
        }
    }
    for (re, rep) in [
        (&*PARAMS, "$1=***"),
        (&*V2_AUTH, "$1 ***:***"),
        (&*HEADERS, "$1$2***"),
        (&*USERINFO, "$1:***@"),
    ] {
        if let Cow::Owned(s) = re.replace_all(&out, rep) {
            out = Cow::Owned(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presigned_urls() {
        let url = "http://127.0.0.1:9000/vod-b/p/a.mp4?AccessKeyId=AKIDX&Expires=1700000000&Signature=abc%2Bdef%3D&uploadId=u1";
        let r = redact(url);
        assert!(!r.contains("AKIDX") && !r.contains("abc%2Bdef"), "{r}");
        assert!(
            r.contains("Expires=1700000000") && r.contains("uploadId=u1"),
            "{r}"
        );
        let v2 = "http://h/b/k?AWSAccessKeyId=AKV2&Expires=1&Signature=s1";
        let r = redact(v2);
        assert!(!r.contains("AKV2") && !r.contains("s1"), "{r}");
        let s3 = "https://b.s3/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F2026&X-Amz-Signature=f00d&X-Amz-Security-Token=tok";
        let r = redact(s3);
        for gone in ["AK%2F2026", "f00d", "tok"] {
            assert!(!r.contains(gone), "{r}");
        }
        assert!(r.contains("X-Amz-Algorithm=AWS4-HMAC-SHA256"), "{r}");
    }

    #[test]
    fn headers() {
        let h = r#"authorization: "SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;x-sdk-date, Signature=0a1b2c""#;
        let r = redact(h);
        assert!(!r.contains("AKEXAMPLE") && !r.contains("0a1b2c"), "{r}");
        assert!(r.contains("SignedHeaders=host;x-sdk-date"), "{r}");
        let r = redact("Authorization: OBS AKX:c2lnbmF0dXJl");
        assert!(!r.contains("AKX") && !r.contains("c2lnbmF0dXJl"), "{r}");
        let r = redact(
            r#"{"x-security-token": "TOKENVALUE", "proxy-authorization": "Basic dXNlcjpwdw=="}"#,
        );
        assert!(
            !r.contains("TOKENVALUE") && !r.contains("dXNlcjpwdw"),
            "{r}"
        );
        let r = redact("proxy http://alice:pa55word@proxy:3128");
        assert!(!r.contains("pa55word") && r.contains("alice"), "{r}");
    }

    #[test]
    fn registered_values() {
        let sk = "registered-secret-key-0123456789";
        assert!(redact(sk).contains(sk));
        register(sk);
        let line = format!("oops {sk} and {sk}");
        let r = redact(&line);
        assert_eq!(r, "oops *** and ***");
        register("abc");
        assert_eq!(redact("abc"), "abc");
    }
}
