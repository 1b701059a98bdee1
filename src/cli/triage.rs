//! `yusuan triage`: confirm, dismiss or clear a finding's mark by its id, and list the marks,
//! without the explorer. Marks go to the same store the explorer uses.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use yusuan::audit::{self, Finding, short_id};
use yusuan::load::Corpus;
use yusuan::text::sanitize;
use yusuan::triage::review::{key_document, key_rule};
use yusuan::triage::{Mark, Status, Store};

#[derive(Debug, Args)]
pub struct TriageArgs {
    #[command(subcommand)]
    pub action: TriageAction,
}

#[derive(Debug, Subcommand)]
pub enum TriageAction {
    /// Mark a finding confirmed: a real defect of the document.
    Confirm(MarkArgs),
    /// Mark a finding dismissed (explained): `yusuan audit` leaves it out.
    Dismiss(MarkArgs),
    /// Remove a finding's mark (also a stale one, whose finding no longer occurs).
    Clear(TargetArgs),
    /// List every mark: who made it and when, and whether its finding still occurs.
    List(TargetlessArgs),
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    /// Why (kept with the mark, at most 500 characters).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct TargetArgs {
    /// The finding's id as `yusuan audit` prints it (a unique prefix is enough).
    pub id: String,
    #[command(flatten)]
    pub common: TargetlessArgs,
}

#[derive(Debug, Args)]
pub struct TargetlessArgs {
    /// Files or directories audited to find the finding (default: the embedded sample).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Config file (default: config.toml in the user config directory, or $YUSUAN_CONFIG).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// The audit config (all severities: a mark can be made on any finding) and the author from
/// the config file.
pub fn settings(explicit: Option<&Path>) -> Result<(audit::Config, Option<String>), String> {
    let Some(path) = yusuan::config::locate(explicit) else {
        return Ok((audit::Config::default(), None));
    };
    let table = yusuan::config::read(&path).map_err(|e| e.to_string())?;
    let mut config =
        yusuan::config::audit_config(Some(&table), &path).map_err(|e| e.to_string())?;
    config.min_severity = audit::Severity::Info;
    let author = yusuan::config::triage_author(Some(&table), &path).map_err(|e| e.to_string())?;
    Ok((config, author))
}

/// What the id names: the key, and the finding when it still occurs.
pub fn resolve<'a>(
    id: &str,
    findings: &'a [Finding],
    store: &Store,
) -> Result<(String, Option<&'a Finding>), String> {
    let q = id.trim().to_ascii_lowercase();
    if q.len() < 4 || !q.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!(
            "{:?} is not a finding id; expected the 10 hex digits `yusuan audit` prints (at least 4)",
            sanitize(&yusuan::text::cut_values(id))
        ));
    }
    let mut found: Vec<(String, Option<&Finding>)> = Vec::new();
    for f in findings {
        if f.id().starts_with(&q) {
            let key = f.key();
            if !found.iter().any(|(k, _)| *k == key) {
                found.push((key, Some(f)));
            }
        }
    }
    for (key, _) in store.marks() {
        if short_id(key).starts_with(&q) && !found.iter().any(|(k, _)| k == key) {
            found.push((key.to_string(), None));
        }
    }
    let exact: Vec<usize> = (0..found.len())
        .filter(|&i| short_id(&found[i].0) == q)
        .collect();
    if exact.len() == 1 {
        return Ok(found.swap_remove(exact[0]));
    }
    match found.len() {
        0 => Err(format!(
            "no finding with id {q} in the audited documents; `yusuan audit` prints each finding's id"
        )),
        1 => Ok(found.remove(0)),
        n => {
            let mut msg = format!("id {q} names {n} findings; use more digits:");
            for (key, _) in found.iter().take(20) {
                let _ = write!(msg, "\n  {}  {}", short_id(key), describe_key(key));
            }
            Err(msg)
        }
    }
}

