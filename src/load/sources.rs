//! Finding the files to load, before any is read: a directory walk in name order, each file
//! given its document id up front so documents can then be loaded one at a time, in parallel.
//!
//! Published PDFs are the exception: which files make one disclosure (公开文件.pdf +
//! 公开表格.pdf) is known only once they are read, so the PDFs of one folder are one source,
//! and the ids of its documents are settled in listing order as they arrive ([`IdSettler`]).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::{LoadError, Loaded, Place};

/// How deep directories are searched.
const MAX_DIR_DEPTH: usize = 64;

/// Where a source's bytes are.
#[derive(Clone, Debug)]
pub enum Origin {
    File(PathBuf),
    /// The published disclosures of one folder (PDFs, text exports), imported together: one
    /// disclosure may be several files.
    Published(Vec<PathBuf>),
    /// A sample built into the binary.
    Embedded(&'static str),
}

/// One file to load.
#[derive(Clone, Debug)]
pub struct Source {
    pub origin: Origin,
    /// The file as named to the user.
    pub file: String,
    /// The id its document gets: the file stem, made unique in the listing (`budget`,
    /// `budget~2`, …). A file that holds several documents numbers them `ID#1`, `ID#2`, ….
    pub id: String,
}

/// Every source found, in input order, plus what could not be searched.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    pub sources: Vec<Source>,
    pub errors: Vec<LoadError>,
    /// The ids given so far, for settling those of imported documents.
    ids: Ids,
}

impl Listing {
    /// The sources loaded one at a time, in order: each file's documents and errors, ids
    /// settled. Only the document being looked at is in memory.
    pub fn load_each(&self) -> impl Iterator<Item = Loads> + '_ {
        let mut settler = self.id_settler();
        self.sources.iter().map(move |source| {
            let mut loads = super::load_one(source);
            for l in &mut loads.documents {
                settler.settle(l);
            }
            loads
        })
    }

    /// Settles the ids of imported documents; give it every document in listing order.
    pub fn id_settler(&self) -> IdSettler {
        IdSettler {
            ids: self.ids.clone(),
        }
    }
}

/// Makes the ids of documents imported from PDFs unique, in the order they are given: a
/// JSON file's id was fixed when it was listed, an imported document's (the common stem of
/// its files, `js-x-2019` for `js-x-2019-text.pdf` + `js-x-2019-tables.pdf`) gets `~2`, `~3`,
/// … when it is taken. Deterministic as long as documents come in listing order.
#[derive(Clone, Debug)]
pub struct IdSettler {
    ids: Ids,
}

impl IdSettler {
    /// Gives `loaded` its final id; returns whether it changed.
    pub fn settle(&mut self, loaded: &mut Loaded) -> bool {
        if loaded.import.is_none() {
            return false;
        }
        let id = self.ids.assign(&loaded.id);
        let changed = id != loaded.id;
        loaded.id = id;
        changed
    }

    /// The final id of an imported document whose wished-for id is `wished`.
    pub fn settle_id(&mut self, wished: &str) -> String {
        self.ids.assign(wished)
    }
}

/// What loading one source gave: its documents, the errors of what could not be loaded, and
/// warnings about what was (an imported PDF's import warnings).
#[derive(Clone, Debug, Default)]
pub struct Loads {
    pub documents: Vec<Loaded>,
    pub errors: Vec<LoadError>,
    pub warnings: Vec<LoadError>,
}

/// Lists files and directories (searched recursively for `*.json` and `*.pdf`, and for `*.txt` in the folders named, in name order)
/// without reading any file.
pub fn enumerate(paths: &[PathBuf]) -> Listing {
    let mut walk = Walk::default();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk.dir(path, 0),
            Ok(_) => walk.file(path),
            Err(err) => walk.listing.errors.push(LoadError {
                file: path.display().to_string(),
                place: Place::File,
                message: format!("cannot read: {err}"),
            }),
        }
    }
    walk.listing.ids = walk.ids;
    walk.listing
}

/// The embedded samples as sources.
pub fn embedded_sources() -> Listing {
    let mut ids = Ids::default();
    let sources = super::embedded_samples()
        .iter()
        .map(|(name, _)| {
            let file = format!("<embedded>/{name}");
            Source {
                id: ids.assign(&stem_of(&file)),
                origin: Origin::Embedded(name),
                file,
            }
        })
        .collect();
    Listing {
        sources,
        errors: Vec::new(),
        ids,
    }
}

/// The sources of `paths`, or the embedded samples when there are none.
pub fn sources(paths: &[PathBuf]) -> Listing {
    if paths.is_empty() {
        embedded_sources()
    } else {
        enumerate(paths)
    }
}

fn stem_of(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string())
}

