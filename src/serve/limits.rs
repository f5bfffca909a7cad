//! Limits that keep one client (or many) from taking the server: terminal sizes
//! and the cells all sessions draw, connections and sessions per address,
//! environment variables kept.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The widest and tallest terminal a session draws for: the cap every session has,
/// local or not ([`crate::session::MAX_COLS`]), so no client makes the server
/// allocate without bound.
pub use crate::session::{MAX_COLS, MAX_ROWS};
/// What a request of 0 columns or rows (some clients send 0x0) means.
pub const DEFAULT_SIZE: (u16, u16) = (80, 24);

/// A client's terminal size, clamped to `1..=MAX`; 0 means the default.
pub fn terminal_size(cols: u32, rows: u32) -> (u16, u16) {
    let fit = |v: u32, max: u16, default: u16| {
        if v == 0 {
            default
        } else {
            u16::try_from(v).unwrap_or(u16::MAX).min(max)
        }
    };
    (
        fit(cols, MAX_COLS, DEFAULT_SIZE.0),
        fit(rows, MAX_ROWS, DEFAULT_SIZE.1),
    )
}

/// Cells a session may always draw, whatever the others hold: an 80x24 screen's
/// worth (or its whole window, if smaller).
pub const MIN_CELLS: usize = 80 * 24;

/// The cells (character positions) all sessions draw at once, and so the memory
/// their screens take (about 100 bytes a cell: ratatui keeps two buffers). A
/// session asks for its window's size; it gets it while the budget has room, else
/// a smaller screen of the same shape (at least [`MIN_CELLS`]) in the top-left
/// corner of its window. Sessions drawn smaller wait for the cells they lack in
/// order of arrival: cells given back go to the one that came first (a later one
/// gets only what the earlier ones do not lack), and [`CellGrant::freed`] wakes
/// them to ask again.
#[derive(Debug)]
pub struct CellBudget {
    capacity: usize,
    state: Mutex<Cells>,
    freed: tokio::sync::watch::Sender<u64>,
}

#[derive(Debug, Default)]
struct Cells {
    used: usize,
    /// The next grant's place in the order of arrival.
    next: u64,
    /// The cells each session drawn smaller lacks, by its place in the order of
    /// arrival.
    short: BTreeMap<u64, usize>,
}

impl CellBudget {
    pub fn new(capacity: usize) -> Arc<CellBudget> {
        Arc::new(CellBudget {
            capacity,
            state: Mutex::new(Cells::default()),
            freed: tokio::sync::watch::Sender::new(0),
        })
    }

    /// A session's share, holding nothing yet.
    pub fn grant(self: &Arc<Self>) -> CellGrant {
        let mut state = self.lock();
        let place = state.next;
        state.next += 1;
        CellGrant {
            budget: self.clone(),
            place,
            held: 0,
            window: None,
            drawn: (0, 0),
            freed: self.freed.subscribe(),
        }
    }

    /// Cells held by all sessions now.
    pub fn used(&self) -> usize {
        self.lock().used
    }

    /// Cells all sessions may hold.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cells> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Wakes the sessions drawn smaller: cells came back (or a session that
    /// came before them lacks fewer).
    fn wake(&self) {
        self.freed.send_modify(|n| *n = n.wrapping_add(1));
    }
}

/// The cells one session holds; given back when it is dropped.
#[derive(Debug)]
pub struct CellGrant {
    budget: Arc<CellBudget>,
    place: u64,
    held: usize,
    /// The window last fitted, and the size drawn for it.
    window: Option<(u16, u16)>,
    drawn: (u16, u16),
    freed: tokio::sync::watch::Receiver<u64>,
}

