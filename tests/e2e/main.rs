//! End-to-end tests: the `vodesk` binary against a real `vodesk serve` over loopback sockets.

mod aliyun;
mod assets;
mod bad_input;
mod buckets;
mod categories;
mod changing_files;
mod common;
mod faults;
mod forward_proxy;
mod idempotent;
mod keyring;
mod local_default;
mod malformed_server;
mod management_retries;
mod media;
mod owner;
mod profiles;
mod progress;
mod resume;
mod stalled_then_killed;
mod tencent;
mod unfinished;
mod upload;
