//! Tencent COS "q-sign" (XML API) signatures, HMAC-SHA1, exactly as `cos-python-sdk-v5`'s
//! `CosS3Auth` computes them (tencent-aliyun-vod-api.md §A.5): the signer names the headers and
//! query parameters it signed (`q-header-list`, `q-url-param-list`), each name lower-cased and
//! each name and value percent-encoded with only `-_.~` kept; the path is the *decoded* key.

use hmac::{KeyInit, Mac};
use sha1::{Digest, Sha1};

pub const ALGORITHM: &str = "sha1";

/// `quote(s, safe='-_.~')`: everything else, `/` and space included, becomes `%XX`.
pub fn encode(s: &str) -> String {
    super::sigv4::uri_encode(s, false)
}

/// `name=value&…` of (already encoded) pairs, sorted, and the `;`-joined names.
fn joined(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort();
    sorted
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Pairs as the signer sees them: names encoded and lower-cased, values encoded.
pub fn encode_pairs<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .map(|(k, v)| (encode(k).to_ascii_lowercase(), encode(v)))
        .collect()
}

/// `method\npath\nparams\nheaders\n` with encoded pairs (see [`encode_pairs`]).
pub fn http_string(
    method: &str,
    path: &str,
    params: &[(String, String)],
    headers: &[(String, String)],
) -> String {
    format!(
        "{}\n{path}\n{}\n{}\n",
        method.to_ascii_lowercase(),
        joined(params),
        joined(headers)
    )
}

