#!/usr/bin/env bash
# A public kasseika server on one machine's loopback, to try or to test: a
# temporary PostgreSQL cluster, N `kasseika serve` instances sharing it and one
# host key, and HAProxy in front of them (mode tcp, PROXY protocol v2, health
# checks on each instance's metrics port, balance leastconn). The README's
# "A public server" is the same recipe for real machines.
#
#   scripts/cluster.sh start             # then: ssh -p 2222 localhost
#   scripts/cluster.sh status
#   scripts/cluster.sh restart N         # drain instance N (1..), start it again
#   scripts/cluster.sh rolling-restart   # every instance in turn
#   scripts/cluster.sh kill N            # kill -9 instance N (to see HAProxy cope)
#   scripts/cluster.sh start-instance N  # start instance N again after a kill
#   scripts/cluster.sh stop              # everything stops, the directory goes
#
# Settings (environment, read by `start`, remembered for the other commands):
#   CLUSTER_DIR   where everything lives     (default: /tmp/kasseika-cluster)
#   KASSEIKA      the binary                 (default: target/release/kasseika,
#                 else target/debug/kasseika, else kasseika on PATH)
#   INSTANCES     how many instances         (3)
#   PORT          HAProxy's port             (2222)
#   SSH_PORTS     the instances' SSH ports   (2301 2302 ...)
#   METRICS_PORTS their metrics ports        (9301 9302 ...)
#   PG_PORT       PostgreSQL's (Unix socket) port (5432)
#   DRAIN         --drain seconds            (30)
#   SERVE_ARGS    more flags for every instance (e.g. "--max-sessions 300")
#
# initdb refuses to run as root: as root, PostgreSQL runs as the `postgres`
# user (Debian's packages make it). Everything listens on 127.0.0.1 only.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
cmd="${1:-}"
dir="${CLUSTER_DIR:-/tmp/kasseika-cluster}"
state="$dir/cluster.env"

die() { echo "cluster.sh: $*" >&2; exit 1; }

pg_bin() {
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$found" ] && [ -x "$found/initdb" ] || die "no PostgreSQL (initdb): apt-get install -y postgresql"
    echo "$found"
}

as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

find_kasseika() {
    if [ -n "${KASSEIKA:-}" ]; then
        echo "$KASSEIKA"
    elif [ -x "$here/target/release/kasseika" ]; then
        echo "$here/target/release/kasseika"
    elif [ -x "$here/target/debug/kasseika" ]; then
        echo "$here/target/debug/kasseika"
    elif command -v kasseika >/dev/null 2>&1; then
        command -v kasseika
    else
        die "no kasseika binary: cargo build --release, or set KASSEIKA"
    fi
}

