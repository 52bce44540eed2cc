//! "Test connection": one cheap signed call and a precise verdict for the profile screen and
//! `vodesk profiles test`.

use super::ProviderKind;
use super::error::{ApiError, ErrorKind};

/// The verdict sentences that name a provider's fields and console, whole for translation:
/// `{detail}` is the error's message, code and request id, `{scope}` the profile's scope.
pub struct VerdictWords {
    pub ok: &'static str,
    pub ok_scope: &'static str,
    pub wrong_credentials: &'static str,
    pub wrong_scope: &'static str,
}

/// The OK sentence of a profile whose scope (project id, SubAppId) is `scope` (may be empty).
pub fn ok_sentence(kind: ProviderKind, scope: &str) -> String {
    let words = verdict_words(kind);
    if scope.trim().is_empty() {
        words.ok.to_string()
    } else {
        words.ok_scope.replace("{scope}", scope.trim())
    }
}

pub fn verdict_words(kind: ProviderKind) -> VerdictWords {
    match kind {
        ProviderKind::Huawei => VerdictWords {
            ok: "OK: the credentials, project id and endpoint work",
            ok_scope: "OK: the credentials, project id ({scope}) and endpoint work",
            wrong_credentials: "wrong access key or secret key: the service rejected the signature ({detail}); check both keys in My Credentials > Access Keys",
            wrong_scope: "project id wrong for these credentials or this region ({detail}); copy it from My Credentials > API Credentials, or leave it out to look it up",
        },
        ProviderKind::Tencent => VerdictWords {
            ok: "OK: the SecretId, SecretKey and endpoint work (the account's default application)",
            ok_scope: "OK: the SecretId, SecretKey, SubAppId ({scope}) and endpoint work",
            wrong_credentials: "wrong SecretId or SecretKey: the service rejected the signature ({detail}); check both in the Tencent Cloud console under CAM > API Keys",
            wrong_scope: "SubAppId wrong for these keys ({detail}); copy it from the VOD console's application list, or leave it out for the default application",
        },
        ProviderKind::Aliyun => VerdictWords {
            ok: "OK: the AccessKey ID, AccessKey secret and endpoint work",
            ok_scope: "OK: the AccessKey ID, AccessKey secret, AppId ({scope}) and endpoint work",
            wrong_credentials: "wrong AccessKey ID or secret: the service rejected the signature ({detail}); check both in the RAM console under AccessKey",
            wrong_scope: "the region or application is wrong for these keys ({detail}); check the profile's region",
        },
    }
}

/// Server time minus local time beyond which the user is told to fix the clock (the gateway
/// rejects requests 15 minutes off; vodesk corrects for it, but pre-signed URLs and other tools
/// will still fail).
pub const CLOCK_TOLERANCE_SECS: i64 = 5 * 60;

#[derive(Clone, Debug)]
pub enum Verdict {
    Ok,
    WrongCredentials(ApiError),
    /// This computer's clock differs from the server's by this many seconds (server − local).
    ClockOff {
        offset_secs: i64,
    },
    Unreachable(ApiError),
    WrongProject(ApiError),
    PermissionDenied(ApiError),
    Failed(ApiError),
}

impl Verdict {
    /// Classifies the outcome of the probe call, given the clock offset learnt from the
    /// server's `Date` header.
    pub fn from_probe(result: Result<(), ApiError>, offset_secs: i64) -> Verdict {
        if let Err(e) = &result
            && e.kind == ErrorKind::Unreachable
        {
            return Verdict::Unreachable(e.clone());
        }
        if offset_secs.abs() > CLOCK_TOLERANCE_SECS {
            return Verdict::ClockOff { offset_secs };
        }
        match result {
            Ok(()) => Verdict::Ok,
            Err(e) => match e.kind {
                ErrorKind::WrongCredentials => Verdict::WrongCredentials(e),
                ErrorKind::ClockSkew => Verdict::ClockOff { offset_secs },
                ErrorKind::WrongProject => Verdict::WrongProject(e),
                ErrorKind::PermissionDenied => Verdict::PermissionDenied(e),
                _ => Verdict::Failed(e),
            },
        }
    }

    pub fn is_ok(&self) -> bool {
        matches!(self, Verdict::Ok)
    }