/// `DOC RULE table › row › column › section` from a key, for marks whose finding is gone.
pub fn describe_key(key: &str) -> String {
    let parts: Vec<&str> = key.split('|').collect();
    let place: Vec<&str> = parts
        .iter()
        .skip(2)
        .take(4)
        .copied()
        .filter(|p| !p.is_empty())
        .collect();
    sanitize(&format!(
        "{} {} {}",
        key_document(key),
        key_rule(key),
        place.join(" › ")
    ))
    .trim_end()
    .to_string()
}

fn describe(f: &Finding) -> String {
    sanitize(&format!("{} {} {}", f.document, f.rule, f.location))
        .trim_end()
        .to_string()
}

/// Who and when, as printed after a mark.
pub fn byline(mark: &Mark) -> String {
    let mut s = String::new();
    if let Some(a) = &mark.author {
        let _ = write!(s, " by {}", sanitize(a));
    }
    if let Some(at) = &mark.at {
        let _ = write!(s, " at {}", sanitize(at));
    }
    s
}

/// Confirms, dismisses or clears; returns the line to print.
pub fn apply(
    store: &mut Store,
    findings: &[Finding],
    id: &str,
    mark: Option<Mark>,
) -> Result<String, String> {
    let (key, finding) = resolve(id, findings, store)?;
    if mark.is_some() && finding.is_none() {
        return Err(format!(
            "the finding {} no longer occurs ({}); only `yusuan triage clear` applies to it",
            short_id(&key),
            describe_key(&key)
        ));
    }
    let status = mark.as_ref().map(|m| m.status);
    store.set(&key, mark).map_err(|e| e.to_string())?;
    let what = finding.map(describe).unwrap_or_else(|| describe_key(&key));
    Ok(match (status, store.get(&key)) {
        (Some(s), Some(m)) => format!(
            "{} {} {}  {}{}\n",
            s.symbol(),
            s.label(),
            short_id(&key),
            what,
            byline(m)
        ),
        _ => format!("mark cleared {}  {}\n", short_id(&key), what),
    })
}

/// Whether the audit of `corpus` under `config` would report the finding of `key` if it
/// still occurred: its document was audited and its rule is enabled.
pub fn in_scope(corpus: &Corpus, config: &audit::Config, key: &str) -> bool {
    let doc = key_document(key);
    corpus.documents.iter().any(|d| d.id == doc)
        && audit::rule(key_rule(key)).is_some_and(|r| config.is_enabled(r.meta()))
}

/// `yusuan triage list`.
pub fn render_list(
    store: &Store,
    corpus: &Corpus,
    config: &audit::Config,
    findings: &[Finding],
) -> String {
    let by_key: std::collections::HashMap<String, &Finding> =
        findings.iter().map(|f| (f.key(), f)).collect();
    let mut out = String::new();
    let (mut confirmed, mut dismissed, mut stale, mut elsewhere) = (0, 0, 0, 0);
    for (key, mark) in store.marks() {
        match mark.status {
            Status::Confirmed => confirmed += 1,
            Status::Dismissed => dismissed += 1,
        }
        let (what, state) = match by_key.get(key) {
            Some(f) => (describe(f), ""),
            None if in_scope(corpus, config, key) => {
                stale += 1;
                (describe_key(key), "  [stale: the finding no longer occurs]")
            }
            None => {
                elsewhere += 1;
                (describe_key(key), "  [document not audited]")
            }
        };
        let _ = writeln!(
            out,
            "{} {:<9} {}  {}{}{}",
            mark.status.symbol(),
            mark.status.label(),
            short_id(key),
            what,
            byline(mark),
            state
        );
        if !mark.note.is_empty() {
            let _ = writeln!(out, "      {}", sanitize(&mark.note));
        }
    }
    let n = store.len();
    let _ = writeln!(
        out,
        "{n} mark{}: {confirmed} confirmed, {dismissed} dismissed; {stale} stale, {elsewhere} in documents not audited",
        if n == 1 { "" } else { "s" }
    );
    if let Some(p) = store.path() {
        let _ = writeln!(out, "kept in {}", sanitize(&p.display().to_string()));
    }
    out
}
