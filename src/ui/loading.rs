//! Opening a large folder: the files are loaded, audited and indexed on a thread of their own
//! while the screen shows how far it has got, so the first frame comes at once and `q` works
//! from the start — a folder of thousands of documents, or of PDFs to import, no longer looks
//! like a hang over SSH.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Start;
use super::app::App;
use super::i18n::Lang;

/// From this many sources on, the explorer opens on the progress screen.
pub const BACKGROUND_FROM: usize = 50;

/// What the loading thread is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Phase {
    Loading = 0,
    Auditing = 1,
    Indexing = 2,
}

/// How far loading has got, shared between the loading thread and the screen.
#[derive(Debug)]
pub struct Progress {
    pub sources: usize,
    /// PDFs and text exports among them, imported on the fly (a folder of them is one source).
    pub published: usize,
    loaded: AtomicUsize,
    audited: AtomicUsize,
    documents: AtomicUsize,
    phase: AtomicU8,
}

impl Progress {
    pub fn new(sources: usize) -> Progress {
        Progress {
            sources,
            published: 0,
            loaded: AtomicUsize::new(0),
            audited: AtomicUsize::new(0),
            documents: AtomicUsize::new(0),
            phase: AtomicU8::new(Phase::Loading as u8),
        }
    }

    pub fn set_phase(&self, phase: Phase) {
        self.phase.store(phase as u8, Ordering::Relaxed);
    }

    pub fn phase(&self) -> Phase {
        match self.phase.load(Ordering::Relaxed) {
            0 => Phase::Loading,
            1 => Phase::Auditing,
            _ => Phase::Indexing,
        }
    }

    fn loaded(&self, sources: usize, documents: usize) {
        self.loaded.fetch_add(sources, Ordering::Relaxed);
        self.documents.fetch_add(documents, Ordering::Relaxed);
    }

    /// One more document audited.
    pub fn audited(&self) {
        self.audited.fetch_add(1, Ordering::Relaxed);
    }

    /// What the screen shows, as one comparable value (redraw only when it changes).
    pub fn snapshot(&self) -> (Phase, usize, usize, usize) {
        (
            self.phase(),
            self.loaded.load(Ordering::Relaxed),
            self.documents.load(Ordering::Relaxed),
            self.audited.load(Ordering::Relaxed),
        )
    }
}

/// The explorer being built on its own thread.
pub struct Loading {
    pub progress: Arc<Progress>,
    pub app: Receiver<App>,
    pub mouse: bool,
    pub lang: Lang,
}

/// Loads, audits and indexes `start`'s sources on a thread; the explorer arrives on `app`.
pub fn spawn(mut start: Start) -> Loading {
    let listing = std::mem::take(&mut start.listing);
    let published = listing
        .sources
        .iter()
        .map(|s| match &s.origin {
            yusuan::load::Origin::Published(files) => files.len(),
            _ => 0,
        })
        .sum();
    let progress = Arc::new(Progress {
        published,
        ..Progress::new(listing.sources.len())
    });
    let (tx, rx) = channel();
    let (mouse, lang) = (start.settings.mouse, start.lang);
    let shared = Arc::clone(&progress);
    std::thread::spawn(move || {
        let corpus = yusuan::load::load_listing_with(listing, |sources, documents| {
            shared.loaded(sources, documents)
        });
        let app = start.build(corpus, &shared);
        // The screen may have been closed (q while loading): nothing to hand over then.
        let _ = tx.send(app);
    });
    Loading {
        progress,
        app: rx,
        mouse,
        lang,
    }
}

/// The progress screen: what is being done, how far, and how to leave.
pub fn draw(f: &mut Frame, progress: &Progress, lang: Lang) {
    let (phase, loaded, documents, audited) = progress.snapshot();
    let total = progress.sources;
    let step = match phase {
        Phase::Loading if progress.published > 0 => format!(
            "{} {} {} ({loaded} / {total})",
            lang.t("importing", "导入"),
            progress.published,
            lang.t("published files", "个公开文件")
        ),
        Phase::Loading => format!(
            "{} {loaded} / {total} {}",
            lang.t("reading", "读取"),
            lang.t("files", "个文件")
        ),
        Phase::Auditing => format!(
            "{} {audited} / {documents} {}",
            lang.t("auditing", "审核"),
            lang.t("documents", "份文档")
        ),
        Phase::Indexing => lang
            .t(
                "building the tree and the search index…",
                "正在生成目录树和搜索索引…",
            )
            .to_string(),
    };
    let lines = vec![
        Line::from("yusuan 预算"),
        Line::from(""),
        Line::from(step),
        Line::from(""),
        Line::from(lang.t("q quits", "按 q 退出")),
    ];
    let area = f.area();
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(lines.len() as u16),
        Constraint::Fill(1),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(lines).alignment(Alignment::Center), middle);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The screen's text as drawn at 60×10.
    fn drawn(p: &Progress) -> String {
        let backend = ratatui::backend::TestBackend::new(60, 10);
        let mut term = ratatui::Terminal::new(backend).unwrap();
        term.draw(|f| draw(f, p, Lang::En)).unwrap();
        term.backend()
            .buffer()
            .content
            .iter()
            .map(|c| c.symbol())
            .collect()
    }

    #[test]
    fn the_screen_says_what_is_being_done_and_how_to_quit() {
        let mut p = Progress::new(120);
        p.loaded(30, 28);
        let text = drawn(&p);
        assert!(text.contains("reading 30 / 120 files"), "{text}");
        assert!(text.contains("q quits"), "{text}");
        p.set_phase(Phase::Auditing);
        p.audited();
        let text = drawn(&p);
        assert!(text.contains("auditing 1 / 28 documents"), "{text}");
        p.set_phase(Phase::Loading);
        p.published = 11;
        let text = drawn(&p);
        assert!(
            text.contains("importing 11 published files (30 / 120)"),
            "{text}"
        );
    }
}
