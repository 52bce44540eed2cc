//! The upload engine: a persisted queue of jobs, a part scheduler under global limits, retries,
//! a bandwidth limiter and progress. It never touches a UI; faces send commands and read state.

pub mod bandwidth;
pub mod buffers;
pub mod core;
pub mod identity;
pub mod job;
pub mod journal;
pub mod limits;
pub mod progress;
pub mod retry;
pub mod transfer;

pub use self::core::{Control, Engine, EngineConfig, Event, JobView};
pub use job::{JobId, JobSpec, JobState};
pub use journal::Journal;
