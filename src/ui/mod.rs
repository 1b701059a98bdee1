//! The interactive explorer: a tree of the corpus driving detail panes, a findings view, fuzzy
//! and pinyin search, made for keyboard use over SSH.
//!
//! Structure: [`app`] holds the state and its transitions (no terminal), [`keymap`] is the one
//! table from keys to actions (footer and help are generated from it), [`render`] and
//! [`panes`] draw the state, and [`run`] owns the terminal: one guard sets it up and restores
//! it on every exit path (return, error, panic, SIGTERM/SIGHUP/SIGINT/SIGQUIT) and around a
//! suspend (Ctrl-Z, SIGTSTP), and the loop
//! blocks on input and redraws only after an event — no tick, so an idle explorer uses no CPU.

pub mod actions;
pub mod ansi16;
pub mod app;
pub mod clipboard;
pub mod export;
pub mod findings_view;
pub mod fmt;
pub mod forest;
pub mod history;
pub mod i18n;
mod job_control;
pub mod keymap;
pub mod lean;
pub mod panes;
pub mod render;
pub mod settings;
pub mod table_view;
pub mod tables;
pub mod theme;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::crossterm::{cursor, event, execute, terminal};

use app::App;
use i18n::Lang;
use settings::Settings;

/// What the command line asks of the explorer.
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub lang: Option<Lang>,
    pub no_mouse: bool,
    pub config: Option<PathBuf>,
}

/// Held while drawing, and by whoever restores the terminal, so a signal never lands mid-frame.
static TERMINAL: Mutex<()> = Mutex::new(());
/// Whether the terminal is in the explorer's mode (raw, alternate screen).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether mouse reporting is on in the explorer's mode (to restore it after a suspend).
static MOUSE: AtomicBool = AtomicBool::new(false);
/// Set when the explorer comes back from a suspend: the screen must be redrawn whole.
static RESUMED: AtomicBool = AtomicBool::new(false);

/// Mouse reporting: clicks and wheel only (1000), SGR encoding (1006). No motion tracking, so
/// moving the mouse over an SSH session sends nothing.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";

/// Puts the terminal back as it was: mouse off, paste off, main screen, cursor shown, cooked
/// mode. Safe to call from any thread, more than once.
pub fn restore_terminal() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = out.write_all(MOUSE_OFF);
    let _ = execute!(
        out,
        event::DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
    let _ = terminal::disable_raw_mode();
}

/// Puts the terminal in the explorer's mode: raw, alternate screen, paste, cursor hidden.
fn enter_terminal(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    MOUSE.store(mouse, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(
        out,
        terminal::EnterAlternateScreen,
        terminal::Clear(terminal::ClearType::All),
        event::EnableBracketedPaste,
        cursor::Hide
    )?;
    if mouse {
        out.write_all(MOUSE_ON)?;
        out.flush()?;
    }
    Ok(())
}

/// Sets the terminal up and restores it when dropped.
struct Guard;

impl Guard {
    fn enter(mouse: bool) -> io::Result<Guard> {
        enter_terminal(mouse)?;
        Ok(Guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _lock = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
        restore_terminal();
    }
}

/// Restores the terminal before the panic message is printed.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Restores the terminal and exits on SIGTERM, SIGHUP (the SSH connection dropped), SIGINT
/// and SIGQUIT; suspends on SIGTSTP.
fn install_signal_handlers() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                if sig == SIGTSTP {
                    job_control::suspend();
                    continue;
                }
                let _lock = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
                restore_terminal();
                std::process::exit(128 + sig);
            }
        })?;
    Ok(())
}

/// Reads the explorer's settings, the audit configuration and the triage author from the
/// config file.
fn load_config(
    explicit: Option<&Path>,
    color: bool,
) -> Result<(Settings, yusuan::audit::Config, Option<String>), String> {
    let Some(path) = yusuan::config::locate(explicit) else {
        return Ok((
            Settings::defaults(color),
            yusuan::audit::Config::default(),
            None,
        ));
    };
    let table = yusuan::config::read(&path).map_err(|e| e.to_string())?;
    let settings = Settings::from_table(Some(&table), &path, color)?;
    let audit = yusuan::config::audit_config(Some(&table), &path).map_err(|e| e.to_string())?;
    let author = yusuan::config::triage_author(Some(&table), &path).map_err(|e| e.to_string())?;
    Ok((settings, audit, author))
}

