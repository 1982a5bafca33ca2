//! The log writer: lines are appended to a shared buffer and a background thread writes the
//! buffer to stdout (or any sink) a few milliseconds after the first line of a batch arrived.
//!
//! A request never waits on the terminal or the log file, and under load the thread wakes
//! once per batch rather than once per line (a writer thread woken for every line cost more
//! than the writes themselves). Nothing is dropped: when the thread falls behind by
//! [`MAX_PENDING_BYTES`], loggers wait for it. A line logged while the server is idle appears
//! after [`LINGER`].

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use tracing_subscriber::fmt::MakeWriter;

/// How long the thread waits after the first line of a batch before writing, so the lines
/// logged meanwhile go out in the same write.
pub const LINGER: Duration = Duration::from_millis(2);

/// How far the thread may fall behind before loggers wait for it.
pub const MAX_PENDING_BYTES: usize = 4 << 20;

type Sink = Box<dyn std::io::Write + Send>;

struct State {
    pending: Vec<u8>,
    /// The guard was dropped: write what is pending at once, then stop.
    closed: bool,
    /// The thread has written everything and stopped; loggers write to the sink themselves.
    done: bool,
}

struct Shared {
    state: Mutex<State>,
    sink: Mutex<Sink>,
    /// Signalled when `pending` becomes non-empty or the writer is closed.
    work: Condvar,
    /// Signalled when the thread has taken `pending`.
    room: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn write_out(&self, bytes: &[u8]) -> std::io::Result<()> {
        let mut sink = self.sink.lock().unwrap_or_else(PoisonError::into_inner);
        sink.write_all(bytes).and_then(|()| sink.flush())
    }
}

/// The `MakeWriter` for `tracing_subscriber::fmt`.
#[derive(Clone)]
pub struct BatchedStdout {
    shared: Arc<Shared>,
}

/// Writes what is still buffered and stops the thread when dropped; keep it alive in `main`.
pub struct FlushOnDrop {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl BatchedStdout {
    /// Starts the writer thread over stdout.
    ///
    /// # Errors
    /// When the thread cannot be spawned.
    pub fn start() -> std::io::Result<(BatchedStdout, FlushOnDrop)> {
        Self::start_with(Box::new(std::io::stdout()))
    }

    /// Starts the writer thread over `sink`.
    ///
    /// # Errors
    /// When the thread cannot be spawned.
    pub fn start_with(sink: Sink) -> std::io::Result<(BatchedStdout, FlushOnDrop)> {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                pending: Vec::new(),
                closed: false,
                done: false,
            }),
            sink: Mutex::new(sink),
            work: Condvar::new(),
            room: Condvar::new(),
        });
        let thread = std::thread::Builder::new()
            .name("sclocal-log".into())
            .spawn({
                let shared = shared.clone();
                move || run(&shared)
            })?;
        Ok((
            BatchedStdout {
                shared: shared.clone(),
            },
            FlushOnDrop {
                shared,
                thread: Some(thread),
            },
        ))
    }
}

fn run(shared: &Shared) {
    let mut spare = Vec::new();
    loop {
        let mut state = shared.lock();
        while state.pending.is_empty() && !state.closed {
            state = shared
                .work
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        if state.pending.is_empty() {
            // Closed, and everything is written.
            state.done = true;
            drop(state);
            shared.room.notify_all();
            return;
        }
        if !state.closed {
            drop(state);
            std::thread::sleep(LINGER);
            state = shared.lock();
        }
        let batch = std::mem::replace(&mut state.pending, std::mem::take(&mut spare));
        drop(state);
        shared.room.notify_all();
        // Like any log writer, there is nowhere to report a failed write to.
        let _ = shared.write_out(&batch);
        spare = batch;
        spare.clear();
    }
}

impl Drop for FlushOnDrop {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.work.notify_all();
        self.shared.room.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One log line's writer: tracing-subscriber formats a whole event and writes it at once.
pub struct LineWriter<'a> {
    shared: &'a Shared,
}

impl std::io::Write for LineWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut state = self.shared.lock();
        if state.done {
            // After shutdown the thread has written everything; write in place (holding the
            // state lock keeps such lines in order).
            self.shared.write_out(buf)?;
            return Ok(buf.len());
        }
        while state.pending.len() >= MAX_PENDING_BYTES && !state.done {
            state = self
                .shared
                .room
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        if state.done {
            drop(state);
            return self.write(buf);
        }
        let was_empty = state.pending.is_empty();
        state.pending.extend_from_slice(buf);
        drop(state);
        if was_empty {
            self.shared.work.notify_one();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for BatchedStdout {
    type Writer = LineWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        LineWriter {
            shared: &self.shared,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<(Vec<u8>, usize)>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let mut c = self.0.lock().unwrap();
            c.0.extend_from_slice(buf);
            c.1 += 1;
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Captured {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().0.clone()).unwrap()
        }

        fn writes(&self) -> usize {
            self.0.lock().unwrap().1
        }
    }

    fn eventually(what: impl Fn() -> bool) -> bool {
        (0..500).any(|_| {
            std::thread::sleep(Duration::from_millis(2));
            what()
        })
    }

    #[test]
    fn an_idle_line_appears_promptly_and_a_burst_in_one_write() {
        let sink = Captured::default();
        let (writer, guard) = BatchedStdout::start_with(Box::new(sink.clone())).unwrap();
        writer.make_writer().write_all(b"one\n").unwrap();
        assert!(eventually(|| sink.text() == "one\n"));
        let before = sink.writes();
        for i in 0..100 {
            writer
                .make_writer()
                .write_all(format!("line {i}\n").as_bytes())
                .unwrap();
        }
        assert!(eventually(|| sink.text().lines().count() == 101));
        assert!(sink.writes() - before < 100, "{} writes", sink.writes());
        drop(guard);
    }

    #[test]
    fn nothing_is_lost_from_many_threads_or_at_shutdown() {
        let sink = Captured::default();
        let (writer, guard) = BatchedStdout::start_with(Box::new(sink.clone())).unwrap();
        std::thread::scope(|s| {
            for t in 0..4 {
                let writer = &writer;
                s.spawn(move || {
                    for i in 0..2000 {
                        writer
                            .make_writer()
                            .write_all(format!("{t} {i}\n").as_bytes())
                            .unwrap();
                    }
                });
            }
        });
        drop(guard);
        // Lines after shutdown are written in place.
        writer.make_writer().write_all(b"late\n").unwrap();
        let text = sink.text();
        assert_eq!(text.lines().count(), 8001);
        assert!(text.ends_with("late\n"));
        for t in 0..4 {
            let mine: Vec<&str> = text
                .lines()
                .filter(|l| l.starts_with(&format!("{t} ")))
                .collect();
            let expected: Vec<String> = (0..2000).map(|i| format!("{t} {i}")).collect();
            assert_eq!(mine, expected);
        }
    }
}