fn hmac_sha1_hex(key: &[u8], msg: &str) -> String {
    let mut mac = hmac::Hmac::<Sha1>::new_from_slice(key).expect("HMAC accepts any key");
    mac.update(msg.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// `hex(HMAC-SHA1(SecretKey, KeyTime))`.
pub fn sign_key(secret_key: &str, key_time: &str) -> String {
    hmac_sha1_hex(secret_key.as_bytes(), key_time)
}

pub fn string_to_sign(sign_time: &str, http_string: &str) -> String {
    format!(
        "{ALGORITHM}\n{sign_time}\n{}\n",
        hex::encode(Sha1::digest(http_string.as_bytes()))
    )
}

/// The signature: the hex sign key (as text) keys the HMAC of the string to sign.
pub fn signature(secret_key: &str, key_time: &str, sign_time: &str, http_string: &str) -> String {
    hmac_sha1_hex(
        sign_key(secret_key, key_time).as_bytes(),
        &string_to_sign(sign_time, http_string),
    )
}

/// A complete `Authorization` value for a request, for clients and tests: `params` and
/// `headers` are the decoded pairs to sign (every one of them is listed).
pub fn authorization(
    access_key: &str,
    secret_key: &str,
    time: &str,
    method: &str,
    path: &str,
    params: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> String {
    let p = encode_pairs(params.iter().copied());
    let h = encode_pairs(headers.iter().copied());
    let list = |pairs: &[(String, String)]| {
        let mut names: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        names.sort_unstable();
        names.join(";")
    };
    let sig = signature(secret_key, time, time, &http_string(method, path, &p, &h));
    format!(
        "q-sign-algorithm={ALGORITHM}&q-ak={access_key}&q-sign-time={time}&q-key-time={time}\
         &q-header-list={}&q-url-param-list={}&q-signature={sig}",
        list(&h),
        list(&p)
    )
}

/// The fields of a q-sign `Authorization` value.
#[derive(Debug, PartialEq, Eq)]
pub struct QSign {
    pub access_key: String,
    pub sign_time: String,
    pub key_time: String,
    /// Lower-case names, as listed.
    pub headers: Vec<String>,
    pub params: Vec<String>,
    pub signature: String,
}

/// `None` unless every field is there and the algorithm is `sha1`.
pub fn parse(value: &str) -> Option<QSign> {
    let (mut alg, mut ak, mut st, mut kt, mut hl, mut pl, mut sig) =
        (None, None, None, None, None, None, None);
    for part in value.trim().split('&') {
        let (k, v) = part.split_once('=')?;
        match k {
            "q-sign-algorithm" => alg = Some(v),
            "q-ak" => ak = Some(v),
            "q-sign-time" => st = Some(v),
            "q-key-time" => kt = Some(v),
            "q-header-list" => hl = Some(v),
            "q-url-param-list" => pl = Some(v),
            "q-signature" => sig = Some(v),
            _ => {}
        }
    }
    if alg? != ALGORITHM {
        return None;
    }
    let names = |list: &str| -> Vec<String> {
        list.split(';')
            .filter(|n| !n.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    };
    Some(QSign {
        access_key: ak.filter(|a| !a.is_empty())?.to_string(),
        sign_time: st?.to_string(),
        key_time: kt?.to_string(),
        headers: names(hl?),
        params: names(pl?),
        signature: sig?.to_ascii_lowercase(),
    })
}

/// `start;end` in Unix seconds.
pub fn window(time: &str) -> Option<(i64, i64)> {
    let (a, b) = time.split_once(';')?;
    let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a <= b).then_some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// cos_vector.out: `put_object` of `hello world` with a temporary key, time 1700000000.
    #[test]
    fn sdk_vector_put_object() {
        let time = "1699999940;1700010000";
        let sk = "TempCosSecretKeyExample0000000001";
        assert_eq!(
            sign_key(sk, time),
            "74274e8a7a640296698bdb1b8d944b3f62011313"
        );
        let host = "vodgzp1250000000-1250000000.cos.ap-guangzhou.myqcloud.com";
        let headers = [
            ("Content-Length", "11"),
            ("Host", host),
            ("x-cos-security-token", "cos-session-token-xyz"),
        ];
        let h = encode_pairs(headers.iter().copied());
        let s = http_string("PUT", "/1500000001/4564972818519602447/f0.mp4", &[], &h);
        assert_eq!(
            hex::encode(Sha1::digest(s.as_bytes())),
            "45b96940c0713370466fbe6635fd43fcb5499116"
        );
        assert_eq!(
            signature(sk, time, time, &s),
            "f8aa880993d022639d39ffe2e2ef01c9af4e059d"
        );
        let auth = authorization(
            "AKIDTEMPCOSEXAMPLE000000000000000",
            sk,
            time,
            "PUT",
            "/1500000001/4564972818519602447/f0.mp4",
            &[],
            &headers,
        );
        assert_eq!(
            auth,
            "q-sign-algorithm=sha1&q-ak=AKIDTEMPCOSEXAMPLE000000000000000&q-sign-time=1699999940;1700010000\
             &q-key-time=1699999940;1700010000&q-header-list=content-length;host;x-cos-security-token\
             &q-url-param-list=&q-signature=f8aa880993d022639d39ffe2e2ef01c9af4e059d"
        );
        let parsed = parse(&auth).unwrap();
        assert_eq!(
            parsed.headers,
            ["content-length", "host", "x-cos-security-token"]
        );
        assert!(parsed.params.is_empty());
        assert_eq!(
            window(&parsed.key_time),
            Some((1_699_999_940, 1_700_010_000))
        );
    }

    /// cos_vector.out: initiate (`uploads=`) and a part (`partNumber`, `uploadId`).
    #[test]
    fn sdk_vector_multipart() {
        let (ak, sk) = (
            "AKIDTEMPCOSEXAMPLE000000000000000",
            "TempCosSecretKeyExample0000000001",
        );
        let time = "1699999940;1700010000";
        let host = "vodgzp1250000000-1250000000.cos.ap-guangzhou.myqcloud.com";
        let path = "/1500000001/4564972818519602447/f0.mp4";
        let token = ("x-cos-security-token", "cos-session-token-xyz");
        let init = authorization(
            ak,
            sk,
            time,
            "POST",
            path,
            &[("uploads", "")],
            &[("Content-Length", "0"), ("Host", host), token],
        );
        assert!(init.ends_with(
            "q-url-param-list=uploads&q-signature=1ec77d317af650ec27266f83a870b0d235fd07b5"
        ));
        let part = authorization(
            ak,
            sk,
            time,
            "PUT",
            path,
            &[("partNumber", "1"), ("uploadId", "1700000000abcdef")],
            &[("Content-Length", "14"), ("Host", host), token],
        );
        assert!(part.ends_with(
            "q-url-param-list=partnumber;uploadid&q-signature=d7a170cadfc40cef3b0e71050c4bd433b5d194fb"
        ));
    }

    #[test]
    fn malformed_values_are_refused() {
        for bad in [
            "",
            "q-sign-algorithm=sha256&q-ak=a&q-sign-time=1;2&q-key-time=1;2&q-header-list=&q-url-param-list=&q-signature=x",
            "q-sign-algorithm=sha1&q-ak=&q-sign-time=1;2&q-key-time=1;2&q-header-list=&q-url-param-list=&q-signature=x",
            "q-sign-algorithm=sha1&q-ak=a&q-sign-time=1;2&q-key-time=1;2&q-header-list=",
            "garbage",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(window("5;3"), None);
        assert_eq!(window("x;3"), None);
    }
}
