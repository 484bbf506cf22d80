//! What the loopback servers ([`StaticServer`] and [`Open311Mock`]) share:
//! an axum router served on a free port of 127.0.0.1 until dropped.
//!
//! Every response carries `Cache-Control: no-store` (a test always sees the
//! current file) and `Connection: close` (each connection carries one
//! request, so nothing lingers after a test).
//!
//! [`StaticServer`]: crate::StaticServer
//! [`Open311Mock`]: crate::Open311Mock

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::http::header::{CACHE_CONTROL, CONNECTION};
use axum::http::HeaderValue;
use axum::Router;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tower_http::set_header::SetResponseHeaderLayer;

/// A router served on the tokio runtime that started it. Dropping it stops
/// accepting connections.
#[derive(Debug)]
pub(crate) struct Loopback {
    addr: SocketAddr,
    task: JoinHandle<()>,
    unplugged: Arc<AtomicBool>,
}

impl Loopback {
    /// Binds 127.0.0.1 on a free port and serves `router` there.
    pub(crate) async fn serve(router: Router) -> io::Result<Loopback> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let unplugged = Arc::new(AtomicBool::new(false));
        let listener = Pluggable {
            inner: listener,
            unplugged: Arc::clone(&unplugged),
        };
        let router = router
            .layer(header(CACHE_CONTROL, "no-store"))
            .layer(header(CONNECTION, "close"));
        let task = tokio::spawn(async move {
            // Serving ends only with an IO error on the listener; the test
            // then sees refused connections.
            let _ = axum::serve(listener, router).await;
        });
        Ok(Loopback {
            addr,
            task,
            unplugged,
        })
    }

    /// While `true`, every connection is closed as soon as it is accepted,
    /// before a byte is read: to the browser the server is unreachable, as
    /// with no network at all.
    pub(crate) fn set_unplugged(&self, unplugged: bool) {
        self.unplugged.store(unplugged, Ordering::SeqCst);
    }

    /// The address the server listens on.
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Loopback {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A listener that drops what it accepts while unplugged.
struct Pluggable {
    inner: TcpListener,
    unplugged: Arc<AtomicBool>,
}

impl axum::serve::Listener for Pluggable {
    type Io = TcpStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (TcpStream, SocketAddr) {
        loop {
            let (stream, addr) = axum::serve::Listener::accept(&mut self.inner).await;
            if !self.unplugged.load(Ordering::SeqCst) {
                return (stream, addr);
            }
            drop(stream);
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// Sets the header `name` to `value` on every response.
fn header(
    name: axum::http::HeaderName,
    value: &'static str,
) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

/// Locks a mutex, carrying on if a panicking test poisoned it.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
