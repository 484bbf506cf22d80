//! Running the `caidan` binary as a publisher would, for the CLI tests.

use std::process::Command;

/// What one run of `caidan` gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `caidan` with `args`.
pub fn caidan(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_caidan"))
        .args(args)
        .output()
        .expect("the caidan binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
