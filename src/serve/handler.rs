//! The SSH side of one connection: authentication, and a yes or no to every
//! request. Nothing here waits on a session: the session task owns its channel
//! and reads the requests' details from it.

use std::net::SocketAddr;
use std::sync::Arc;

use russh::keys::{Algorithm, HashAlg, PublicKey};
use russh::server::{
    Auth, ChannelOpenHandle, Handler, Msg, PublicKeyOffer, Session, VerifiedPublicKey,
};
use russh::{Channel, ChannelId, ChannelOpenFailure, MethodKind, MethodSet};

use super::log;
use super::session::{self, Peer};
use super::{ConnState, Shared};
use crate::progress::store::LearnerId;

/// One connection.
pub(crate) struct Conn {
    pub shared: Arc<Shared>,
    pub state: Arc<ConnState>,
    pub id: u64,
    pub addr: SocketAddr,
    pub user: String,
    /// Who the learner is, by the public key they logged in with; `None` when
    /// they offered none (their progress lasts for the session only).
    pub learner: Option<LearnerId>,
    /// A connection runs one session; more channels are refused.
    pub has_session: bool,
    /// The kinds of refused requests already logged (bits of [`Refused`]).
    pub refusals_logged: u8,
}

impl Conn {
    /// Whether `key`, signing with `algorithm`, may log in. RSA signatures with
    /// SHA-1 (`ssh-rsa`) are refused, as OpenSSH has done since 8.8; its clients
    /// sign with SHA-2 instead.
    fn allowed(&self, key: &PublicKey, algorithm: &Algorithm) -> bool {
        if *algorithm == (Algorithm::Rsa { hash: None }) {
            return false;
        }
        match &self.shared.authorized_keys {
            None => true,
            Some(keys) => keys.iter().any(|k| k.key_data() == key.key_data()),
        }
    }

    /// Logs a refused request of a kind, once per connection (a client that asks
    /// again and again does not fill the log).
    fn log_refusal(&mut self, request: Refused) {
        let bit = 1u8 << (request as u8);
        if self.refusals_logged & bit != 0 {
            return;
        }
        self.refusals_logged |= bit;
        log::line(&format!(
            "refused id={} addr={} user={} request={}",
            self.id,
            self.addr,
            log::client_str(&self.user),
            request.name()
        ));
    }

    fn no_forwarding(&self) -> ChannelOpenFailure {
        ChannelOpenFailure::Other {
            // SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, with our own sentence.
            code: 1,
            reason: NO_FORWARDING.into(),
        }
    }
}

/// Requests refused whatever the client (logged once per connection each).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Refused {
    /// `ssh -L`, `-D`, `-W`
    LocalForward,
    /// `ssh -R`
    RemoteForward,
    /// `ssh -A`
    Agent,
    /// `ssh -X`, `-Y`
    X11,
    /// A second session on one connection (multiplexing).
    SecondSession,
}

impl Refused {
    fn name(self) -> &'static str {
        match self {
            Refused::LocalForward => "local_forwarding",
            Refused::RemoteForward => "remote_forwarding",
            Refused::Agent => "agent_forwarding",
            Refused::X11 => "x11_forwarding",
            Refused::SecondSession => "second_session",
        }
    }
}

/// Why forwarding is refused: a protocol message, so in English (see the
/// constants of the `serve` module).
pub(crate) const NO_FORWARDING: &str =
    "this server forwards no ports, sockets, agents or X11: it only serves the lessons";

fn publickey_only() -> MethodSet {
    MethodSet::from(&[MethodKind::PublicKey][..])
}

/// What a client is told to try after `none`: a key first (so that a learner who
/// has one is known by it and their progress kept), else keyboard-interactive,
/// which lets anyone in without a question (their progress lasts for the
/// session). OpenSSH tries its keys in that order by itself.
pub(crate) fn key_then_anyone() -> MethodSet {
    MethodSet::from(&[MethodKind::PublicKey, MethodKind::KeyboardInteractive][..])
}

