//! From the access key a request names to the credential that must have signed it: the checks
//! that need no signature (known key, security token, expiry), with S3's error codes.

use axum::http::StatusCode;

use super::{RequestView, header};
use crate::credentials::{Credential, CredentialStore};
use crate::error::S3Error;

/// A header (or query parameter, in pre-signed URLs) that carries a temporary credential's
/// token, and what the error for an expired one is called by the cloud that uses it.
struct TokenCarrier {
    name: &'static str,
    expired_code: &'static str,
    /// Carried only in the query: OSS's pre-signed URLs name the token `security-token`, a
    /// name no header of any of these clouds has.
    query_only: bool,
}

/// OBS, AWS, COS and OSS (`x-oss-security-token` in headers, `security-token` in pre-signed
/// URLs; OSS calls an expired one `SecurityTokenExpired`). Query names are compared
/// case-insensitively: SigV4 URLs spell it `X-Amz-Security-Token`. COS's name for an expired
/// token is not documented in our references; S3's `ExpiredToken` is what its XML API is
/// modelled on, so that is what it answers.
const CARRIERS: &[TokenCarrier] = &[
    TokenCarrier {
        name: "x-obs-security-token",
        expired_code: "ExpiredToken",
        query_only: false,
    },
    TokenCarrier {
        name: "x-amz-security-token",
        expired_code: "ExpiredToken",
        query_only: false,
    },
    TokenCarrier {
        name: "x-cos-security-token",
        expired_code: "ExpiredToken",
        query_only: false,
    },
    TokenCarrier {
        name: "x-oss-security-token",
        expired_code: "SecurityTokenExpired",
        query_only: false,
    },
    TokenCarrier {
        name: "security-token",
        expired_code: "SecurityTokenExpired",
        query_only: true,
    },
];

pub(super) fn resolve(
    keys: &dyn CredentialStore,
    access_key: &str,
    req: &RequestView<'_>,
) -> Result<Credential, S3Error> {
    let credential = keys
        .lookup(access_key)
        .ok_or_else(|| unknown_key(access_key))?;
    let Some(expected) = credential.security_token.as_deref() else {
        // Long-term keys ignore tokens, as they always have.
        return Ok(credential);
    };
    let presented = presented_tokens(req);
    let Some((carrier, _)) = presented.first() else {
        // As on S3: without its token, a temporary key is not a key at all.
        return Err(unknown_key(access_key));
    };
    if presented
        .iter()
        .any(|(_, token)| !same(token.as_bytes(), expected.as_bytes()))
    {
        return Err(S3Error::new(
            StatusCode::BAD_REQUEST,
            "InvalidToken",
            "The provided token is malformed or otherwise invalid.",
        ));
    }
    if credential.expired_at(req.now) {
        return Err(S3Error::new(
            StatusCode::BAD_REQUEST,
            carrier.expired_code,
            "The provided token has expired.",
        ));
    }
    Ok(credential)
}

fn unknown_key(access_key: &str) -> S3Error {
    S3Error::new(
        StatusCode::FORBIDDEN,
        "InvalidAccessKeyId",
        "The AWS Access Key Id you provided does not exist in our records.",
    )
    .with_extra("AWSAccessKeyId", access_key)
}

fn presented_tokens<'a>(req: &'a RequestView<'_>) -> Vec<(&'static TokenCarrier, &'a str)> {
    let mut out = Vec::new();
    for carrier in CARRIERS {
        if let Some(t) = header(req.headers, carrier.name).filter(|_| !carrier.query_only) {
            out.push((carrier, t.trim()));
        }
        for (name, value) in &req.query.pairs {
            if name.eq_ignore_ascii_case(carrier.name) {
                out.push((carrier, value.as_deref().unwrap_or("")));
            }
        }
    }
    out
}

/// Compares in time independent of where the inputs differ (the token is a secret).
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
