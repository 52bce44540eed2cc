//! The upload engine: a persisted queue of jobs, a part scheduler under global limits, retries,
//! a bandwidth limiter and progress. It never touches a UI; faces send commands and read state.
//! It speaks to a provider through the seam only (`provider::api`).

pub mod bandwidth;
mod bodies;
pub mod buffers;
pub mod flow;
pub mod identity;
pub mod job;
pub mod journal;
pub mod limits;
pub mod owner;
mod parts;
pub mod progress;
pub mod scheduler;
pub mod walk;
mod watch_wait;

pub use crate::provider::retry::RetryPolicy;
pub use flow::SESSION_RESTARTED;
pub use job::{JobId, JobSpec, JobState};
pub use journal::Journal;
pub use scheduler::{AddError, Added, BringBack, Control, Engine, EngineConfig, Event, JobView};
