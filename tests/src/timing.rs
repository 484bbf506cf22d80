//! Slow-device emulation and timing: Chromium DevTools commands through
//! chromedriver, numbers read from the page, and a timer from a form's
//! submission to the page it leads to.
//!
//! Phones in the field are several times slower than the test machine;
//! [`Browser::throttle_cpu`] lets a test check that the app stays usable
//! when every script runs at that speed.

use base64::Engine;
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

    /// Polls `script` (a function body with `arguments` set to `args`)
    /// until it returns a number, and returns it; panics naming `what`
    /// after the wait timeout. Script errors (a page being replaced) count
    /// as "not yet".
    pub async fn wait_for_number(&self, what: &str, script: &str, args: Vec<Value>) -> f64 {
        self.wait_until(what, || async {
            let value = self.client().execute(script, args.clone()).await.ok()?;
            value.as_f64()
        })
        .await
    }

    /// Starts a timer for the next form submission in the page: it stops
    /// at the first DOM change (or animation frame) after which the script
    /// expression `condition` holds. Read it with
    /// [`Browser::wait_for_submit_ms`]; a navigation discards it.
    pub async fn time_next_submit(&self, condition: &str) {
        let script = SUBMIT_TIMER_JS.replace("CONDITION", condition);
        self.execute(&script, Vec::new()).await;
    }

    /// Waits for the timer of [`Browser::time_next_submit`] and returns its
    /// milliseconds, as the page measured them.
    pub async fn wait_for_submit_ms(&self) -> f64 {
        let script =
            "const t = window.cdSubmit; return t && t.end !== null ? t.end - t.start : null;";
        self.wait_for_number("the page after the submission", script, Vec::new())
            .await
    }
}

/// The timer of [`Browser::time_next_submit`]; `CONDITION` is replaced by
/// the condition.
const SUBMIT_TIMER_JS: &str = r#"
const t = { start: null, end: null };
window.cdSubmit = t;
const done = () => CONDITION;
const stop = () => {
  if (t.end === null && done()) { t.end = performance.now(); observer.disconnect(); }
  return t.end !== null;
};
const check = () => { if (!stop()) requestAnimationFrame(check); };
const observer = new MutationObserver(() => { if (t.start !== null) stop(); });
document.addEventListener("submit", () => {
  t.start = performance.now();
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  requestAnimationFrame(check);
}, { capture: true, once: true });
return true;
"#;

impl Browser {
    /// When `CAIDAN_SCREENSHOTS` names a folder, saves the page as
    /// `<folder>/<name>-phone.png` (412×915) and `<name>-kiosk.png`
    /// (1080×1920), for people to look at; otherwise does nothing.
    pub async fn screenshots(&self, name: &str) {
        let Some(dir) = std::env::var_os("CAIDAN_SCREENSHOTS") else {
            return;
        };
        let dir = std::path::PathBuf::from(dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("cannot make `{}`: {e}", dir.display());
        }
        for (device, width, height) in [("phone", 412, 915), ("kiosk", 1080, 1920)] {
            let metrics = json!({
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": device == "phone",
            });
            self.cdp("Emulation.setDeviceMetricsOverride", metrics)
                .await;
            let shot = self
                .cdp("Page.captureScreenshot", json!({ "format": "png" }))
                .await;
            let data = shot.get("data").and_then(Value::as_str).unwrap_or_default();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data)
                .unwrap_or_else(|e| panic!("the screenshot is not base64: {e}"));
            let path = dir.join(format!("{name}-{device}.png"));
            if let Err(e) = std::fs::write(&path, bytes) {
                panic!("cannot write `{}`: {e}", path.display());
            }
        }
        self.cdp("Emulation.clearDeviceMetricsOverride", json!({}))
            .await;
    }
}
