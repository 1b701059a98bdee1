//! Triage marks: an auditor marks a finding confirmed or dismissed, with a short note; the mark
//! records who made it and when.
//!
//! Marks are keyed by [`Finding::key`](crate::audit::Finding::key) (document, rule and location,
//! never list positions or values), so they survive re-running and reordering of the audit;
//! [`Finding::id`](crate::audit::Finding::id) is the short form people type. They live in
//! `triage.json` in the user's data directory (through `directories`, or `$YUSUAN_DATA_DIR`).
//! Any number of explorers and `yusuan triage` commands can mark at once: each change is applied
//! under a lock to the file as it is on disk ([`file`]), so nobody's marks are lost. A file that
//! cannot be read is moved aside with a message and a new one started; a file of a newer format
//! is shown but never written.

pub mod clock;
mod file;
pub mod review;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use file::Contents;
pub use file::VERSION;

/// What the auditor decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Confirmed,
    Dismissed,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Dismissed => "dismissed",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Confirmed => "已确认",
            Status::Dismissed => "已排除",
        }
    }
    /// A mark readable without colour.
    pub fn symbol(self) -> char {
        match self {
            Status::Confirmed => '✓',
            Status::Dismissed => '✗',
        }
    }
}

/// One mark.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub status: Status,
    #[serde(default)]
    pub note: String,
    /// Who marked it (`[triage] author` in the config, else `$USER`); filled in when saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// When, in UTC (`2026-12-01T19:30:05Z`); filled in when saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

impl Mark {
    /// A new mark; the store fills in who and when as it saves it.
    pub fn new(status: Status, note: impl Into<String>) -> Mark {
        Mark {
            status,
            note: note.into(),
            author: None,
            at: None,
        }
    }
}

/// Longest note kept, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// Longest author name kept, in characters.
const MAX_AUTHOR_CHARS: usize = 100;

/// Marks, and where they are kept.
#[derive(Debug, Default)]
pub struct Store {
    path: Option<PathBuf>,
    marks: BTreeMap<String, Mark>,
    author: String,
    /// Why marks cannot be saved (a newer format on disk), if so.
    read_only: Option<String>,
    /// What the user must be told (a file moved aside, read-only), not yet shown.
    notices: Vec<String>,
}

/// Why marks could not be read or written.
#[derive(Debug)]
pub struct TriageError(pub String);

impl std::fmt::Display for TriageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TriageError {}

/// Where marks are kept: `$YUSUAN_DATA_DIR/triage.json`, else the data directory.
pub fn default_path() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("YUSUAN_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("triage.json"));
    }
    directories::ProjectDirs::from("", "", "yusuan").map(|d| d.data_dir().join("triage.json"))
}

/// Who is marking when the config names no one: `$USER`, else `$LOGNAME`, else "unknown".
pub fn default_author() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

fn newer_message(path: &Path, version: u32) -> String {
    format!(
        "{} is triage format version {version}, newer than this yusuan writes ({VERSION}); \
         marks are shown but not saved — use a newer yusuan to change them",
        path.display()
    )
}

fn moved_message(path: &Path, reason: &str, aside: &Path) -> String {
    format!(
        "{} could not be read ({reason}); it was moved to {} and a new file started — marks \
         made now are saved",
        path.display(),
        aside.display()
    )
}

impl Store {
    /// Marks kept in memory only (nothing is written).
    pub fn in_memory() -> Store {
        Store {
            author: default_author(),
            ..Store::default()
        }
    }

    /// Opens the marks at `path` (a missing file is no marks yet). A file that cannot be read
    /// is moved aside and a newer format is opened read-only; both leave a [notice](Self::take_notices).
    /// Errors only when the file exists and cannot be read at all (permissions).
    pub fn open(path: impl Into<PathBuf>) -> Result<Store, TriageError> {
        let path = path.into();
        let mut store = Store {
            path: Some(path.clone()),
            author: default_author(),
            ..Store::default()
        };
        // Temporary files of writers that died can go whenever nobody is writing.
        if let Some(lock) = file::try_lock(&path) {
            file::clean_temporaries(&path, &lock);
        }
        match file::read(&path)? {
            Contents::Missing => {}
            Contents::Marks(m) => store.marks = m,
            Contents::Newer { version, marks } => {
                store.marks = marks;
                store.set_read_only(newer_message(&path, version));
            }
            Contents::Corrupt(_) => store.marks = store.recover()?,
        }
        Ok(store)
    }

