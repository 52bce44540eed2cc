//! Facts from the core worded for people, the same way in the app and on the command line.

use vodesk_core::engine::owner::Holder;

/// Who holds an account's uploads: "process 1234 (vodesk upload) since 2026-12-03 10:02".
pub fn holder(h: &Holder) -> String {
    match h.pid {
        Some(pid) => t!(
            "owner-holder",
            pid = pid,
            program = (h.program.as_str()),
            since = (h.since.as_str())
        ),
        None => t!("owner-unknown"),
    }
}