    /// A stable word for scripts (`--json`).
    pub fn code(&self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::WrongCredentials(_) => "wrong_credentials",
            Verdict::ClockOff { .. } => "clock_off",
            Verdict::Unreachable(_) => "unreachable",
            Verdict::WrongProject(_) => "wrong_project",
            Verdict::PermissionDenied(_) => "permission_denied",
            Verdict::Failed(_) => "failed",
        }
    }

    pub fn error(&self) -> Option<&ApiError> {
        match self {
            Verdict::Ok | Verdict::ClockOff { .. } => None,
            Verdict::WrongCredentials(e)
            | Verdict::Unreachable(e)
            | Verdict::WrongProject(e)
            | Verdict::PermissionDenied(e)
            | Verdict::Failed(e) => Some(e),
        }
    }

    /// One sentence for the user, in the words of `kind`'s console.
    pub fn sentence(&self, kind: ProviderKind) -> String {
        let words = verdict_words(kind);
        match self {
            Verdict::Ok => words.ok.to_string(),
            Verdict::WrongCredentials(e) => words.wrong_credentials.replace("{detail}", &detail(e)),
            Verdict::ClockOff { offset_secs } => {
                let minutes = (offset_secs.abs() + 30) / 60;
                let dir = if *offset_secs > 0 {
                    "behind"
                } else {
                    "ahead of"
                };
                format!(
                    "this computer's clock is {minutes} minute{} {dir} the server's: set the correct time (enable automatic time sync); signed requests and upload URLs fail when the clock is off",
                    if minutes == 1 { "" } else { "s" }
                )
            }
            Verdict::Unreachable(e) => format!(
                "endpoint unreachable ({}); check the endpoint URL, the network and the proxy",
                detail(e)
            ),
            Verdict::WrongProject(e) => words.wrong_scope.replace("{detail}", &detail(e)),
            Verdict::PermissionDenied(e) => format!(
                "permission denied ({}); ask the account administrator for VOD permissions, or check the account's status",
                detail(e)
            ),
            Verdict::Failed(e) => format!("the test call failed: {e}"),
        }
    }
}

/// What the service said: its message, error code and request id.
pub fn detail(e: &ApiError) -> String {
    let mut parts = vec![e.message.clone()];
    parts.extend(e.code.clone());
    parts.extend(e.request_id.as_ref().map(|r| format!("request id {r}")));
    parts.retain(|p| !p.is_empty());
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(kind: ErrorKind) -> Result<(), ApiError> {
        Err(ApiError::new(kind, "x"))
    }

    #[test]
    fn verdicts() {
        assert_eq!(Verdict::from_probe(Ok(()), 0).code(), "ok");
        assert_eq!(Verdict::from_probe(Ok(()), 20 * 60).code(), "clock_off");
        let v = Verdict::from_probe(Ok(()), 20 * 60);
        assert!(
            v.sentence(ProviderKind::Huawei)
                .contains("20 minutes behind"),
            "{}",
            v.sentence(ProviderKind::Huawei)
        );
        let v = Verdict::from_probe(Ok(()), -61);
        assert_eq!(v.code(), "ok");
        let v = Verdict::from_probe(err(ErrorKind::ClockSkew), -16 * 60);
        assert!(
            v.sentence(ProviderKind::Huawei)
                .contains("16 minutes ahead of"),
            "{}",
            v.sentence(ProviderKind::Huawei)
        );
        assert_eq!(
            Verdict::from_probe(err(ErrorKind::Unreachable), 99999).code(),
            "unreachable"
        );
        for (kind, code) in [
            (ErrorKind::WrongCredentials, "wrong_credentials"),
            (ErrorKind::WrongProject, "wrong_project"),
            (ErrorKind::PermissionDenied, "permission_denied"),
            (ErrorKind::ServerFault, "failed"),
        ] {
            assert_eq!(Verdict::from_probe(err(kind), 0).code(), code);
        }
    }

    #[test]
    fn sentences_name_each_providers_fields_and_console() {
        let mut e = ApiError::new(ErrorKind::WrongCredentials, "bad signature");
        e.code = Some("AuthFailure.SignatureFailure".into());
        let v = Verdict::WrongCredentials(e);
        let tencent = v.sentence(ProviderKind::Tencent);
        assert!(
            tencent.starts_with("wrong SecretId or SecretKey"),
            "{tencent}"
        );
        assert!(tencent.contains("CAM > API Keys"), "{tencent}");
        assert!(
            tencent.contains("bad signature; AuthFailure.SignatureFailure"),
            "{tencent}"
        );
        let huawei = v.sentence(ProviderKind::Huawei);
        assert!(huawei.contains("My Credentials > Access Keys"), "{huawei}");
        let w = Verdict::WrongProject(ApiError::new(ErrorKind::WrongProject, "no such app"));
        assert!(
            w.sentence(ProviderKind::Tencent)
                .starts_with("SubAppId wrong")
        );
        for kind in [
            ProviderKind::Huawei,
            ProviderKind::Tencent,
            ProviderKind::Aliyun,
        ] {
            let words = verdict_words(kind);
            assert!(words.ok_scope.contains("{scope}"));
            assert!(words.wrong_credentials.contains("{detail}"));
            assert!(words.wrong_scope.contains("{detail}"));
        }
    }
}
