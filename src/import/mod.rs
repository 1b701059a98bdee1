//! Import of published disclosures (PDF) into the model, every figure with its page and box.
//!
//! One pipeline, whatever the input: the input becomes positioned words and ruling lines
//! ([`layout`]); tables are found from titles, rules and positions ([`grid`]); each grid gets
//! its meaning — kind, column keys, codes, row roles ([`table`]); the free text becomes
//! narrative sections ([`narrative`]) and metadata ([`meta`]). A self-check ([`check`]) replays
//! the document's own totals on the imported rows, so a misplaced number shows up in the
//! import report before it can become an audit finding.
//!
//! Several files that are one disclosure (公开文件.pdf + 公开表格.pdf: the same department and
//! year) are imported as one document.

pub mod check;
pub mod collapsed;
pub mod grid;
pub mod kinds;
pub mod layout;
pub mod meta;
pub mod narrative;
pub mod packed_form;
pub mod pdf;
pub mod placement;
pub mod report;
pub mod table;
pub mod targets;
pub mod text_export;
pub mod units;
pub mod words;
pub mod wrapped_rows;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{Department, Document, FORMAT_VERSION, Level, MoneyUnit, Performance, Region};

pub use report::{ImportReport, Issue, IssueSeverity, TableSummary};

use layout::Page;