    /// Under the lock: re-reads the file and, if it still cannot be read, moves it aside.
    fn recover(&mut self) -> Result<BTreeMap<String, Mark>, TriageError> {
        let path = self.path.clone().expect("only stores with a file recover");
        let lock = match file::lock(&path) {
            Ok(l) => l,
            Err(e) => {
                let msg = format!(
                    "{} cannot be read and cannot be moved aside ({e}); marks are not saved",
                    path.display()
                );
                self.set_read_only(msg);
                return Ok(BTreeMap::new());
            }
        };
        self.read_locked(&path, &lock)
    }

    /// Reads the file with the lock held, moving an unreadable one aside.
    fn read_locked(
        &mut self,
        path: &Path,
        lock: &file::Lock,
    ) -> Result<BTreeMap<String, Mark>, TriageError> {
        match file::read(path)? {
            Contents::Missing => Ok(BTreeMap::new()),
            Contents::Marks(m) => Ok(m),
            Contents::Newer { version, marks } => {
                self.set_read_only(newer_message(path, version));
                Ok(marks)
            }
            Contents::Corrupt(reason) => match file::move_aside(path, lock) {
                Ok(aside) => {
                    self.notices.push(moved_message(path, &reason, &aside));
                    Ok(BTreeMap::new())
                }
                Err(e) => {
                    self.set_read_only(format!("{e}; marks are not saved"));
                    Ok(BTreeMap::new())
                }
            },
        }
    }

    fn set_read_only(&mut self, why: String) {
        if self.read_only.as_deref() != Some(why.as_str()) {
            self.notices.push(why.clone());
        }
        self.read_only = Some(why);
    }

    /// Who the marks saved from now on are attributed to.
    pub fn set_author(&mut self, author: &str) {
        let author = crate::text::sanitize(author.trim());
        if !author.is_empty() {
            self.author = author.chars().take(MAX_AUTHOR_CHARS).collect();
        }
    }

    pub fn author(&self) -> &str {
        &self.author
    }

