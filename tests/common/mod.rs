//! Running the real binary in integration tests, isolated from the user's config.

use std::process::{Command, Output};

/// Runs `yusuan ARGS` with no config file in reach.
pub fn yusuan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(args)
        .env_remove("YUSUAN_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-yusuan-test")
        .output()
        .expect("run yusuan")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