/// Unique ids in constant time per file: the next free suffix of each stem is remembered,
/// so thousands of files named `budget.json` do not rescan the ids taken so far.
#[derive(Clone, Debug, Default)]
pub(super) struct Ids {
    taken: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl Ids {
    pub(super) fn assign(&mut self, stem: &str) -> String {
        if self.taken.insert(stem.to_string()) {
            return stem.to_string();
        }
        let n = self.next_suffix.entry(stem.to_string()).or_insert(2);
        loop {
            let id = format!("{stem}~{n}");
            *n += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

#[derive(Default)]
struct Walk {
    listing: Listing,
    ids: Ids,
    seen_dirs: HashSet<PathBuf>,
    /// The source holding each folder's PDFs.
    published_sources: HashMap<PathBuf, usize>,
}

/// Whether `path` names a published PDF (by its extension).
pub fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Whether `path` names a published disclosure to import: a PDF or a text export (`.txt`).
pub fn is_published(path: &Path) -> bool {
    is_pdf(path) || crate::import::is_text_export(path)
}

impl Walk {
    fn file(&mut self, path: &Path) {
        if is_published(path) {
            return self.published(path);
        }
        let file = path.display().to_string();
        let id = self.ids.assign(&stem_of(&file));
        self.listing.sources.push(Source {
            origin: Origin::File(path.to_path_buf()),
            file,
            id,
        });
    }

    /// Adds a PDF or text export to its folder's source; the ids come when the folder is
    /// imported.
    fn published(&mut self, path: &Path) {
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        if let Some(&i) = self.published_sources.get(&folder)
            && let Origin::Published(files) = &mut self.listing.sources[i].origin
        {
            files.push(path.to_path_buf());
            return;
        }
        self.published_sources
            .insert(folder, self.listing.sources.len());
        let file = path.display().to_string();
        self.listing.sources.push(Source {
            origin: Origin::Published(vec![path.to_path_buf()]),
            id: stem_of(&file),
            file,
        });
    }

    fn dir(&mut self, dir: &Path, depth: usize) {
        let mut error = |message: String| {
            self.listing.errors.push(LoadError {
                file: dir.display().to_string(),
                place: Place::File,
                message,
            })
        };
        // Symlinks can make cycles; visit each real directory once.
        if let Ok(real) = fs::canonicalize(dir)
            && !self.seen_dirs.insert(real)
        {
            return;
        }
        if depth > MAX_DIR_DEPTH {
            error(format!(
                "directories nested deeper than {MAX_DIR_DEPTH}; not searched further"
            ));
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) => {
                error(format!("cannot read directory: {err}"));
                return;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                self.dir(&path, depth + 1);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                || is_pdf(&path)
                // Text files are disclosures in a folder named on the command line; deeper
                // down they are notes beside the data as often as not (a transcription's
                // `sources/`), so they are imported only when asked for.
                || depth == 0 && crate::import::is_text_export(&path)
            {
                self.file(&path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_stems_get_numbered_ids_in_order_and_never_collide() {
        let mut ids = Ids::default();
        let got: Vec<String> = ["budget", "budget", "budget~2", "budget", "other"]
            .iter()
            .map(|s| ids.assign(s))
            .collect();
        assert_eq!(
            got,
            ["budget", "budget~2", "budget~2~2", "budget~3", "other"]
        );
    }

    #[test]
    fn text_exports_are_listed_from_the_folders_named_not_from_below_them() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sources")).unwrap();
        std::fs::write(dir.path().join("2025.txt"), "x").unwrap();
        std::fs::write(dir.path().join("sources").join("old.txt"), "x").unwrap();
        let listing = enumerate(&[dir.path().to_path_buf()]);
        let files: Vec<&Path> = listing
            .sources
            .iter()
            .flat_map(|s| match &s.origin {
                Origin::Published(paths) => paths.iter().map(PathBuf::as_path).collect(),
                _ => Vec::new(),
            })
            .collect();
        assert_eq!(files, [dir.path().join("2025.txt")]);
        // Named directly, a text file deeper down is imported too.
        let named = dir.path().join("sources").join("old.txt");
        let listing = enumerate(std::slice::from_ref(&named));
        assert!(matches!(&listing.sources[0].origin, Origin::Published(p) if p == &[named]));
    }

    #[test]
    fn directories_are_listed_in_name_order_with_unique_ids() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["b", "a"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
            std::fs::write(dir.path().join(sub).join("budget.json"), "{}").unwrap();
        }
        std::fs::write(dir.path().join("notes.md"), "x").unwrap();
        let listing = enumerate(&[dir.path().to_path_buf()]);
        assert!(listing.errors.is_empty(), "{:?}", listing.errors);
        let shown: Vec<(String, String)> = listing
            .sources
            .iter()
            .map(|s| {
                let rel = Path::new(&s.file).strip_prefix(dir.path()).unwrap();
                (rel.display().to_string(), s.id.clone())
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("a/budget.json".to_string(), "budget".to_string()),
                ("b/budget.json".to_string(), "budget~2".to_string())
            ]
        );
    }

    #[test]
    fn sources_load_one_at_a_time_in_order() {
        let listing = embedded_sources();
        let ids: Vec<String> = listing
            .load_each()
            .flat_map(|r| {
                assert!(r.errors.is_empty(), "{:?}", r.errors);
                r.documents
            })
            .map(|l| l.id)
            .collect();
        assert_eq!(
            ids,
            [
                "000-sanmenxia",
                "001-jiaozuo",
                "002-jincheng",
                "003-hebei-district",
                "004-jiyuan"
            ]
        );
    }

    #[test]
    fn a_file_that_does_not_parse_gives_its_errors_and_no_document() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bad.json"), "{\"format_version\": 1,").unwrap();
        let listing = enumerate(&[dir.path().to_path_buf()]);
        let results: Vec<_> = listing.load_each().collect();
        assert_eq!(results.len(), 1);
        assert!(results[0].documents.is_empty());
        let errors = &results[0].errors;
        assert!(
            errors[0].to_string().contains("bad.json:1:"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn a_missing_path_is_an_error_naming_it() {
        let listing = enumerate(&[PathBuf::from("/no/such/dir/x.json")]);
        assert!(listing.sources.is_empty());
        assert_eq!(listing.errors.len(), 1);
        assert!(
            listing.errors[0]
                .to_string()
                .contains("/no/such/dir/x.json")
        );
    }
}
