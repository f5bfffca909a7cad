//! Behind a load balancer (`--proxy-protocol-from CIDR[,CIDR]`): a connection
//! from one of those addresses begins with a PROXY protocol header (HAProxy's,
//! version 1 text or version 2 binary), which names the learner's address; that
//! address, not the balancer's, is the one every per-address limit, penalty and
//! log line uses.
//!
//! The header is read exactly (not a byte of the SSH stream behind it), within
//! a bounded time, and parsed by the `ppp` crate. A connection from a listed
//! address without a valid header in time is closed. A connection from any
//! other address is never read as having a header: SSH allows nothing before
//! the client's version string, so one that sends a header fails its handshake
//! there, as any other garbage does.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::time::Duration;

use ipnet::IpNet;
use ppp::{HeaderResult, PartialResult, v1, v2};
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

/// How long a balancer has to send its header: HAProxy sends it with the
/// connection, so anything slower is not a balancer doing its job.
pub const HEADER_TIME: Duration = Duration::from_secs(5);

/// The longest header taken: a version 1 header is at most 107 bytes, and a
/// version 2 one with the addresses and a few TLVs (HAProxy's unique id, ALPN)
/// far less than this.
const MAX_HEADER: usize = 1024;

/// The addresses whose connections must begin with a header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Balancers(Vec<IpNet>);

impl Balancers {
    /// Whether `ip` is one of them (an IPv4 address mapped into IPv6 counts as
    /// the IPv4 address).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Balancers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nets: Vec<String> = self.0.iter().map(IpNet::to_string).collect();
        f.write_str(&nets.join(","))
    }
}

/// A value of `--proxy-protocol-from` that is not a list of networks: the part
/// that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadNetwork(pub String);

impl FromStr for Balancers {
    type Err = BadNetwork;

    /// `10.0.0.0/8,192.0.2.7,2001:db8::/32`: networks or single addresses,
    /// separated by commas.
    fn from_str(text: &str) -> Result<Balancers, BadNetwork> {
        let mut nets = Vec::new();
        for part in text.split(',').map(str::trim) {
            let net = match part.parse::<IpNet>() {
                Ok(net) => net,
                Err(_) => part
                    .parse::<IpAddr>()
                    .map(IpNet::from)
                    .map_err(|_| BadNetwork(part.to_string()))?,
            };
            nets.push(net.trunc());
        }
        Ok(Balancers(nets))
    }
}

/// Why a balancer's connection was closed before its header was read.
#[derive(Debug)]
pub enum HeaderError {
    /// Not all of it within [`HEADER_TIME`].
    Slow,
    /// The connection ended first.
    Closed,
    /// What came is not a header (what `ppp` says of it).
    Malformed(String),
    TooLong,
    Io(std::io::Error),
}

impl HeaderError {
    /// The word for the log.
    pub fn reason(&self) -> &'static str {
        match self {
            HeaderError::Slow => "proxy_header_timeout",
            HeaderError::Closed => "proxy_header_missing",
            HeaderError::Malformed(_) => "proxy_header_malformed",
            HeaderError::TooLong => "proxy_header_too_long",
            HeaderError::Io(_) => "proxy_header_error",
        }
    }
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderError::Slow => write!(f, "no complete PROXY header within {HEADER_TIME:?}"),
            HeaderError::Closed => f.write_str("closed before a complete PROXY header"),
            HeaderError::Malformed(e) => write!(f, "not a PROXY header: {e}"),
            HeaderError::TooLong => write!(f, "a PROXY header longer than {MAX_HEADER} bytes"),
            HeaderError::Io(e) => e.fmt(f),
        }
    }
}

/// The learner's address as the header of a balancer's connection names it:
/// reads the header (exactly: the SSH stream behind it stays unread) within
/// `within`. A header that names no address (version 2's LOCAL, which balancers
/// send for their own checks; version 1's UNKNOWN) leaves the balancer's.
pub async fn read_header(
    stream: &mut TcpStream,
    peer: SocketAddr,
    within: Duration,
) -> Result<SocketAddr, HeaderError> {
    match tokio::time::timeout(within, read_exact_header(stream, peer)).await {
        Ok(result) => result,
        Err(_) => Err(HeaderError::Slow),
    }
}