    /// Messages for the user (a file moved aside, marks read-only), each returned once.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// Why marks cannot be saved, if they cannot.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn get(&self, key: &str) -> Option<&Mark> {
        self.marks.get(key)
    }

    /// Every mark, by key.
    pub fn marks(&self) -> impl Iterator<Item = (&str, &Mark)> {
        self.marks.iter().map(|(k, m)| (k.as_str(), m))
    }

    pub fn len(&self) -> usize {
        self.marks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// Sets (`Some`) or clears (`None`) the mark of `key`, and saves. The change is applied to
    /// the file as it is now, under the lock, so marks other processes saved meanwhile stay.
    pub fn set(&mut self, key: &str, mark: Option<Mark>) -> Result<(), TriageError> {
        let mark = mark.map(|mut m| {
            if m.note.chars().count() > MAX_NOTE_CHARS {
                m.note = m.note.chars().take(MAX_NOTE_CHARS).collect();
            }
            m.author.get_or_insert_with(|| self.author.clone());
            m.at.get_or_insert_with(clock::now_utc);
            m
        });
        let Some(path) = self.path.clone() else {
            match mark {
                Some(m) => self.marks.insert(key.to_string(), m),
                None => self.marks.remove(key),
            };
            return Ok(());
        };
        if let Some(why) = &self.read_only {
            return Err(TriageError(why.clone()));
        }
        let lock = file::lock(&path)?;
        file::clean_temporaries(&path, &lock);
        let mut on_disk = self.read_locked(&path, &lock)?;
        if let Some(why) = &self.read_only {
            self.marks = on_disk;
            return Err(TriageError(why.clone()));
        }
        match &mark {
            Some(m) => on_disk.insert(key.to_string(), m.clone()),
            None => on_disk.remove(key),
        };
        file::write(&path, &on_disk, &lock)?;
        self.marks = on_disk;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn mark(status: Status, note: &str) -> Option<Mark> {
        Some(Mark::new(status, note))
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    #[test]
    fn marks_persist_across_opens_with_author_and_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("triage.json");
        let mut s = Store::open(&path).unwrap();
        assert!(s.is_empty());
        s.set_author("张三");
        s.set("a|ARITH-001|t", mark(Status::Confirmed, "checked the PDF"))
            .unwrap();
        s.set("b", mark(Status::Dismissed, "rounding")).unwrap();
        let s2 = Store::open(&path).unwrap();
        let a = s2.get("a|ARITH-001|t").unwrap();
        assert_eq!(a.status, Status::Confirmed);
        assert_eq!(a.author.as_deref(), Some("张三"));
        let at = a.at.as_deref().unwrap();
        assert!(
            at.len() == 20 && at.ends_with('Z') && at.starts_with("20"),
            "{at}"
        );
        assert_eq!(s2.get("b").unwrap().note, "rounding");
        let mut s3 = Store::open(&path).unwrap();
        s3.set("b", None).unwrap();
        assert!(Store::open(&path).unwrap().get("b").is_none());
        // No temporary file is left behind; the lock file stays (it is only ever locked).
        assert_eq!(
            names(path.parent().unwrap()),
            ["triage.json", "triage.json.lock"]
        );
    }

    #[test]
    fn two_writers_keep_each_others_marks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("triage.json");
        let mut a = Store::open(&path).unwrap();
        let mut b = Store::open(&path).unwrap();
        a.set("x", mark(Status::Confirmed, "")).unwrap();
        b.set("y", mark(Status::Dismissed, "")).unwrap();
        let s = Store::open(&path).unwrap();
        assert!(s.get("x").is_some() && s.get("y").is_some());
        // The second writer also sees the first one's mark now.
        assert!(b.get("x").is_some());
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_and_new_marks_are_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("triage.json");
        fs::write(&path, "{ not json").unwrap();
        let mut s = Store::open(&path).unwrap();
        let notices = s.take_notices();
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(
            notices[0].contains("could not be read") && notices[0].contains(".corrupt-"),
            "{notices:?}"
        );
        let aside: Vec<String> = names(dir.path())
            .into_iter()
            .filter(|n| n.contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            fs::read_to_string(dir.path().join(&aside[0])).unwrap(),
            "{ not json"
        );
        s.set("k", mark(Status::Confirmed, "")).unwrap();
        assert!(Store::open(&path).unwrap().get("k").is_some());
    }

    #[test]
    fn a_file_corrupted_after_opening_is_moved_aside_on_the_next_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("triage.json");
        let mut s = Store::open(&path).unwrap();
        fs::write(&path, "garbage").unwrap();
        s.set("k", mark(Status::Dismissed, "")).unwrap();
        assert_eq!(s.take_notices().len(), 1);
        assert!(Store::open(&path).unwrap().get("k").is_some());
    }

    #[test]
    fn a_newer_format_is_read_only_and_never_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("triage.json");
        let text = r#"{"version": 9, "marks": {"k": {"status": "dismissed", "note": "n", "future": 1}}, "extra": true}"#;
        fs::write(&path, text).unwrap();
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.get("k").unwrap().status, Status::Dismissed);
        assert!(s.read_only().unwrap().contains("version 9"));
        assert_eq!(s.take_notices().len(), 1);
        let err = s.set("j", mark(Status::Confirmed, "")).unwrap_err();
        assert!(err.0.contains("newer"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn version_1_files_are_read_and_upgraded_on_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("triage.json");
        fs::write(
            &path,
            r#"{"version": 1, "marks": {"old": {"status": "confirmed", "note": "kept"}}}"#,
        )
        .unwrap();
        let mut s = Store::open(&path).unwrap();
        assert!(s.take_notices().is_empty());
        s.set("new", mark(Status::Dismissed, "")).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("\"version\": 2") && text.contains("kept"),
            "{text}"
        );
    }

    #[test]
    fn leftover_temporary_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("triage.json");
        fs::write(dir.path().join("triage.json.tmp4242"), "half").unwrap();
        fs::write(dir.path().join("other.json.tmp1"), "not ours").unwrap();
        let _ = Store::open(&path).unwrap();
        assert_eq!(names(dir.path()), ["other.json.tmp1", "triage.json.lock"]);
    }

    #[test]
    fn notes_are_bounded_and_memory_store_works() {
        let mut s = Store::in_memory();
        s.set("k", mark(Status::Confirmed, &"长".repeat(2000)))
            .unwrap();
        assert_eq!(s.get("k").unwrap().note.chars().count(), MAX_NOTE_CHARS);
        assert!(s.path().is_none());
    }
}
