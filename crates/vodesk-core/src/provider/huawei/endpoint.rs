//! Where a Huawei VOD API lives: derived from a region or given explicitly.

use crate::provider::error::{ApiError, ErrorKind};

/// The region a profile without one uses.
pub const DEFAULT_REGION: &str = "cn-north-4";

/// The VOD and OBS endpoints of a region.
pub fn region_endpoints(region: &str) -> (String, String) {
    (
        format!("https://vod.{region}.myhuaweicloud.com"),
        format!("https://obs.{region}.myhuaweicloud.com"),
    )
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    url: url::Url,
}

impl Endpoint {
    /// `https://vod.{region}.myhuaweicloud.com`.
    pub fn for_region(region: &str) -> Result<Self, ApiError> {
        let ok = !region.is_empty()
            && region
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok {
            return Err(ApiError::new(
                ErrorKind::BadParameter,
                format!(
                    "\"{region}\" is not a region id; use one like cn-north-4, ap-southeast-1 or ap-southeast-3"
                ),
            ));
        }
        Self::parse(&format!("https://vod.{region}.myhuaweicloud.com"))
    }

    /// An explicit endpoint URL (`http://127.0.0.1:7361` for the local service).
    pub fn parse(s: &str) -> Result<Self, ApiError> {
        let bad = |why: &str| {
            ApiError::new(
                ErrorKind::BadParameter,
                format!(
                    "endpoint \"{s}\" {why}; give a URL like https://vod.cn-north-4.myhuaweicloud.com"
                ),
            )
        };
        let url = url::Url::parse(s.trim()).map_err(|_| bad("is not a URL"))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(bad("must start with http:// or https://"));
        }
        if url.host_str().is_none() {
            return Err(bad("has no host"));
        }
        if url.query().is_some() {
            return Err(bad("must not have a query"));
        }
        Ok(Endpoint { url })
    }

    /// Scheme, host and port, plus any path prefix, without a trailing slash.
    pub fn base(&self) -> String {
        self.url.as_str().trim_end_matches('/').to_string()
    }

    /// The `Host` header value as reqwest will send it (port only when not the default).
    pub fn host_header(&self) -> String {
        let host = self.url.host_str().unwrap_or_default();
        match self.url.port() {
            Some(p) => format!("{host}:{p}"),
            None => host.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        let e = Endpoint::for_region("cn-north-4").unwrap();
        assert_eq!(e.base(), "https://vod.cn-north-4.myhuaweicloud.com");
        assert_eq!(e.host_header(), "vod.cn-north-4.myhuaweicloud.com");
        let l = Endpoint::parse("http://127.0.0.1:7361/").unwrap();
        assert_eq!(l.base(), "http://127.0.0.1:7361");
        assert_eq!(l.host_header(), "127.0.0.1:7361");
        assert!(Endpoint::for_region("CN North").is_err());
        assert!(Endpoint::parse("ftp://x").is_err());
        assert!(Endpoint::parse("not a url").is_err());
    }
}
