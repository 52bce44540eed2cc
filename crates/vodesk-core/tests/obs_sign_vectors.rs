//! Reproduces the OBS / AWS V2 signature vectors of huawei-obs-api.md §2.9 byte for byte,
//! going through the same addressing code the client uses.

use serde_json::Value;
use vodesk_core::storage::addressing::{Addressing, Endpoint};
use vodesk_core::storage::sign::{self, Credentials, PresignInput, SignatureFlavor, parse_query};

fn vectors() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/huawei-obs-sign.json"
    );
    let text = std::fs::read_to_string(path).expect("vector file");
    serde_json::from_str(&text).expect("vector JSON")
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str()
        .unwrap_or_else(|| panic!("missing string {k} in {v}"))
}

fn creds(v: &Value) -> Credentials {
    Credentials::new(s(&v["inputs"], "access_key"), s(&v["inputs"], "secret_key"))
}

fn percent_decode(p: &str) -> String {
    percent_encoding::percent_decode_str(p)
        .decode_utf8()
        .expect("utf-8")
        .into_owned()
}

/// Recovers (bucket, key) from a captured request the way a server would, so `locate` can be
/// checked against the SDK's URL.
fn bucket_and_key(
    endpoint_host: &str,
    server: &str,
    path: &str,
    addressing: Addressing,
) -> (Option<String>, Option<String>) {
    match addressing {
        Addressing::VirtualHosted => {
            if server == endpoint_host {
                return (None, None);
            }
            let bucket = server
                .strip_suffix(&format!(".{endpoint_host}"))
                .expect("bucket host");
            let key = path.trim_start_matches('/');
            (
                Some(bucket.to_string()),
                (!key.is_empty()).then(|| percent_decode(key)),
            )
        }
        Addressing::PathStyle => {
            let rest = path.trim_start_matches('/');
            if rest.is_empty() {
                return (None, None);
            }
            match rest.split_once('/') {
                Some((b, k)) => (Some(b.to_string()), Some(percent_decode(k))),
                None => (Some(rest.to_string()), None),
            }
        }
    }
}

fn check_header_section(all: &Value, section: &str, addressing: Addressing) -> usize {
    let endpoint = Endpoint::parse(s(&all["inputs"], "endpoint"), Some(addressing)).expect("ep");
    let creds = creds(all);
    let cases = all[section].as_array().expect("section");
    for case in cases {
        let label = s(case, "label");
        let (path, raw_query) = s(case, "path")
            .split_once('?')
            .unwrap_or((s(case, "path"), ""));
        let (bucket, key) = bucket_and_key(&endpoint.host, s(case, "server"), path, addressing);
        let loc = endpoint
            .locate(bucket.as_deref(), key.as_deref())
            .expect("locate");
        assert_eq!(
            loc.url,
            format!("https://{}{path}", s(case, "server")),
            "{label}: URL"
        );
        assert_eq!(loc.host, s(case, "server"), "{label}: host");

        let query = parse_query(raw_query);
        let query_refs: Vec<(&str, Option<&str>)> = query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_deref()))
            .collect();
        let headers_obj = case["headers"].as_object().expect("headers");
        let auth = headers_obj["Authorization"].as_str().expect("auth");
        let flavor = if auth.starts_with("OBS ") {
            SignatureFlavor::Obs
        } else {
            SignatureFlavor::AwsV2
        };
        let headers: Vec<(&str, &str)> = headers_obj
            .iter()
            .filter(|(k, _)| k.as_str() != "Authorization")
            .map(|(k, v)| (k.as_str(), v.as_str().expect("header value")))
            .collect();
        let resource = sign::canonical_resource(&loc.resource_path, &query_refs, flavor);
        let sts = sign::string_to_sign(flavor, s(case, "method"), &headers, &resource, None);
        assert_eq!(sts, s(case, "string_to_sign"), "{label}: StringToSign");
        let sig = sign::signature(&creds.secret_key, &sts);
        assert_eq!(sig, s(case, "signature"), "{label}: signature");
        assert_eq!(
            sign::authorization(flavor, &creds.access_key, &sig),
            auth,
            "{label}: Authorization"
        );
    }
    cases.len()
}

#[test]
fn header_signatures_obs_virtual_hosted() {
    let v = vectors();
    assert_eq!(
        check_header_section(&v, "header_obs_vhost", Addressing::VirtualHosted),
        16
    );
}

