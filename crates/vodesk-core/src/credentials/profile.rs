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
    region_rule(kind, region).map_err(|examples| not_a_region(region, examples))
}

/// The English sentence for a region that is not one (the faces word it from the catalogue).
fn not_a_region(region: &str, [a, b, c]: [&str; 3]) -> String {
    format!("region \"{region}\" is not a region id; use one like {a}, {b} or {c}")
}

/// Whether `region` has the shape of `kind`'s region ids; if not, some ids it has.
fn region_rule(kind: Provider, region: &str) -> Result<(), [&'static str; 3]> {
    let parts: Vec<&str> = region.split('-').collect();
    let word = |s: &&str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase());
    let (ok, examples) = match kind {
        Provider::Huawei => (
            parts.len() >= 2
                && parts[..parts.len() - 1].iter().all(word)
                && parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit())
                && !parts[parts.len() - 1].is_empty(),
            ["cn-north-4", "ap-southeast-1", "ap-southeast-3"],
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
                ["ap-guangzhou", "ap-shanghai", "ap-singapore"]
            } else {
                ["cn-shanghai", "cn-beijing", "ap-southeast-1"]
            },
        ),
    };
    if ok { Ok(()) } else { Err(examples) }
}

/// A field of a profile. The CLI names it by its option, the app by the form's label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileField {
    Name,
    Region,
    Endpoint,
    ObjectEndpoint,
    /// The access key (AK, SecretId, AccessKey ID).
    AccessKey,
    /// The scope: project id, SubAppId, AppId.
    Scope,
    Proxy,
}

/// What rule a profile's field breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProfileRule {
    Empty,
    /// Starts or ends with a space.
    EdgeSpace,
    /// Longer than 64 characters.
    TooLong,
    /// A built-in profile's name.
    BuiltIn,
    /// A character names may not have.
    BadChar(char),
    /// Not a region id of the provider; some ids it has, for the sentence.
    NotARegion([&'static str; 3]),
    /// Neither a region nor an endpoint.
    NoRegionOrEndpoint,
    /// An endpoint without a region needs the object endpoint too.
    ObjectEndpointNeeded,
    NotAUrl,
    NotHttp,
    NoHost,
    QueryOrFragment,
    UserInUrl,
    HasSpaces,
    /// The scope must be 1 to 64 characters.
    ScopeLength,
    NotANumber,
    /// The provider is not supported.
    Unsupported,
}

/// One invalid field of a profile, with the value it has and the provider (whose console and
/// terms the sentence names). Its `Display` is the CLI's English, options by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileError {
    pub field: ProfileField,
    pub rule: ProfileRule,
    pub value: String,
    pub provider: Provider,
}

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use ProfileRule as R;
        let v = &self.value;
        let rules = crate::provider::connect::profile_rules(self.provider);
        let (key, hint, scope) = rules.map_or(("access key", "", "scope"), |r| {
            (r.key_name, r.keys_hint, r.scope_name)
        });
        let url_what = match self.field {
            ProfileField::ObjectEndpoint => "object endpoint",
            ProfileField::Proxy => "proxy",
            _ => "endpoint",
        };
        let bad_url =
            |why: &str| format!("{url_what} \"{v}\" {why}; give a URL like https://host[:port]");
        let s = match (&self.field, &self.rule) {
            (ProfileField::Name, R::Empty) => {
                "the profile name is empty; give a name such as production".to_string()
            }
            (ProfileField::Name, R::EdgeSpace) => {
                format!("profile name \"{v}\" starts or ends with a space; remove it")
            }
            (ProfileField::Name, R::TooLong) => {
                format!("profile name \"{v}\" is longer than 64 characters; shorten it")
            }
            (ProfileField::Name, R::BuiltIn) => {
                format!("\"{v}\" is a built-in profile of the local service; choose another name")
            }
            (_, R::BadChar(c)) => format!(
                "profile name \"{v}\" contains {c:?}; use letters, digits, spaces, '-', '_' or '.'"
            ),
            (_, R::Unsupported) => format!(
                "provider {} is not supported yet; use huawei or tencent",
                self.provider.as_str()
            ),
            (_, R::NoRegionOrEndpoint) => {
                "give a region (--region cn-north-4) or an endpoint URL (--endpoint URL)".to_string()
            }
            (_, R::ObjectEndpointNeeded) => {
                "with --endpoint and no --region, give the object endpoint too (--object-endpoint URL)"
                    .to_string()
            }
            (_, R::NotARegion(examples)) => not_a_region(v, *examples),
            (_, R::NotAUrl) => bad_url("is not a URL"),
            (_, R::NotHttp) => bad_url("must start with http:// or https://"),
            (_, R::NoHost) => bad_url("has no host"),
            (_, R::QueryOrFragment) => bad_url("must not have a query or fragment"),
            (_, R::UserInUrl) => bad_url(
                "must not carry a user or password (they would be stored in plain text)",
            ),
            (ProfileField::AccessKey, R::Empty) => format!("the {key} (--ak) is empty; {hint}"),
            (_, R::HasSpaces) => format!("the {key} (--ak) contains spaces; paste it without them"),
            (_, R::ScopeLength) => format!(
                "the {scope} must be 1 to 64 characters; copy it from the console (My Credentials > API Credentials)"
            ),
            (_, R::NotANumber) => format!(
                "the {scope} \"{v}\" is not a number; copy it from the VOD console's application list, or leave it out"
            ),
            (_, R::Empty | R::EdgeSpace | R::TooLong | R::BuiltIn) => {
                format!("\"{v}\" is not valid")
            }
        };
        f.write_str(&s)
    }
}

