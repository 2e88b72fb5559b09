"""Positive controls: every detector of the leak tests fires on a program that leaks on purpose.

A detector that never fires is not a test. The deliberately leaky program is the real app run by the test
launcher with `--leak` (launcher.py, LEAKS): when a report field is sent it writes the canary to files in three
encodings and to a temporary file, opens an AF_INET socket, sends it to the clipboard, sets a window title,
sends a notification and rings the bell; it keeps core dumps on, and its quick exit neither clears the
screen nor is quick, and prints the text after the terminal is restored. Other runs remove the error
boundary (Textual's own traceback, with local variables), leave the TEXTUAL* variables in place, or let a
crash end the process without giving the terminal back. The same session driver and detectors as the real
sessions (test_leak_sessions.py) must report each of these, each at its own place.

The detectors are also checked on their own, on bytes and logs made up here: every encoding of the canary,
escape sequences between its letters, strace lines, terminal sequences and sandbox changes.
"""

from __future__ import annotations

import base64
import json
import os
import re
import time
from dataclasses import dataclass

import pytest
from canary import Canary
from harness import Findings, Run, Sandbox, core_limit, inspect, strace_findings, strace_works, terminal_findings
from session import Session
from support.terminal import CLEAR, strip_ansi

from wizard.pack.loader import DEFAULT_RULES, load_pack

PACK = load_pack(DEFAULT_RULES)
LEAKY = ["file", "base64", "json", "tempfile", "stderr", "socket", "clipboard", "title", "notify", "bell"]
LEAKY += ["core", "noclear", "slow"]


def launcher_options(leaks: list[str], crash: str | None = None) -> list[str]:
    options = [option for leak in leaks for option in ("--leak", leak)]
    return options + (["--crash", crash] if crash else [])


@dataclass
class Leaky:
    run: Run
    findings: Findings
    seconds: float
    """From the quick-exit key to the end of the process."""
    core_limit: tuple[str, str]
    """RLIMIT_CORE (soft, hard) of the running process, from /proc."""


@pytest.fixture(scope="module")
def leaky(tmp_path_factory):
    """The leaky program, through a session up to the report, a field sent, then the quick exit there."""
    root = tmp_path_factory.mktemp("leaky")
    sandbox, canary = Sandbox(root / "sandbox"), Canary.fresh()
    trace = root / "strace.log" if strace_works() else None
    run = Run(sandbox, [], launcher=launcher_options(LEAKY), strace=trace, core_limit=True)
    session = Session(run, PACK, canary)
    try:
        session.at_free_text()
        session.keys("\r")
        time.sleep(0.5)  # the field is sent (and the leaks done) before the quick exit
        limits = core_limit(run.program_pid())
        pressed = session.panic("ctrl+q")
        run.wait(15)
    finally:
        run.close()
    return Leaky(run, inspect(run, canary), run.exited_at - pressed, limits)


def named(paths, name: str) -> bool:
    return any(os.path.basename(str(path)) == name for path in paths)


def test_new_files_are_seen(leaky):
    assert named(leaky.findings.new_files, ".wizard_history")  # HOME
    assert named(leaky.findings.new_files, "state")  # XDG_STATE_HOME
    assert named(leaky.findings.new_files, "answers.json")  # the working folder
    assert any(path.startswith(str(leaky.run.sandbox.tmp)) for path in leaky.findings.new_files)  # TMPDIR


def test_the_canary_is_found_in_each_encoding(leaky):
    found = {(os.path.basename(path), form) for path, form in leaky.findings.canary_in_files}
    assert (".wizard_history", "utf-16-le") in found
    assert any(name == "state" and form.startswith("base64/") for name, form in found)
    assert ("answers.json", "json \\u escapes") in found
    assert any(name.startswith("tmp") and form == "utf-8" for name, form in found)


def test_what_is_left_in_the_terminal_is_seen(leaky):
    assert leaky.findings.canary_on_screen_after_exit
    assert not leaky.run.seen().endswith(CLEAR)


def test_the_socket_is_seen_by_the_audit_hook(leaky):
    assert {"event": "socket", "family": 2} in leaky.findings.network


