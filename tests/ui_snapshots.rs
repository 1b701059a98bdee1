//! Snapshots of the explorer's main screens (ratatui TestBackend + insta), on the embedded
//! sample and on the small fixture, and a sweep of sizes down to 1×1 that must never panic.
//!
//! The explorer is a module of the binary; it is compiled into this test as well.

#[allow(dead_code)]
#[path = "../src/ui/mod.rs"]
mod ui;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ui::app::App;
use ui::i18n::Lang;
use ui::settings::Settings;
use yusuan::load::Corpus;

fn app_for(corpus: Corpus, lang: Lang) -> App {
    let findings = yusuan::audit::audit_corpus(&corpus, &yusuan::audit::Config::default());
    App::new(
        corpus,
        findings,
        yusuan::triage::Store::in_memory(),
        Settings::defaults(false),
        lang,
    )
}

fn sample() -> App {
    app_for(yusuan::load::load_embedded(), Lang::En)
}

fn fixture() -> App {
    let path = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/minimal.json"
    ));
    app_for(yusuan::load::load(&[path]), Lang::En)
}

/// The screen as text, one line per row; a wide character's second cell is not repeated.
fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::render::draw(f, app)).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += (yusuan::text::width(sym) as u16).max(1);
        }
        out.push('\n');
    }
    out
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\u{1b}' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
    }
}

