//! A fake endpoint that answers garbage: every command fails with one sentence, never a panic.
//! (`fake_server` also stands in for refusals the local service cannot produce.)

use crate::common::*;

pub fn fake_server(
    body: &'static str,
    content_type: &'static str,
    status: u16,
) -> (String, std::thread::JoinHandle<()>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    let handle = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let app = axum::Router::new().fallback(move || async move {
                (
                    axum::http::StatusCode::from_u16(status).unwrap(),
                    [(axum::http::header::CONTENT_TYPE, content_type)],
                    body,
                )
            });
            let _ = tokio::time::timeout(
                std::time::Duration::from_secs(60),
                axum::serve(listener, app),
            )
            .await;
        });
    });
    (format!("http://{addr}"), handle)
}

#[test]
fn garbage_truncated_and_mistyped_replies() {
    let server = Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let f = make_file(dir.path(), "x.mp4", 1000, 1);
    let cases: [(&str, &str, u16, &str); 5] = [
        (
            "<html>definitely not json",
            "text/html",
            200,
            "could not be understood",
        ),
        (
            "{\"asset_id\": \"abc\", \"video_upl",
            "application/json",
            200,
            "could not be understood",
        ),
        (
            "{\"asset_id\": 12, \"total\": \"many\", \"assets\": 7}",
            "application/json",
            200,
            "could not be understood",
        ),
        (
            "[1,2,3]",
            "application/json",
            200,
            "could not be understood",
        ),
        ("oops", "text/plain", 500, "internal error"),
    ];
    for (body, ct, status, needle) in cases {
        let (endpoint, _h) = fake_server(body, ct, status);
        for args in [
            vec!["assets", "list"],
            vec!["upload", f.to_str().unwrap()],
            vec!["categories", "list"],
        ] {
            let r = Run::from(
                server
                    .cmd()
                    .env("VODESK_ENDPOINT", &endpoint)
                    .args(&args)
                    .output()
                    .unwrap(),
            );
            assert_eq!(r.code, Some(1), "{args:?} on {body:?}: {}", r.stdout);
            assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
            assert!(
                r.stderr.contains(needle),
                "{args:?} on {body:?}: expected {needle:?} in {}",
                r.stderr
            );
        }
    }
    assert_eq!(server.asset_total(), 0, "the real service saw nothing");
}
