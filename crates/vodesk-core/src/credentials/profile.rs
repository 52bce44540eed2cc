//! A saved account: where it lives and which access key it uses. Never holds a secret.

use serde::{Deserialize, Serialize};

/// The name of the built-in profile that points at the embedded local service (Huawei's API).
pub const LOCAL_PROFILE: &str = "Local";
/// The built-in profile of the local service's Tencent personality.
pub const LOCAL_TENCENT_PROFILE: &str = "Local-Tencent";
/// The built-in profile of the local service's Alibaba personality.
pub const LOCAL_ALIYUN_PROFILE: &str = "Local-Alibaba";

pub use crate::provider::ProviderKind as Provider;

/// The built-in profiles, one per personality of the embedded local service, in listing order.
pub const LOCAL_PROFILES: &[(&str, Provider)] = &[
    (LOCAL_PROFILE, Provider::Huawei),
    (LOCAL_TENCENT_PROFILE, Provider::Tencent),
    (LOCAL_ALIYUN_PROFILE, Provider::Aliyun),
];

/// The built-in profile `name` names (any case): its canonical name and provider.
pub fn local_profile(name: &str) -> Option<(&'static str, Provider)> {
    LOCAL_PROFILES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .copied()
}

/// A provider named on the command line or in a form.
pub fn parse_provider(s: &str) -> Result<Provider, String> {
    Provider::parse(s)
        .ok_or_else(|| format!("provider \"{s}\" is unknown; use huawei, tencent or aliyun"))
}

/// A proxy for one profile; its password (if any) is in the keychain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProxyConfig {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub provider: Provider,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Explicit VOD endpoint (private cloud, local service); derived from the region otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// Explicit object-storage endpoint; derived from the region otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_endpoint: Option<String>,
    pub project_id: String,
    pub access_key: String,
    /// A temporary security token is stored in the keychain next to the secret key.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub security_token: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<ProxyConfig>,
}

/// Region ids of `kind`: Huawei's end in a number (`cn-north-4`, `ap-southeast-1`, `local-1`
/// for the local service); Tencent's and Alibaba's are words (`ap-guangzhou`, `cn-shanghai`,
/// `ap-shanghai-fsi`).
pub fn validate_region(kind: Provider, region: &str) -> Result<(), String> {
    let parts: Vec<&str> = region.split('-').collect();
    let word = |s: &&str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase());
    let (ok, examples) = match kind {
        Provider::Huawei => (
            parts.len() >= 2
                && parts[..parts.len() - 1].iter().all(word)
                && parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit())
                && !parts[parts.len() - 1].is_empty(),
            "cn-north-4, ap-southeast-1 or ap-southeast-3",
        ),
        Provider::Tencent | Provider::Aliyun => (
            parts.len() >= 2
                && word(&parts[0])
                && parts[1..].iter().all(|p| {
                    !p.is_empty()
                        && p.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                }),
            if kind == Provider::Tencent {
                "ap-guangzhou, ap-shanghai or ap-singapore"
            } else {
                "cn-shanghai, cn-beijing or ap-southeast-1"
            },
        ),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "region \"{region}\" is not a region id; use one like {examples}"
        ))
    }
}

