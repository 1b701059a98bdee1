//! Running the real binary in integration tests, isolated from the user's config.
// Each test binary uses only some of these helpers.
#![allow(dead_code)]

pub mod payload;

use std::process::{Command, Output};

/// Runs `yusuan ARGS` with no config file and no triage marks in reach.
pub fn yusuan(args: &[&str]) -> Output {
    command().args(args).output().expect("run yusuan")
}

/// The yusuan command, isolated from the user's config and data directory.
pub fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yusuan"));
    c.env_remove("YUSUAN_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-yusuan-test")
        .env("XDG_DATA_HOME", "/nonexistent-yusuan-test")
        .env("YUSUAN_DATA_DIR", "/nonexistent-yusuan-test/data");
    c
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
