"""The leak harness: the real program in a real pseudo-terminal, in a sandbox, watched from every side.

`Sandbox` gives a run a fresh HOME, TMPDIR, XDG folders and working folder, and an environment that asks
Textual for everything it can leak (a log file, devtools, a screenshot at once). `Run` starts the console
script (or the test launcher) in a pseudo-terminal inside it, records every byte written to the terminal,
optionally under strace, and reads the launcher's audit reports. `Findings` lists what the detectors found;
each detector has a positive control in test_leak_controls.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from canary import Canary
from support.terminal import WIZARD, Terminal, after_exit, strip_ansi

PYTHON = Path(sys.executable)
LAUNCHER = Path(__file__).with_name("launcher.py")
ROOT = Path(__file__).resolve().parents[2]

OSC = re.compile(rb"\x1b\]([0-9]*)(?:;[^\x07\x1b]*)?(?:\x07|\x1b\\)")
XDG = ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")


class Sandbox:
    """Fresh folders for one run; nothing in them before it starts but what the test puts there."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.tmp = root / "tmp"
        self.work = root / "work"
        self.xdg = {name: root / "xdg" / name.split("_")[1].lower() for name in XDG}
        for folder in self.folders:
            folder.mkdir(parents=True, exist_ok=True)
        self.xdg["XDG_RUNTIME_DIR"].chmod(0o700)
        self.textual_log = self.tmp / "textual.log"
        self.before: dict[Path, tuple[int, int, int]] = {}

    @property
    def folders(self) -> list[Path]:
        return [self.home, self.tmp, self.work, *self.xdg.values()]

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a run: the sandbox's folders, and every Textual variable that would leak."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "TMPDIR": str(self.tmp),
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
            **{name: str(folder) for name, folder in self.xdg.items()},
            "TEXTUAL_LOG": str(self.textual_log),
            "TEXTUAL": "devtools,debug",
            "TEXTUAL_SCREENSHOT": "0",
            "TEXTUAL_SCREENSHOT_LOCATION": str(self.tmp),
        }
        env.update(extra)
        return env

    def _state(self) -> dict[Path, tuple[int, int, int]]:
        state = {}
        for folder in self.folders:
            for path in folder.rglob("*"):
                info = path.lstat()
                state[path] = (info.st_ino, info.st_size, info.st_mtime_ns)
        return state

    def stamp(self) -> None:
        """Remember what is there now."""
        self.before = self._state()

    def changes(self) -> list[str]:
        """Every file or folder made, changed or removed since `stamp()` (bytecode caches excepted)."""
        after = self._state()
        changed = [path for path, state in after.items() if self.before.get(path) != state]
        changed += [path for path in self.before if path not in after]
        return sorted(str(path) for path in changed if "__pycache__" not in path.parts)


@cache
def strace_works() -> bool:
    """Whether strace can trace a child here (it needs ptrace, which some containers forbid)."""
    if shutil.which("strace") is None:
        return False
    done = subprocess.run(
        ["strace", "-f", "--seccomp-bpf", "-qq", "-e", "trace=socket", "-o", "/dev/null", "true"],
        capture_output=True,
        timeout=20,
    )
    return done.returncode == 0


OPENING = {"open", "openat", "openat2"}
CHANGING = {"creat", "mkdir", "mkdirat", "rename", "renameat", "renameat2", "link", "linkat", "symlink", "symlinkat"}
CHANGING |= {"unlink", "unlinkat", "truncate"}
NETWORK = {"socket", "connect", "bind"}
STARTING = {"execve", "execveat"}
TRACED = ",".join(sorted(OPENING | CHANGING | NETWORK | STARTING))
ALLOWED_WRITES = re.compile(r"^(/dev/pts/[0-9]+|/dev/tty|/dev/null|/dev/ptmx)$")


def strace_findings(log: str, execs: int = 1) -> list[str]:
    """What an strace log shows the program doing that it must not: open a file for writing, make, rename or
    remove one (bytecode caches excepted), open a socket other than AF_UNIX, connect, or start a program."""
    found = []
    allowed, execs = execs, 0
    for line in log.splitlines():
        call = re.match(r"^(?:\[pid\s+)?\d*\]?\s*([a-z0-9_]+)\((.*)$", line.strip())
        if call is None:
            continue
        name, rest = call.groups()
        if "= -1 " in rest or rest.endswith("<unfinished ...>"):
            continue  # failed calls changed nothing
        path = re.search(r'"((?:[^"\\]|\\.)*)"', rest)
        where = path.group(1) if path else ""
        if "__pycache__" in where:
            continue
        if name in OPENING:
            if re.search(r"O_(WRONLY|RDWR|CREAT|TRUNC|APPEND)", rest) and not ALLOWED_WRITES.match(where):
                found.append(line)
        elif name in CHANGING:
            found.append(line)
        elif name == "socket":
            if "AF_UNIX" not in rest:
                found.append(line)
        elif name in ("connect", "bind"):
            if "AF_INET" in rest or "AF_INET6" in rest:
                found.append(line)
        elif name in STARTING:
            execs += 1
            if execs > allowed:  # the program itself (and prlimit before it): nothing else
                found.append(line)
    return found