async fn read_exact_header(
    stream: &mut TcpStream,
    peer: SocketAddr,
) -> Result<SocketAddr, HeaderError> {
    // What is known to be header, read already; then what the socket has, looked
    // at without taking it, until the header is whole.
    let mut taken: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; MAX_HEADER];
    loop {
        let seen = stream.peek(&mut buf).await.map_err(HeaderError::Io)?;
        if seen == 0 {
            return Err(HeaderError::Closed);
        }
        let mut candidate = taken.clone();
        candidate.extend_from_slice(&buf[..seen]);
        let parsed = HeaderResult::parse(&candidate);
        if parsed.is_incomplete() {
            // All of it belongs to the header: take it, wait for more.
            if candidate.len() >= MAX_HEADER {
                return Err(HeaderError::TooLong);
            }
            stream
                .read_exact(&mut buf[..seen])
                .await
                .map_err(HeaderError::Io)?;
            taken = candidate;
            continue;
        }
        let (len, addr) = match parsed {
            HeaderResult::V1(Ok(header)) => (header.header.len(), v1_source(&header.addresses)),
            HeaderResult::V2(Ok(header)) => (header.len(), v2_source(&header)),
            HeaderResult::V1(Err(e)) => return Err(HeaderError::Malformed(e.to_string())),
            HeaderResult::V2(Err(e)) => return Err(HeaderError::Malformed(e.to_string())),
        };
        let rest = len
            .checked_sub(taken.len())
            .filter(|&n| n <= seen)
            .ok_or(HeaderError::TooLong)?;
        stream
            .read_exact(&mut buf[..rest])
            .await
            .map_err(HeaderError::Io)?;
        return Ok(addr.unwrap_or(peer));
    }
}

fn v1_source(addresses: &v1::Addresses) -> Option<SocketAddr> {
    match addresses {
        v1::Addresses::Tcp4(a) => Some(SocketAddr::from((a.source_address, a.source_port))),
        v1::Addresses::Tcp6(a) => Some(SocketAddr::from((a.source_address, a.source_port))),
        v1::Addresses::Unknown => None,
    }
}