/// Profile names are shown in menus and used as keychain account names: printable, no `#`
/// (it separates the secret kinds in the keychain), and not the built-in "Local".
pub fn validate_name(name: &str) -> Result<(), ProfileError> {
    let rule = if name.trim().is_empty() {
        ProfileRule::Empty
    } else if name.trim() != name {
        ProfileRule::EdgeSpace
    } else if name.chars().count() > 64 {
        ProfileRule::TooLong
    } else if local_profile(name).is_some() {
        ProfileRule::BuiltIn
    } else if let Some(c) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.')))
    {
        ProfileRule::BadChar(c)
    } else {
        return Ok(());
    };
    Err(ProfileError {
        field: ProfileField::Name,
        rule,
        value: name.to_string(),
        // The name's rules are the same for every provider.
        provider: Provider::Huawei,
    })
}

/// An endpoint URL given for a profile: http(s) with a host, nothing after the path. The
/// rule it breaks, if any.
pub fn url_rule(url: &str) -> Option<ProfileRule> {
    let Ok(u) = url::Url::parse(url.trim()) else {
        return Some(ProfileRule::NotAUrl);
    };
    if u.scheme() != "http" && u.scheme() != "https" {
        return Some(ProfileRule::NotHttp);
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Some(ProfileRule::NoHost);
    }
    if u.query().is_some() || u.fragment().is_some() {
        return Some(ProfileRule::QueryOrFragment);
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Some(ProfileRule::UserInUrl);
    }
    None
}

impl Profile {
    /// Checks every field; the first problem, naming the field.
    pub fn validate(&self) -> Result<(), ProfileError> {
        validate_name(&self.name)?;
        let err = |field: ProfileField, rule: ProfileRule, value: &str| ProfileError {
            field,
            rule,
            value: value.to_string(),
            provider: self.provider,
        };
        let Some(rules) = crate::provider::connect::profile_rules(self.provider) else {
            return Err(err(ProfileField::Name, ProfileRule::Unsupported, ""));
        };
        match (&self.region, &self.endpoint) {
            (None, None) => {
                return Err(err(
                    ProfileField::Region,
                    ProfileRule::NoRegionOrEndpoint,
                    "",
                ));
            }
            (Some(r), _) => {
                if let Err(examples) = region_rule(self.provider, r) {
                    return Err(err(
                        ProfileField::Region,
                        ProfileRule::NotARegion(examples),
                        r,
                    ));
                }
            }
            (None, Some(_)) if self.object_endpoint.is_none() => {
                return Err(err(
                    ProfileField::ObjectEndpoint,
                    ProfileRule::ObjectEndpointNeeded,
                    "",
                ));
            }
            (None, Some(_)) => {}
        }
        let urls = [
            (ProfileField::Endpoint, self.endpoint.as_deref()),
            (
                ProfileField::ObjectEndpoint,
                self.object_endpoint.as_deref(),
            ),
            (
                ProfileField::Proxy,
                self.proxy.as_ref().map(|p| p.url.as_str()),
            ),
        ];
        for (field, url) in urls {
            if let Some(u) = url
                && let Some(rule) = url_rule(u)
            {
                return Err(err(field, rule, u));
            }
        }
        let ak = &self.access_key;
        if ak.trim().is_empty() {
            return Err(err(ProfileField::AccessKey, ProfileRule::Empty, ak));
        }
        if ak.trim() != ak || ak.contains(char::is_whitespace) {
            return Err(err(ProfileField::AccessKey, ProfileRule::HasSpaces, ak));
        }
        let scope = self.project_id.trim();
        if rules.scope_required && (scope.is_empty() || scope.len() > 64) {
            return Err(err(ProfileField::Scope, ProfileRule::ScopeLength, scope));
        }
        if rules.scope_numeric && !scope.chars().all(|c| c.is_ascii_digit()) {
            return Err(err(ProfileField::Scope, ProfileRule::NotANumber, scope));
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
        assert!(err.to_string().contains("built-in"), "{err}");
        for bad in ["", " x", "a#b", "a/b", "a\nb", &"x".repeat(65)] {
            assert!(validate_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn fields() {
        assert!(profile().validate().is_ok());
        let mut p = profile();
        p.access_key = "  ".into();
        assert!(p.validate().unwrap_err().to_string().contains("--ak"));
        let mut p = profile();
        p.region = None;
        assert!(p.validate().unwrap_err().to_string().contains("region"));
        p.endpoint = Some("http://127.0.0.1:1".into());
        assert!(
            p.validate()
                .unwrap_err()
                .to_string()
                .contains("--object-endpoint")
        );
        p.object_endpoint = Some("http://127.0.0.1:2".into());
        p.endpoint = Some("ftp://x".into());
        assert!(
            p.validate()
                .unwrap_err()
                .to_string()
                .contains("endpoint \"ftp://x\"")
        );
        p.endpoint = Some("http://u:pw@127.0.0.1:1".into());
        assert!(p.validate().unwrap_err().to_string().contains("plain text"));
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