impl CellGrant {
    /// The size to draw for a window of `size` (already within
    /// [`MAX_COLS`] x [`MAX_ROWS`]): all of it while the budget has room (less
    /// what the sessions drawn smaller before this one lack), else the largest
    /// one of the same shape that fits (never less than [`MIN_CELLS`], and, for
    /// the same window, never less than it has).
    pub fn fit(&mut self, size: (u16, u16)) -> (u16, u16) {
        let (cols, rows) = size;
        let want = usize::from(cols) * usize::from(rows);
        let mut state = self.budget.lock();
        let others = state.used.saturating_sub(self.held);
        let waiting_before: usize = state.short.range(..self.place).map(|(_, n)| n).sum();
        let room = self
            .budget
            .capacity
            .saturating_sub(others)
            .saturating_sub(waiting_before);
        let allowed = want.min(room.max(MIN_CELLS));
        let mut fitted = shrink_to(size, allowed);
        // Asked again for the same window, it never gets less than it has.
        if self.window == Some(size) && usize::from(fitted.0) * usize::from(fitted.1) <= self.held {
            fitted = self.drawn;
        }
        let held = usize::from(fitted.0) * usize::from(fitted.1);
        let lacked = state.short.get(&self.place).copied().unwrap_or(0);
        let lacks = want - held;
        if lacks == 0 {
            state.short.remove(&self.place);
        } else {
            state.short.insert(self.place, lacks);
        }
        let gave_back = held < self.held || lacks < lacked;
        self.held = held;
        self.window = Some(size);
        self.drawn = fitted;
        state.used = others + held;
        drop(state);
        if gave_back {
            self.budget.wake();
        }
        fitted
    }

    /// Whether the window last fitted is drawn smaller than it is.
    pub fn short(&self) -> bool {
        self.window
            .is_some_and(|(c, r)| usize::from(c) * usize::from(r) > self.held)
    }

    /// Returns when cells may have come back for a session drawn smaller (ask
    /// again with [`CellGrant::fit`]); never, once the budget is gone.
    pub async fn freed(&mut self) {
        if self.freed.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
    }

    /// Cells held now.
    pub fn held(&self) -> usize {
        self.held
    }
}

impl Drop for CellGrant {
    fn drop(&mut self) {
        let mut state = self.budget.lock();
        state.used = state.used.saturating_sub(self.held);
        state.short.remove(&self.place);
        drop(state);
        self.budget.wake();
    }
}

/// The largest size of the shape of `size` with at most `cells` cells.
fn shrink_to((cols, rows): (u16, u16), cells: usize) -> (u16, u16) {
    let want = usize::from(cols) * usize::from(rows);
    if want <= cells {
        return (cols, rows);
    }
    let scale = (cells as f64 / want as f64).sqrt();
    // Both factors shrink by the same scale; each is at least 1.
    let fit = |v: u16| ((f64::from(v) * scale).floor() as u16).clamp(1, v);
    let (mut c, mut r) = (fit(cols), fit(rows));
    while usize::from(c) * usize::from(r) > cells && (c > 1 || r > 1) {
        if c > 1 && (r == 1 || u32::from(c) * u32::from(rows) >= u32::from(r) * u32::from(cols)) {
            c -= 1;
        } else {
            r -= 1;
        }
    }
    (c, r)
}

/// Counts what each address holds at once (connections logging in, sessions),
/// with the same notion of an address as the rate limit (IPv6 per /64). Only
/// addresses that hold something are remembered.
#[derive(Debug)]
pub struct PerAddress {
    max: usize,
    held: Mutex<HashMap<IpAddr, usize>>,
}

impl PerAddress {
    pub fn new(max: usize) -> Arc<PerAddress> {
        Arc::new(PerAddress {
            max: max.max(1),
            held: Mutex::new(HashMap::new()),
        })
    }

    /// One more for `ip`, unless it already holds the most it may.
    pub fn take(self: &Arc<Self>, ip: IpAddr) -> Option<AddressSlot> {
        let key = key(ip);
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        let n = held.entry(key).or_insert(0);
        if *n >= self.max {
            return None;
        }
        *n += 1;
        Some(AddressSlot {
            owner: self.clone(),
            key,
        })
    }

    /// The most one address may hold.
    pub fn max(&self) -> usize {
        self.max
    }

    /// Addresses holding something now.
    pub fn addresses(&self) -> usize {
        self.held
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

/// One place held by an address; given back when dropped.
#[derive(Debug)]
pub struct AddressSlot {
    owner: Arc<PerAddress>,
    key: IpAddr,
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        let mut held = self
            .owner
            .held
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(n) = held.get_mut(&self.key) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                held.remove(&self.key);
            }
        }
    }
}

/// Environment variables a session keeps (all others are ignored), how many
/// bytes of each, and how many in all.
pub const KEPT_ENV: [&str; 7] = [
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "LC_CTYPE",
    "NO_COLOR",
    "TERM",
];
pub const MAX_ENV_VALUE: usize = 256;