#[test]
fn header_signatures_v2_virtual_hosted() {
    let v = vectors();
    assert_eq!(
        check_header_section(&v, "header_v2_vhost", Addressing::VirtualHosted),
        16
    );
}

#[test]
fn header_signatures_v2_path_style() {
    let v = vectors();
    assert_eq!(
        check_header_section(&v, "header_v2_path_style", Addressing::PathStyle),
        16
    );
}

#[test]
fn header_signatures_with_prefixed_headers() {
    // x-obs-date, x-obs-meta-* (untrimmed, mixed case), STS token header, x-amz-* in V2 mode.
    let v = vectors();
    assert_eq!(
        check_header_section(&v, "header_doc_extra", Addressing::VirtualHosted),
        4
    );
}

fn check_presign_section(all: &Value, section: &str, addressing: Addressing) -> usize {
    let endpoint = Endpoint::parse(s(&all["inputs"], "endpoint"), Some(addressing)).expect("ep");
    let expires = all["inputs"]["expires"].as_i64().expect("expires");
    let cases = all[section].as_array().expect("section");
    for case in cases {
        let label = s(case, "label");
        let signed = s(case, "signed_url");
        let (base, raw_query) = signed.split_once('?').expect("query");
        let (scheme_host, path) = base
            .strip_prefix("https://")
            .and_then(|r| r.split_once('/').map(|(h, p)| (h, format!("/{p}"))))
            .expect("https URL");
        let (bucket, key) = bucket_and_key(&endpoint.host, scheme_host, &path, addressing);
        let loc = endpoint
            .locate(bucket.as_deref(), key.as_deref())
            .expect("locate");
        assert_eq!(loc.url, base, "{label}: URL");

        let mut creds = creds(all);
        creds.security_token = case["security_token"].as_str().map(str::to_string);
        let query = parse_query(raw_query);
        let flavor = if query.iter().any(|(k, _)| k == "AWSAccessKeyId") {
            SignatureFlavor::AwsV2
        } else {
            SignatureFlavor::Obs
        };
        // Caller parameters are everything before the ones presign_url adds itself.
        let caller: Vec<(&str, Option<&str>)> = query
            .iter()
            .take_while(|(k, _)| k != "Expires" && !k.ends_with("security-token"))
            .map(|(k, v)| (k.as_str(), v.as_deref()))
            .collect();
        let method = case["method"].as_str().unwrap_or("GET");
        let headers: Vec<(&str, &str)> = case["content_type"]
            .as_str()
            .map(|ct| vec![("Content-Type", ct)])
            .unwrap_or_default();
        let url = sign::presign_url(
            &creds,
            &PresignInput {
                flavor,
                method,
                url_without_query: &loc.url,
                resource_path: &loc.resource_path,
                query: &caller,
                headers: &headers,
                expires,
            },
        );
        assert_eq!(url, signed, "{label}: URL");

        let mut with_token = caller.clone();
        if let Some(t) = creds.security_token.as_deref() {
            with_token.push((flavor.security_token_name(), Some(t)));
        }
        let resource = sign::canonical_resource(&loc.resource_path, &with_token, flavor);
        let sts = sign::string_to_sign(flavor, method, &headers, &resource, Some(expires));
        assert_eq!(sts, s(case, "string_to_sign"), "{label}: StringToSign");
    }
    cases.len()
}

#[test]
fn presigned_urls_obs() {
    let v = vectors();
    assert_eq!(
        check_presign_section(&v, "presign_obs_vhost", Addressing::VirtualHosted),
        3
    );
    assert_eq!(
        check_presign_section(&v, "presign_doc_extra", Addressing::VirtualHosted),
        3
    );
}

#[test]
fn presigned_urls_v2() {
    let v = vectors();
    assert_eq!(
        check_presign_section(&v, "presign_v2_vhost", Addressing::VirtualHosted),
        3
    );
    assert_eq!(
        check_presign_section(&v, "presign_v2_path_style", Addressing::PathStyle),
        3
    );
}

#[test]
fn wire_key_encoding() {
    let v = vectors();
    assert_eq!(
        sign::encode_key(s(&v["inputs"], "key")),
        "Photos%202024/%E6%97%85%E8%A1%8C%20%E5%86%99%E7%9C%9F.jpg"
    );
}
