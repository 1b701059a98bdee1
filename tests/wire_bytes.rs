//! Bytes on the wire: what one selection move costs at 80×24 on the embedded sample, written
//! through the explorer's real output path (the lean backend and the 16-colour writer) into a
//! counting writer. Over SSH every byte is latency; the README quotes the figure.

#[allow(dead_code)]
#[path = "../src/ui/mod.rs"]
mod ui;

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ui::app::App;
use ui::i18n::Lang;
use ui::settings::Settings;

/// Counts the bytes written through it.
#[derive(Clone, Default)]
struct Counter(Rc<Cell<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn sample() -> App {
    let corpus = yusuan::load::load_embedded();
    let findings = yusuan::audit::audit_corpus(&corpus, &yusuan::audit::Config::default());
    App::new(
        corpus,
        findings,
        yusuan::triage::Store::in_memory(),
        Settings::defaults(true),
        Lang::Zh,
    )
}

fn down(app: &mut App) {
    app.handle_key(&KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
}

/// Bytes of each frame after the first for `moves` selection moves, through `term`.
fn frame_costs<B: ratatui::backend::Backend>(
    term: &mut Terminal<B>,
    count: &Counter,
    moves: usize,
) -> Vec<usize> {
    let mut app = sample();
    term.draw(|f| ui::render::draw(f, &mut app)).unwrap();
    let mut costs = Vec::new();
    for _ in 0..moves {
        down(&mut app);
        let before = count.0.get();
        term.draw(|f| ui::render::draw(f, &mut app)).unwrap();
        costs.push(count.0.get() - before);
    }
    costs
}

fn viewport() -> ratatui::TerminalOptions {
    ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
    }
}

#[test]
fn a_selection_move_at_80x24_costs_at_most_1200_bytes() {
    let count = Counter::default();
    let backend = ui::lean::LeanBackend::on_blank_screen(
        ui::ansi16::Ansi16::new(count.clone()),
        ratatui::layout::Size::new(80, 24),
    );
    let mut term = Terminal::with_options(backend, viewport()).unwrap();
    let lean = frame_costs(&mut term, &count, 6);

    let plain_count = Counter::default();
    let plain = CrosstermBackend::new(ui::ansi16::Ansi16::new(plain_count.clone()));
    let mut term = Terminal::with_options(plain, viewport()).unwrap();
    let plain = frame_costs(&mut term, &plain_count, 6);

    eprintln!("bytes per selection move: lean {lean:?}, crossterm backend {plain:?}");
    assert!(
        lean.iter().all(|&b| b <= 1200),
        "a move costs {lean:?} bytes"
    );
    assert!(lean.iter().all(|&b| b > 0), "every move draws something");
    assert!(
        lean.iter().sum::<usize>() < plain.iter().sum::<usize>(),
        "the lean backend writes less: {lean:?} vs {plain:?}"
    );
}

/// Cell by cell: symbol, colours and attributes (how the bytes got there may differ); a blank
/// shows only its background, reverse video and underline.
fn screen(bytes: &[u8]) -> Vec<String> {
    let nz = |n: u16| std::num::NonZero::new(n).expect("non-zero");
    let mut p = vt100::Parser::new(nz(24), nz(80), 0);
    p.process(bytes);
    let s = p.screen();
    let mut cells = Vec::new();
    for row in 0..24 {
        for col in 0..80 {
            let c = s.cell(row, col).unwrap();
            let blank = c.contents().trim().is_empty();
            cells.push(if blank {
                format!(
                    "{row},{col}: :{:?}:{}{}",
                    c.bgcolor(),
                    c.inverse(),
                    c.underline()
                )
            } else {
                format!(
                    "{row},{col}:{}:{:?}:{:?}:{}{}{}",
                    c.contents(),
                    c.fgcolor(),
                    c.bgcolor(),
                    c.bold(),
                    c.inverse(),
                    c.underline()
                )
            });
        }
    }
    cells
}

#[test]
fn the_lean_backend_draws_the_same_screen() {
    // Both backends' output after each of many moves, fed to a terminal emulator, gives the
    // same screen.
    let keys = "jjjjljjjjJjjjlj2j3j1kkkkkkkkGgjjjjjjjjjjjjjjjjjj\tjjjjj\tflljjjjj";
    let mut app_a = sample();
    let mut app_b = sample();
    let lean_out = Capture::default();
    let plain_out = Capture::default();
    let mut lean = Terminal::with_options(
        ui::lean::LeanBackend::on_blank_screen(
            ui::ansi16::Ansi16::new(lean_out.clone()),
            ratatui::layout::Size::new(80, 24),
        ),
        viewport(),
    )
    .unwrap();
    let mut plain =
        Terminal::with_options(CrosstermBackend::new(plain_out.clone()), viewport()).unwrap();
    for (step, k) in keys.chars().enumerate() {
        lean.draw(|f| ui::render::draw(f, &mut app_a)).unwrap();
        ratatui::backend::Backend::flush(lean.backend_mut()).unwrap();
        plain.draw(|f| ui::render::draw(f, &mut app_b)).unwrap();
        let (a, b) = (screen(&lean_out.0.borrow()), screen(&plain_out.0.borrow()));
        let first = a.iter().zip(&b).position(|(x, y)| x != y);
        assert_eq!(
            first,
            None,
            "step {step}: first difference: {:?}",
            first.map(|i| (&a[i], &b[i]))
        );
        let code = match k {
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        app_a.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
        app_b.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
    }
}

#[derive(Clone, Default)]
struct Capture(Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
#[ignore]
fn dump_frame() {
    let mut app = sample();
    let cap = Capture::default();
    let mut t = Terminal::with_options(
        ui::lean::LeanBackend::on_blank_screen(
            ui::ansi16::Ansi16::new(cap.clone()),
            ratatui::layout::Size::new(80, 24),
        ),
        viewport(),
    )
    .unwrap();
    t.draw(|f| ui::render::draw(f, &mut app)).unwrap();
    let n = std::env::var("MOVES")
        .ok()
        .and_then(|m| m.parse().ok())
        .unwrap_or(1);
    for _ in 0..n {
        cap.0.borrow_mut().clear();
        down(&mut app);
        t.draw(|f| ui::render::draw(f, &mut app)).unwrap();
    }
    std::fs::write("/tmp/frame.bin", cap.0.borrow().as_slice()).unwrap();
}
