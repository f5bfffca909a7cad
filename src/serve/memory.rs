//! Giving memory back to the system. glibc's allocator keeps what a program
//! frees for reuse, so a server that once had large sessions would stay large
//! after they ended: sessions ask for memory to be given back when they end or
//! shrink, and one task does it at most once a second (it walks the allocator's
//! free lists, which costs a little).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::watch;

/// Memory was freed since the last time it was given back.
static WANTED: AtomicBool = AtomicBool::new(false);

/// Asks for freed memory to be given back soon.
pub fn give_back() {
    WANTED.store(true, Ordering::Relaxed);
}

/// Gives freed memory back, at most once a second, until the server stops.
pub async fn keeper(mut shutdown: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            () = super::session::stopped(&mut shutdown) => return,
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
        if WANTED.swap(false, Ordering::Relaxed) {
            trim();
        }
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn trim() {
    // SAFETY: malloc_trim has no preconditions; it walks the allocator's own free
    // lists under its locks and returns unused pages to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim() {}