/// Per-address connection limit: a token bucket that holds `burst` connections
/// and refills `burst` a minute. IPv6 addresses count per /64 (what one
/// customer usually gets), IPv4-mapped addresses as IPv4.
#[derive(Debug)]
pub struct RateLimiter {
    burst: f64,
    per_sec: f64,
    buckets: HashMap<IpAddr, Bucket>,
    max_entries: usize,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

impl RateLimiter {
    pub fn new(burst: u32) -> RateLimiter {
        let burst = f64::from(burst.max(1));
        RateLimiter {
            burst,
            per_sec: burst / 60.0,
            buckets: HashMap::new(),
            max_entries: 10_000,
        }
    }

    /// Whether a connection from `ip` at `now` may go on (and counts it).
    pub fn allow(&mut self, ip: IpAddr, now: Instant) -> bool {
        if self.buckets.len() >= self.max_entries {
            self.prune(now);
        }
        let bucket = self.buckets.entry(key(ip)).or_insert(Bucket {
            tokens: self.burst,
            last: now,
        });
        let elapsed = now.saturating_duration_since(bucket.last).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_sec).min(self.burst);
        bucket.last = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// Forgets the addresses whose buckets are full again; if that is not enough
    /// (connections from very many addresses), forgets them all: the global
    /// connection limit still holds.
    fn prune(&mut self, now: Instant) {
        let full_after = Duration::from_secs_f64(self.burst / self.per_sec);
        self.buckets
            .retain(|_, b| now.saturating_duration_since(b.last) < full_after);
        if self.buckets.len() >= self.max_entries {
            self.buckets.clear();
        }
    }

    /// Addresses remembered (for tests).
    pub fn remembered(&self) -> usize {
        self.buckets.len()
    }
}

fn key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(segments.into())
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_clamped_and_zero_is_the_default() {
        assert_eq!(terminal_size(0, 0), (80, 24));
        assert_eq!(terminal_size(0, 30), (80, 30));
        assert_eq!(terminal_size(100, 0), (100, 24));
        assert_eq!(terminal_size(1, 1), (1, 1));
        assert_eq!(terminal_size(u32::MAX, u32::MAX), (MAX_COLS, MAX_ROWS));
        assert_eq!(terminal_size(501, 201), (500, 200));
        assert_eq!(terminal_size(70_000, 24), (500, 24));
    }

    #[test]
    fn the_cells_of_all_sessions_stay_within_the_budget() {
        let budget = CellBudget::new(10_000);
        let mut a = budget.grant();
        assert_eq!(a.fit((80, 24)), (80, 24));
        let mut b = budget.grant();
        // 8080 left: a 200x50 window gets the largest 4:1 screen that fits.
        let (c, r) = b.fit((200, 50));
        assert!(usize::from(c) * usize::from(r) <= 10_000 - 1920, "{c}x{r}");
        assert!(
            (c, r) >= (170, 40),
            "not much smaller than it could be: {c}x{r}"
        );
        assert_eq!(budget.used(), 1920 + b.held());
        // Nothing left: another session still gets an 80x24 screen's worth.
        let mut c3 = budget.grant();
        let (w, h) = c3.fit((500, 200));
        assert!(usize::from(w) * usize::from(h) <= MIN_CELLS, "{w}x{h}");
        assert!(
            usize::from(w) * usize::from(h) >= MIN_CELLS * 9 / 10,
            "{w}x{h}"
        );
        assert_eq!(c3.fit((40, 10)), (40, 10), "a small window is all granted");
        // A session that leaves gives its cells back; a later resize gets them.
        drop(b);
        assert_eq!(c3.fit((150, 50)), (150, 50));
        // Shrinking gives back at once.
        assert_eq!(a.fit((10, 10)), (10, 10));
        assert_eq!(budget.used(), 100 + 7500);
        drop((a, c3));
        assert_eq!(budget.used(), 0);
    }

