//! Alibaba Cloud API signatures (tencent-aliyun-vod-api.md §B.2–§B.4), pure so that the SDKs'
//! vectors reproduce: ACS3-HMAC-SHA256 (the current Tea SDK's default) and the legacy RPC
//! HMAC-SHA1 (`SignatureVersion=1.0`, the classic SDK's). Both send business parameters in the
//! query string of `POST /`.

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// RFC 3986: only `A-Z a-z 0-9 - _ . ~` stay literal (a space is `%20`, `*` is `%2A`).
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, UNRESERVED).to_string()
}

/// Hex SHA-256 of a body (`x-acs-content-sha256`).
pub fn sha256_hex(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// RPC v1: `METHOD&%2F&percentEncode(k1=v1&k2=v2…)`, pairs encoded then sorted by key.
pub fn rpc_string_to_sign(method: &str, params: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (percent_encode(k), percent_encode(v)))
        .collect();
    pairs.sort();
    let canonical = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    format!(
        "{}&%2F&{}",
        method.to_ascii_uppercase(),
        percent_encode(&canonical)
    )
}

/// RPC v1 `Signature`: Base64(HMAC-SHA1(secret + "&", string to sign)).
pub fn rpc_signature(secret: &str, string_to_sign: &str) -> String {
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(format!("{secret}&").as_bytes())
        .expect("HMAC takes any key");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The ACS3 canonical request: method, `/`, the query (keys sorted, values encoded), every
/// header given (names lower-cased, values trimmed, sorted), the signed-header list and the
/// payload hash.
pub fn acs3_canonical_request(
    method: &str,
    query: &[(&str, &str)],
    headers: &[(&str, &str)],
    payload_sha256: &str,
) -> (String, String) {
    let mut q: Vec<(&str, String)> = query.iter().map(|(k, v)| (*k, percent_encode(v))).collect();
    q.sort();
    let canonical_query = q
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let mut h: Vec<(String, String)> = Vec::new();
    for (name, value) in headers {
        let name = name.to_ascii_lowercase();
        match h.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => {
                v.push(',');
                v.push_str(value.trim());
            }
            None => h.push((name, value.trim().to_string())),
        }
    }
    h.sort();
    let canonical_headers: String = h.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    let signed = h
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let request = format!(
        "{}\n/\n{canonical_query}\n{canonical_headers}\n{signed}\n{payload_sha256}",
        method.to_ascii_uppercase()
    );
    (request, signed)
}

/// The ACS3 `Authorization` header for a request with these query pairs, headers (all of them
/// are signed) and body hash.
pub fn acs3_authorization(
    access_key: &str,
    secret: &str,
    method: &str,
    query: &[(&str, &str)],
    headers: &[(&str, &str)],
    payload_sha256: &str,
) -> String {
    let (request, signed) = acs3_canonical_request(method, query, headers, payload_sha256);
    let string_to_sign = format!("ACS3-HMAC-SHA256\n{}", sha256_hex(request.as_bytes()));
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(string_to_sign.as_bytes());
    let signature = hex::encode(mac.finalize().into_bytes());
    format!("ACS3-HMAC-SHA256 Credential={access_key},SignedHeaders={signed},Signature={signature}")
}

#[cfg(test)]
mod tests {
    //! The SDK vectors of §B.4 (`vectors/ali_rpc_vector.out`, `ali_tea_vector.out`).
    use super::*;

    const AK: &str = "LTAI5tExampleAccessKeyId";
    const SECRET: &str = "ExampleAccessKeySecret0123456789";
    const STS_AK: &str = "STS.NExampleStsAccessKeyId";
    const STS_SECRET: &str = "ExampleStsSecret0123456789";
    const TOKEN: &str = "CAIS-example-sts-token==";
    const NONCE: &str = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    const TIME: &str = "2023-11-14T22:13:20Z";
    const BUSINESS: [(&str, &str); 5] = [
        ("Title", "my video"),
        ("FileName", "demo clip*.mp4"),
        ("FileSize", "1048576"),
        ("CateId", "1000000001"),
        ("Tags", "tag1,tag2"),
    ];

