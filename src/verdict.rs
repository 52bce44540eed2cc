//! A connection test's verdict (the provider layer's [`Verdict`]) in the catalogue's words, for
//! the profile window and `vodesk profiles test` / `add`: the provider's console terms are
//! chosen in the catalogue by the provider's id.

use vodesk_core::provider::ProviderKind;
use vodesk_core::provider::check::{Verdict, detail};

/// The OK of a profile whose scope (project id, SubAppId, AppId) is `scope` (may be empty).
pub fn ok_text(kind: ProviderKind, scope: &str) -> String {
    let (provider, scope) = (kind.as_str(), scope.trim());
    if scope.is_empty() {
        t!("verdict-ok", provider = provider)
    } else {
        t!("verdict-ok-scope", provider = provider, scope = scope)
    }
}

/// The verdict as one sentence (an OK says the scope that worked).
pub fn verdict_text(v: &Verdict, kind: ProviderKind, scope: &str) -> String {
    let provider = kind.as_str();
    match v {
        Verdict::Ok => ok_text(kind, scope),
        Verdict::WrongCredentials(e) => {
            t!(
                "verdict-wrong-credentials",
                provider = provider,
                detail = (detail(e))
            )
        }
        Verdict::WrongProject(e) => {
            t!(
                "verdict-wrong-scope",
                provider = provider,
                detail = (detail(e))
            )
        }
        Verdict::ClockOff { offset_secs } => {
            let minutes = (offset_secs.abs() + 30) / 60;
            let direction = if *offset_secs > 0 { "behind" } else { "ahead" };
            t!("verdict-clock", minutes = minutes, direction = direction)
        }
        Verdict::Unreachable(e) => t!("verdict-unreachable", detail = (detail(e))),
        Verdict::PermissionDenied(e) => t!("verdict-permission", detail = (detail(e))),
        Verdict::Failed(e) => t!("verdict-failed", error = (e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use vodesk_core::provider::ApiError;
    use vodesk_core::provider::ErrorKind;

    use super::*;
    use crate::i18n::{Language, pin_thread};

    /// The English sentences are the provider layer's own, word for word (scripts and the
    /// e2e tests read them).
    #[test]
    fn english_verdicts_match_the_provider_layer_s_sentences() {
        pin_thread(Language::English);
        let e = || ApiError::new(ErrorKind::WrongCredentials, "bad signature");
        for kind in [
            ProviderKind::Huawei,
            ProviderKind::Tencent,
            ProviderKind::Aliyun,
        ] {
            for v in [
                Verdict::Ok,
                Verdict::WrongCredentials(e()),
                Verdict::WrongProject(e()),
                Verdict::ClockOff {
                    offset_secs: 20 * 60,
                },
                Verdict::ClockOff { offset_secs: -61 },
                Verdict::Unreachable(e()),
                Verdict::PermissionDenied(e()),
                Verdict::Failed(e()),
            ] {
                assert_eq!(verdict_text(&v, kind, ""), v.sentence(kind), "{kind}");
            }
            assert_eq!(
                ok_text(kind, "123"),
                vodesk_core::provider::check::ok_sentence(kind, "123")
            );
        }
        pin_thread(Language::Chinese);
        let v = Verdict::ClockOff {
            offset_secs: 20 * 60,
        };
        assert_eq!(
            verdict_text(&v, ProviderKind::Huawei, ""),
            "本机时钟比服务器慢 20 分钟：请设置正确的时间（开启自动时间同步）；时钟不准时，签名请求和上传地址都会失败"
        );
    }
}
