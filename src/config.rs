//! The config file: `config.toml` in the user's config directory (through `directories`),
//! or the file named by `--config` / `YUSUAN_CONFIG`.
//!
//! One file, one table per concern: `[audit]` and `[triage]` (read by the library), `[ui]`,
//! `[keys]` and `[colors]` (read by the explorer). [`read`] rejects unknown tables and each
//! reader rejects unknown fields in its own table, so a typo is an error, never ignored.

use std::path::{Path, PathBuf};

use crate::audit::{Config, ConfigError};

/// Where yusuan looks for its config file when none is named.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "yusuan").map(|d| d.config_dir().join("config.toml"))
}

/// The config file to use: `explicit`, else `$YUSUAN_CONFIG`, else the default path if it exists.
pub fn locate(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("YUSUAN_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    default_path().filter(|p| p.is_file())
}

/// The tables a config file may have.
pub const TABLES: &[&str] = &["audit", "triage", "ui", "keys", "colors"];

/// Largest config file read: a config is a few lines.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads a config file as a TOML table. Syntax errors keep toml's line-and-caret diagram;
/// an unknown table or top-level key is an error naming it and its line.
pub fn read(path: &Path) -> Result<toml::Table, ConfigError> {
    let cannot = |e: String| ConfigError(format!("{}: cannot read config: {e}", path.display()));
    let meta = std::fs::metadata(path).map_err(|e| cannot(e.to_string()))?;
    if !meta.is_file() {
        return Err(cannot("not a regular file".into()));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(cannot(format!("larger than {MAX_CONFIG_BYTES} bytes")));
    }
    let text = std::fs::read_to_string(path).map_err(|e| cannot(e.to_string()))?;
    let table = text
        .parse::<toml::Table>()
        .map_err(|e| ConfigError(format!("{}: {}", path.display(), e.to_string().trim_end())))?;
    for (key, value) in &table {
        if !TABLES.contains(&key.as_str()) || !value.is_table() {
            let line = line_of(&text, key)
                .map(|l| format!(":{l}"))
                .unwrap_or_default();
            let what = if value.is_table() {
                format!("unknown table [{}]", crate::text::cut_values(key))
            } else {
                format!("key {:?} outside any table", crate::text::cut_values(key))
            };
            let expected: Vec<String> = TABLES.iter().map(|t| format!("[{t}]")).collect();
            return Err(ConfigError(format!(
                "{}{line}: {what}; expected the tables {}",
                path.display(),
                expected.join(", ")
            )));
        }
    }
    Ok(table)
}

/// The line (1-based) where a top-level `key` is introduced, as `[key]`, `[key.x]` or `key =`.
fn line_of(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            let header = l.strip_prefix('[').map(|h| h.trim_start_matches('['));
            let starts = |s: &str| {
                s.strip_prefix(key)
                    .or_else(|| s.strip_prefix(&format!("\"{key}\"")))
                    .is_some_and(|r| r.trim_start().starts_with([']', '.', '=']))
            };
            header.map_or(starts(l), starts)
        })
        .map(|i| i + 1)
}

/// `[triage] author`: who marks made on this machine are attributed to.
pub fn triage_author(
    table: Option<&toml::Table>,
    origin: &Path,
) -> Result<Option<String>, ConfigError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct TriageTable {
        author: Option<String>,
    }
    let Some(section) = table.and_then(|t| t.get("triage")) else {
        return Ok(None);
    };
    let t: TriageTable = section.clone().try_into().map_err(|e: toml::de::Error| {
        ConfigError(format!("{}: [triage]: {}", origin.display(), e.message()))
    })?;
    Ok(t.author.filter(|a| !a.trim().is_empty()))
}

/// The audit configuration from the `[audit]` table of `table`, if any.
pub fn audit_config(table: Option<&toml::Table>, origin: &Path) -> Result<Config, ConfigError> {
    let mut config = Config::default();
    if let Some(section) = table.and_then(|t| t.get("audit")) {
        let file: crate::audit::config_file::AuditFile =
            section.clone().try_into().map_err(|e: toml::de::Error| {
                ConfigError(format!("{}: [audit]: {}", origin.display(), e.message()))
            })?;
        config.apply_file(&file, origin)?;
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<toml::Table, ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, text).unwrap();
        read(&path).map_err(|e| ConfigError(e.0.replace(&dir.path().display().to_string(), "")))
    }

    #[test]
    fn unknown_tables_and_top_level_keys_are_errors_with_their_line() {
        let e = read_text("[ui]\nlang = 'zh'\n\n[color]\nerror = 'red'\n").unwrap_err();
        assert!(
            e.0.contains("/c.toml:4: unknown table [color]; expected the tables [audit]"),
            "{e}"
        );
        let e = read_text("lang = 'zh'\n").unwrap_err();
        assert!(
            e.0.contains("/c.toml:1: key \"lang\" outside any table"),
            "{e}"
        );
        assert!(read_text("[audit]\n[triage]\nauthor = 'li'\n[ui]\n[keys]\n[colors]\n").is_ok());
    }

    #[test]
    fn syntax_errors_keep_line_and_caret() {
        let e = read_text("[ui]\nlang = \n").unwrap_err();
        assert!(e.0.lines().count() > 2 && e.0.contains('^'), "{e}");
    }

    #[test]
    fn triage_author_is_read_strictly() {
        let t: toml::Table = "[triage]\nauthor = '李四'\n".parse().unwrap();
        assert_eq!(
            triage_author(Some(&t), Path::new("c")).unwrap().as_deref(),
            Some("李四")
        );
        let t: toml::Table = "[triage]\nauthr = 'x'\n".parse().unwrap();
        let e = triage_author(Some(&t), Path::new("c")).unwrap_err();
        assert!(e.0.contains("[triage]") && e.0.contains("authr"), "{e}");
    }
}