    fn rpc_params(ak: &str, classic: bool) -> Vec<(&str, &str)> {
        let mut p: Vec<(&str, &str)> = BUSINESS.to_vec();
        p.extend([
            ("Version", "2017-03-21"),
            ("Action", "CreateUploadVideo"),
            ("Format", if classic { "JSON" } else { "json" }),
            ("Timestamp", TIME),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureVersion", "1.0"),
            ("SignatureNonce", NONCE),
            ("AccessKeyId", ak),
        ]);
        if classic {
            p.extend([("RegionId", "cn-shanghai"), ("SignatureType", "")]);
        }
        p
    }

    #[test]
    fn rpc_v1_classic_sdk_vector() {
        let sts = rpc_string_to_sign("POST", &rpc_params(AK, true));
        assert_eq!(
            sts,
            "POST&%2F&AccessKeyId%3DLTAI5tExampleAccessKeyId%26Action%3DCreateUploadVideo%26CateId%3D1000000001%26FileName%3Ddemo%2520clip%252A.mp4%26FileSize%3D1048576%26Format%3DJSON%26RegionId%3Dcn-shanghai%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3f2504e0-4f89-11d3-9a0c-0305e82c3301%26SignatureType%3D%26SignatureVersion%3D1.0%26Tags%3Dtag1%252Ctag2%26Timestamp%3D2023-11-14T22%253A13%253A20Z%26Title%3Dmy%2520video%26Version%3D2017-03-21"
        );
        assert_eq!(rpc_signature(SECRET, &sts), "74bo0sKE028CpgQLAQfuCquV3rc=");
    }

    #[test]
    fn rpc_v1_sts_and_tea_vectors() {
        let mut p = rpc_params(STS_AK, true);
        p.push(("SecurityToken", TOKEN));
        let sts = rpc_string_to_sign("POST", &p);
        assert_eq!(
            rpc_signature(STS_SECRET, &sts),
            "LMAxcNS6mvRKDY0g46EuoOIgUj8="
        );
        let tea = rpc_string_to_sign("POST", &rpc_params(AK, false));
        assert_eq!(rpc_signature(SECRET, &tea), "Uk+8fHR9mgGaHkNYmfanTYXLd/g=");
    }

    fn acs3_headers<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
        let mut h = vec![
            ("host", "vod.cn-shanghai.aliyuncs.com"),
            ("x-acs-version", "2017-03-21"),
            ("x-acs-action", "CreateUploadVideo"),
            (
                "user-agent",
                "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.6 TeaDSL/2",
            ),
            ("x-acs-date", TIME),
            ("x-acs-signature-nonce", NONCE),
            ("accept", "application/json"),
            (
                "x-acs-content-sha256",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
        ];
        h.extend_from_slice(extra);
        h
    }

    #[test]
    fn acs3_vectors_long_term_and_sts() {
        let empty = sha256_hex(b"");
        let h = acs3_headers(&[("x-acs-credentials-provider", "static_ak")]);
        let (request, _) = acs3_canonical_request("POST", &BUSINESS, &h, &empty);
        assert_eq!(
            sha256_hex(request.as_bytes()),
            "f370fb804c73f12eccd0de71799aeda67cb3090a26d496826ba0e3689364e5e0"
        );
        assert_eq!(
            acs3_authorization(AK, SECRET, "POST", &BUSINESS, &h, &empty),
            "ACS3-HMAC-SHA256 Credential=LTAI5tExampleAccessKeyId,SignedHeaders=accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=3fb0839c2470cdc79472126231d150946fac92839dc13ef238e396a3f04c2e2e"
        );
        let h = acs3_headers(&[
            ("x-acs-credentials-provider", "static_sts"),
            ("x-acs-accesskey-id", STS_AK),
            ("x-acs-security-token", TOKEN),
        ]);
        let (request, _) = acs3_canonical_request("POST", &BUSINESS, &h, &empty);
        assert_eq!(
            sha256_hex(request.as_bytes()),
            "5f5159df17299b85423ac29828111a0b6bd0f16e4057a4e2bbf773f59729b599"
        );
        let auth = acs3_authorization(STS_AK, STS_SECRET, "POST", &BUSINESS, &h, &empty);
        assert!(
            auth.ends_with(
                "Signature=0ee88330948ef07a2586411bbb8945476ac043d48662bb3f2cd0d9cbc597c9cc"
            ),
            "{auth}"
        );
    }
}