@pytest.mark.skipif(not strace_works(), reason="strace cannot trace here (no ptrace)")
def test_the_socket_and_the_files_are_seen_by_strace(leaky):
    assert any("socket(AF_INET" in line for line in leaky.findings.strace)
    assert any(".wizard_history" in line and "O_CREAT" in line for line in leaky.findings.strace)


def test_writes_are_seen_by_the_audit_hook(leaky):
    paths = [entry.get("path", "") for entry in leaky.findings.writes]
    assert any(path.endswith(".wizard_history") for path in paths)
    assert any(entry["event"] == "tempfile.mkstemp" for entry in leaky.findings.writes)


def test_clipboard_title_notification_and_bell_are_seen(leaky):
    findings = leaky.findings
    assert findings.clipboard and findings.title and findings.notification and findings.bell


def test_core_dumps_left_on_are_seen(leaky):
    assert leaky.findings.core_dumps
    assert leaky.core_limit == ("unlimited", "unlimited")


def test_a_slow_quick_exit_is_seen(leaky):
    assert leaky.seconds > 0.5


def test_a_traceback_is_seen(tmp_path, canary):
    """The error boundary removed: Textual prints its traceback, local variables and all."""
    run = Run(Sandbox(tmp_path), [], launcher=launcher_options(["traceback"], crash="handler"))
    session = Session(run, PACK, canary)
    try:
        session.at_free_text()
        session.keys("\r")
        code = run.wait(15)
    finally:
        run.close()
    findings = inspect(run, canary)
    assert code != 70
    assert findings.traceback_after_exit
    assert findings.canary_on_screen_after_exit


def test_a_terminal_not_given_back_is_seen(tmp_path, canary):
    """A crash in a thread that ends the process without giving the terminal back leaves the answers shown."""
    run = Run(Sandbox(tmp_path), [], launcher=launcher_options(["norestore"], crash="thread"))
    session = Session(run, PACK, canary)
    try:
        session.at_free_text()
        session.keys("\r")
        assert run.wait(15) == 70
    finally:
        run.close()
    assert inspect(run, canary).canary_on_screen_after_exit


def test_textual_variables_left_in_place_are_seen(tmp_path, canary):
    """Without the scrub, TEXTUAL_LOG records every message, keys and typed values included."""
    sandbox = Sandbox(tmp_path)
    env = sandbox.env()
    del env["TEXTUAL_SCREENSHOT"]  # which would save a screenshot and end the app at once
    run = Run(sandbox, [], launcher=launcher_options(["env"]), env=env)
    session = Session(run, PACK, canary)
    try:
        session.at_free_text()
        session.panic()
        run.wait(15)
    finally:
        run.close()
    findings = inspect(run, canary)
    assert str(sandbox.textual_log) in findings.new_files
    assert (str(sandbox.textual_log), "utf-8") in findings.canary_in_files
    assert "TEXTUAL_LOG" in findings.textual_before_hardening


# --- the detectors on their own ---------------------------------------------------------------------------


def encodings(canary: Canary) -> dict[str, bytes]:
    text = canary.text
    return {
        "utf-8": text.encode(),
        "utf-16-le": text.encode("utf-16-le"),
        "utf-16-be": text.encode("utf-16-be"),
        "utf-16 with BOM": text.encode("utf-16"),
        "json, ensure_ascii": json.dumps({"note": text}).encode(),
        "json, upper-case escapes": re.sub(r"\\u(....)", lambda m: "\\u" + m[1].upper(), json.dumps(text)).encode(),
        "cp1251": canary.cyrillic.encode("cp1251"),
        "koi8-r": canary.cyrillic.encode("koi8-r"),
        **{
            f"base64 at offset {offset}": base64.b64encode(b"x" * offset + text.encode() + b"tail")
            for offset in range(3)
        },
        "OSC 52": b"\x1b]52;c;" + base64.b64encode(f"note: {text}".encode()) + b"\x07",
        "styled letter by letter": "".join(f"\x1b[1;38;5;{n}m{c}" for n, c in enumerate(text)).encode(),
    }


@pytest.mark.parametrize("encoding", list(encodings(Canary.fresh())))
def test_canary_found_in_every_encoding(encoding, canary):
    data = os.urandom(50) + encodings(canary)[encoding] + os.urandom(50)
    assert canary.found_in(data), encoding