#[test]
fn sample_explorer_80x24() {
    let mut app = sample();
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn sample_explorer_120x40() {
    let mut app = sample();
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn sample_function_subtree_120x40() {
    let mut app = sample();
    keys(&mut app, "jjlj");
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn sample_findings_view_120x40() {
    let mut app = sample();
    keys(&mut app, "f");
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn sample_search_by_initials_80x24() {
    let mut app = sample();
    keys(&mut app, "/kjjl");
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn sample_help_80x24() {
    let mut app = sample();
    keys(&mut app, "?");
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn sample_single_pane_60x20_chinese() {
    let mut app = app_for(yusuan::load::load_embedded(), Lang::Zh);
    keys(&mut app, "\t");
    insta::assert_snapshot!(screen(&mut app, 60, 20));
}

#[test]
fn too_small_30x8() {
    let mut app = sample();
    insta::assert_snapshot!(screen(&mut app, 30, 8));
}

#[test]
fn fixture_project_performance_80x24() {
    let mut app = fixture();
    keys(&mut app, "/kphd\n2");
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn fixture_amounts_120x40() {
    let mut app = fixture();
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

/// Every screen at every size from 1×1 up: nothing may panic.
#[test]
fn no_panic_at_any_size() {
    let mut app = sample();
    let scripts = ["", "\t", "jjl", "f", "/kjjl", "?", "n\t3", "G4", "f\u{1b}2"];
    for script in scripts {
        let mut a = sample();
        keys(&mut a, script);
        for w in (1..=130).step_by(7).chain([1, 2, 39, 40, 69, 70]) {
            for h in (1..=45).step_by(4).chain([1, 9, 10]) {
                let _ = screen(&mut a, w, h);
            }
        }
    }
    let _ = screen(&mut app, 1, 1);
}

/// Control characters and escape sequences in data are shown as placeholders, never written.
#[test]
fn control_characters_are_placeholders() {
    let text = include_str!("fixtures/minimal.json")
        .replace(
            "示例市科学技术局\", \"code\"",
            "示例\\u001b[2J局\", \"code\"",
        )
        .replace("科普活动\", \"amounts\"", "科普\\u0007活动\", \"amounts\"");
    let doc = yusuan::load::parse_document("evil.json", text.as_bytes()).expect("still valid");
    let mut corpus = Corpus::default();
    corpus.documents.push(yusuan::load::Loaded {
        file: "evil.json".into(),
        id: "evil".into(),
        bytes: text.len(),
        doc,
        import: None,
    });
    let mut app = app_for(corpus, Lang::En);
    keys(&mut app, "G\n");
    let out = screen(&mut app, 100, 30);
    assert!(out.contains("示例␛[2J局"), "{out}");
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| ui::render::draw(f, &mut app)).unwrap();
    for cell in t.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "raw control character in {:?}",
            cell.symbol()
        );
    }
}

/// The narrative's paragraphs (joined with `\n` in the data) start new lines rather than show
/// as `␤`; a document id (a file name) with an escape sequence, and invisible characters that
/// shift a row, are shown as placeholders; the selected row is marked without attributes.
#[test]
fn paragraphs_ids_and_invisible_characters() {
    let text = include_str!("fixtures/minimal.json")
        .replace(
            "示例市科学技术局2025年收入总计100.00万元，",
            "第一段。\\n第二段\\u2028行\\ufeff尾。",
        )
        .replace("示例市科学技术局\", \"code\"", "示例\\u2028局\", \"code\"");
    let doc = yusuan::load::parse_document("evil.json", text.as_bytes()).expect("still valid");
    let mut corpus = Corpus::default();
    for id in ["doc\u{1b}[7m", "other"] {
        corpus.documents.push(yusuan::load::Loaded {
            file: format!("{id}.json"),
            id: id.into(),
            bytes: text.len(),
            doc: doc.clone(),
            import: None,
        });
    }
    let mut app = app_for(corpus, Lang::En);
    keys(&mut app, "4");
    let out = screen(&mut app, 100, 30);
    assert!(out.contains("│  第一段。 "), "{out}");
    assert!(out.contains("│  第二段␤行�尾"), "{out}");
    assert!(out.contains("示例␤局"), "{out}");
    let selected = out.lines().find(|l| l.starts_with('▶')).expect("pointer");
    assert!(selected.contains("示例␤局"), "{selected}");
    keys(&mut app, "/kphd");
    let out = screen(&mut app, 100, 30);
    assert!(out.contains("doc␛[7m · "), "{out}");
}

/// Files that fail to load are named at start-up and in the help overlay, while the good ones
/// are shown.
#[test]
fn load_errors_are_named() {
    let dir = std::env::temp_dir().join(format!("yusuan-ui-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.json"), "{\"format_version\": 1, \"oops\": ").unwrap();
    std::fs::write(dir.join("good.json"), include_str!("fixtures/minimal.json")).unwrap();
    let opts = ui::Options {
        paths: vec![dir.clone()],
        lang: Some(Lang::En),
        ..Default::default()
    };
    let mut app = ui::prepare(&opts, false).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let out = screen(&mut app, 100, 30);
    assert!(out.contains("示例市科学技术局"), "{out}");
    assert!(out.contains("⚠ 1 not loaded"), "{out}");
    assert!(out.contains("bad.json"), "{out}");
    keys(&mut app, "?");
    let out = screen(&mut app, 100, 30);
    assert!(out.contains("⚠ Not loaded"), "{out}");
    assert!(out.contains("bad.json:1:"), "{out}");
}

fn sourced() -> App {
    let path = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sourced.json"
    ));
    app_for(yusuan::load::load(&[path]), Lang::En)
}

#[test]
fn sample_findings_view_80x24() {
    let mut app = sample();
    keys(&mut app, "f");
    // No two rows of the whole list read alike at 80 columns (a tall screen shows all 40).
    let tall = screen(&mut app, 80, 100);
    let rows: Vec<&str> = tall.lines().skip(3).take(40).collect();
    assert!(
        rows.iter()
            .all(|r| r.contains("  E ") || r.contains("  W ")),
        "{tall}"
    );
    let mut seen = std::collections::HashSet::new();
    for r in &rows {
        assert!(
            seen.insert(r.trim_start_matches(['▶', '┃'])),
            "two rows alike: {r}"
        );
    }
    let out = screen(&mut app, 80, 24);
    insta::assert_snapshot!(out);
}

#[test]
fn sourced_table_view_80x24() {
    let mut app = sourced();
    assert!(app.jump_to_path("sourced/func/2150501"));
    keys(&mut app, "t\nll");
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn sourced_source_view_80x24() {
    let mut app = sourced();
    assert!(app.jump_to_path("sourced/func/2150501"));
    keys(&mut app, "v");
    let out = screen(&mut app, 80, 24);
    assert!(
        out.contains("▶229 │ 215  05  01    行政运行  617.30"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn sourced_node_lists_every_table_row_120x40() {
    let mut app = sourced();
    assert!(app.jump_to_path("sourced/func/2150501"));
    let out = screen(&mut app, 120, 60);
    assert!(out.contains("t03 2026年部门支出总体情况表"), "{out}");
    assert!(out.contains("t05 2026年一般公共预算支出情况表"), "{out}");
    assert!(out.contains("printed at line 303"), "{out}");
}

#[test]
fn performance_tab_separates_implementation_and_annual_sets() {
    let mut app = sample();
    let id = app
        .forest
        .nodes
        .iter()
        .position(|n| n.path.starts_with("002-jincheng/projects/") && n.label == "课题研究经费")
        .expect("the 课题研究经费 project");
    app.reveal(id);
    keys(&mut app, "2");
    let out = screen(&mut app, 80, 400);
    let imp = out.find("── 实施期目标 (").expect("an implementation set");
    let annual = out.find("── 年度目标 (").expect("an annual set");
    assert!(imp < annual, "{out}");
    assert!(out.contains("实施期资金总额:"), "{out}");
    assert!(
        !out.contains("实施期资金总额: · 实施期"),
        "the period is not named twice"
    );
}

#[test]
fn clicking_a_tab_opens_it() {
    use ratatui::crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let mut app = sample();
    let _ = screen(&mut app, 80, 24);
    let r = app.view.tabs[2];
    assert!(r.width > 0, "the findings tab is drawn");
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: r.x + 1,
        row: r.y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.tab, ui::app::Tab::Findings);
}

#[test]
fn sourced_narrative_sections_say_where_they_were_printed() {
    let mut app = sourced();
    keys(&mut app, "4");
    let out = screen(&mut app, 120, 60);
    let heading = out
        .find("一、收入支出预算总体情况")
        .expect("the first section");
    let place = out[heading..].find("printed at line").expect("its line");
    assert!(place < 400, "{out}");
}

/// Every table of every sample document opens, scrolls both ways and draws at sizes down to
/// the smallest, without a panic; copy, source and export work from each.
#[test]
fn every_table_opens_and_draws_at_every_size() {
    let mut app = sample();
    let dir = tempfile::tempdir().unwrap();
    app.export_dir = dir.path().to_path_buf();
    let docs = app.corpus.documents.len();
    for d in 0..docs {
        for t in 0..app.corpus.documents[d].doc.tables.len() {
            app.open_table(d, t, 0, None);
            for (w, h) in [(80, 24), (40, 10), (120, 40), (200, 60)] {
                let _ = screen(&mut app, w, h);
                keys(&mut app, "lllllllllljjjjjG");
                let _ = screen(&mut app, w, h);
                keys(&mut app, "hhhhhhhhhhhhg");
            }
            keys(&mut app, "yYe");
            keys(&mut app, "v");
            let _ = screen(&mut app, 80, 24);
            keys(&mut app, "\u{1b}");
        }
    }
    let exported = std::fs::read_dir(dir.path()).unwrap().count();
    let tables: usize = app
        .corpus
        .documents
        .iter()
        .map(|d| d.doc.tables.len())
        .sum();
    assert_eq!(exported, tables, "one CSV per table");
}

/// A row's note (how an ambiguous line was read) is shown under the row's cells.
#[test]
fn a_rows_note_is_shown_under_its_cells() {
    let mut app = sample();
    keys(&mut app, "/培训支出\n");
    let text = screen(&mut app, 120, 90);
    assert!(
        text.contains("note: Printed 0.27 four times; placed in 公用经费 小计"),
        "{text}"
    );
}

/// A node the tables print no figure for (a unit only named) shows a dash, not a bare unit.
#[test]
fn a_node_without_a_figure_says_so() {
    let mut app = sample();
    keys(&mut app, "/工业和信息化局本级\n");
    let text = screen(&mut app, 120, 40);
    let line = text
        .lines()
        .find(|l| l.contains("│Amount "))
        .unwrap_or_else(|| panic!("{text}"));
    let after = line.split("│Amount ").nth(1).unwrap_or_default();
    assert!(after.trim_start().starts_with('—'), "{text}");
}

/// The list of a document's tables says which could not be read, not "0 cols".
#[test]
fn the_table_list_says_which_tables_were_not_read() {
    let path = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample-data/sources/001_ca45f7bc97987ea4.txt"
    ));
    let mut app = app_for(yusuan::load::load(&[path]), Lang::En);
    keys(&mut app, "t");
    let text = screen(&mut app, 80, 24);
    let line = |id: &str| {
        text.lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("{id}:\n{text}"))
            .to_string()
    };
    assert!(line("t02 ").contains("56 rows not read"), "{text}");
    assert!(line("t03 ").contains("8 rows 11 cols"), "{text}");
}
