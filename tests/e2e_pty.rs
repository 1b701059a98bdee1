//! End to end: the real binary in a pseudo-terminal, its output parsed by a VT100 emulator.
//! Navigates, searches by pinyin initials, opens help, quits, and checks the screen and that
//! the terminal was restored (main screen, cursor shown, mouse reporting off). Also checks
//! that SIGTERM and SIGHUP restore the terminal.
//!
//! Waiting uses a generous deadline only so a broken build cannot hang the suite; no test
//! asserts on time.

mod common;

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

fn nz(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n).expect("non-zero size")
}

const ROWS: u16 = 30;
const COLS: u16 = 100;

struct Session {
    parser: vt100::Parser,
    rx: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    _dir: tempfile::TempDir,
    closed: bool,
    /// Every byte the program wrote, as written.
    raw: Vec<u8>,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        Session::start_sized(args, ROWS, COLS)
    }

    fn start_sized(args: &[&str], rows: u16, cols: u16) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_yusuan"));
        for a in args {
            cmd.arg(a);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_US.UTF-8");
        cmd.env("HOME", dir.path());
        cmd.env("XDG_CONFIG_HOME", dir.path().join("config"));
        cmd.env("XDG_DATA_HOME", dir.path().join("data"));
        cmd.env("YUSUAN_DATA_DIR", dir.path().join("marks"));
        std::fs::create_dir_all(dir.path().join("export")).unwrap();
        cmd.env("YUSUAN_EXPORT_DIR", dir.path().join("export"));
        cmd.env_remove("YUSUAN_CONFIG");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("spawn yusuan");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Session {
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            rx,
            writer,
            child,
            _master: pair.master,
            _dir: dir,
            closed: false,
            raw: Vec::new(),
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads output until `pred` holds on the screen (or the output ends).
    fn wait_for(&mut self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !pred(self.parser.screen()) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left.min(Duration::from_millis(200))) {
                Ok(bytes) => {
                    if std::env::var_os("E2E_DEBUG").is_some() {
                        eprintln!("BYTES {:?}", String::from_utf8_lossy(&bytes));
                    }
                    self.raw.extend_from_slice(&bytes);
                    self.parser.process(&bytes)
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) if Instant::now() < deadline => {}
                _ => panic!("never saw {what}; screen:\n{}", self.screen()),
            }
        }
    }

    fn wait_text(&mut self, text: &str) {
        let t = text.to_string();
        self.wait_for(text, move |s| s.contents().contains(&t));
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the process to end and reads the rest of its output.
    fn finish(&mut self) -> portable_pty::ExitStatus {
        let status = self.child.wait().expect("wait");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.closed && Instant::now() < deadline {
            match self.rx.recv_timeout(Duration::from_millis(200)) {
                Ok(bytes) => {
                    self.raw.extend_from_slice(&bytes);
                    self.parser.process(&bytes)
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => self.closed = true,
                Err(_) => {}
            }
        }
        status
    }

    fn assert_restored(&self) {
        let s = self.parser.screen();
        assert!(
            !s.alternate_screen(),
            "still on the alternate screen:\n{}",
            self.screen()
        );
        assert!(!s.hide_cursor(), "cursor left hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting left on"
        );
    }
}

const FIXTURE: &str = "tests/fixtures/minimal.json";

#[test]
fn navigate_search_help_quit() {
    let mut s = Session::start(&[FIXTURE, "--lang", "en"]);
    s.wait_text("示例市科学技术局");
    s.wait_for("the explorer", |sc| {
        sc.alternate_screen() && sc.contents().contains("Tree")
    });
    assert_eq!(
        s.parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::PressRelease
    );
    // Footer shows the keys of the focused pane, from the keymap.
    s.wait_text("? help");

    // Navigate: down twice to 支出功能分类, expand it, down into 206.
    s.send("jjl");
    s.wait_text("206 科学技术支出");
    s.send("j");
    s.wait_text("func/206");

    // Search by pinyin initials and jump.
    s.send("/kphd");
    s.wait_text("[project] 科普活动");
    s.send("\r");
    s.wait_text("minimal/projects/示例市科技中心/其他运转类/科普活动");
    assert!(
        !s.screen().contains("Search —"),
        "search closed after Enter"
    );
    // The performance tab of the project shows its indicator.
    s.send("2");
    s.wait_text("科普活动次数");
    assert!(s.screen().contains("≥10次"));

    // Help overlay lists every binding.
    s.send("?");
    s.wait_text("Keys — Esc closes");
    assert!(s.screen().contains("next finding"));
    s.send("\x1b");
    s.wait_for("help closed", |sc| {
        !sc.contents().contains("Keys — Esc closes")
    });

    s.send("q");
    let status = s.finish();
    assert!(status.success(), "exit status {status:?}");
    s.assert_restored();
}

/// From a figure to its printed table row and its source text and back, copying a figure and
/// exporting the table on the way.
#[test]
fn table_source_back_copy_export() {
    // At 80×24, the smallest screen the explorer is made for.
    let mut s = Session::start_sized(&["tests/fixtures/sourced.json", "--lang", "en"], 24, 80);
    s.wait_for("the explorer", |sc| {
        sc.alternate_screen() && sc.contents().contains("Tree")
    });
    s.wait_text("? help");
    // Search finds the code; Enter jumps to the node.
    s.send("/2150501");
    s.wait_text("[subject] 2150501 行政运行");
    s.send("\r");
    s.wait_text("sourced/func/2150501");
    // The table list, then the 支出总表 at the node's row.
    s.send("t");
    s.wait_text("Tables — 济源产城融合示范区工业信息和科技局");
    s.send("\r");
    s.wait_text("t03 三 2026年部门支出总体情况表 (万元)");
    s.wait_text("2150501 行政运行 · line 229");
    // Copy the selected cell (合计 617.30): an OSC 52 sequence with its base64.
    s.send("y");
    s.wait_text("copied (OSC 52): 617.30");
    let osc = b"\x1b]52;c;NjE3LjMw\x07";
    assert!(
        s.raw.windows(osc.len()).any(|w| w == osc),
        "no OSC 52 sequence for 617.30 in the output"
    );
    // Export the table: the status line names the file, which holds the table.
    s.send("e");
    s.wait_text("exported 16 rows");
    let dir = s._dir.path().join("export");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .expect("an exported file")
        .unwrap()
        .path();
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(
        csv.contains("2150501,行政运行,,617.30,617.30,525.90,17.30,74.10"),
        "{csv}"
    );
    // The source text around the row, the cited line marked.
    s.send("v");
    s.wait_text("Source — t03 · 2150501 行政运行");
    s.wait_text("▶229 │ 215  05  01    行政运行  617.30");
    // Back: the table, the table list, the node.
    s.send("[");
    s.wait_text("2150501 行政运行 · line 229");
    s.send("[");
    s.wait_text("Tables — 济源产城融合示范区工业信息和科技局");
    s.send("[");
    s.wait_for("the explorer at the node", |sc| {
        sc.contents().contains("Tree") && sc.contents().contains("sourced/func/2150501")
    });
    // Forward again, then quit.
    s.send("]");
    s.wait_text("Tables — 济源产城融合示范区工业信息和科技局");
    s.send("q");
    let status = s.finish();
    assert!(status.success(), "exit status {status:?}");
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let mut s = Session::start(&[FIXTURE, "--lang", "en"]);
        s.wait_for("the explorer", |sc| {
            sc.alternate_screen() && sc.contents().contains("Tree")
        });
        let pid = s.child.process_id().expect("pid");
        let ok = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(ok.success());
        let status = s.finish();
        assert_eq!(status.exit_code(), code, "SIG{signal}");
        s.assert_restored();
    }
}