/// Builds the explorer's state: loads, audits, opens the triage marks.
pub fn prepare(opts: &Options, color: bool) -> Result<App, String> {
    let (mut settings, audit_config, author) = load_config(opts.config.as_deref(), color)?;
    if opts.no_mouse {
        settings.mouse = false;
    }
    let lang = opts.lang.or(settings.lang).unwrap_or_else(Lang::from_env);
    let listing = yusuan::load::sources(&opts.paths);
    // PDFs and text exports are imported before the first frame (≈ 3 ms a PDF page): say so,
    // or a folder of them looks like a hang.
    let published: usize = listing
        .sources
        .iter()
        .map(|s| match &s.origin {
            yusuan::load::Origin::Published(files) => files.len(),
            _ => 0,
        })
        .sum();
    if published > 0 && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        yusuan::output::eprint_line(&format!(
            "yusuan: importing {published} published file{}…",
            if published == 1 { "" } else { "s" }
        ));
    }
    let corpus = yusuan::load::load_listing(listing);
    let findings = yusuan::audit::audit_corpus(&corpus, &audit_config);
    let (mut triage, mut triage_error) = match yusuan::triage::default_path() {
        Some(p) => match yusuan::triage::Store::open(p) {
            Ok(s) => (s, None),
            Err(e) => (yusuan::triage::Store::in_memory(), Some(e.to_string())),
        },
        None => (yusuan::triage::Store::in_memory(), None),
    };
    if let Some(a) = &author {
        triage.set_author(a);
    }
    // A file moved aside or opened read-only is said plainly on the status line.
    let notices = triage.take_notices();
    if !notices.is_empty() && triage_error.is_none() {
        triage_error = Some(notices.join("; "));
    }
    let mut app = App::new(corpus, findings, triage, settings, lang);
    // CSV exports go to the current directory, or $YUSUAN_EXPORT_DIR.
    if let Some(dir) = std::env::var_os("YUSUAN_EXPORT_DIR").filter(|d| !d.is_empty()) {
        app.export_dir = PathBuf::from(dir);
    }
    if let Some(e) = app.corpus.errors.first() {
        // The header keeps the count and `?` names them all; they are printed again on exit.
        app.message = Some(format!(
            "⚠ {} {} — {e}",
            app.corpus.errors.len(),
            lang.t("not loaded, ? lists them", "个文件未能载入，按 ? 查看")
        ));
    }
    if app.corpus.errors.is_empty() && !app.corpus.warnings.is_empty() {
        app.message = Some(format!(
            "⚠ {} {}",
            app.corpus.warnings.len(),
            lang.t("import warnings, ? lists them", "条导入警告，按 ? 查看")
        ));
    }
    if let Some(e) = triage_error {
        let prefix = if app.triage.path().is_none() {
            lang.t("marks kept for this session only:", "标记仅本次有效：")
        } else {
            lang.t("triage:", "标记：")
        };
        app.message = Some(format!("{prefix} {e}"));
    }
    Ok(app)
}

/// Runs the explorer until the user quits.
pub fn run(opts: Options) -> ExitCode {
    let color = theme::Theme::color_from_env();
    let mut app = match prepare(&opts, color) {
        Ok(app) => app,
        Err(e) => {
            yusuan::output::eprint_line(&format!("error: {e}"));
            return ExitCode::from(2);
        }
    };
    install_panic_hook();
    if let Err(e) = install_signal_handlers() {
        yusuan::output::eprint_line(&format!("warning: cannot watch for signals: {e}"));
    }
    job_control::watch_for_hangup();
    let result = event_loop(&mut app);
    restore_terminal();
    for err in &app.corpus.errors {
        yusuan::output::eprint_line(&format!("error: {err}"));
    }
    match result {
        Ok(()) if app.corpus.errors.is_empty() => ExitCode::SUCCESS,
        Ok(()) => ExitCode::from(2),
        Err(e) => {
            yusuan::output::eprint_line(&format!("error: terminal: {e}"));
            ExitCode::from(2)
        }
    }
}

/// One event: Ctrl-Z suspends (whatever the keymap says), anything else goes to the app.
fn handle(app: &mut App, ev: &event::Event) -> bool {
    if job_control::is_suspend_key(ev) {
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
        return false;
    }
    app.handle_event(ev)
}

/// The explorer's side of the output boundary: whatever the panes drew, no cell sends a
/// control or invisible character from data to the terminal.
pub fn sanitize_buffer(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        if let std::borrow::Cow::Owned(clean) = yusuan::text::sanitize(cell.symbol()) {
            cell.set_symbol(&clean);
        }
    }
}

fn event_loop(app: &mut App) -> io::Result<()> {
    let guard = Guard::enter(app.settings.mouse)?;
    // No cursor-position query (it can time out over a slow link): the guard cleared the screen.
    // Buffered so that a frame leaves in one write: over SSH a frame split across packets can
    // show half-drawn (stdout alone flushes every 1 KiB).
    // One write per frame, with basic colours in their 16-colour form.
    // Cursor moves only where the cursor is not already (see `lean`).
    let out = ansi16::Ansi16::new(io::stdout());
    // The guard has just cleared the screen: the backend starts knowing it is blank.
    let backend = match terminal::size() {
        Ok((w, h)) => lean::LeanBackend::on_blank_screen(out, ratatui::layout::Size::new(w, h)),
        Err(_) => lean::LeanBackend::new(out),
    };
    let mut term = Terminal::new(backend)?;
    // Start the input reader (and its SIGWINCH handler) before the first frame, so a resize
    // during start-up is not lost.
    let _ = event::poll(Duration::ZERO)?;
    let mut dirty = true;
    while !app.quit {
        // Text for the clipboard goes out before the frame that says so, sanitised, as one
        // OSC 52 sequence.
        if let Some(text) = app.clipboard.take() {
            let _lock = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
            let backend = term.backend_mut();
            backend.write_all(&clipboard::osc52(&text))?;
            Write::flush(backend)?;
        }
        if dirty {
            let _lock = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
            term.draw(|f| {
                render::draw(f, app);
                sanitize_buffer(f.buffer_mut());
            })?;
        }
        // Block until something happens: no tick, no redraw while idle.
        let ev = event::read()?;
        dirty = handle(app, &ev);
        // Apply what is already queued (key repeat over a slow link) before drawing once.
        while !app.quit && event::poll(Duration::ZERO)? {
            let ev = event::read()?;
            dirty |= handle(app, &ev);
        }
        if RESUMED.swap(false, Ordering::SeqCst) {
            // Back from a suspend the screen is blank: tell ratatui so by drawing a blank frame
            // (Terminal::clear would query the cursor position, which can time out over SSH),
            // then the next frame is sent whole.
            let _lock = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
            term.draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))?;
            dirty = true;
        }
    }
    drop(term);
    drop(guard);
    Ok(())
}
