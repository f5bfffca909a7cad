# kasseika serve: the lessons over SSH. Addresses, ports, paths, fingerprints,
# commands and counts are arguments, never translated. Each line is printed
# after "kasseika: ".

## What the operator sees

serve-listening = serving the lessons on { $addr }, up to { $max ->
    [one] one learner
   *[other] { $max } learners
} at once.
serve-connect-with = learners connect with: { $command }
serve-local-only = only this machine can connect. To let a class in, start with --listen 0.0.0.0:{ $port } and open TCP port { $port } in the firewall.
serve-host-key-created = created a new host key: { $path }
serve-host-key = host key fingerprint { $fingerprint } (ssh shows it the first time a learner connects; tell them to check it).
serve-authorized-only = only { $count ->
    [one] the key
   *[other] the { $count } keys
} in { $path } may connect.
serve-stopping = { $count ->
    [0] stopping.
    [one] stopping: giving one learner their terminal back.
   *[other] stopping: giving { $count } learners their terminals back.
}
serve-stopped = stopped.

## Errors that stop the server before it starts

serve-bad-listen = --listen wants an address and a port, like 127.0.0.1:2222 or 0.0.0.0:2222, not "{ $value }".
serve-cannot-listen = cannot listen on { $addr }: { $error }
serve-host-key-error = cannot use the host key: { $error }. Give another file with --host-key PATH.
serve-host-key-too-open = other users can read the host key { $path }: make it private with chmod 600 { $path }
serve-host-key-not-a-key = cannot use the host key { $path }: { $what }. The host key must be an OpenSSH private key without a passphrase, such as an ed25519 key made with ssh-keygen -t ed25519 -N "" -f NEWFILE (then start with --host-key NEWFILE); or delete { $path }, and kasseika creates a new key there when it starts.
serve-key-file-empty = the file is empty
serve-key-file-not-text = the file is not text (a key file is text that begins with -----BEGIN OPENSSH PRIVATE KEY-----)
serve-key-file-public = it holds a public key (a line for authorized_keys), not the private key
serve-key-file-encrypted = the key is protected by a passphrase, which the server cannot type
serve-key-file-pem = it holds a key in the older PEM format ({ $line }, as ssh-keygen -m PEM writes it), which kasseika does not read
serve-key-file-damaged = it begins as an OpenSSH private key, but the rest cannot be read ({ $error })
serve-key-file-other = it is not a key: it begins with "{ $start }"
serve-no-data-dir = there is no data directory (no home directory) to keep the host key in: give a file with --host-key PATH.
serve-authorized-keys-error = cannot read the authorized keys in { $path }: { $error }
serve-authorized-keys-empty = { $path } holds no public keys, so nobody could connect.
serve-authorized-keys-bad-line = line { $line } of { $path } is not a public key ({ $error }): each line holds one key, as in a .pub file such as ~/.ssh/id_ed25519.pub.
serve-authorized-keys-options = line { $line } of { $path } has options that kasseika serve does not follow ({ $options }): remove them, or the line. Only restrict, no-port-forwarding, no-agent-forwarding, no-X11-forwarding and no-user-rc may stay (the server forwards nothing and runs no commands anyway).
serve-authorized-keys-type = line { $line } of { $path } holds a key of type { $type }, which cannot log in here: use an ed25519, ECDSA or RSA key.
serve-runtime-error = the server failed: { $error }

## What a learner's ssh shows

serve-needs-pty = the lessons need a terminal: connect with ssh -t (or without -T).
serve-no-commands = this server runs no commands, only the lessons (you asked for { $command }): connect again with nothing after the host name.
serve-no-subsystems = this server offers no file transfer or other subsystems (you asked for { $subsystem }), only the lessons: connect with ssh.
serve-dumb-terminal = your terminal (TERM={ $term }) cannot draw the lessons: connect from a terminal such as xterm, or set TERM=xterm-256color.
serve-full = { $max ->
    [one] the one place is
   *[other] all { $max } places are
} taken right now. Please try again in a few minutes.
serve-address-full = { $max ->
    [one] a session is
   *[other] { $max } sessions are
} already running from your address, the most this server allows at once. Please end one, or try again later.
serve-japanese-needs-utf8 = Japanese cannot be shown in your terminal's character set ({ $charset }), so the lessons are in English. For Japanese, connect with a locale in UTF-8, EUC-JP or Shift_JIS, such as ssh -o SetEnv=LANG=ja_JP.UTF-8 ja@HOST.
serve-idle-minutes = the session ended after { $minutes ->
    [one] one minute
   *[other] { $minutes } minutes
} without a key press. Connect again to go on.
serve-idle-seconds = the session ended after { $seconds ->
    [one] one second
   *[other] { $seconds } seconds
} without a key press. Connect again to go on.
serve-shutdown = the server is shutting down. Connect again later.
serve-panic = an internal error ended this session (other learners are not affected). Connect again to start over.

## The help (kasseika serve --help)

serve-help-about = Serve the lessons over SSH: each learner connects with ssh -p 2222 HOST, nothing to install
serve-help-listen = Address and port to listen on; 0.0.0.0:2222 lets other machines connect [default: { $default }]
serve-help-host-key = The server's private key, created (mode 0600) if missing [default: host_key_ed25519 in the data directory, such as ~/.local/share/kasseika]
serve-help-max-sessions = Learners at once; more are told to come back later [default: { $default }]
serve-help-max-per-address = Learners at once from one address (an IPv6 /64 counts as one); on a public host, a few [default: as many as --max-sessions, so that a class behind one NAT fits]
serve-help-idle-timeout = End a session after this many seconds without a key press (0: never) [default: { $default }]
serve-help-lang = Language of the sessions whose learner chose none (with the user name ja or en, as in ssh ja@HOST, or with the LANG their ssh sends), and of the server's own messages: en or ja [default: English for the sessions; for the server's messages, from LANGUAGE, LC_ALL, LC_MESSAGES, LANG]
serve-help-authorized-keys = Only the public keys in this file (OpenSSH authorized_keys format) may connect; without it anyone can, with any user name and no password

## Learners' progress (--progress-dir, --report)

serve-help-progress-dir = Where each learner's progress is kept, a file per SSH key; it survives a restart [default: learners in the data directory, such as ~/.local/share/kasseika/learners]
serve-help-report = Print each known learner's lessons and exercises, the most stuck first, and exit (the server need not be running)
serve-progress-dir-keys-only = the progress of every learner (each connects with a listed key) is kept in { $path }.
serve-progress-dir = the progress of learners who connect with an SSH key is kept in { $path }; learners without a key keep theirs for their session only.
serve-no-progress-dir = there is no data directory (no home directory) to keep the learners' progress in: give a folder with --progress-dir DIR.
serve-report-error = cannot read the learners' progress in { $path }: { $error }
serve-report-dir = Read from { $path }