#[test]
fn resize_and_too_small() {
    let mut s = Session::start(&[FIXTURE, "--lang", "en", "--no-mouse"]);
    s.wait_for("the explorer", |sc| {
        sc.alternate_screen() && sc.contents().contains("Tree")
    });
    assert_eq!(
        s.parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "--no-mouse"
    );
    // Let the first frame arrive whole before the size changes under it.
    s.wait_text("? help");
    s._master
        .resize(PtySize {
            rows: 8,
            cols: 30,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.parser.screen_mut().set_size(nz(8), nz(30));
    s.wait_text("Terminal too small");
    s._master
        .resize(PtySize {
            rows: ROWS,
            cols: 60,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.parser.screen_mut().set_size(nz(ROWS), nz(60));
    s.wait_for("single pane", |sc| {
        sc.contents().contains("Tree") && !sc.contents().contains("Detail")
    });
    s.send("q");
    assert!(s.finish().success());
    s.assert_restored();
}

#[test]
fn a_workbook_is_never_written_to_the_terminal() {
    let mut s = Session::start(&["audit", FIXTURE, "--format", "xlsx"]);
    let status = s.finish();
    assert_eq!(status.exit_code(), 2);
    let screen = s.screen();
    assert!(
        screen.contains("--format xlsx writes a binary workbook: give -o FILE"),
        "{screen}"
    );
    assert!(
        !screen.contains("PK"),
        "zip bytes reached the terminal:\n{screen}"
    );
}

/// The state letter of a process (`T` stopped, `S` sleeping), from /proc.
#[cfg(target_os = "linux")]
fn proc_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit(')')
        .next()
        .and_then(|rest| rest.trim_start().chars().next())
        .unwrap_or('?')
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_z_and_sigtstp_suspend_and_fg_resumes() {
    let mut s = Session::start(&[FIXTURE, "--lang", "en"]);
    s.wait_for("the explorer", |sc| {
        sc.alternate_screen() && sc.contents().contains("Tree")
    });
    s.wait_text("? help");
    let pid = s.child.process_id().expect("pid");
    for how in ["ctrl-z", "SIGTSTP"] {
        if how == "ctrl-z" {
            s.send("\x1a");
        } else {
            let ok = std::process::Command::new("kill")
                .args(["-TSTP", &pid.to_string()])
                .status()
                .unwrap();
            assert!(ok.success());
        }
        // The terminal is given back before the process stops.
        s.wait_for("the main screen", |sc| !sc.alternate_screen());
        s.assert_restored();
        let deadline = Instant::now() + Duration::from_secs(30);
        while proc_state(pid) != 'T' {
            assert!(Instant::now() < deadline, "{how}: never stopped");
            std::thread::sleep(Duration::from_millis(20));
        }
        // fg: SIGCONT brings the explorer back, redrawn, in raw mode (keys work).
        let ok = std::process::Command::new("kill")
            .args(["-CONT", &pid.to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        s.wait_for("the explorer again", |sc| {
            sc.alternate_screen()
                && sc.contents().contains("Tree")
                && sc.contents().contains("? help")
        });
        s.send("j");
        s.wait_text("minimal/units");
        s.send("k");
        s.wait_for("back on top", |sc| !sc.contents().contains("minimal/units"));
    }
    s.send("q");
    let status = s.finish();
    assert!(status.success(), "exit status {status:?}");
    s.assert_restored();
}

#[test]
fn control_characters_from_data_never_reach_the_terminal_in_the_explorer() {
    let dir = tempfile::tempdir().unwrap();
    let (doc, _) = common::payload::poisoned(common::payload::SAMPLES[1]);
    let file = dir.path().join("evil.json");
    std::fs::write(&file, serde_json::to_string(&doc).unwrap()).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap(), "--lang", "en"]);
    s.wait_for("the explorer", |sc| {
        sc.alternate_screen() && sc.contents().contains("Tree")
    });
    s.wait_text("? help");
    // Every pane and tab over nodes that carry the payload: the department, its branches
    // expanded, subjects, projects and their targets, the findings view, search.
    for keys in [
        "2", "3", "4", "1", "jl", "jl", "jl", "jl", "jjjj", "2", "3", "4", "G", "2", "4", "f",
        "jjj", "\x1b", "/kj", "\x1b", "?", "\x1b", "\t", "j", "\t",
    ] {
        s.send(keys);
    }
    s.send("q");
    let status = s.finish();
    assert!(status.success(), "exit status {status:?}");
    let text = String::from_utf8_lossy(&s.raw);
    for (what, bad) in [
        ("OSC (clipboard, title)", "\x1b]"),
        ("BEL", "\x07"),
        ("bidi override", "\u{202e}"),
        ("zero-width space", "\u{200b}"),
        ("line separator", "\u{2028}"),
        ("BOM", "\u{feff}"),
        ("C1 CSI", "\u{9b}"),
        ("NEL", "\u{85}"),
    ] {
        assert!(!text.contains(bad), "{what} reached the terminal");
    }
    // The payload was drawn, as placeholders.
    assert!(text.contains('␛'), "the payload was never on screen");
}

/// A large folder opens on the progress screen at once, then the explorer with every document;
/// the screen is left as it was found.
#[test]
fn a_large_folder_opens_on_a_progress_screen_then_the_tree() {
    let corpus = tempfile::tempdir().unwrap();
    let sample = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample-data/000-sanmenxia.json"
    ))
    .unwrap();
    for i in 0..200 {
        std::fs::write(corpus.path().join(format!("d{i:03}.json")), &sample).unwrap();
    }
    let dir = corpus.path().to_str().unwrap().to_string();
    let mut s = Session::start(&[&dir, "--lang", "en"]);
    s.wait_text("q quits");
    let shown = s.screen();
    assert!(
        ["reading", "auditing", "building the tree"]
            .iter()
            .any(|w| shown.contains(w)),
        "{shown}"
    );
    s.wait_text("Tree");
    assert!(s.screen().contains("│ 200 documents │"), "{}", s.screen());
    s.send("q");
    let status = s.finish();
    assert!(status.success(), "exit status {status:?}");
    s.assert_restored();
}
