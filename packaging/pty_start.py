#!/usr/bin/env python3
"""Starts an installed kasseika in an 80x24 pseudo-terminal, as a learner would, waits
for the sigmoid lesson's first screen, quits with q and checks that it ended well
(status 0, the terminal's screen given back). Bounded: 15 seconds at most.

Usage: pty_start.py PATH/TO/kasseika
"""

import fcntl
import os
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time

DEADLINE = 15.0


def main(binary: str) -> int:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    home = tempfile.mkdtemp(prefix="kasseika-pty-")
    env = {
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "HOME": home,
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "PATH": "/usr/bin:/bin",
    }

    def controlling_terminal():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    child = subprocess.Popen(
        [binary, "--lang", "en", "--lesson", "sigmoid"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        preexec_fn=controlling_terminal,
        close_fds=True,
    )
    os.close(slave)
    start = time.monotonic()
    seen = b""
    sent_quit = False
    while time.monotonic() - start < DEADLINE:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        if not sent_quit and b"Sigmoid function" in seen and b"quit" in seen:
            os.write(master, b"q")
            sent_quit = True
        if sent_quit and child.poll() is not None:
            break
    if child.poll() is None:
        child.kill()
        child.wait()
        print(f"{binary}: still running after {DEADLINE} s", file=sys.stderr)
        return 1
    os.close(master)
    problems = []
    if not sent_quit:
        problems.append("the sigmoid lesson never showed")
    if child.returncode != 0:
        problems.append(f"exit status {child.returncode}")
    if b"\x1b[?1049l" not in seen:
        problems.append("the alternate screen was not left")
    if problems:
        print(f"{binary}: " + "; ".join(problems), file=sys.stderr)
        print(repr(seen[-2000:]), file=sys.stderr)
        return 1
    print(f"{binary}: the lesson showed in a pseudo-terminal and q ended it (status 0)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
