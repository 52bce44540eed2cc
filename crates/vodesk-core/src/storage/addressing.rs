//! Where a bucket/key request goes: URL, Host and the signed resource path (huawei-obs-api.md §1).

use crate::provider::error::{ApiError, ErrorKind};

use super::sign::encode_key;

/// How the bucket is put into the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addressing {
    /// `{scheme}://{host}/{bucket}/{key}` — the local service and IP endpoints.
    PathStyle,
    /// `{scheme}://{bucket}.{host}/{key}` — `obs.{region}.myhuaweicloud.com` and friends.
    VirtualHosted,
}

/// A parsed service endpoint (no bucket in it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub scheme: String,
    pub host: String,
    /// Explicit non-default port.
    pub port: Option<u16>,
    pub addressing: Addressing,
}

/// One request target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// Full URL without the query string.
    pub url: String,
    /// Value of the `Host` header (with a non-default port).
    pub host: String,
    /// Resource path for the StringToSign, before the sub-resources (`/`, `/bucket/`, `/bucket/key`).
    pub resource_path: String,
}

impl Endpoint {
    /// Parses `https://obs.cn-north-4.myhuaweicloud.com` (scheme optional, `https` assumed).
    /// `addressing: None` picks path-style for IP literals and `localhost` — no wildcard DNS
    /// exists for them — and virtual-hosted otherwise.
    pub fn parse(endpoint: &str, addressing: Option<Addressing>) -> Result<Endpoint, ApiError> {
        let trimmed = endpoint.trim().trim_end_matches('/');
        let with_scheme = if trimmed.contains("://") {
            trimmed.to_string()
        } else {
            format!("https://{trimmed}")
        };
        let bad = |why: &str| {
            ApiError::new(
                ErrorKind::BadParameter,
                format!("endpoint \"{endpoint}\" {why}"),
            )
        };
        let url = url::Url::parse(&with_scheme).map_err(|_| bad("is not a valid URL"))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(bad("must start with http:// or https://"));
        }
        if url.path() != "/" || url.query().is_some() {
            return Err(bad("must not contain a path or query"));
        }
        let host = match url.host() {
            Some(h) => h.to_string(),
            None => return Err(bad("has no host")),
        };
        let is_ip_or_local = matches!(
            url.host(),
            Some(url::Host::Ipv4(_)) | Some(url::Host::Ipv6(_))
        ) || host.eq_ignore_ascii_case("localhost");
        let addressing = addressing.unwrap_or(if is_ip_or_local {
            Addressing::PathStyle
        } else {
            Addressing::VirtualHosted
        });
        if addressing == Addressing::VirtualHosted && is_ip_or_local {
            return Err(bad(
                "is an IP address or localhost; use path-style addressing",
            ));
        }
        Ok(Endpoint {
            scheme: url.scheme().to_string(),
            host,
            port: url.port(),
            addressing,
        })
    }

    fn authority(&self, host: &str) -> String {
        match self.port {
            Some(p) => format!("{host}:{p}"),
            None => host.to_string(),
        }
    }

    /// Target of a service-level (`None`), bucket-level or object request.
    /// Bucket-level path-style requests use `/bucket` (no slash) like the SDK (vector P1).
    pub fn locate(&self, bucket: Option<&str>, key: Option<&str>) -> Result<Location, ApiError> {
        if let Some(b) = bucket {
            check_bucket(b)?;
        }
        let wire_key = match key {
            Some(k) => Some(check_and_encode_key(k)?),
            None => None,
        };
        let (host, path, resource) = match (bucket, self.addressing) {
            (None, _) => (self.host.clone(), "/".to_string(), "/".to_string()),
            (Some(b), Addressing::VirtualHosted) => {
                let path = format!("/{}", wire_key.unwrap_or_default());
                let resource = format!("/{b}{path}");
                (format!("{b}.{}", self.host), path, resource)
            }
            (Some(b), Addressing::PathStyle) => {
                let path = match wire_key {
                    Some(k) => format!("/{b}/{k}"),
                    None => format!("/{b}"),
                };
                (self.host.clone(), path.clone(), path)
            }
        };
        let authority = self.authority(&host);
        Ok(Location {
            url: format!("{}://{authority}{path}", self.scheme),
            host: authority,
            resource_path: resource,
        })
    }
}

/// Bucket names become a DNS label or a path segment, so only the characters OBS/S3 ever
/// allowed are accepted; anything else could redirect the request.
fn check_bucket(bucket: &str) -> Result<(), ApiError> {
    let ok = !bucket.is_empty()
        && bucket.len() <= 63
        && bucket
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.' || c == b'_')
        && !bucket.starts_with('.')
        && !bucket.ends_with('.');
    if ok {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorKind::BadParameter,
            format!("\"{bucket}\" is not a valid bucket name"),
        ))
    }
}

/// URL parsers collapse `.`/`..` path segments (even percent-encoded ones), so such keys could
/// never be addressed faithfully; refuse them instead of touching another object.
fn check_and_encode_key(key: &str) -> Result<String, ApiError> {
    let bad = |why: &str| ApiError::new(ErrorKind::BadParameter, format!("object key {why}"));
    if key.is_empty() {
        return Err(bad("is empty"));
    }
    if key.len() > 1024 {
        return Err(bad("is longer than 1024 bytes"));
    }
    if key.split('/').any(|seg| seg == "." || seg == "..") {
        return Err(bad(&format!(
            "\"{key}\" has a \".\" or \"..\" path segment, which cannot be sent over HTTP"
        )));
    }
    Ok(encode_key(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_addressing() {
        let e = Endpoint::parse("http://127.0.0.1:9000", None).expect("valid");
        assert_eq!(e.addressing, Addressing::PathStyle);
        let l = e.locate(Some("b"), Some("a b/c")).expect("valid");
        assert_eq!(l.url, "http://127.0.0.1:9000/b/a%20b/c");
        assert_eq!(l.host, "127.0.0.1:9000");
        assert_eq!(l.resource_path, "/b/a%20b/c");

        let e = Endpoint::parse("obs.cn-north-4.myhuaweicloud.com", None).expect("valid");
        assert_eq!(e.addressing, Addressing::VirtualHosted);
        assert_eq!(e.scheme, "https");
        let l = e.locate(Some("b"), None).expect("valid");
        assert_eq!(l.url, "https://b.obs.cn-north-4.myhuaweicloud.com/");
        assert_eq!(l.resource_path, "/b/");
        let l = e.locate(None, None).expect("valid");
        assert_eq!(l.url, "https://obs.cn-north-4.myhuaweicloud.com/");
        assert_eq!(l.resource_path, "/");
    }

    #[test]
    fn rejects_unaddressable_input() {
        let e = Endpoint::parse("http://localhost:1", None).expect("valid");
        assert!(e.locate(Some("b/x"), None).is_err());
        assert!(e.locate(Some("b"), Some("a/../c")).is_err());
        assert!(e.locate(Some("b"), Some("")).is_err());
        assert!(Endpoint::parse("ftp://x", None).is_err());
        assert!(Endpoint::parse("http://x/path", None).is_err());
        assert!(Endpoint::parse("http://10.0.0.1", Some(Addressing::VirtualHosted)).is_err());
    }
}
