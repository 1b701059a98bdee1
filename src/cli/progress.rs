//! A progress line on stderr for long commands (documents done / total, rate, ETA), drawn only
//! when stderr is a terminal and at most ten times a second.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

const REDRAW_EVERY: Duration = Duration::from_millis(100);
/// Fewer documents than this finish too fast for a progress line to help.
const MIN_TOTAL: usize = 50;

pub struct Progress {
    verb: &'static str,
    total: usize,
    done: usize,
    start: Instant,
    last_draw: Option<Instant>,
    shown: bool,
    enabled: bool,
}

impl Progress {
    /// A progress line for `total` items, shown when stderr is a terminal.
    pub fn new(verb: &'static str, total: usize) -> Self {
        Progress::with(
            verb,
            total,
            std::io::stderr().is_terminal() && total >= MIN_TOTAL,
        )
    }

    fn with(verb: &'static str, total: usize, enabled: bool) -> Self {
        Progress {
            verb,
            total,
            done: 0,
            start: Instant::now(),
            last_draw: None,
            shown: false,
            enabled,
        }
    }

    /// One more item done.
    pub fn step(&mut self) {
        self.done += 1;
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if self.last_draw.is_some_and(|t| now - t < REDRAW_EVERY) {
            return;
        }
        self.last_draw = Some(now);
        let line = self.line(now - self.start);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
        self.shown = true;
    }

    /// Removes the line (before printing an error, and at the end).
    pub fn clear(&mut self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.shown = false;
            // Redraw on the next step.
            self.last_draw = None;
        }
    }

    fn line(&self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.done as f64 / secs
        } else {
            0.0
        };
        let eta = if rate > 0.0 {
            let left = (self.total.saturating_sub(self.done)) as f64 / rate;
            clock(left.round() as u64)
        } else {
            "—".to_string()
        };
        format!(
            "{} {}/{} documents  {:.0}/s  ETA {eta}",
            self.verb, self.done, self.total, rate
        )
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

fn clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_shows_done_total_rate_and_eta() {
        let mut p = Progress::with("audit", 1000, false);
        for _ in 0..250 {
            p.step();
        }
        assert_eq!(
            p.line(Duration::from_secs(5)),
            "audit 250/1000 documents  50/s  ETA 0:15"
        );
        assert_eq!(
            p.line(Duration::ZERO),
            "audit 250/1000 documents  0/s  ETA —"
        );
    }

    #[test]
    fn long_etas_show_hours() {
        assert_eq!(clock(3 * 3600 + 5 * 60 + 7), "3:05:07");
        assert_eq!(clock(59), "0:59");
    }
}