# The HTTP status of GET /healthz on 127.0.0.1:$1 ("" when nothing answers).
health() {
    local status=""
    if { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null; then
        printf 'GET /healthz HTTP/1.0\r\n\r\n' >&3
        read -r -t 5 _ status _ <&3 || true
        exec 3>&-
    fi
    echo "$status"
}

# Waits (at most $2 seconds) until $1 succeeds.
wait_for() {
    local check="$1" limit="$2" i
    for ((i = 0; i < limit * 10; i++)); do
        if eval "$check"; then return 0; fi
        sleep 0.1
    done
    return 1
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

load_state() {
    [ -f "$state" ] || die "not running (no $state): scripts/cluster.sh start"
    # shellcheck disable=SC1090
    . "$state"
}

port_of() { # the Nth word of a list
    local n="$1"; shift
    echo "$@" | awk -v n="$n" '{print $n}'
}

start_instance() {
    local i="$1" ssh metrics
    ssh="$(port_of "$i" "$SSH_PORTS")"
    metrics="$(port_of "$i" "$METRICS_PORTS")"
    [ -n "$ssh" ] && [ -n "$metrics" ] || die "no instance $i (there are $INSTANCES)"
    alive "$dir/instance-$i.pid" && die "instance $i is running"
    # shellcheck disable=SC2086
    env LANG=C.UTF-8 "$KASSEIKA" serve \
        --listen "127.0.0.1:$ssh" \
        --metrics "127.0.0.1:$metrics" \
        --host-key "$dir/host_key_ed25519" \
        --progress-db "host=$dir/pgsock port=$PG_PORT user=kasseika dbname=kasseika" \
        --proxy-protocol-from 127.0.0.1/32 \
        --drain "$DRAIN" \
        $SERVE_ARGS \
        </dev/null >>"$dir/instance-$i.log" 2>&1 &
    echo $! >"$dir/instance-$i.pid"
    wait_for "[ \"\$(health $metrics)\" = 200 ]" 30 ||
        die "instance $i did not start; its log: $dir/instance-$i.log"
}

stop_instance() { # SIGTERM (a drain), and waits for the end
    local i="$1" pidfile="$dir/instance-$1.pid"
    if alive "$pidfile"; then
        kill -TERM "$(cat "$pidfile")"
        wait_for "! alive $pidfile" $((DRAIN + 30)) || {
            echo "cluster.sh: instance $i did not stop in time: killed" >&2
            kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
        }
    fi
    rm -f "$pidfile"
}

start() {
    [ -f "$state" ] && die "already started in $dir (scripts/cluster.sh stop first)"
    local kasseika instances bin
    kasseika="$(find_kasseika)"
    instances="${INSTANCES:-3}"
    bin="$(pg_bin)"
    command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] ||
        die "no haproxy: apt-get install -y haproxy"
    local ssh_ports="${SSH_PORTS:-}" metrics_ports="${METRICS_PORTS:-}" i
    if [ -z "$ssh_ports" ]; then
        for ((i = 1; i <= instances; i++)); do ssh_ports="$ssh_ports $((2300 + i))"; done
    fi
    if [ -z "$metrics_ports" ]; then
        for ((i = 1; i <= instances; i++)); do metrics_ports="$metrics_ports $((9300 + i))"; done
    fi
    mkdir -p "$dir"
    chmod 755 "$dir"
    cat >"$state" <<EOF
KASSEIKA='$kasseika'
INSTANCES='$instances'
PORT='${PORT:-2222}'
SSH_PORTS='$ssh_ports'
METRICS_PORTS='$metrics_ports'
PG_PORT='${PG_PORT:-5432}'
PG_BIN='$bin'
DRAIN='${DRAIN:-30}'
SERVE_ARGS='${SERVE_ARGS:-}'
EOF
    load_state

    # PostgreSQL: a cluster of its own, on a Unix socket in the directory.
    mkdir -p "$dir/pg" "$dir/pgsock"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pg" "$dir/pgsock"
    as_pg "$PG_BIN/initdb" -D "$dir/pg" -A trust -U kasseika -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
        die "initdb failed: $dir/initdb.log"
    # The database, in single-user mode (needs no client program).
    echo "CREATE DATABASE kasseika;" |
        as_pg "$PG_BIN/postgres" --single -D "$dir/pg" postgres >"$dir/createdb.log" 2>&1 ||
        die "could not create the database: $dir/createdb.log"
    as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" -l "$dir/pg/log" -w -t 60 \
        -o "-k $dir/pgsock -p $PG_PORT -c listen_addresses=''" start >/dev/null ||
        die "PostgreSQL did not start: $dir/pg/log"

    # The instances: the first creates the host key they all use.
    for ((i = 1; i <= INSTANCES; i++)); do start_instance "$i"; done

    # HAProxy in front.
    {
        echo "global"
        # Two descriptors a connection, within this shell's limit.
        echo "    maxconn $(( ($(ulimit -n) - 100) / 2 > 8000 ? 8000 : ($(ulimit -n) - 100) / 2 ))"
        echo "    stats socket $dir/haproxy.sock mode 600 level admin"
        echo "defaults"
        echo "    mode tcp"
        echo "    timeout connect 2s"
        echo "    timeout client 1h"
        echo "    timeout server 1h"
        echo "    retries 3"
        echo "    option redispatch 1"
        echo "frontend ssh"
        echo "    bind 127.0.0.1:$PORT"
        echo "    default_backend kasseika"
        echo "backend kasseika"
        echo "    balance leastconn"
        echo "    option httpchk GET /healthz"
        echo "    http-check expect status 200"
        for ((i = 1; i <= INSTANCES; i++)); do
            echo "    server k$i 127.0.0.1:$(port_of "$i" "$SSH_PORTS") send-proxy-v2 check port $(port_of "$i" "$METRICS_PORTS") inter 1s fall 1 rise 2"
        done
    } >"$dir/haproxy.cfg"
    local haproxy
    haproxy="$(command -v haproxy || echo /usr/sbin/haproxy)"
    "$haproxy" -D -p "$dir/haproxy.pid" -f "$dir/haproxy.cfg" 2>"$dir/haproxy.log" ||
        die "HAProxy did not start: $dir/haproxy.log"
    # (Asked through its admin socket: a connection to its port would reach an
    # instance as a learner who says nothing.)
    wait_for "[ -S $dir/haproxy.sock ] && alive $dir/haproxy.pid" 10 || die "HAProxy does not run"
    echo "kasseika: $INSTANCES instances behind HAProxy: ssh -p $PORT localhost"
    echo "  metrics: $(for p in $METRICS_PORTS; do printf 'http://127.0.0.1:%s/metrics ' "$p"; done)"
    echo "  logs:    $dir/instance-N.log; stop: scripts/cluster.sh stop"
}

status() {
    load_state
    local i
    for ((i = 1; i <= INSTANCES; i++)); do
        local pid="-" h
        alive "$dir/instance-$i.pid" && pid="$(cat "$dir/instance-$i.pid")"
        h="$(health "$(port_of "$i" "$METRICS_PORTS")")"
        echo "instance $i: pid $pid, ssh 127.0.0.1:$(port_of "$i" "$SSH_PORTS"), health ${h:-none}"
    done
    if alive "$dir/haproxy.pid"; then
        echo "haproxy: pid $(cat "$dir/haproxy.pid"), port $PORT"
    else
        echo "haproxy: not running"
    fi
}

stop() {
    [ -f "$state" ] || { rm -rf "$dir"; return 0; }
    load_state
    local i
    for ((i = 1; i <= INSTANCES; i++)); do
        local pidfile="$dir/instance-$i.pid"
        alive "$pidfile" && kill -TERM "$(cat "$pidfile")"
    done
    # Draining instances end when their learners leave, or after DRAIN seconds.
    for ((i = 1; i <= INSTANCES; i++)); do stop_instance "$i"; done
    if alive "$dir/haproxy.pid"; then
        local pid
        pid="$(cat "$dir/haproxy.pid")"
        kill -TERM "$pid"
        wait_for "! kill -0 $pid 2>/dev/null" 10 || kill -KILL "$pid" 2>/dev/null || true
    fi
    if [ -f "$dir/pg/postmaster.pid" ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    echo "kasseika: stopped"
}

case "$cmd" in
start) start ;;
stop) stop ;;
status) status ;;
restart)
    load_state
    [ -n "${2:-}" ] || die "restart which instance? (1..$INSTANCES)"
    stop_instance "$2"
    start_instance "$2"
    ;;
rolling-restart)
    load_state
    for ((i = 1; i <= INSTANCES; i++)); do
        stop_instance "$i"
        start_instance "$i"
        echo "instance $i restarted"
    done
    ;;
kill)
    load_state
    [ -n "${2:-}" ] || die "kill which instance? (1..$INSTANCES)"
    alive "$dir/instance-$2.pid" || die "instance $2 is not running"
    kill -KILL "$(cat "$dir/instance-$2.pid")"
    rm -f "$dir/instance-$2.pid"
    ;;
start-instance)
    load_state
    [ -n "${2:-}" ] || die "start which instance? (1..$INSTANCES)"
    start_instance "$2"
    ;;
*)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    [ -z "$cmd" ] || exit 2
    ;;
esac