    #[test]
    fn cells_given_back_go_to_the_sessions_drawn_smaller_in_order_of_arrival() {
        let budget = CellBudget::new(16_000);
        let mut a = budget.grant();
        assert_eq!(a.fit((100, 60)), (100, 60));
        let mut b = budget.grant();
        assert_eq!(b.fit((100, 60)), (100, 60));
        let mut c = budget.grant();
        let small_c = c.fit((100, 60));
        assert!(c.short() && !b.short(), "{small_c:?}");
        let mut d = budget.grant();
        let small_d = d.fit((100, 60));
        assert!(d.short());
        let mut woken = d.freed.clone();
        woken.mark_unchanged();
        // Asking again with nothing given back changes nothing.
        assert_eq!(c.fit((100, 60)), small_c);
        assert_eq!(d.fit((100, 60)), small_d);
        assert!(!woken.has_changed().unwrap(), "no cells came back");
        drop(a);
        assert!(
            woken.has_changed().unwrap(),
            "the ones drawn smaller are woken"
        );
        // The later one asks first: it gets only what the earlier one does not
        // lack, and the earlier one then gets its whole window.
        let grown_d = d.fit((100, 60));
        assert!(grown_d > small_d && d.short(), "{grown_d:?}");
        assert_eq!(c.fit((100, 60)), (100, 60), "c came first");
        assert!(!c.short());
        drop(b);
        assert_eq!(d.fit((100, 60)), (100, 60));
        assert_eq!(budget.used(), 12_000);
        drop((c, d));
        assert_eq!(budget.used(), 0);
    }

    #[test]
    fn shrinking_keeps_the_shape_and_the_bound() {
        for (size, cells) in [
            ((500, 200), 1920),
            ((500, 1), 100),
            ((1, 200), 50),
            ((7, 3), 20),
            ((500, 200), 1),
        ] {
            let (c, r) = shrink_to(size, cells);
            assert!(
                usize::from(c) * usize::from(r) <= cells.max(1),
                "{size:?} {cells}"
            );
            assert!(c >= 1 && r >= 1 && c <= size.0 && r <= size.1);
        }
        assert_eq!(shrink_to((500, 200), 1920), (69, 27));
    }

    #[test]
    fn an_address_holds_at_most_its_share_and_is_forgotten_when_it_holds_none() {
        let limit = PerAddress::new(2);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let one = limit.take(a).unwrap();
        let two = limit.take(a).unwrap();
        assert!(limit.take(a).is_none(), "a third from the same address");
        assert!(limit.take("::ffff:192.0.2.1".parse().unwrap()).is_none());
        let other = limit.take(b).unwrap();
        drop(one);
        let three = limit.take(a).expect("a place was given back");
        drop((two, three, other));
        assert_eq!(limit.addresses(), 0);
    }

    #[test]
    fn a_class_behind_one_address_gets_in_a_flood_does_not() {
        let t0 = Instant::now();
        let mut limiter = RateLimiter::new(60);
        let nat: IpAddr = "203.0.113.7".parse().unwrap();
        assert!((0..60).all(|_| limiter.allow(nat, t0)), "60 at once");
        assert!(!limiter.allow(nat, t0), "the 61st waits");
        let other: IpAddr = "203.0.113.8".parse().unwrap();
        assert!(limiter.allow(other, t0), "other addresses are not affected");
        assert!(
            limiter.allow(nat, t0 + Duration::from_secs(1)),
            "one a second"
        );
        assert!(!limiter.allow(nat, t0 + Duration::from_secs(1)));
        let later = t0 + Duration::from_secs(61);
        assert!(
            (0..60).all(|_| limiter.allow(nat, later)),
            "full after a minute"
        );
    }

    #[test]
    fn ipv6_counts_per_64_and_mapped_ipv4_as_ipv4() {
        let t0 = Instant::now();
        let mut limiter = RateLimiter::new(2);
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        assert!(limiter.allow(a, t0) && limiter.allow(b, t0));
        assert!(!limiter.allow(a, t0), "same /64");
        let v4: IpAddr = "192.0.2.1".parse().unwrap();
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert!(limiter.allow(v4, t0) && limiter.allow(mapped, t0));
        assert!(!limiter.allow(v4, t0));
    }

    #[test]
    fn memory_stays_bounded_under_many_addresses() {
        let t0 = Instant::now();
        let mut limiter = RateLimiter::new(5);
        limiter.max_entries = 100;
        for i in 0..10_000u32 {
            limiter.allow(IpAddr::V4(i.into()), t0);
            assert!(limiter.remembered() <= 100);
        }
    }
}