class Run(Terminal):
    """One run of the program in a fresh pseudo-terminal."""

    def __init__(
        self,
        sandbox: Sandbox,
        args: Iterable[str] = (),
        *,
        launcher: Iterable[str] | None = None,
        size: tuple[int, int] = (80, 24),
        strace: Path | None = None,
        core_limit: bool = False,
        env: dict[str, str] | None = None,
    ) -> None:
        """`args`: the program's arguments. `launcher`: run through the test launcher with these options
        (None: the console script itself). `strace`: trace into this file. `core_limit`: start the program
        with core dumps allowed, so that turning them off is the program's own doing."""
        self.sandbox = sandbox
        argv = [str(WIZARD), *args] if launcher is None else [str(PYTHON), str(LAUNCHER), *launcher, "--", *args]
        if core_limit:
            argv = ["prlimit", "--core=unlimited:unlimited", "--", *argv]
        self.execs = 2 if core_limit else 1
        """How many programs are started on the way to the wizard (prlimit execs it)."""
        self.strace = strace
        if strace is not None:
            argv = [
                "strace",
                "-f",
                "--seccomp-bpf",
                "-qq",
                "-s",
                "256",
                "-e",
                f"trace={TRACED}",
                "-o",
                str(strace),
                *argv,
            ]
        report_read, report_write = os.pipe()
        env = dict(sandbox.env() if env is None else env)
        env["PRIVACY_REPORT_FD"] = str(report_write)
        sandbox.stamp()
        super().__init__(argv, env, cwd=sandbox.work, size=size, pass_fds=(report_write,))
        os.close(report_write)
        self.reports_raw = bytearray()
        self.report_fd = report_read
        reports = threading.Thread(target=self._read, args=(report_read, self.reports_raw), daemon=True)
        reports.start()
        self.threads.append(reports)

    def wait(self, timeout: float = 15) -> int:
        code = super().wait(timeout)
        self.threads[-1].join(5)
        return code

    def close(self) -> None:
        super().close()
        with contextlib.suppress(OSError):
            os.close(self.report_fd)

    # --- what it left ---------------------------------------------------------------------------------

    def reports(self) -> list[dict]:
        with self.lock:
            lines = bytes(self.reports_raw).decode().splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def program_pid(self) -> int:
        """The program's own process (under strace, a child of strace): from the launcher's report, if any."""
        pids = [entry["pid"] for entry in self.reports() if entry["event"] == "core"]
        return pids[-1] if pids else self.proc.pid

    def after_exit(self) -> bytes:
        """The bytes written after the alternate screen was left for the last time: what stays in the terminal."""
        return after_exit(self.seen())


@dataclass
class Findings:
    """What the detectors found after a run; empty lists everywhere mean no leak seen."""

    new_files: list[str] = field(default_factory=list)
    canary_in_files: list[tuple[str, str]] = field(default_factory=list)
    canary_on_screen_after_exit: list[str] = field(default_factory=list)
    traceback_after_exit: bool = False
    network: list[dict] = field(default_factory=list)
    writes: list[dict] = field(default_factory=list)
    strace: list[str] = field(default_factory=list)
    clipboard: bool = False
    title: bool = False
    notification: bool = False
    bell: bool = False
    core_dumps: list[str] = field(default_factory=list)
    textual_before_hardening: list[str] = field(default_factory=list)

    def leaks(self) -> dict[str, object]:
        return {name: value for name, value in vars(self).items() if value}


NETWORK_EVENTS = {"socket", "connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"}
NETWORK_EVENTS |= {"socket.bind", "socket.sendto", "socket.sendmsg"}


def terminal_findings(output: bytes) -> dict[str, bool]:
    """What a program wrote to the terminal that reaches beyond it: the clipboard (OSC 52), the window title
    (OSC 0, 1, 2), a desktop notification (OSC 9, 777, 99), the bell (BEL outside an OSC sequence)."""
    codes = {match.group(1) for match in OSC.finditer(output)}
    return {
        "clipboard": b"52" in codes,
        "title": bool({b"0", b"1", b"2"} & codes),
        "notification": bool({b"9", b"777", b"99"} & codes),
        "bell": b"\x07" in OSC.sub(b"", output),
    }


def core_limit(pid: int) -> tuple[str, str]:
    """The soft and hard RLIMIT_CORE of a running process, from /proc/<pid>/limits ("0" when off)."""
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max core file size"):
            soft, hard = line.split()[4:6]
            return soft, hard
    raise AssertionError(f"no core limit in /proc/{pid}/limits")


def inspect(run: Run, canary: Canary | None) -> Findings:
    """Run every detector over a finished run."""
    sandbox = run.sandbox
    output = run.seen()
    tail = run.after_exit()
    reports = run.reports()
    findings = Findings(new_files=sandbox.changes())
    if canary is not None:
        findings.canary_in_files = canary.found_in_files(sandbox.folders)
        findings.canary_on_screen_after_exit = canary.found_in(tail)
    findings.traceback_after_exit = b"Traceback" in strip_ansi(tail)
    findings.network = [entry for entry in reports if entry["event"] in NETWORK_EVENTS]
    findings.writes = [
        entry for entry in reports if entry["event"] in {"open for writing", "tempfile.mkstemp", "tempfile.mkdtemp"}
    ]
    findings.writes += [entry for entry in reports if entry["event"].startswith(("os.", "shutil.", "subprocess."))]
    if run.strace is not None and run.strace.exists():
        findings.strace = strace_findings(run.strace.read_text(errors="replace"), run.execs)
    for name, seen in terminal_findings(output).items():
        setattr(findings, name, seen)
    for entry in reports:
        if entry["event"] == "core":
            if entry["rlimit_core"] != [0, 0]:
                findings.core_dumps.append(f"RLIMIT_CORE is {entry['rlimit_core']}")
            if entry["dumpable"] != 0:
                findings.core_dumps.append(f"PR_GET_DUMPABLE is {entry['dumpable']}")
        if entry["event"] == "prepared":
            if entry["textual_imported_before"]:
                findings.textual_before_hardening.append("textual imported before prepare()")
            findings.textual_before_hardening += entry["textual_variables_left"]
    return findings
