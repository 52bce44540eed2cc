//! Logs for both faces: stderr at the `VODESK_LOG` level (errors only by default) and a daily
//! rotating file in `<data dir>/logs` (info and up, seven days kept). Every line passes through
//! the redactor on its way out, and so does panic output, so no secret key, token or URL
//! signature reaches a terminal or a file.

use std::io::Write;
use std::path::Path;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::Layer as _;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use vodesk_core::credentials::redact::redact;

/// Days of log files kept.
const KEEP_FILES: usize = 7;

/// Wraps a writer factory so each event is redacted before it is written.
struct Redacting<M>(M);

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Redacting<M> {
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter {
            inner: self.0.make_writer(),
            buf: Vec::new(),
        }
    }
}

/// Collects one event, then writes it redacted when dropped: a secret split across two
/// `write` calls is still found.
pub struct RedactingWriter<W: Write> {
    inner: W,
    buf: Vec<u8>,
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<W: Write> Drop for RedactingWriter<W> {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.buf);
        let _ = self.inner.write_all(redact(&text).as_bytes());
        let _ = self.inner.flush();
    }
}

/// Sets up logging once per process; `data_dir` holds the `logs` folder. A log folder that
/// cannot be created only costs the file log.
pub fn init(data_dir: &Path) {
    let stderr_filter =
        EnvFilter::try_from_env("VODESK_LOG").unwrap_or_else(|_| EnvFilter::new("error"));
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(Redacting(std::io::stderr))
        .with_filter(stderr_filter);
    let log_dir = data_dir.join("logs");
    // The appender complains on stderr about a missing folder; without one, no file log.
    let file = std::fs::create_dir_all(&log_dir)
        .ok()
        .and_then(|()| {
            tracing_appender::rolling::Builder::new()
                .rotation(tracing_appender::rolling::Rotation::DAILY)
                .filename_prefix("vodesk")
                .filename_suffix("log")
                .max_log_files(KEEP_FILES)
                .build(&log_dir)
                .ok()
        })
        .map(|appender| {
            let filter = EnvFilter::try_from_env("VODESK_FILE_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info"));
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(Redacting(appender))
                .with_filter(filter)
        });
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .try_init();
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = redact(&info.to_string()).into_owned();
        if message.contains(vodesk_core::credentials::redact::MASK) {
            eprintln!("{message}");
        } else {
            default_hook(info);
        }
    }));
}
