//! A closed terminal ends the explorer even when SIGHUP cannot reach it (blocked by whoever
//! started it, as `nohup`-like wrappers and some SSH setups do): it must not spin on the dead
//! terminal. Linux only (openpty, /proc).
#![cfg(target_os = "linux")]

use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn closing_the_terminal_ends_the_explorer_with_sighup_blocked() {
    let (mut master, mut slave) = (0, 0);
    // A terminal that reports no size (0×0), as some do: the explorer draws an empty frame
    // and waits for input. This is where it used to spin once the terminal closed.
    // SAFETY: openpty writes two descriptors; name, termios and size may be null.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty");
    // The child must not inherit the master, or the terminal never closes.
    // SAFETY: fcntl on a descriptor just opened.
    unsafe { libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC) };
    // SAFETY: both descriptors were just opened and are owned here.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_yusuan"));
    cmd.arg("tests/fixtures/minimal.json")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TERM", "xterm")
        .env("YUSUAN_DATA_DIR", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .env_remove("YUSUAN_CONFIG")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY as _, 0);
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, libc::SIGHUP);
            libc::sigprocmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    // Wait until the explorer has set the terminal up (mouse reporting on is its last step
    // before the first frame) and then gone quiet, then close the terminal. A 0×0 frame may
    // draw nothing at all, so quiet, not a drawn cell, is the sign it waits for input.
    let mut reader = std::fs::File::from(master);
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let start = Instant::now();
    let set_up = |seen: &[u8]| String::from_utf8_lossy(seen).contains("\x1b[?1006h");
    loop {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "never set the terminal up; output so far: {:?}",
            String::from_utf8_lossy(&seen)
        );
        let mut poll = libc::pollfd {
            fd: reader.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one pollfd for a descriptor owned by `reader`.
        let ready = unsafe { libc::poll(&mut poll, 1, 500) };
        if ready == 0 {
            if set_up(&seen) {
                break;
            }
            continue;
        }
        let n = reader.read(&mut buf).expect("explorer output");
        assert!(n > 0, "the explorer ended before drawing");
        seen.extend_from_slice(&buf[..n]);
    }
    drop(reader);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert_eq!(
                std::os::unix::process::ExitStatusExt::signal(&status),
                None,
                "ended by a signal, not by itself: {status:?}"
            );
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the explorer kept running on a closed terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
