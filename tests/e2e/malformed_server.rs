//! A fake endpoint that answers garbage: every command fails with one sentence, never a panic.
//! (`fake_server` also stands in for refusals the local service cannot produce.)

use crate::common::*;

/// A stand-in endpoint that answers every request with one reply; it serves until dropped, so
/// a slow machine retrying for a long time never meets a closed port instead of the reply.
pub struct FakeServer {
    pub url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

pub fn fake_server(body: &'static str, content_type: &'static str, status: u16) -> FakeServer {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
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
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
    });
    FakeServer {
        url: format!("http://{addr}"),
        stop: Some(stop),
        thread: Some(thread),
    }
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
        let fake = fake_server(body, ct, status);
        let endpoint = &fake.url;
        for args in [
            vec!["assets", "list"],
            vec!["upload", f.to_str().unwrap()],
            vec!["categories", "list"],
        ] {
            let r = Run::from(
                server
                    .cmd()
                    .env("VODESK_ENDPOINT", endpoint)
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