/// Profile names are shown in menus and used as keychain account names: printable, no `#`
/// (it separates the secret kinds in the keychain), and not the built-in "Local".
pub fn validate_name(name: &str) -> Result<(), String> {
    let fix = "use letters, digits, spaces, '-', '_' or '.'";
    if name.trim().is_empty() {
        return Err("the profile name is empty; give a name such as production".to_string());
    }
    if name.trim() != name {
        return Err(format!(
            "profile name \"{name}\" starts or ends with a space; remove it"
        ));
    }
    if name.chars().count() > 64 {
        return Err(format!(
            "profile name \"{name}\" is longer than 64 characters; shorten it"
        ));
    }
    if local_profile(name).is_some() {
        return Err(format!(
            "\"{name}\" is a built-in profile of the local service; choose another name"
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.')))
    {
        return Err(format!("profile name \"{name}\" contains {c:?}; {fix}"));
    }
    Ok(())
}

/// An endpoint URL given for a profile: http(s) with a host, nothing after the path.
pub fn validate_url(what: &str, url: &str) -> Result<(), String> {
    let bad = |why: &str| format!("{what} \"{url}\" {why}; give a URL like https://host[:port]");
    let u = url::Url::parse(url.trim()).map_err(|_| bad("is not a URL"))?;
    if u.scheme() != "http" && u.scheme() != "https" {
        return Err(bad("must start with http:// or https://"));
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err(bad("has no host"));
    }
    if u.query().is_some() || u.fragment().is_some() {
        return Err(bad("must not have a query or fragment"));
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err(bad(
            "must not carry a user or password (they would be stored in plain text)",
        ));
    }
    Ok(())
}

impl Profile {
    /// Checks every field; the first problem as one sentence naming the field.
    pub fn validate(&self) -> Result<(), String> {
        validate_name(&self.name)?;
        let rules = crate::provider::connect::profile_rules(self.provider).ok_or_else(|| {
            format!(
                "provider {} is not supported yet; use huawei or tencent",
                self.provider.as_str()
            )
        })?;
        match (&self.region, &self.endpoint) {
            (None, None) => {
                return Err(
                    "give a region (--region cn-north-4) or an endpoint URL (--endpoint URL)"
                        .to_string(),
                );
            }
            (Some(r), _) => validate_region(self.provider, r)?,
            (None, Some(_)) if self.object_endpoint.is_none() => {
                return Err(
                    "with --endpoint and no --region, give the object endpoint too (--object-endpoint URL)"
                        .to_string(),
                );
            }
            (None, Some(_)) => {}
        }
        if let Some(e) = &self.endpoint {
            validate_url("endpoint", e)?;
        }
        if let Some(e) = &self.object_endpoint {
            validate_url("object endpoint", e)?;
        }
        let key = rules.key_name;
        if self.access_key.trim().is_empty() {
            return Err(format!("the {key} (--ak) is empty; {}", rules.keys_hint));
        }
        if self.access_key.trim() != self.access_key
            || self.access_key.contains(char::is_whitespace)
        {
            return Err(format!(
                "the {key} (--ak) contains spaces; paste it without them"
            ));
        }
        let scope = self.project_id.trim();
        if rules.scope_required && (scope.is_empty() || scope.len() > 64) {
            return Err(format!(
                "the {} must be 1 to 64 characters; copy it from the console (My Credentials > API Credentials)",
                rules.scope_name
            ));
        }
        if rules.scope_numeric && !scope.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!(
                "the {} \"{scope}\" is not a number; copy it from the VOD console's application list, or leave it out",
                rules.scope_name
            ));
        }
        if let Some(p) = &self.proxy {
            validate_url("proxy", &p.url)?;
        }
        Ok(())
    }

    /// The region used for `location` fields and derived endpoints.
    pub fn effective_region(&self) -> &str {
        self.region
            .as_deref()
            .unwrap_or_else(|| crate::provider::connect::default_region(self.provider))
    }

    /// The VOD endpoint: explicit, or the region's.
    pub fn vod_endpoint(&self) -> String {
        self.endpoint.clone().unwrap_or_else(|| {
            crate::provider::connect::region_endpoints(self.provider, self.effective_region()).0
        })
    }

    /// The object storage endpoint: explicit, or the region's.
    pub fn obs_endpoint(&self) -> String {
        self.object_endpoint.clone().unwrap_or_else(|| {
            crate::provider::connect::region_endpoints(self.provider, self.effective_region()).1
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile {
            name: "production".into(),
            provider: Provider::Huawei,
            region: Some("cn-north-4".into()),
            endpoint: None,
            object_endpoint: None,
            project_id: "0123456789abcdef".into(),
            access_key: "AKEXAMPLE".into(),
            security_token: false,
            proxy: None,
        }
    }

    #[test]
    fn regions() {
        for ok in ["cn-north-4", "ap-southeast-1", "ru-moscow-1", "local-1"] {
            assert!(validate_region(Provider::Huawei, ok).is_ok(), "{ok}");
        }
        for ok in [
            "ap-guangzhou",
            "ap-shanghai-fsi",
            "na-siliconvalley",
            "ap-seoul",
        ] {
            assert!(validate_region(Provider::Tencent, ok).is_ok(), "{ok}");
        }
        for bad in ["ap guangzhou", "AP-GUANGZHOU", "guangzhou", "ap--x", "-ap"] {
            assert!(validate_region(Provider::Tencent, bad).is_err(), "{bad}");
        }
        assert!(validate_region(Provider::Huawei, "ap-guangzhou").is_err());
        for bad in [
            "cn north 4",
            "CN-NORTH-4",
            "cn-north",
            "4",
            "cn--4",
            "cn-north-x",
            "",
        ] {
            assert!(validate_region(Provider::Huawei, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names() {
        for ok in ["production", "测试 账号", "eu_test-2.a"] {
            assert!(validate_name(ok).is_ok(), "{ok}");
        }
        let err = validate_name("local").unwrap_err();
        assert!(err.contains("built-in"), "{err}");
        for bad in ["", " x", "a#b", "a/b", "a\nb", &"x".repeat(65)] {
            assert!(validate_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn fields() {
        assert!(profile().validate().is_ok());
        let mut p = profile();
        p.access_key = "  ".into();
        assert!(p.validate().unwrap_err().contains("--ak"));
        let mut p = profile();
        p.region = None;
        assert!(p.validate().unwrap_err().contains("region"));
        p.endpoint = Some("http://127.0.0.1:1".into());
        assert!(p.validate().unwrap_err().contains("--object-endpoint"));
        p.object_endpoint = Some("http://127.0.0.1:2".into());
        p.endpoint = Some("ftp://x".into());
        assert!(p.validate().unwrap_err().contains("endpoint \"ftp://x\""));
        p.endpoint = Some("http://u:pw@127.0.0.1:1".into());
        assert!(p.validate().unwrap_err().contains("plain text"));
        p.endpoint = Some("http://127.0.0.1:1".into());
        assert!(p.validate().is_ok());
        assert_eq!(p.vod_endpoint(), "http://127.0.0.1:1");
        assert_eq!(p.obs_endpoint(), "http://127.0.0.1:2");
        assert_eq!(
            profile().obs_endpoint(),
            "https://obs.cn-north-4.myhuaweicloud.com"
        );
    }
}
