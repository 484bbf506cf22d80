//! Slow-device emulation and timing: Chromium DevTools commands through
//! chromedriver, and numbers read from the page.
//!
//! Phones in the field are several times slower than the test machine;
//! [`Browser::throttle_cpu`] lets a test check that the app stays usable
//! when every script runs at that speed.

use serde_json::{json, Value};

use crate::browser::Browser;

impl Browser {
    /// Runs a Chromium DevTools Protocol command (e.g.
    /// `Emulation.setCPUThrottlingRate`) on the current page through
    /// chromedriver's `goog/cdp/execute` endpoint and returns its result.
    /// Panics if chromedriver or Chromium refuses it.
    pub async fn cdp(&self, command: &str, params: Value) -> Value {
        let body = json!({ "cmd": command, "params": params });
        match self.session_post("goog/cdp/execute", body).await {
            Ok(result) => result,
            Err(e) => panic!("DevTools command `{command}` failed: {e}"),
        }
    }

    /// Makes the page's CPU `rate` times slower (4 is a typical mid-range
    /// phone; 1 turns throttling off). It lasts for the session, across
    /// navigations in the same tab. Panics if `rate` is below 1 or not a
    /// number.
    pub async fn throttle_cpu(&self, rate: f64) {
        if rate.is_nan() || rate < 1.0 {
            panic!("CPU throttling rate `{rate}` is below 1");
        }
        self.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": rate }))
            .await;
    }

    /// Runs `script` in the page as [`Browser::execute`] does (a function
    /// body that must `return` a number, with `arguments` empty) and returns
    /// that number. Panics if it returns anything else.
    pub async fn eval_number(&self, script: &str) -> f64 {
        let value = self.execute(script, Vec::new()).await;
        match value.as_f64() {
            Some(number) => number,
            None => panic!("script returned `{value}`, not a number\nscript: {script}"),
        }
    }

    /// The page's `performance.now()`: milliseconds since the page's time
    /// origin, with sub-millisecond resolution.
    pub async fn performance_now_ms(&self) -> f64 {
        self.eval_number("return performance.now();").await
    }
}