impl Handler for Conn {
    type Error = russh::Error;

    /// `none` is never enough: a client that has a key must get the chance to
    /// offer it (OpenSSH asks with `none` first and would never offer one if it
    /// worked).
    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        let methods = if self.shared.authorized_keys.is_some() {
            publickey_only()
        } else {
            key_then_anyone()
        };
        Ok(Auth::Reject {
            proceed_with_methods: Some(methods),
            partial_success: false,
        })
    }

    /// Anyone, without a question, unless only known keys may connect.
    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        _response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        if self.shared.authorized_keys.is_some() {
            self.state.login_refused(user, false);
            return Ok(Auth::Reject {
                proceed_with_methods: Some(publickey_only()),
                partial_success: false,
            });
        }
        self.user = user.to_string();
        self.learner = None;
        Ok(Auth::Accept)
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.allowed(offer.public_key, offer.algorithm) {
            return Ok(Auth::Accept);
        }
        self.state.login_refused(user, true);
        Ok(Auth::reject())
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        if !self.allowed(key.public_key, key.algorithm) {
            self.state.login_refused(user, true);
            return Ok(Auth::reject());
        }
        self.user = user.to_string();
        let fingerprint = key.public_key.fingerprint(HashAlg::Sha256).to_string();
        self.learner = LearnerId::from_key_fingerprint(&fingerprint).ok();
        Ok(Auth::Accept)
    }

    async fn auth_succeeded(&mut self, _session: &mut Session) -> Result<(), Self::Error> {
        self.state
            .authenticated
            .store(true, std::sync::atomic::Ordering::Release);
        Ok(())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.has_session {
            self.log_refusal(Refused::SecondSession);
            reply
                .reject(ChannelOpenFailure::Other {
                    code: 1,
                    reason: "one session per connection".into(),
                })
                .await;
            return Ok(());
        }
        self.has_session = true;
        // Sends the confirmation to the connection's queue; it does not wait.
        reply.accept().await;
        let peer = Peer {
            id: self.id,
            addr: self.addr,
            user: self.user.clone(),
            learner: self.learner.clone(),
        };
        tokio::spawn(session::run(
            channel,
            self.shared.clone(),
            self.state.clone(),
            peer,
        ));
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host_to_connect: &str,
        _port_to_connect: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.log_refusal(Refused::LocalForward);
        reply.reject(self.no_forwarding()).await;
        Ok(())
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _channel: Channel<Msg>,
        _socket_path: &str,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.log_refusal(Refused::LocalForward);
        reply.reject(self.no_forwarding()).await;
        Ok(())
    }

    async fn channel_open_x11(
        &mut self,
        _channel: Channel<Msg>,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.log_refusal(Refused::X11);
        reply.reject(self.no_forwarding()).await;
        Ok(())
    }

    async fn channel_open_forwarded_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host_to_connect: &str,
        _port_to_connect: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.log_refusal(Refused::RemoteForward);
        reply.reject(self.no_forwarding()).await;
        Ok(())
    }

    // The session task reads the details of these from its channel; the client
    // only needs its yes.
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        _col_width: u32,
        _row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _variable_name: &str,
        _variable_value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    /// Accepted, so that the client shows the session's one sentence saying why
    /// there are no commands (a refusal would only say "exec request failed").
    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    /// Accepted for the same reason as `exec` (`sftp` shows the sentence).
    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The protocol's failure reply has no room for a reason: OpenSSH says
        // "X11 forwarding request failed".
        self.log_refusal(Refused::X11);
        session.channel_failure(channel)
    }

    /// Refused; OpenSSH says nothing of it (`ssh -A` just has no agent).
    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.log_refusal(Refused::Agent);
        Ok(false)
    }

    /// Refused; a global request's failure has no room for a reason, so OpenSSH
    /// says only "remote port forwarding failed".
    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.log_refusal(Refused::RemoteForward);
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _socket_path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.log_refusal(Refused::RemoteForward);
        Ok(false)
    }
}