/// A file that could not be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    /// A page, where the problem is on one.
    pub page: Option<u32>,
    pub message: String,
    /// The file is readable text but no budget disclosure (a README.txt beside the PDFs):
    /// found in a folder it is passed over with a warning, not an error.
    pub not_a_disclosure: bool,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.page {
            Some(p) => write!(f, "{}: page {p}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// One imported disclosure.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The input files it was made from, as named to the user.
    pub files: Vec<String>,
    /// A short id for node addresses: the file stem, or the stems' common part.
    pub id: String,
    pub document: Document,
    pub report: ImportReport,
}

/// One input file read into pages.
struct Read {
    name: String,
    shown: String,
    path: PathBuf,
    dir: PathBuf,
    /// The pages, unless let go to keep memory bounded (read again when assembled).
    pages: Option<Vec<Page>>,
    issues: Vec<Issue>,
    department: Option<String>,
    year: Option<u16>,
    tables: usize,
}

/// Largest PDF imported.
pub const MAX_PDF_BYTES: u64 = 256 * 1024 * 1024;

/// Pages held in memory while a folder's files are grouped into disclosures (about 50 KB
/// each); the pages of files beyond are let go and read again when their document is built,
/// so a folder of thousands of PDFs imports in bounded memory.
pub const MAX_PAGES_HELD: usize = 4_000;

/// Imports PDF files and text exports; files of one disclosure (same folder, department and
/// year) become one document. Each result is a document or the error of one file.
pub fn import_files(paths: &[PathBuf]) -> Vec<Result<Imported, ImportError>> {
    import_files_holding(paths, MAX_PAGES_HELD)
}

/// [`import_files`], holding at most `max_pages` pages while grouping.
pub fn import_files_holding(
    paths: &[PathBuf],
    max_pages: usize,
) -> Vec<Result<Imported, ImportError>> {
    let mut out = Vec::new();
    import_files_each(paths, crate::parallel::default_jobs(), max_pages, |r| {
        out.push(r)
    });
    out
}

/// [`import_files`] on `jobs` threads, handing each result to `each` as it is ready: first
/// the files that could not be read, in input order, then the documents in input order —
/// the same results, in the same order, whatever `jobs` is.
///
/// Files are read (the expensive step: a PDF's pages of words) in parallel, then grouped into
/// disclosures, then each disclosure is assembled in parallel; at most `max_pages` pages are
/// held while grouping.
pub fn import_files_each(
    paths: &[PathBuf],
    jobs: usize,
    max_pages: usize,
    mut each: impl FnMut(Result<Imported, ImportError>),
) {
    let mut reads: Vec<Read> = Vec::new();
    let mut held = 0;
    crate::parallel::map_ordered(
        paths,
        jobs,
        |path| read_input(path),
        |_, read| match read {
            Ok(mut r) => {
                let n = r.pages.as_ref().map_or(0, Vec::len);
                if held + n > max_pages {
                    r.pages = None;
                } else {
                    held += n;
                }
                reads.push(r)
            }
            Err(e) => each(Err(e)),
        },
    );
    // Group: same folder, same department (ignoring a 中共 prefix) and year.
    let mut groups: Vec<Vec<Read>> = Vec::new();
    for r in reads {
        let key = |r: &Read| {
            (
                r.dir.clone(),
                r.department.as_deref().map(same_department),
                r.year,
            )
        };
        match groups
            .iter_mut()
            .find(|g| key(&g[0]) == key(&r) && r.department.is_some() && r.year.is_some())
        {
            Some(g) => g.push(r),
            None => groups.push(vec![r]),
        }
    }
    // Each group is taken by the one worker that assembles it.
    let groups: Vec<std::sync::Mutex<Option<Vec<Read>>>> = groups
        .into_iter()
        .map(|g| std::sync::Mutex::new(Some(g)))
        .collect();
    crate::parallel::map_ordered(
        &groups,
        jobs,
        |slot| {
            let group = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
            group.map(assemble_group)
        },
        |_, result| {
            if let Some(result) = result {
                each(result)
            }
        },
    );
}

/// One disclosure's files into its document, reading again the pages let go while grouping
/// (the file could have changed or gone meanwhile).
fn assemble_group(mut group: Vec<Read>) -> Result<Imported, ImportError> {
    // Narrative first, then tables (公开文件 before 公开表格).
    group.sort_by_key(|r| r.tables);
    for r in &mut group {
        if r.pages.is_none() {
            r.pages = read_input(&r.path)?.pages;
        }
    }
    Ok(assemble(group))
}

/// `中共江苏省委办公厅` and `江苏省委办公厅` are one department.
fn same_department(name: &str) -> String {
    name.trim_start_matches("中共").to_string()
}

/// Reads one input file (a PDF or a text export) into pages of words.
fn read_input(path: &Path) -> Result<Read, ImportError> {
    let shown = path.display().to_string();
    let fail = |page: Option<u32>, message: String| ImportError {
        file: shown.clone(),
        page,
        message,
        not_a_disclosure: false,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(None, format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(fail(None, "not a regular file; skipped".into()));
    }
    let text = is_text_export(path);
    let limit = if text {
        text_export::MAX_TEXT_BYTES
    } else {
        MAX_PDF_BYTES
    };
    if meta.len() > limit {
        return Err(fail(
            None,
            format!("the file is larger than {limit} bytes; not a budget disclosure"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(None, format!("cannot read: {e}")))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let mut issues = Vec::new();
    let pages = if text {
        let decoded = text_export::decode(&bytes).map_err(|why| fail(None, why))?;
        let pages = text_export::pages(&decoded, 0);
        let cut = decoded
            .lines()
            .enumerate()
            .filter(|(_, l)| l.chars().count() > text_export::MAX_LINE_CHARS)
            .map(|(i, _)| i as u32 + 1);
        for line in cut {
            issues.push(Issue::warning(
                1,
                Some(line),
                None,
                format!(
                    "the line is longer than {} characters; the rest of it was left out",
                    text_export::MAX_LINE_CHARS
                ),
            ));
        }
        pages
    } else {
        pdf_pages(&bytes, &mut issues).map_err(|why| fail(None, why))?
    };
    let texts: Vec<String> = pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.text()))
        .collect();
    let department = meta::department(&texts).map(|d| d.name);
    let year = meta::year(&texts);
    let tables = texts
        .iter()
        .filter(|t| grid::looks_like_title(&layout::compact(t)))
        .count();
    if text
        && tables == 0
        && !texts
            .iter()
            .any(|t| t.contains("预算") || t.contains("决算"))
    {
        return Err(ImportError {
            not_a_disclosure: true,
            ..fail(
                None,
                "not a budget disclosure: no budget table title and no 预算 or 决算 in the text"
                    .into(),
            )
        });
    }
    Ok(Read {
        name,
        shown,
        path: path.to_path_buf(),
        dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        pages: Some(pages),
        issues,
        department,
        year,
        tables,
    })
}

/// Whether `path` names a text export (`.txt`) rather than a PDF.
pub fn is_text_export(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

/// The pages of a PDF, with a warning for each page that could not be read in full.
fn pdf_pages(bytes: &[u8], issues: &mut Vec<Issue>) -> Result<Vec<Page>, String> {
    let (raw, failed) = pdf::read(bytes).map_err(|p| p.to_string())?;
    for (page, why) in failed {
        issues.push(Issue::warning(
            page,
            None,
            None,
            format!("page could not be read: {why}"),
        ));
    }
    let total_glyphs: usize = raw.iter().map(|p| p.glyphs.len()).sum();
    let undecodable: usize = raw.iter().map(|p| p.undecodable).sum();
    if total_glyphs == 0 {
        let images: usize = raw.iter().map(|p| p.images).sum();
        let why = if undecodable > 0 {
            format!(
                "its fonts have no usable Unicode map ({undecodable} glyphs could not be decoded) and no text could be read"
            )
        } else if images > 0 {
            "no text layer: the pages are images (a scan); it needs OCR before it can be imported"
                .into()
        } else {
            "no text layer: no page holds any text".into()
        };
        return Err(why);
    }
    let mut pages = Vec::with_capacity(raw.len());
    for p in raw {
        if p.undecodable > 0 {
            let share = p.undecodable as f32 / (p.undecodable + p.glyphs.len()).max(1) as f32;
            issues.push(Issue::warning(
                p.number,
                None,
                None,
                format!(
                    "{} glyphs could not be decoded (their font has no Unicode map) and were left out{}",
                    p.undecodable,
                    if share > 0.2 { "; this page's text is incomplete" } else { "" }
                ),
            ));
        }
        if p.glyphs.is_empty() && p.images > 0 {
            issues.push(Issue::warning(
                p.number,
                None,
                None,
                "the page is an image with no text layer (needs OCR); nothing on it was imported"
                    .into(),
            ));
        }
        if p.outside > 0 {
            issues.push(Issue::note(
                p.number,
                None,
                None,
                format!("{} characters drawn outside the page box were left out (they are not visible in the PDF)", p.outside),
            ));
        }
        pages.push(Page::from_pdf(0, p));
    }
    Ok(pages)
}

/// Builds one document from the pages of its files.
fn assemble(group: Vec<Read>) -> Imported {
    let names: Vec<String> = group.iter().map(|r| r.name.clone()).collect();
    let files: Vec<String> = group.iter().map(|r| r.shown.clone()).collect();
    let several = group.len() > 1;
    let mut pages: Vec<Page> = Vec::new();
    let mut issues: Vec<Issue> = Vec::new();
    for (i, r) in group.into_iter().enumerate() {
        for mut p in r.pages.unwrap_or_default() {
            p.file = i;
            pages.push(p);
        }
        for mut issue in r.issues {
            if several {
                issue.source.file = Some(names[i].clone());
            }
            issues.push(issue);
        }
    }
    let (document, report) = build_document(&pages, &names, issues);
    Imported {
        id: common_stem(&names),
        files,
        document,
        report,
    }
}

/// Turns pages into a document and its report. Shared by every input kind.
pub fn build_document(
    pages: &[Page],
    names: &[String],
    mut issues: Vec<Issue>,
) -> (Document, ImportReport) {
    let several = names.len() > 1;
    let file_name = |i: usize| several.then(|| names[i].as_str());
    let (grids, free) = grid::find(pages);
    let texts: Vec<String> = pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.text()))
        .collect();
    let title_texts: Vec<String> = free
        .iter()
        .take(40)
        .map(|l| l.text.clone())
        .chain(grids.iter().map(|g| g.title.clone()))
        .collect();
    let year = meta::year(&title_texts).or_else(|| meta::year(&texts));
    let department = meta::department(&texts).unwrap_or(Department {
        name: "未知部门".into(),
        code: None,
        aliases: Vec::new(),
    });
    if year.is_none() {
        issues.push(Issue::warning(
            1,
            None,
            None,
            "no budget year is printed as a year (YYYY年); 0 recorded".into(),
        ));
    }
    if department.name == "未知部门" {
        issues.push(Issue::warning(
            1,
            None,
            None,
            "the department is not named on an 编制部门 / 部门 line".into(),
        ));
    }
    let region = meta::region(&department.name, &texts);
    let kind = meta::disclosure_kind(&texts);
    // Units: the document's money unit where a table prints none is the one most tables print.
    let units: Vec<Option<MoneyUnit>> = grids
        .iter()
        .map(|g| {
            table::printed_unit(g).or_else(|| {
                kinds::is_performance_title(&g.title)
                    .then(|| targets::form_unit(g))
                    .flatten()
            })
        })
        .collect();
    let fallback = units.iter().flatten().fold([0usize; 2], |mut n, u| {
        n[(*u == MoneyUnit::Yuan) as usize] += 1;
        n
    });
    let fallback = if fallback[1] > fallback[0] {
        MoneyUnit::Yuan
    } else {
        MoneyUnit::WanYuan
    };
    let mut tables = Vec::new();
    let mut summaries = Vec::new();
    let mut performance = Performance::default();
    // Collapsed tables read by their sums: (table, grid, the issues their reading raised).
    let mut by_sums: Vec<(usize, usize, std::ops::Range<usize>)> = Vec::new();
    for (gi, (g, unit)) in grids.iter().zip(units).enumerate() {
        // A performance target table gives the targets; it stays a printed table too.
        if let Some(t) = targets::from_grid(g, pages, unit.unwrap_or(fallback), file_name(g.file)) {
            match t {
                targets::Targets::Department(d) if performance.department.is_none() => {
                    performance.department = Some(d)
                }
                targets::Targets::Department(_) => {}
                targets::Targets::Project(p) => performance.projects.push(p),
                targets::Targets::Projects(ps) => performance.projects.extend(ps),
            }
        }
        // A form printed as labelled lines only (no figures under its header) keeps them as
        // its rows.
        let filled;
        let g = if g.rows.is_empty()
            && !g.header_rows.is_empty()
            && kinds::is_performance_title(&g.title)
        {
            filled = grid::Grid {
                rows: g.header_rows.clone(),
                ..g.clone()
            };
            &filled
        } else if let Some(items) = empty_table_items(g) {
            // A table printed empty: its item lines (因公出国（境）费 with every cell blank)
            // are rows, not more of its header.
            let mut rows = g.header_rows[items..].to_vec();
            rows.extend(g.rows.iter().cloned());
            filled = grid::Grid {
                header_rows: g.header_rows[..items].to_vec(),
                rows,
                ..g.clone()
            };
            &filled
        } else {
            g
        };
        let id = format!("t{:02}", tables.len() + 1);
        let unit = unit.unwrap_or_else(|| {
            issues.push(Issue::warning(
                g.first_page,
                g.first_line,
                Some(&g.title),
                format!("no money unit is printed with this table; {} (the unit most tables print) recorded", fallback.label()),
            ));
            fallback
        });
        let before = issues.len();
        let mut t = table::to_table(g, id.clone(), unit, file_name(g.file), &mut issues);
        if g.collapsed && std::ptr::eq(g, &grids[gi]) && t.unread.is_none() {
            by_sums.push((tables.len(), gi, before..issues.len()));
        }
        // A tab-separated export's cells are placed by field, not by position on a page: where
        // a run of figures sits one cell off, the table's sums say where it belongs. (Text laid
        // out by position, as `pdftotext -layout` writes it, keeps the figures where the page
        // printed them; a row that does not add up there is the document's, for the audit.)
        if g.from_fields {
            placement::confirm(&mut t, &mut issues);
        }
        // Text laid out by position (`pdftotext -layout`) gives columns only as far as its
        // spacing goes: a table read from it whose own totals do not hold, or whose columns or
        // cells could not all be placed, is kept unread rather than audited as read.
        // (A collapsed table read back by its sums adds up by construction.)
        let positional = pages.iter().any(|p| p.text_grid) && !g.from_fields && !g.collapsed;
        if positional && t.unread.is_none() && t.has_data() {
            let mut own = Vec::new();
            let (_, broken) = check::self_check(std::slice::from_ref(&t), &mut own);
            let unplaced = issues[before..].iter().any(|i| {
                i.severity == IssueSeverity::Warning && i.table.as_deref() == Some(&t.title)
            });
            let unknown = t.columns.iter().any(|c| c.key.starts_with("x_"));
            let doubts = doubts_within(&t, year.unwrap_or(0));
            if broken > 0 || unplaced || unknown || doubts.is_some() {
                let why = if broken > 0 {
                    "its own totals do not hold as read"
                } else if let Some(rule) = doubts {
                    rule
                } else if unknown {
                    "not every column could be named from its header"
                } else {
                    "not every cell could be placed in a column"
                };
                issues.push(Issue::warning(
                    g.first_page,
                    g.first_line,
                    Some(&g.title),
                    format!("the columns of this table could not be read reliably from the text layout ({why}); its figures are kept in each row's note and not audited — the PDF imports them"),
                ));
                table::mark_unread(
                    &mut t,
                    format!("read from a text laid out by position, {why}"),
                );
            }
        }
        summaries.push(TableSummary {
            id,
            title: t.title.clone(),
            kind: t.kind.name(),
            place: t.source.as_ref().map(|s| s.place()).unwrap_or_default(),
            rows: t.rows.len(),
            columns: t.columns.len(),
            unit: t.unit.label(),
            empty: !t.has_data() && t.unread.is_none(),
            unread: t.unread.is_some(),
        });
        tables.push(t);
    }
    // Where several placements of a collapsed table's figures add up, the one agreeing with
    // what the other tables print for the same rows is taken: the tables before it as read,
    // those after it where their own sums settle the row. Last first, so each table is
    // chosen by the readings before it as they were first made.
    for (i, gi, raised) in by_sums.into_iter().rev() {
        // A table whose sums settle every row has nothing to choose.
        let unsettled = tables[i].rows.iter().any(|r| {
            r.note
                .as_deref()
                .is_some_and(|n| n.contains(collapsed::UNSETTLED))
        });
        if !unsettled {
            continue;
        }
        let hints = collapsed::hints::Hints::from_tables(&tables, i);
        if hints.is_empty() {
            continue;
        }
        let g = &grids[gi];
        let mut own = Vec::new();
        let t = table::to_table_with(
            g,
            tables[i].id.clone(),
            tables[i].unit,
            file_name(g.file),
            &hints,
            &mut own,
        );
        if t != tables[i] {
            tables[i] = t;
            issues.splice(raised, own);
        }
    }
    let sections = narrative::sections(&free, names);
    let mut units = units::from_tables(&tables);
    // Without unit lines in the tables, the units the 预算单位构成 lists.
    if units.is_empty() {
        units = units::from_narrative(&sections);
    }
    // Without a 部门整体绩效目标表, the targets its narrative section lists.
    if performance.department.is_none() {
        performance.department = targets::department_from_narrative(&sections, fallback);
    }
    let (passed, failed) = check::self_check(&tables, &mut issues);
    let title = free
        .iter()
        .take(5)
        .map(|l| l.text.trim())
        .find(|t| t.contains("预算") || t.contains("决算"))
        .map(str::to_string)
        .unwrap_or_else(|| format!("{}{}", department.name, kind.unwrap_or("部门预算")));
    let mut notes = vec![format!(
        "Imported by yusuan {} from {}{}.",
        env!("CARGO_PKG_VERSION"),
        names.join(" + "),
        kind.map(|k| format!(" ({k})")).unwrap_or_default()
    )];
    if region.level == Level::City && region.city.is_none() {
        notes.push(
            "The level (市级) is assumed: the document does not say 省级, 市级, 区级 or 县级."
                .into(),
        );
    }
    let document = Document {
        format_version: FORMAT_VERSION,
        source_file: names.first().cloned().unwrap_or_default(),
        title,
        year: year.unwrap_or(0),
        region: Region { ..region },
        department,
        units,
        sections,
        tables,
        performance,
        notes,
    };
    let report = ImportReport {
        files: names.to_vec(),
        pages: pages.len(),
        tables: summaries,
        sections: document.sections.len(),
        issues,
        checks_passed: passed,
        checks_failed: failed,
    };
    (document, report)
}

/// What the audit's checks within one table (its sums, its codes and names) find in a table
/// read from a text laid out by position: a reading that breaks them is more likely the
/// layout's than the document's, so the table is not audited as read.
fn doubts_within(table: &crate::model::Table, year: u16) -> Option<&'static str> {
    let doc = Document {
        format_version: FORMAT_VERSION,
        source_file: String::new(),
        title: String::new(),
        year,
        region: Region {
            province: String::new(),
            city: None,
            district: None,
            level: Level::City,
        },
        department: Department {
            name: String::new(),
            code: None,
            aliases: Vec::new(),
        },
        units: Vec::new(),
        sections: Vec::new(),
        tables: vec![table.clone()],
        performance: Performance::default(),
        notes: Vec::new(),
    };
    let config = crate::audit::Config::default();
    let cx = crate::audit::Context::new("", &doc, &config);
    for rule in crate::audit::rules::catalogue() {
        let id = rule.meta().id;
        let within = id.starts_with("ARITH-") || id == "STRUCT-008";
        if !within {
            continue;
        }
        let mut found = Vec::new();
        rule.check(&cx, &mut found);
        if !found.is_empty() {
            return Some(if id == "STRUCT-008" {
                "its codes and names do not match as read"
            } else {
                "its sums do not hold as read"
            });
        }
    }
    None
}

/// Where the item lines of a tab-separated table with no figure anywhere start among its
/// header lines: the lines under the last header line of several cells that print only their
/// first cell.
fn empty_table_items(g: &grid::Grid) -> Option<usize> {
    let texts = |r: &grid::GridRow| -> Vec<String> {
        r.cells
            .iter()
            .map(|c| {
                c.as_ref()
                    .map_or(String::new(), |c| c.text.trim().to_string())
            })
            .collect()
    };
    let lines: Vec<Vec<String>> = g.header_rows.iter().chain(&g.rows).map(texts).collect();
    if !g.from_fields || lines.iter().flatten().any(|t| words::is_amount(t)) {
        return None;
    }
    let first_only = |l: &Vec<String>| {
        l.first().is_some_and(|t| !t.is_empty()) && l[1..].iter().all(String::is_empty)
    };
    let header = &lines[..g.header_rows.len()];
    let at = header
        .iter()
        .rposition(|l| l.iter().filter(|t| !t.is_empty()).count() >= 2)?
        + 1;
    (at < header.len() && header[at..].iter().all(first_only)).then_some(at)
}

/// The part of the file stems they share (`js-x-2019-text` + `js-x-2019-tables` → `js-x-2019`).
fn common_stem(names: &[String]) -> String {
    let stems: Vec<String> = names
        .iter()
        .map(|n| {
            Path::new(n)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| n.clone())
        })
        .collect();
    let Some(first) = stems.first() else {
        return "import".into();
    };
    let mut prefix: Vec<char> = first.chars().collect();
    for s in &stems[1..] {
        let n = prefix
            .iter()
            .zip(s.chars())
            .take_while(|(a, b)| **a == *b)
            .count();
        prefix.truncate(n);
    }
    let mut p: String = prefix.into_iter().collect();
    if stems.len() > 1 && !stems.iter().all(|s| s.len() == p.len()) {
        // Cut back to a word boundary: `js-x-2019-t` (text / tables) → `js-x-2019`.
        if let Some(at) = p.rfind(['-', '_', ' ', '.']) {
            p.truncate(at);
        }
    }
    let p = p.trim_end_matches(['-', '_', ' ', '.']).to_string();
    if p.chars().count() < 3 {
        first.clone()
    } else {
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(
            common_stem(&["js-a-2019-text.pdf".into(), "js-a-2019-tables.pdf".into()]),
            "js-a-2019"
        );
        assert_eq!(common_stem(&["x.pdf".into()]), "x");
    }
}