def test_canary_not_found_where_it_is_not(canary):
    other = Canary.fresh()
    for data in encodings(other).values():
        assert canary.found_in(data) == []


def test_canary_found_in_file_names_and_contents(tmp_path, canary):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / f"{canary.latin}.txt").write_text("nothing")
    (tmp_path / "b.bin").write_bytes(canary.text.encode("utf-16-le"))
    found = canary.found_in_files([tmp_path])
    assert any(path.endswith(".txt") and form.startswith("file name") for path, form in found)
    assert any(path.endswith("b.bin") and form == "utf-16-le" for path, form in found)


def test_sandbox_sees_files_made_changed_and_removed(tmp_path):
    sandbox = Sandbox(tmp_path)
    kept, removed = sandbox.home / "kept", sandbox.home / "removed"
    kept.write_text("a")
    removed.write_text("a")
    sandbox.stamp()
    assert sandbox.changes() == []
    kept.write_text("changed, and longer")
    removed.unlink()
    (sandbox.xdg["XDG_CACHE_HOME"] / "new").write_text("new")
    (sandbox.work / "__pycache__").mkdir()
    (sandbox.work / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"code")
    assert sandbox.changes() == sorted(str(path) for path in (kept, removed, sandbox.xdg["XDG_CACHE_HOME"] / "new"))


STRACE_LOG = """\
101   execve("/venv/bin/wizard", ["wizard"], 0x7ffd /* 12 vars */) = 0
101   openat(AT_FDCWD, "/venv/lib/python3.11/site.py", O_RDONLY|O_CLOEXEC) = 3
101   openat(AT_FDCWD, "/dev/pts/3", O_RDWR|O_NOCTTY|O_CLOEXEC) = 5
101   openat(AT_FDCWD, "/w/__pycache__/m.cpython-311.pyc.140", O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC, 0644) = 3
101   rename("/w/__pycache__/m.cpython-311.pyc.140", "/w/__pycache__/m.cpython-311.pyc") = 0
101   socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 6
101   openat(AT_FDCWD, "/nowhere/x", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = -1 ENOENT (No such file)
"""
STRACE_LEAKS = [
    '102   openat(AT_FDCWD, "/home/u/.history", O_WRONLY|O_CREAT|O_APPEND|O_CLOEXEC, 0666) = 3',
    '102   openat(AT_FDCWD, "/tmp/x", O_RDWR|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC, 0600) = 4',
    '102   mkdir("/home/u/.cache/wizard", 0777) = 0',
    '102   unlink("/home/u/.cache/x") = 0',
    "102   socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = 7",
    "102   socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 7",
    '102   connect(7, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("1.1.1.1")}, 16) = 0',
    '102   execve("/usr/bin/xdg-open", ["xdg-open"], 0x7ffd /* 12 vars */) = 0',
]


def test_strace_detector_passes_a_clean_log():
    assert strace_findings(STRACE_LOG) == []


@pytest.mark.parametrize("line", STRACE_LEAKS)
def test_strace_detector_fires(line):
    assert strace_findings(STRACE_LOG + line + "\n") == [line]


@pytest.mark.parametrize(
    ("data", "seen"),
    [
        (b"\x1b]52;c;bm90ZQ==\x07", "clipboard"),
        (b"\x1b]52;c;bm90ZQ==\x1b\\", "clipboard"),
        (b"\x1b]0;wizard\x07", "title"),
        (b"\x1b]2;wizard\x1b\\", "title"),
        (b"\x1b]9;done\x07", "notification"),
        (b"\x1b]777;notify;wizard;done\x07", "notification"),
        (b"text\x07more", "bell"),
    ],
)
def test_terminal_detector_fires(data, seen):
    clean = b"\x1b[?1049h\x1b]22;pointer\x07frame\x1b[?1049l"
    assert {name for name, fired in terminal_findings(clean + data).items() if fired} == {seen}
    assert not any(terminal_findings(clean).values())


def test_strip_ansi_keeps_text():
    assert strip_ansi(b"\x1b[1;38;5;253mab\x1b[0m\x1b]22;pointer\x07c\x1b[8;40H") == b"abc"
