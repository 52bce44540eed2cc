//! "Test connection": one cheap signed call and a precise verdict for the profile screen and
//! `vodesk profiles test`.

use super::error::{ApiError, ErrorKind};

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

    /// One sentence for the user.
    pub fn sentence(&self) -> String {
        let detail = |e: &ApiError| {
            let mut parts = vec![e.message.clone()];
            parts.extend(e.code.clone());
            parts.extend(e.request_id.as_ref().map(|r| format!("request id {r}")));
            parts.retain(|p| !p.is_empty());
            parts.join("; ")
        };
        match self {
            Verdict::Ok => "OK: the credentials, project id and endpoint work".to_string(),
            Verdict::WrongCredentials(e) => format!(
                "wrong access key or secret key: the service rejected the signature ({}); check both keys in My Credentials > Access Keys",
                detail(e)
            ),
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
            Verdict::WrongProject(e) => format!(
                "project id wrong for these credentials or this region ({}); copy it from My Credentials > API Credentials, or leave it out to look it up",
                detail(e)
            ),
            Verdict::PermissionDenied(e) => format!(
                "permission denied ({}); ask the account administrator for VOD permissions, or check the account's status",
                detail(e)
            ),
            Verdict::Failed(e) => format!("the test call failed: {e}"),
        }
    }
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
            v.sentence().contains("20 minutes behind"),
            "{}",
            v.sentence()
        );
        let v = Verdict::from_probe(Ok(()), -61);
        assert_eq!(v.code(), "ok");
        let v = Verdict::from_probe(err(ErrorKind::ClockSkew), -16 * 60);
        assert!(
            v.sentence().contains("16 minutes ahead of"),
            "{}",
            v.sentence()
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
}
