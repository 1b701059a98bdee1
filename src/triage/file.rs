//! The triage file on disk: format versions, the lock writers take, atomic replacement,
//! corrupt files moved aside and leftover temporary files removed.
//!
//! Every writer holds an exclusive lock on `triage.json.lock` while it re-reads the file,
//! applies its one change and renames a synced temporary file over it. Readers need no lock:
//! the rename is atomic, so they see the old file or the new one. The lock is an OS file lock,
//! so a writer killed with SIGKILL releases it; its temporary file is removed by the next
//! writer (temporary files are only ever created under the lock, so any found there are dead).

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{Mark, TriageError};

/// The format this build writes.
pub const VERSION: u32 = 2;

/// How long a writer waits for another one before giving up with a message.
const LOCK_WAIT: Duration = Duration::from_secs(10);

#[derive(Serialize, Deserialize)]
struct Body {
    version: u32,
    marks: BTreeMap<String, Mark>,
}

#[derive(Deserialize)]
struct Header {
    version: u32,
}

/// What is on disk.
#[derive(Debug)]
pub enum Contents {
    Missing,
    Marks(BTreeMap<String, Mark>),
    /// A newer format: the marks this build understands, never written back.
    Newer {
        version: u32,
        marks: BTreeMap<String, Mark>,
    },
    /// Not a triage file this build can read; the reason.
    Corrupt(String),
}

/// Reads the file. Only I/O errors other than "not found" are errors.
pub fn read(path: &Path) -> Result<Contents, TriageError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Contents::Missing),
        Err(e) => return Err(TriageError(format!("{}: {e}", path.display()))),
    };
    Ok(parse(&bytes))
}

/// Parses the bytes of a triage file.
pub fn parse(bytes: &[u8]) -> Contents {
    let header: Header = match serde_json::from_slice(bytes) {
        Ok(h) => h,
        Err(e) => return Contents::Corrupt(crate::text::cut_values(&e.to_string())),
    };
    if header.version > VERSION {
        #[derive(Deserialize)]
        struct Loose {
            #[serde(default)]
            marks: BTreeMap<String, serde_json::Value>,
        }
        let marks = serde_json::from_slice::<Loose>(bytes)
            .map(|l| {
                l.marks
                    .into_iter()
                    .filter_map(|(k, v)| Some((k, serde_json::from_value(v).ok()?)))
                    .collect()
            })
            .unwrap_or_default();
        return Contents::Newer {
            version: header.version,
            marks,
        };
    }
    if header.version == 0 {
        return Contents::Corrupt("format version 0 does not exist".into());
    }
    match serde_json::from_slice::<Body>(bytes) {
        Ok(body) => Contents::Marks(body.marks),
        Err(e) => Contents::Corrupt(crate::text::cut_values(&e.to_string())),
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// An exclusive lock on the triage file, released when dropped (or when the process dies).
pub struct Lock(#[allow(dead_code)] fs::File);

/// Takes the writers' lock, waiting up to [`LOCK_WAIT`] for another writer.
pub fn lock(path: &Path) -> Result<Lock, TriageError> {
    let err = |e: std::io::Error| TriageError(format!("{}: cannot lock: {e}", path.display()));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(err)?;
    }
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(sibling(path, ".lock"))
        .map_err(err)?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock(file)),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(TriageError(format!(
                    "{}: another yusuan has held the lock for {} s; mark not saved, try again",
                    path.display(),
                    LOCK_WAIT.as_secs()
                )));
            }
            Err(fs::TryLockError::Error(e)) => return Err(err(e)),
        }
    }
}

/// Takes the lock only if no one holds it now.
pub fn try_lock(path: &Path) -> Option<Lock> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(sibling(path, ".lock"))
        .ok()?;
    file.try_lock().ok()?;
    Some(Lock(file))
}

/// Moves a file this build cannot read out of the way (kept for the user to inspect); returns
/// where it went. Call with the lock held.
pub fn move_aside(path: &Path, _lock: &Lock) -> Result<PathBuf, TriageError> {
    let stamp = super::clock::compact_utc();
    let mut aside = sibling(path, &format!(".corrupt-{stamp}"));
    let mut n = 2;
    while aside.exists() {
        aside = sibling(path, &format!(".corrupt-{stamp}-{n}"));
        n += 1;
    }
    fs::rename(path, &aside).map_err(|e| {
        TriageError(format!(
            "{}: cannot move the unreadable file aside: {e}",
            path.display()
        ))
    })?;
    Ok(aside)
}

/// Removes temporary files left by writers that died mid-write. Call with the lock held.
pub fn clean_temporaries(path: &Path, _lock: &Lock) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!("{}.tmp", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Replaces the file with `marks`: a synced temporary file renamed over it. Call with the lock
/// held.
pub fn write(path: &Path, marks: &BTreeMap<String, Mark>, _lock: &Lock) -> Result<(), TriageError> {
    let err =
        |e: std::io::Error| TriageError(format!("{}: cannot save marks: {e}", path.display()));
    let body = Body {
        version: VERSION,
        marks: marks.clone(),
    };
    let mut text = serde_json::to_vec_pretty(&body).map_err(|e| TriageError(e.to_string()))?;
    text.push(b'\n');
    let tmp = sibling(path, &format!(".tmp{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&text)?;
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
