"""A real pseudo-terminal for the app: start the console script in it, type keys, read every byte it writes."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

WIZARD = Path(sys.executable).with_name("wizard")
"""The console script installed beside the interpreter running the tests."""

CLEAR = b"\x1b[H\x1b[2J\x1b[3J"
LEAVE_ALTERNATE = b"\x1b[?1049l"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TMPDIR": str(home),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
    }
    env.update(extra)
    return env


class Terminal:
    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path, size: tuple[int, int] = (80, 24)) -> None:
        master, slave = pty.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.output += data

    def seen(self) -> bytes:
        with self.lock:
            return bytes(self.output)

    def wait_for(self, text: str, after: int = 0, timeout: float = 15) -> int:
        """Wait until `text` appears in the output past byte `after`; returns where it ends."""
        wanted = text.encode()
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            found = self.seen().find(wanted, after)
            if found >= 0:
                return found + len(wanted)
            if self.proc.poll() is not None:
                time.sleep(0.05)
                found = self.seen().find(wanted, after)
                if found >= 0:
                    return found + len(wanted)
                break
            time.sleep(0.005)
        raise AssertionError(f"{text!r} not shown; last output: {self.seen()[-600:]!r}")

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def wait(self, timeout: float = 10) -> int:
        code = self.proc.wait(timeout)
        self.reader.join(timeout)
        return code

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        self.reader.join(5)
        os.close(self.master)
