"""A real pseudo-terminal: start a program in it, type keys, read every byte it writes.

The one pty helper of the tests, the privacy harness, the benchmarks and the CI smoke test (which loads it by
path, so it imports nothing but the standard library)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import signal
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
ANSI = re.compile(
    rb"\x1b(?:\[[0-9;?<>=!$ ]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[()][0-9A-Za-z]|[=>78cDEHMNOZ])"
)
"""Escape sequences a terminal program writes (CSI, OSC, DCS and the short ones): removed before a search,
so that styling between two characters of a word cannot hide it."""


def strip_ansi(data: bytes) -> bytes:
    return ANSI.sub(b"", data)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """A minimal environment for the program: a home of its own and a UTF-8 locale."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TMPDIR": str(home),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
    }
    env.update(extra)
    return env


def after_exit(output: bytes) -> bytes:
    """The bytes written after the alternate screen was left for the last time: what stays in the terminal."""
    at = output.rfind(LEAVE_ALTERNATE)
    return output if at < 0 else output[at + len(LEAVE_ALTERNATE) :]


class Terminal:
    """One program in a fresh pseudo-terminal of `size` (columns, rows)."""

    poll = 0.005
    """Seconds between two looks at the output while waiting."""

    def __init__(
        self,
        argv: list[str],
        env: dict[str, str],
        cwd: Path | None = None,
        size: tuple[int, int] = (80, 24),
        pass_fds: tuple[int, ...] = (),
    ) -> None:
        master, slave = pty.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            start_new_session=True,
            close_fds=True,
            pass_fds=pass_fds,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self.lock = threading.Lock()
        self.code: int | None = None
        self.exited_at: float | None = None
        self.shown_at: float | None = None
        """When the text of the last `wait_for` was seen."""
        self.threads = [
            threading.Thread(target=self._read, args=(master, self.output), daemon=True),
            threading.Thread(target=self._reap, daemon=True),
        ]
        for thread in self.threads:
            thread.start()

    def _read(self, fd: int, into: bytearray) -> None:
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                into += data

    def _reap(self) -> None:
        self.code = self.proc.wait()
        self.exited_at = time.perf_counter()

    def seen(self) -> bytes:
        with self.lock:
            return bytes(self.output)

    def wait_for(self, text: str | bytes | tuple[str, ...], after: int = 0, timeout: float = 20) -> int:
        """Wait until `text` (or one of several) appears in the output past byte `after`, not followed by a digit
        (so that "1 из 2" is not found in "1 из 20"); returns where it ends. `shown_at` is then when."""
        texts = text if isinstance(text, tuple) else (text,)
        either = b"|".join(re.escape(one.encode() if isinstance(one, str) else one) for one in texts)
        wanted = re.compile(b"(?:" + either + rb")(?![0-9])")
        deadline = time.perf_counter() + timeout
        while True:
            found = wanted.search(self.seen(), after)
            if found:
                self.shown_at = time.perf_counter()
                return found.end()
            if self.proc.poll() is not None or time.perf_counter() > deadline:
                time.sleep(0.1)
                found = wanted.search(self.seen(), after)
                if found:
                    self.shown_at = time.perf_counter()
                    return found.end()
                tail = strip_ansi(self.seen()[-1500:]).decode("utf-8", "replace")
                raise AssertionError(f"{text!r} not shown (exit code {self.proc.poll()}); last output: {tail!r}")
            time.sleep(self.poll)

    def send(self, keys: bytes | str) -> float:
        """Type `keys`; returns when."""
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)
        return time.perf_counter()

    def resize(self, cols: int, rows: int) -> None:
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGWINCH)

    def wait(self, timeout: float = 15) -> int:
        """The exit code, once the program has ended and its output is read; fails after `timeout` seconds."""
        self.threads[1].join(timeout)
        if self.code is None:
            raise AssertionError(f"the program did not exit within {timeout} s")
        self.threads[0].join(5)
        return self.code

    def close(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)
        for thread in self.threads:
            thread.join(5)
        with contextlib.suppress(OSError):
            os.close(self.master)
