//! Settings read from the environment at start-up.

/// A duration in whole seconds from the environment variable `name`, when set to a positive
/// number: how tests shorten the lifetime of the temporary keys a personality hands out.
pub fn secs_from_env(name: &str) -> Option<std::time::Duration> {
    std::env::var(name)
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|s| *s > 0)
        .map(std::time::Duration::from_secs)
}
