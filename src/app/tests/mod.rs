//! UI tests: the real app in an egui_kittest harness, against a real local VOD service started
//! in-process on free ports with a temporary data directory. Background work is real, so tests
//! step the harness until the state they wait for arrives (with a generous step cap).

mod again;
mod aliyun;
mod assets;
mod buckets;
mod categories;
mod form;
mod harness;
mod language;
mod media;
mod profiles;
mod queue;
mod scale;
mod screenshots;
mod shell;
mod tencent;
mod watch;
