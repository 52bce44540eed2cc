//! Per-account, per-action budgets (§A.10): the documented limits are per second (100 req/s for
//! the actions served here, 20 for the storage-region ones), so a bucket holds one second's
//! requests rather than a minute's.

use crate::throttle::Budget;

/// An action name, throttled on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Action(pub &'static str);

impl Action {
    pub fn per_second(self) -> u32 {
        match self.0 {
            "DescribeStorageRegions" | "CreateStorageRegion" => 20,
            // Documented for ApplyUpload, CommitUpload, DescribeMediaInfos, DeleteMedia,
            // ProcessMediaByProcedure; the others' pages were not checked, so they get the same.
            _ => 100,
        }
    }
}

impl Budget for Action {
    fn per_minute(self) -> u32 {
        self.per_second() * 60
    }

    fn burst(self) -> u32 {
        self.per_second()
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
        let a = Action("SearchMedia");
        for i in 0..100 {
            assert!(t.check_at("AKID", a, start).is_ok(), "call {i}");
        }
        assert!(t.check_at("AKID", a, start).is_err());
        assert!(t.check_at("AKID", Action("DeleteMedia"), start).is_ok());
        assert!(t.check_at("other", a, start).is_ok());
        // 100/s refills one request every 10 ms.
        let later = start + Duration::from_millis(25);
        assert!(t.check_at("AKID", a, later).is_ok());
        assert!(t.check_at("AKID", a, later).is_ok());
        assert!(t.check_at("AKID", a, later).is_err());
    }
}
