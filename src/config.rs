//! The config file: `config.toml` in the user's config directory (through `directories`),
//! or the file named by `--config` / `YUSUAN_CONFIG`.
//!
//! One file, one table per concern: `[audit]` (read by the library), `[ui]`, `[keys]` and
//! `[colors]` (read by the explorer). Each reader rejects unknown fields in its own table.

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

/// Reads a config file as a TOML table.
pub fn read(path: &Path) -> Result<toml::Table, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError(format!("{}: cannot read config: {e}", path.display())))?;
    text.parse::<toml::Table>()
        .map_err(|e| ConfigError(format!("{}: {}", path.display(), e.to_string().trim_end())))
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
