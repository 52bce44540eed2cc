//! Per-account, per-action budgets (§B.9): the documented limits are queries per second (the
//! Shanghai figures), so a bucket holds one second's requests; `UploadMediaByURL` is limited
//! per day instead.

use crate::throttle::Budget;

/// An action name, throttled on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Action(pub &'static str);

impl Action {
    /// Documented queries per second; actions whose page gives none get 100.
    pub fn per_second(self) -> u32 {
        match self.0 {
            "CreateUploadVideo" | "RefreshUploadVideo" | "CreateUploadImage" => 80,
            "SearchMedia" | "GetCategories" => 50,
            "AddCategory" | "UpdateVideoInfos" | "DeleteVideo" => 30,
            "DeleteCategory" => 10,
            "GetPlayInfo" => 360,
            _ => 100,
        }
    }
}

/// `UploadMediaByURL`: 200000 a day.
const URL_UPLOADS_PER_MINUTE: u32 = 200_000 / (24 * 60);

impl Budget for Action {
    fn per_minute(self) -> u32 {
        match self.0 {
            "UploadMediaByURL" => URL_UPLOADS_PER_MINUTE,
            _ => self.per_second() * 60,
        }
    }

    fn burst(self) -> u32 {
        match self.0 {
            "UploadMediaByURL" => URL_UPLOADS_PER_MINUTE,
            _ => self.per_second(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::throttle::Throttle;
    use std::time::{Duration, Instant};

    #[test]
    fn a_second_of_requests_then_refill() {
        let t = Throttle::default();
        let start = Instant::now();
        let a = Action("DeleteCategory");
        for i in 0..10 {
            assert!(t.check_at("LTAI", a, start).is_ok(), "call {i}");
        }
        assert!(t.check_at("LTAI", a, start).is_err());
        assert!(t.check_at("LTAI", Action("GetVideoInfo"), start).is_ok());
        // 10/s refills one request every 100 ms.
        assert!(
            t.check_at("LTAI", a, start + Duration::from_millis(110))
                .is_ok()
        );
    }
}
