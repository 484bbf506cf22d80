//! The network switched off and on, and the app's service worker: through
//! Chromium's DevTools protocol (the same switch as DevTools' "Offline"),
//! together with the loopback servers' own plug
//! ([`crate::StaticServer::set_unplugged`]), since the DevTools switch
//! covers the page's requests but not the service worker's own.
//!
//! Every [`crate::Harness`] starts with service workers hidden from the
//! page (as in a browser without them), so that a test that changes a
//! served file and reloads sees the new one at once, and the server hears
//! only the page's own requests;
//! [`crate::Harness::start_with_service_worker`] lets the worker in, as on
//! a resident's phone.

use serde_json::{json, Value};

use crate::browser::Browser;

impl Browser {
    /// Switches the page's network off (`true`) or on: `navigator.onLine`,
    /// the `offline` and `online` events, and every request of the page
    /// failing. Lasts across navigations in the same tab.
    pub async fn set_offline(&self, offline: bool) {
        self.cdp("Network.enable", json!({})).await;
        self.cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": offline,
                "latency": 0,
                "downloadThroughput": -1,
                "uploadThroughput": -1,
            }),
        )
        .await;
    }

    /// Waits until a service worker controls the page and has its shell
    /// and the menu (the deployment config and the feed) cached; panics
    /// after the wait timeout.
    pub async fn wait_for_service_worker(&self) {
        self.wait_until("a service worker controlling the page", || async move {
            let script = "const done = arguments[0];\
                if (!navigator.serviceWorker || !navigator.serviceWorker.controller) { done(false); return; }\
                caches.keys().then((k) => k.some((n) => n.startsWith('caidan-shell-')) && k.includes('caidan-menu')\
                    ? caches.open('caidan-menu').then((c) => c.keys()).then((r) => done(r.length >= 2)) : done(false)).catch(() => done(false));";
            let value = self
                .client()
                .execute_async(script, Vec::new())
                .await
                .unwrap_or(Value::Null);
            value.as_bool().unwrap_or(false).then_some(())
        })
        .await;
    }
}
