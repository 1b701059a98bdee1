//! Job control and hang-up: the explorer suspends like any full-screen program (Ctrl-Z,
//! SIGTSTP) and ends when its terminal goes away, even where SIGHUP never arrives.

use std::io;
use std::sync::atomic::Ordering;

use ratatui::crossterm::event;

use super::{ACTIVE, MOUSE, RESUMED, TERMINAL, enter_terminal, restore_terminal};

/// Suspends like any full-screen program (Ctrl-Z, SIGTSTP): restores the terminal, stops;
/// once continued (`fg`), re-enters the explorer's mode and has the screen redrawn.
pub fn suspend() {
    let lock = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
    let was_active = ACTIVE.load(Ordering::SeqCst);
    restore_terminal();
    // SIGSTOP cannot be caught: the process stops here until SIGCONT.
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
    if was_active {
        let _ = enter_terminal(MOUSE.load(Ordering::SeqCst));
        RESUMED.store(true, Ordering::SeqCst);
    }
    drop(lock);
    // Wake the event loop: the input reader turns SIGWINCH into a resize event.
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
}

/// Ends the explorer when its terminal goes away (the SSH connection dropped, the window was
/// closed) even if SIGHUP never arrives (blocked or ignored by whoever started it): a thread
/// sleeps in poll(2) on stdout asking for no events, which returns only on hang-up or error.
/// Without it the input reader would spin on a dead terminal.
#[cfg(unix)]
pub fn watch_for_hangup() {
    let _ = std::thread::Builder::new().name("hangup".into()).spawn(|| {
        loop {
            let mut fd = libc::pollfd {
                fd: libc::STDOUT_FILENO,
                events: 0,
                revents: 0,
            };
            // SAFETY: one valid pollfd, for the duration of the call.
            let n = unsafe { libc::poll(&mut fd, 1, -1) };
            if n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                let _lock = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
                restore_terminal();
                std::process::exit(129);
            }
            if n < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
                return;
            }
        }
    });
}

#[cfg(not(unix))]
pub fn watch_for_hangup() {}

/// Ctrl-Z: in raw mode the terminal sends it as a key instead of a signal.
pub fn is_suspend_key(ev: &event::Event) -> bool {
    matches!(ev, event::Event::Key(k)
        if k.kind == event::KeyEventKind::Press
            && k.code == event::KeyCode::Char('z')
            && k.modifiers.contains(event::KeyModifiers::CONTROL))
}
