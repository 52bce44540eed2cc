//! Fetching media from a URL for an import (Tencent `PullUpload`, Alibaba `UploadMediaByURL`).
//! Only loopback URLs are fetched: the local service never reaches off the machine. The whole
//! file is held in memory while it is stored, so fetches stop at a size limit.

/// Largest file an import fetches.
pub const MAX_FETCH: usize = 512 * 1024 * 1024;

/// Whether `url` names this machine (an IP loopback address or `localhost`).
pub fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Why a URL is not one the service fetches, if it is not: http(s) on loopback only.
pub fn refuse_url(url: &url::Url) -> Option<&'static str> {
    if !matches!(url.scheme(), "http" | "https") {
        Some("only http and https URLs are fetched")
    } else if !is_loopback(url) {
        Some("the local VOD service only fetches from loopback addresses (nothing off the machine)")
    } else {
        None
    }
}

/// The body of a `GET url` answered 200, at most [`MAX_FETCH`] bytes and not empty; otherwise
/// a sentence saying what went wrong.
pub async fn fetch(client: &reqwest::Client, url: &url::Url) -> Result<Vec<u8>, String> {
    let mut resp = client
        .get(url.clone())
        .send()
        .await
        .map_err(|e| format!("fetching {url}: {e}"))?;
    if resp.status().as_u16() != 200 {
        return Err(format!("fetching {url} answered HTTP {}", resp.status()));
    }
    let mut data = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| format!("fetching {url}: {e}"))?
    {
        if data.len() + chunk.len() > MAX_FETCH {
            return Err(format!(
                "{url} is larger than the local service fetches ({MAX_FETCH} bytes)"
            ));
        }
        data.extend_from_slice(&chunk);
    }
    if data.is_empty() {
        return Err(format!("{url} is empty"));
    }
    Ok(data)
}

/// The client imports use: no proxy (loopback only), no redirects (they could leave loopback).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(300))
        .build()
        .unwrap_or_default()
}

/// The last path segment of `url`, percent-decoded: the file name an import gets.
pub fn file_name(url: &url::Url) -> String {
    let last = url
        .path_segments()
        .and_then(|mut s| s.next_back())
        .unwrap_or("");
    percent_encoding::percent_decode_str(last)
        .decode_utf8_lossy()
        .into_owned()
}
