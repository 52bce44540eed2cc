//! Tencent COS "q-sign" (tencent-aliyun-vod-api.md §A.5), pure so that the SDK's vectors
//! reproduce, and [`CosSigner`]: the storage calls of one upload session signed with its
//! temporary certificate. Virtual-host addressing: the bucket travels in the `Host` header
//! (`<bucket>.cos.<region>.myqcloud.com`), also when the connection goes to an explicit
//! endpoint such as the local service on loopback.

use async_trait::async_trait;
use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha1::{Digest, Sha1};

use super::header_signer::{op_headers, op_key, op_query};
use super::sign::{Credentials, encode_key, encode_query_component};
use super::signer::{Extra, ObjectOp, RequestSigner, SignedRequest};
use crate::provider::error::ApiError;

/// The SDK encodes header and parameter names and values with only `-_.~` left as they are.
const COS_SAFE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// How long a signature is valid: the SDK signs from a minute ago (clock skew) to this later.
const SIGN_SECONDS: i64 = 10_000;

fn hmac_sha1_hex(key: &[u8], msg: &str) -> String {
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(msg.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// `k1=v1&k2=v2` and `k1;k2` of the pairs, names lower-cased, both encoded, sorted by name.
fn listed(pairs: &[(&str, &str)]) -> (String, String) {
    let mut enc: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| {
            (
                utf8_percent_encode(&k.to_ascii_lowercase(), COS_SAFE).to_string(),
                utf8_percent_encode(v, COS_SAFE).to_string(),
            )
        })
        .collect();
    enc.sort();
    let joined = enc
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let names = enc
        .iter()
        .map(|(k, _)| k.as_str())
        .collect::<Vec<_>>()
        .join(";");
    (joined, names)
}

/// The `Authorization` header of one request: `key` is the object key as it is (not encoded),
/// `params` the query (a value-less parameter has an empty value), `headers` those to sign
/// (`host` among them), `key_time` the validity window.
pub fn q_sign(
    secret_id: &str,
    secret_key: &str,
    method: &str,
    key: &str,
    params: &[(&str, &str)],
    headers: &[(&str, &str)],
    key_time: (i64, i64),
) -> String {
    let key_time = format!("{};{}", key_time.0, key_time.1);
    let sign_key = hmac_sha1_hex(secret_key.as_bytes(), &key_time);
    let (http_params, param_list) = listed(params);
    let (http_headers, header_list) = listed(headers);
    let http_string = format!(
        "{}\n/{key}\n{http_params}\n{http_headers}\n",
        method.to_ascii_lowercase()
    );
    let string_to_sign = format!(
        "sha1\n{key_time}\n{}\n",
        hex::encode(Sha1::digest(http_string.as_bytes()))
    );
    let signature = hmac_sha1_hex(sign_key.as_bytes(), &string_to_sign);
    format!(
        "q-sign-algorithm=sha1&q-ak={secret_id}&q-sign-time={key_time}&q-key-time={key_time}&q-header-list={header_list}&q-url-param-list={param_list}&q-signature={signature}"
    )
}

/// Signs the storage calls of one COS upload session with its temporary certificate.
pub struct CosSigner {
    pub credentials: Credentials,
    pub bucket: String,
    pub region: String,
    /// Where to connect instead of the bucket's own host (the local service on loopback);
    /// the `Host` header stays the bucket's.
    pub endpoint: Option<String>,
    pub key: String,
    /// Where each extra file goes (the cover key of the session).
    pub extras: Vec<(Extra, String)>,
    /// Server time minus local time, seconds.
    pub clock_offset_secs: i64,
}

impl CosSigner {
    /// The bucket's virtual host.
    pub fn host(&self) -> String {
        format!("{}.cos.{}.myqcloud.com", self.bucket, self.region)
    }
}

#[async_trait]
impl RequestSigner for CosSigner {
    async fn sign(&self, op: &ObjectOp<'_>) -> Result<SignedRequest, ApiError> {
        let key = op_key(op, &self.key, &self.extras)?;
        let host = self.host();
        let query = op_query(op);
        let mut headers = op_headers(op);
        headers.push(("Host".to_string(), host.clone()));
        if let Some(token) = &self.credentials.security_token {
            headers.push(("x-cos-security-token".to_string(), token.clone()));
        }
        let now = chrono::Utc::now().timestamp() + self.clock_offset_secs;
        let params: Vec<(&str, &str)> = query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_deref().unwrap_or("")))
            .collect();
        let signed: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let authorization = q_sign(
            &self.credentials.access_key,
            &self.credentials.secret_key,
            op.method().as_str(),
            key,
            &params,
            &signed,
            (now - 60, now + SIGN_SECONDS),
        );
        let base = match &self.endpoint {
            Some(e) => e.trim_end_matches('/').to_string(),
            None => format!("https://{host}"),
        };
        let mut url = format!("{base}/{}", encode_key(key));
        for (i, (k, v)) in query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(&encode_query_component(k));
            url.push('=');
            url.push_str(&encode_query_component(v.as_deref().unwrap_or("")));
        }
        headers.push(("Authorization".to_string(), authorization));
        Ok(SignedRequest {
            method: op.method(),
            url,
            headers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "AKIDTEMPCOSEXAMPLE000000000000000";
    const SECRET: &str = "TempCosSecretKeyExample0000000001";
    const HOST: &str = "vodgzp1250000000-1250000000.cos.ap-guangzhou.myqcloud.com";
    const KEY: &str = "1500000001/4564972818519602447/f0.mp4";
    const TIME: (i64, i64) = (1_699_999_940, 1_700_010_000);

    fn headers(len: &'static str) -> [(&'static str, &'static str); 3] {
        [
            ("content-length", len),
            ("host", HOST),
            ("x-cos-security-token", "cos-session-token-xyz"),
        ]
    }

    /// The SDK's PUT Object with a temporary certificate (cos_vector.out).
    #[test]
    fn put_object_vector() {
        let auth = q_sign(ID, SECRET, "PUT", KEY, &[], &headers("11"), TIME);
        assert_eq!(
            auth,
            "q-sign-algorithm=sha1&q-ak=AKIDTEMPCOSEXAMPLE000000000000000&q-sign-time=1699999940;1700010000&q-key-time=1699999940;1700010000&q-header-list=content-length;host;x-cos-security-token&q-url-param-list=&q-signature=f8aa880993d022639d39ffe2e2ef01c9af4e059d"
        );
    }

    /// Initiate and upload part, as the SDK signed them (cos_vector.out).
    #[test]
    fn multipart_vectors() {
        let init = q_sign(
            ID,
            SECRET,
            "POST",
            KEY,
            &[("uploads", "")],
            &headers("0"),
            TIME,
        );
        assert!(init.contains("&q-url-param-list=uploads&"), "{init}");
        assert!(init.ends_with("q-signature=1ec77d317af650ec27266f83a870b0d235fd07b5"));
        let part = q_sign(
            ID,
            SECRET,
            "PUT",
            KEY,
            &[("partNumber", "1"), ("uploadId", "1700000000abcdef")],
            &headers("14"),
            TIME,
        );
        assert!(
            part.contains("&q-url-param-list=partnumber;uploadid&"),
            "{part}"
        );
        assert!(part.ends_with("q-signature=d7a170cadfc40cef3b0e71050c4bd433b5d194fb"));
    }

    #[tokio::test]
    async fn the_bucket_stays_in_the_host_header_when_connecting_to_loopback() {
        let s = CosSigner {
            credentials: Credentials {
                access_key: ID.into(),
                secret_key: SECRET.into(),
                security_token: Some("tok".into()),
            },
            bucket: "vodgzp1250000000-1250000000".into(),
            region: "ap-guangzhou".into(),
            endpoint: Some("http://127.0.0.1:9".into()),
            key: "dir/视频 a+b.mp4".into(),
            extras: Vec::new(),
            clock_offset_secs: 0,
        };
        let req = s
            .sign(&ObjectOp::PutPart {
                upload_id: "u1",
                part_number: 2,
                content_type: "application/octet-stream",
                content_md5: None,
            })
            .await
            .unwrap();
        assert_eq!(
            req.url,
            "http://127.0.0.1:9/dir/%E8%A7%86%E9%A2%91%20a%2Bb.mp4?partNumber=2&uploadId=u1"
        );
        let header = |n: &str| {
            req.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(n))
                .map(|(_, v)| v.clone())
        };
        assert_eq!(header("host").as_deref(), Some(HOST));
        assert_eq!(header("x-cos-security-token").as_deref(), Some("tok"));
        assert!(header("authorization").unwrap().contains(
            "q-header-list=content-type;host;x-cos-security-token&q-url-param-list=partnumber;uploadid"
        ));
        assert!(
            !format!("{req:?}").contains("tok\""),
            "the token never shows"
        );
    }
}
