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
pub mod loading;
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

/// Builds the explorer's state: loads, audits, opens the triage marks (the screen tests build
/// it so; [`run`] loads a large folder behind the progress screen instead).
#[allow(
    dead_code,
    reason = "the screen tests (tests/ui_snapshots.rs) build the explorer so"
)]
pub fn prepare(opts: &Options, color: bool) -> Result<App, String> {
    configure(opts, color).map(Start::build_now)
}

/// What the explorer knows before loading anything: the config and the files to open.
pub struct Start {
    settings: Settings,
    audit_config: yusuan::audit::Config,
    author: Option<String>,
    lang: Lang,
    listing: yusuan::load::Listing,
}

/// Reads the config and lists the sources; errors here are printed before the screen is
/// taken over.
fn configure(opts: &Options, color: bool) -> Result<Start, String> {
    let (mut settings, audit_config, author) = load_config(opts.config.as_deref(), color)?;
    if opts.no_mouse {
        settings.mouse = false;
    }
    let lang = opts.lang.or(settings.lang).unwrap_or_else(Lang::from_env);
    let listing = yusuan::load::sources(&opts.paths);
    Ok(Start {
        settings,
        audit_config,
        author,
        lang,
        listing,
    })
}

impl Start {
    /// Whether loading takes long enough to be done behind a progress screen: a folder of many
    /// files, or published files to import (≈ 3 ms a PDF page).
    fn is_large(&self) -> bool {
        self.listing.sources.len() >= loading::BACKGROUND_FROM
            || self
                .listing
                .sources
                .iter()
                .any(|s| matches!(s.origin, yusuan::load::Origin::Published(_)))
    }

    /// Loads, audits and builds the explorer's state on this thread.
    fn build_now(mut self) -> App {
        let corpus = yusuan::load::load_listing(std::mem::take(&mut self.listing));
        self.build(corpus, &loading::Progress::new(0))
    }

    /// Audits the loaded corpus and builds the explorer's state (tree, search index).
    fn build(self, corpus: yusuan::load::Corpus, progress: &loading::Progress) -> App {
        let Start {
            settings,
            audit_config,
            author,
            lang,
            ..
        } = self;
        progress.set_phase(loading::Phase::Auditing);
        let findings =
            yusuan::audit::audit_corpus_with(&corpus, &audit_config, || progress.audited());
        progress.set_phase(loading::Phase::Indexing);
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
        app
    }
}

/// Runs the explorer until the user quits.
pub fn run(opts: Options) -> ExitCode {
    let color = theme::Theme::color_from_env();
    let start = match configure(&opts, color) {
        Ok(start) => start,
        Err(e) => {
            yusuan::output::eprint_line(&format!("error: {e}"));
            return ExitCode::from(2);
        }
    };
    // A large folder loads behind a progress screen; a few files before the first frame.
    let begin = if start.is_large() {
        Begin::Loading(loading::spawn(start))
    } else {
        Begin::Ready(Box::new(start.build_now()))
    };
    install_panic_hook();
    if let Err(e) = install_signal_handlers() {
        yusuan::output::eprint_line(&format!("warning: cannot watch for signals: {e}"));
    }
    job_control::watch_for_hangup();
    let (result, app) = event_loop(begin);
    restore_terminal();
    let errors = app.map(|a| a.corpus.errors).unwrap_or_default();
    for err in &errors {
        yusuan::output::eprint_line(&format!("error: {err}"));
    }
    match result {
        Ok(()) if errors.is_empty() => ExitCode::SUCCESS,
        Ok(()) => ExitCode::from(2),
        Err(e) => {
            yusuan::output::eprint_line(&format!("error: terminal: {e}"));
            ExitCode::from(2)
        }
    }
}

/// The explorer ready to show, or still being built behind the progress screen.
enum Begin {
    Ready(Box<App>),
    Loading(loading::Loading),
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

/// Owns the terminal from the first frame to the last; gives the explorer back for what is
/// printed after it (files that could not be loaded).
fn event_loop(begin: Begin) -> (io::Result<()>, Option<App>) {
    let mouse = match &begin {
        Begin::Ready(app) => app.settings.mouse,
        Begin::Loading(l) => l.mouse,
    };
    let guard = match Guard::enter(mouse) {
        Ok(g) => g,
        Err(e) => return (Err(e), None),
    };
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
    let mut term = match Terminal::new(backend) {
        Ok(t) => t,
        Err(e) => return (Err(e), None),
    };
    // Start the input reader (and its SIGWINCH handler) before the first frame, so a resize
    // during start-up is not lost.
    let _ = event::poll(Duration::ZERO);
    let mut pending = Vec::new();
    let mut app = match begin {
        Begin::Ready(app) => *app,
        Begin::Loading(l) => match wait_for_app(&mut term, &l, &mut pending) {
            Ok(Some(app)) => app,
            Ok(None) => return (Ok(()), None),
            Err(e) => return (Err(e), None),
        },
    };
    // Keys typed while loading are not lost.
    for ev in &pending {
        handle(&mut app, ev);
    }
    let result = main_loop(&mut term, &mut app);
    drop(term);
    drop(guard);
    (result, Some(app))
}

type Term = Terminal<lean::LeanBackend<ansi16::Ansi16<io::Stdout>>>;

/// Shows the progress screen until the explorer is built; `None` when the user quits first.
fn wait_for_app(
    term: &mut Term,
    l: &loading::Loading,
    pending: &mut Vec<event::Event>,
) -> io::Result<Option<App>> {
    let mut shown = None;
    loop {
        match l.app.try_recv() {
            Ok(app) => return Ok(Some(app)),
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                return Err(io::Error::other("the loading thread stopped"));
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
        }
        let now = l.progress.snapshot();
        if RESUMED.swap(false, Ordering::SeqCst) {
            let _lock = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
            term.draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))?;
            shown = None;
        }
        if shown != Some(now) {
            let _lock = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
            term.draw(|f| {
                loading::draw(f, &l.progress, l.lang);
                sanitize_buffer(f.buffer_mut());
            })?;
            shown = Some(now);
        }
        // A few frames a second while the work goes on; input is answered at once.
        if !event::poll(Duration::from_millis(150))? {
            continue;
        }
        let ev = event::read()?;
        if job_control::is_suspend_key(&ev) {
            let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
            continue;
        }
        match &ev {
            event::Event::Key(k) if is_quit_while_loading(k) => return Ok(None),
            event::Event::Resize(..) => shown = None,
            _ => pending.push(ev),
        }
    }
}

/// q, Esc and Ctrl-C leave the progress screen (the keymap is not in use yet).
fn is_quit_while_loading(k: &event::KeyEvent) -> bool {
    use event::{KeyCode, KeyEventKind, KeyModifiers};
    k.kind != KeyEventKind::Release
        && (matches!(k.code, KeyCode::Char('q') | KeyCode::Esc)
            || k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL))
}

/// Draws after each batch of events; blocks on input in between.
fn main_loop(term: &mut Term, app: &mut App) -> io::Result<()> {
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
    Ok(())
}
