//! Triage marks: an auditor marks a finding confirmed or dismissed, with a short note.
//!
//! Marks are keyed by [`Finding::key`](crate::audit::Finding::key) (document, rule and location,
//! never list positions or values), so they survive re-running and reordering of the audit.
//! They live in `triage.json` in the user's data directory (through `directories`, or
//! `$YUSUAN_DATA_DIR`). Every change re-reads the file, applies only that change and writes a
//! temporary file that is synced and then renamed over the old one: a crash leaves either the
//! old file or the new one, never a half-written one, and two explorers open at once do not
//! erase each other's marks.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

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
}

/// The file's shape.
#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    version: u32,
    marks: BTreeMap<String, Mark>,
}

/// Longest note kept, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// Marks, and where they are kept.
#[derive(Debug, Default)]
pub struct Store {
    path: Option<PathBuf>,
    marks: BTreeMap<String, Mark>,
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

fn read_file(path: &Path) -> Result<BTreeMap<String, Mark>, TriageError> {
    match fs::read(path) {
        Ok(bytes) => {
            let file: File = serde_json::from_slice(&bytes).map_err(|e| {
                TriageError(format!(
                    "{}: cannot read triage marks: {e}; the file is left as it is",
                    path.display()
                ))
            })?;
            Ok(file.marks)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(TriageError(format!("{}: {e}", path.display()))),
    }
}

fn write_atomically(path: &Path, marks: &BTreeMap<String, Mark>) -> Result<(), TriageError> {
    let err =
        |e: std::io::Error| TriageError(format!("{}: cannot save marks: {e}", path.display()));
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(err)?;
    }
    let file = File {
        version: 1,
        marks: marks.clone(),
    };
    let text = serde_json::to_vec_pretty(&file).map_err(|e| TriageError(e.to_string()))?;
    let tmp = path.with_extension(format!("json.tmp{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&text)?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent()
            && let Ok(d) = fs::File::open(dir)
        {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(err)
}

impl Store {
    /// Marks kept in memory only (nothing is written).
    pub fn in_memory() -> Store {
        Store::default()
    }

    /// Opens the marks at `path` (a missing file is no marks yet).
    pub fn open(path: impl Into<PathBuf>) -> Result<Store, TriageError> {
        let path = path.into();
        let marks = read_file(&path)?;
        Ok(Store {
            path: Some(path),
            marks,
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn get(&self, key: &str) -> Option<&Mark> {
        self.marks.get(key)
    }

    pub fn len(&self) -> usize {
        self.marks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// Sets (`Some`) or clears (`None`) the mark of `key`, and saves.
    pub fn set(&mut self, key: &str, mark: Option<Mark>) -> Result<(), TriageError> {
        let mark = mark.map(|mut m| {
            if m.note.chars().count() > MAX_NOTE_CHARS {
                m.note = m.note.chars().take(MAX_NOTE_CHARS).collect();
            }
            m
        });
        if let Some(path) = &self.path {
            // Re-read so marks written by another process since we opened are kept.
            let mut on_disk = read_file(path)?;
            match &mark {
                Some(m) => on_disk.insert(key.to_string(), m.clone()),
                None => on_disk.remove(key),
            };
            write_atomically(path, &on_disk)?;
            self.marks = on_disk;
        } else {
            match mark {
                Some(m) => self.marks.insert(key.to_string(), m),
                None => self.marks.remove(key),
            };
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(status: Status, note: &str) -> Option<Mark> {
        Some(Mark {
            status,
            note: note.into(),
        })
    }

    #[test]
    fn marks_persist_across_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("triage.json");
        let mut s = Store::open(&path).unwrap();
        assert!(s.is_empty());
        s.set("a|ARITH-001|t", mark(Status::Confirmed, "checked the PDF"))
            .unwrap();
        s.set("b", mark(Status::Dismissed, "rounding")).unwrap();
        let s2 = Store::open(&path).unwrap();
        assert_eq!(s2.get("a|ARITH-001|t").unwrap().status, Status::Confirmed);
        assert_eq!(s2.get("b").unwrap().note, "rounding");
        let mut s3 = Store::open(&path).unwrap();
        s3.set("b", None).unwrap();
        assert!(Store::open(&path).unwrap().get("b").is_none());
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("triage.json")]);
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
    }

    #[test]
    fn a_corrupt_file_is_reported_and_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("triage.json");
        fs::write(&path, "{ not json").unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(err.0.contains("cannot read triage marks"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "{ not json");
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
