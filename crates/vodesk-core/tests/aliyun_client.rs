//! The Alibaba client against a loopback server that checks every request with the local
//! service's own verifier (`vodesk_local::aliyun::auth`, an implementation independent of the
//! client's signer): accepted signatures with parameters that need encoding, long-term and STS
//! keys, refusals as error kinds with code and request id, throttling retried after
//! `x-acs-retry-after`, and a server clock 20 minutes ahead learnt from `Date`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde_json::{Value, json};
use vodesk_core::provider::RetryPolicy;
use vodesk_core::provider::aliyun::client::{AliyunConfig, AliyunVod};
use vodesk_core::provider::error::ErrorKind;
use vodesk_core::provider::http::HttpOptions;
use vodesk_core::storage::Credentials;
use vodesk_local::aliyun::auth::{AliRequest, KnownKey, verify};

const AK: &str = "LTAI5tLoopbackAccessKey01";
const SECRET: &str = "LoopbackAccessKeySecret0123456789";
const STS_AK: &str = "STS.NLoopbackStsAccessKey";
const STS_SECRET: &str = "LoopbackStsSecret0123456789";
const TOKEN: &str = "CAIS-loopback-token==";

#[derive(Default)]
struct Behaviour {
    /// Server clock ahead of the real one, seconds.
    ahead_secs: i64,
    /// Answer this many requests with `Throttling.User` first.
    throttle_first: u32,
}

struct Stand {
    url: String,
    hits: Arc<AtomicU32>,
}

fn lookup(ak: &str) -> Option<KnownKey> {
    match ak {
        AK => Some(KnownKey {
            secret: SECRET.into(),
            security_token: None,
        }),
        STS_AK => Some(KnownKey {
            secret: STS_SECRET.into(),
            security_token: Some(TOKEN.into()),
        }),
        _ => None,
    }
}

async fn stand(behaviour: Behaviour) -> Stand {
    let hits = Arc::new(AtomicU32::new(0));
    let counter = hits.clone();
    let behaviour = Arc::new(behaviour);
    let app = axum::Router::new().fallback(move |req: axum::extract::Request| {
        let (counter, behaviour) = (counter.clone(), behaviour.clone());
        async move {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            let now = chrono::Utc::now() + chrono::Duration::seconds(behaviour.ahead_secs);
            let mut headers = HeaderMap::new();
            headers.insert("date", now.to_rfc2822().replace("+0000", "GMT").parse().unwrap());
            let reply = |status: StatusCode, body: Value, mut headers: HeaderMap| {
                headers.insert("content-type", "application/json".parse().unwrap());
                (status, headers, body.to_string()).into_response()
            };
            if n < behaviour.throttle_first {
                headers.insert("x-acs-retry-after", "1".parse().unwrap());
                return reply(
                    StatusCode::SERVICE_UNAVAILABLE,
                    json!({"RequestId": "throttled-1", "Code": "Throttling.User", "Message": "Request was denied due to user flow control."}),
                    headers,
                );
            }
            let (parts, _) = req.into_parts();
            let query = parts.uri.query().unwrap_or("").to_string();
            let checked = verify(
                &AliRequest {
                    method: parts.method.as_str(),
                    raw_query: &query,
                    headers: &parts.headers,
                    body: b"",
                },
                lookup,
                now.timestamp(),
            );
            match checked {
                Ok(ak) => {
                    let title = vodesk_local::aliyun::auth::query_pairs(&query)
                        .into_iter()
                        .find(|(k, _)| k == "Title")
                        .map(|(_, v)| v)
                        .unwrap_or_default();
                    reply(
                        StatusCode::OK,
                        json!({"RequestId": "ok-1", "SignedBy": ak, "Title": title}),
                        headers,
                    )
                }
                Err(e) => reply(
                    StatusCode::from_u16(e.status).unwrap(),
                    json!({"RequestId": "refused-1", "Code": e.code, "Message": e.message}),
                    headers,
                ),
            }
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Stand { url, hits }
}

fn client(url: &str, credentials: Credentials) -> AliyunVod {
    AliyunVod::new(AliyunConfig {
        endpoint: url.parse().unwrap(),
        region: "cn-shanghai".into(),
        credentials,
        http: HttpOptions {
            proxy: vodesk_core::provider::http::ProxyMode::Direct,
            ..HttpOptions::default()
        },
        pacing: true,
        retry: RetryPolicy {
            base: Duration::from_millis(10),
            cap: Duration::from_millis(50),
            max_attempts: 3,
            ..Default::default()
        },
    })
    .unwrap()
}

fn params(title: &str) -> Vec<(&'static str, String)> {
    vec![
        ("Title", title.to_string()),
        ("FileName", "海岸 dawn*clip.mp4".to_string()),
        ("Tags", "a,b".to_string()),
    ]
}

#[tokio::test]
async fn signed_calls_are_accepted_and_refusals_keep_their_code_and_request_id() {
    let s = stand(Behaviour::default()).await;
    let ok: Value = client(&s.url, Credentials::new(AK, SECRET))
        .call("CreateUploadVideo", &params("my video + 日落"))
        .await
        .unwrap();
    assert_eq!(ok["SignedBy"], AK);
    assert_eq!(ok["Title"], "my video + 日落", "parameters arrive as sent");

    let sts = Credentials {
        access_key: STS_AK.into(),
        secret_key: STS_SECRET.into(),
        security_token: Some(TOKEN.into()),
    };
    let ok: Value = client(&s.url, sts)
        .call("GetCategories", &[])
        .await
        .unwrap();
    assert_eq!(ok["SignedBy"], STS_AK);

    for (creds, code) in [
        (Credentials::new(AK, "WrongSecret"), "SignatureDoesNotMatch"),
        (
            Credentials::new("LTAI5tNoSuchKey", SECRET),
            "InvalidAccessKeyId.NotFound",
        ),
    ] {
        let e = client(&s.url, creds)
            .call::<Value>("GetCategories", &[])
            .await
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::WrongCredentials, "{e:?}");
        assert_eq!(e.code.as_deref(), Some(code));
        assert_eq!(e.request_id.as_deref(), Some("refused-1"));
    }
}

#[tokio::test]
async fn throttling_is_retried_after_the_time_the_service_gives() {
    let s = stand(Behaviour {
        throttle_first: 1,
        ..Default::default()
    })
    .await;
    let started = std::time::Instant::now();
    let ok: Value = client(&s.url, Credentials::new(AK, SECRET))
        .call("SearchMedia", &[("Match", "Title = 'x'".to_string())])
        .await
        .unwrap();
    assert_eq!(ok["SignedBy"], AK);
    assert_eq!(s.hits.load(Ordering::SeqCst), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "x-acs-retry-after honoured"
    );
}

#[tokio::test]
async fn a_server_clock_twenty_minutes_ahead_is_learnt_and_the_call_goes_through() {
    let s = stand(Behaviour {
        ahead_secs: 20 * 60,
        ..Default::default()
    })
    .await;
    let vod = client(&s.url, Credentials::new(AK, SECRET));
    let ok: Value = vod.call("GetCategories", &[]).await.unwrap();
    assert_eq!(ok["SignedBy"], AK);
    assert!((vod.clock_offset_secs() - 20 * 60).abs() < 5);
}