fn v2_source(header: &v2::Header) -> Option<SocketAddr> {
    if header.command == v2::Command::Local {
        return None;
    }
    match header.addresses {
        v2::Addresses::IPv4(a) => Some(SocketAddr::from((a.source_address, a.source_port))),
        v2::Addresses::IPv6(a) => Some(SocketAddr::from((a.source_address, a.source_port))),
        v2::Addresses::Unspecified | v2::Addresses::Unix(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;
    use tokio::net::TcpListener;

    #[test]
    fn balancers_are_networks_or_addresses_and_mapped_ipv4_counts_as_ipv4() {
        let b: Balancers = "10.0.0.0/8, 192.0.2.7,2001:db8::/32".parse().unwrap();
        assert!(b.contains("10.1.2.3".parse().unwrap()));
        assert!(b.contains("192.0.2.7".parse().unwrap()));
        assert!(!b.contains("192.0.2.8".parse().unwrap()));
        assert!(b.contains("::ffff:10.9.9.9".parse().unwrap()));
        assert!(b.contains("2001:db8:1::5".parse().unwrap()));
        assert!(!b.contains("2001:db9::1".parse().unwrap()));
        assert_eq!(b.to_string(), "10.0.0.0/8,192.0.2.7/32,2001:db8::/32");
        // Host bits are dropped: 10.1.2.3/8 is 10.0.0.0/8.
        let b: Balancers = "10.1.2.3/8".parse().unwrap();
        assert_eq!(b.to_string(), "10.0.0.0/8");
        for bad in [
            "",
            "10.0.0.0/33",
            "a.b.c.d",
            "10.0.0.0/8,,1.2.3.4",
            "10.0.0.1 /8",
        ] {
            assert!(bad.parse::<Balancers>().is_err(), "{bad:?}");
        }
        assert_eq!(
            "10.0.0.0/8,nope".parse::<Balancers>(),
            Err(BadNetwork("nope".into()))
        );
    }

    /// A connected pair: the client end writes `parts` with pauses and closes;
    /// the server end's header read, and what is left on it.
    async fn read_after(
        parts: &[&[u8]],
        pause: Duration,
    ) -> (Result<SocketAddr, HeaderError>, Vec<u8>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let parts: Vec<Vec<u8>> = parts.iter().map(|p| p.to_vec()).collect();
        let writer = tokio::spawn(async move {
            let mut client = TcpStream::connect(addr).await.unwrap();
            for part in parts {
                client.write_all(&part).await.unwrap();
                client.flush().await.unwrap();
                tokio::time::sleep(pause).await;
            }
        });
        let (mut server, peer) = listener.accept().await.unwrap();
        let result = read_header(&mut server, peer, Duration::from_secs(2)).await;
        writer.await.unwrap();
        let mut rest = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(5), server.read_to_end(&mut rest)).await;
        (result, rest)
    }

    const SSH: &[u8] = b"SSH-2.0-OpenSSH_9.2\r\n";

    fn v2(source: SocketAddr, local: bool) -> Vec<u8> {
        let dest: SocketAddr = if source.is_ipv4() {
            "127.0.0.1:2222".parse().unwrap()
        } else {
            "[::1]:2222".parse().unwrap()
        };
        let command = if local {
            v2::Command::Local
        } else {
            v2::Command::Proxy
        };
        v2::Builder::with_addresses(
            v2::Version::Two | command,
            v2::Protocol::Stream,
            (source, dest),
        )
        .build()
        .unwrap()
    }

    #[tokio::test]
    async fn the_header_names_the_learner_and_the_ssh_stream_behind_it_is_untouched() {
        let v1 = b"PROXY TCP4 203.0.113.7 127.0.0.1 50522 2222\r\n";
        let (addr, rest) = read_after(&[&[&v1[..], SSH].concat()], Duration::ZERO).await;
        assert_eq!(addr.unwrap(), "203.0.113.7:50522".parse().unwrap());
        assert_eq!(rest, SSH);
        let v1_6 = b"PROXY TCP6 2001:db8::7 ::1 40000 2222\r\n";
        let (addr, rest) = read_after(&[&[&v1_6[..], SSH].concat()], Duration::ZERO).await;
        assert_eq!(addr.unwrap(), "[2001:db8::7]:40000".parse().unwrap());
        assert_eq!(rest, SSH);
        let learner: SocketAddr = "198.51.100.4:41220".parse().unwrap();
        let (addr, rest) =
            read_after(&[&[&v2(learner, false)[..], SSH].concat()], Duration::ZERO).await;
        assert_eq!(addr.unwrap(), learner);
        assert_eq!(rest, SSH);
        let learner6: SocketAddr = "[2001:db8::42]:1234".parse().unwrap();
        let (addr, _) = read_after(&[&v2(learner6, false)[..], SSH], Duration::ZERO).await;
        assert_eq!(addr.unwrap(), learner6);
    }

    #[tokio::test]
    async fn a_header_in_pieces_is_put_together_and_nothing_after_it_is_taken() {
        let v1 = b"PROXY TCP4 203.0.113.7 127.0.0.1 50522 2222\r\n";
        let (a, b) = v1.split_at(9);
        let (b, c) = b.split_at(20);
        let (addr, rest) = read_after(&[a, b, &[c, SSH].concat()], Duration::from_millis(30)).await;
        assert_eq!(addr.unwrap(), "203.0.113.7:50522".parse().unwrap());
        assert_eq!(rest, SSH);
        // Version 2 split inside its signature and inside its addresses.
        let learner: SocketAddr = "198.51.100.4:41220".parse().unwrap();
        let header = v2(learner, false);
        let (a, b) = header.split_at(5);
        let (b, c) = b.split_at(14);
        let (addr, rest) = read_after(&[a, b, &[c, SSH].concat()], Duration::from_millis(30)).await;
        assert_eq!(addr.unwrap(), learner);
        assert_eq!(rest, SSH);
    }

    #[tokio::test]
    async fn headers_that_name_no_one_leave_the_balancers_address() {
        let (addr, rest) = read_after(&[b"PROXY UNKNOWN\r\n", SSH], Duration::ZERO).await;
        assert_eq!(addr.unwrap().ip(), IpAddr::from([127, 0, 0, 1]));
        assert_eq!(rest, SSH);
        let local = v2("203.0.113.9:9".parse().unwrap(), true);
        let (addr, _) = read_after(&[&local[..]], Duration::ZERO).await;
        assert_eq!(addr.unwrap().ip(), IpAddr::from([127, 0, 0, 1]));
    }

    #[tokio::test]
    async fn no_header_a_bad_one_a_slow_one_or_a_huge_one_is_refused() {
        let (r, _) = read_after(&[SSH], Duration::ZERO).await;
        assert!(matches!(r, Err(HeaderError::Malformed(_))), "{r:?}");
        let (r, _) = read_after(&[b"PROXY TCP4 999.0.0.1 127.0.0.1 1 2\r\n"], Duration::ZERO).await;
        assert!(matches!(r, Err(HeaderError::Malformed(_))), "{r:?}");
        let (r, _) = read_after(&[b"PROXY TCP4 203.0.113.7"], Duration::ZERO).await;
        assert!(matches!(r, Err(HeaderError::Closed)), "{r:?}");
        // A byte every 300 ms: never whole within the 2 s given.
        let slow: Vec<&[u8]> = b"PROXY TCP4 203.0.113.7 127.0.0.1 1 2\r\n"
            .chunks(1)
            .collect();
        let (r, _) = read_after(&slow[..10], Duration::from_millis(300)).await;
        assert!(matches!(r, Err(HeaderError::Slow)), "{r:?}");
        assert_eq!(HeaderError::Slow.reason(), "proxy_header_timeout");
        // Version 1 without its end: ppp stops at 107 bytes.
        let long = [b"PROXY TCP4 ".as_slice(), &[b'1'; 200]].concat();
        let (r, _) = read_after(&[&long], Duration::ZERO).await;
        assert!(r.is_err(), "{r:?}");
        // Version 2 claiming 60000 bytes of TLVs.
        let mut huge = v2("203.0.113.7:1".parse().unwrap(), false);
        huge[14..16].copy_from_slice(&60_000u16.to_be_bytes());
        huge.resize(2000, 0);
        let (r, _) = read_after(&[&huge], Duration::ZERO).await;
        assert!(matches!(r, Err(HeaderError::TooLong)), "{r:?}");
    }
}
