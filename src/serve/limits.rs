//! Limits that keep one client (or many) from taking the server: terminal sizes,
//! connections per address, environment variables kept.

use std::collections::HashMap;
use std::net::IpAddr;
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
