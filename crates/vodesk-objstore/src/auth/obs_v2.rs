//! HMAC-SHA1 signatures: native OBS (`Authorization: OBS ak:sig`) and AWS V2 (`AWS ak:sig`),
//! in header and query-string (pre-signed) form. See the OBS API notes, sections 2.1-2.3.

use base64::Engine;
use hmac::{KeyInit, Mac};

/// Which header family is canonicalized: `x-obs-*` for OBS, `x-amz-*` for AWS V2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Obs,
    Aws,
    /// Alibaba OSS V1: `OSS ak:sig`, `x-oss-*` headers, the same string to sign.
    Oss,
}

impl Flavor {
    /// The word before `ak:signature` in the Authorization header.
    pub fn scheme(self) -> &'static str {
        match self {
            Flavor::Obs => "OBS",
            Flavor::Aws => "AWS",
            Flavor::Oss => "OSS",
        }
    }

    pub fn header_prefix(self) -> &'static str {
        match self {
            Flavor::Obs => "x-obs-",
            Flavor::Aws => "x-amz-",
            Flavor::Oss => "x-oss-",
        }
    }
}

/// Query parameters that belong to the signed resource of OBS and AWS V2 (compared
/// case-insensitively, like the official SDK).
const SUBRESOURCES: &[&str] = &[
    "acl",
    "append",
    "attname",
    "backtosource",
    "cors",
    "customdomain",
    "delete",
    "deletebucket",
    "directcoldaccess",
    "dispolicy",
    "encryption",
    "fileinterface",
    "inventory",
    "length",
    "lifecycle",
    "location",
    "logging",
    "metadata",
    "modify",
    "name",
    "notification",
    "obscompresspolicy",
    "object-lock",
    "partnumber",
    "policy",
    "policystatus",
    "position",
    "publicaccessblock",
    "quota",
    "rename",
    "replication",
    "requestpayment",
    "restore",
    "retention",
    "storageclass",
    "storageinfo",
    "storagepolicy",
    "tagging",
    "torrent",
    "truncate",
    "uploadid",
    "uploads",
    "versionid",
    "versioning",
    "versions",
    "website",
    "bucketstatus",
    "response-cache-control",
    "response-content-disposition",
    "response-content-encoding",
    "response-content-language",
    "response-content-type",
    "response-expires",
    "x-image-process",
    "x-image-save-bucket",
    "x-image-save-object",
    "x-oss-process",
];

/// OSS V1's sub-resources, exactly as oss2 2.19 lists them (`ProviderAuth._subresource_key_set`)
/// and compared as it compares them, case and all; no `x-oss-` prefix rule. `objectMeta`,
/// `sequential` and `security-token` (the STS token of a pre-signed URL) are among them.
#[rustfmt::skip]
const OSS_SUBRESOURCES: &[&str] = &[
    "accessPoint", "accessPointPolicy", "acl", "append", "asyncFetch", "bucketArchiveDirectRead",
    "bucketInfo", "callback", "callback-var", "cname", "comp", "continuation-token", "cors",
    "delete", "encryption", "endTime", "group", "httpsConfig", "inventory", "inventoryId",
    "lifecycle", "link", "live", "location", "logging", "metaQuery", "objectInfo", "objectMeta",
    "partNumber", "policy", "position", "publicAccessBlock", "qos", "qosInfo", "qosRequester",
    "redundancyTransition", "referer", "regionList", "replication", "replicationLocation",
    "replicationProgress", "requestPayment", "requesterQosInfo", "resourceGroup", "resourcePool",
    "resourcePoolBuckets", "resourcePoolInfo", "response-cache-control",
    "response-content-disposition", "response-content-encoding", "response-content-language",
    "response-content-type", "response-expires", "restore", "security-token", "sequential",
    "startTime", "stat", "status", "style", "styleName", "symlink", "tagging",
    "transferAcceleration", "uploadId", "uploads", "versionId", "versioning", "versions", "vod",
    "website", "worm", "wormExtend", "wormId", "x-oss-ac-forward-allow", "x-oss-ac-source-ip",
    "x-oss-ac-subnet-mask", "x-oss-ac-vpc-id", "x-oss-access-point-name", "x-oss-async-process",
    "x-oss-process", "x-oss-redundancy-transition-taskid", "x-oss-request-payer",
    "x-oss-target-redundancy-type", "x-oss-traffic-limit", "x-oss-write-get-object-response",
];

pub fn is_subresource(name: &str, flavor: Flavor) -> bool {
    if flavor == Flavor::Oss {
        return OSS_SUBRESOURCES.contains(&name);
    }
    let lower = name.to_ascii_lowercase();
    SUBRESOURCES.contains(&lower.as_str()) || lower.starts_with(flavor.header_prefix())
}

/// `CanonicalizedHeaders`: `name:value\n` for each `x-obs-*`/`x-amz-*` header, names lower-cased
/// and sorted, repeated names joined with `,`, values trimmed.
pub fn canonical_headers<'a>(
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    flavor: Flavor,
) -> String {
    let prefix = flavor.header_prefix();
    let mut merged: std::collections::BTreeMap<String, Vec<&str>> = Default::default();
    for (name, value) in headers {
        let lower = name.to_ascii_lowercase();
        if lower.starts_with(prefix) {
            merged.entry(lower).or_default().push(value.trim());
        }
    }
    let mut out = String::new();
    for (name, values) in merged {
        out.push_str(&name);
        out.push(':');
        out.push_str(&values.join(","));
        out.push('\n');
    }
    out
}

/// `CanonicalizedResource`: `wire_path` (already percent-encoded, `/bucket/key`) plus the
/// sorted sub-resources with plain (decoded) values.
pub fn canonical_resource(
    wire_path: &str,
    query: &[(String, Option<String>)],
    flavor: Flavor,
) -> String {
    let mut subs: Vec<(&str, Option<&str>)> = Vec::new();
    for (k, v) in query {
        if is_subresource(k, flavor) && !subs.iter().any(|(n, _)| *n == k.as_str()) {
            subs.push((k.as_str(), v.as_deref()));
        }
    }
    subs.sort();
    let mut out = wire_path.to_string();
    for (i, (k, v)) in subs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(k);
        // oss2 sends `?uploads=` but signs `?uploads`: for OSS an empty value is no value.
        if let Some(v) = v.filter(|v| !(v.is_empty() && flavor == Flavor::Oss)) {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

/// `VERB\nContent-MD5\nContent-Type\nDate-or-Expires\nCanonicalizedHeaders CanonicalizedResource`.
pub fn string_to_sign(
    method: &str,
    content_md5: &str,
    content_type: &str,
    date_or_expires: &str,
    canonical_headers: &str,
    canonical_resource: &str,
) -> String {
    format!(
        "{method}\n{content_md5}\n{content_type}\n{date_or_expires}\n{canonical_headers}{canonical_resource}"
    )
}

/// Base64(HMAC-SHA1(secret, string_to_sign)).
pub fn sign(secret_key: &str, string_to_sign: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(hmac_sha1(secret_key, string_to_sign))
}

fn hmac_sha1(key: &str, msg: &str) -> Vec<u8> {
    // HMAC accepts keys of any length, so construction cannot fail.
    let mut mac = match hmac::Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()) {
        Ok(m) => m,
        Err(_) => return Vec::new(),
    };
    mac.update(msg.as_bytes());
    mac.finalize().into_bytes().to_vec()
}
