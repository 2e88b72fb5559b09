"""The console script in a real pseudo-terminal (and in tmux): it paints, answers keys, leaves cleanly."""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import termios
import time
from pathlib import Path

import pytest
from support.terminal import CLEAR, WIZARD, Terminal, after_exit, clean_env
from uipilot import TEST_PACK

from wizard.catalogue import t

OSC = re.compile(rb"\x1b\]([0-9]*);[^\x07\x1b]*(?:\x07|\x1b\\)")
CANARY = "ZXQ-КАНАРЕЙКА-9d2e"


@pytest.fixture
def home(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def start(home: Path, *args: str, **env: str) -> Terminal:
    return Terminal([str(WIZARD), "--rules", str(TEST_PACK), *args], clean_env(home, **env), cwd=home)


@pytest.mark.parametrize("key", [b"\x11", b"\x03"], ids=["ctrl+q", "ctrl+c"])
def test_quick_exit_in_a_real_terminal(home, key):
    """Answer a few questions, type into a field, press the key: code 0, screen and scrollback erased,
    nothing printed, no log file despite TEXTUAL_LOG, no window title, bell or notification."""
    log = home / "textual.log"
    term = start(home, TEXTUAL_LOG=str(log), TEXTUAL="devtools,debug")
    try:
        end = term.wait_for("Ctrl+Q")
        term.send(b"\r")
        end = term.wait_for("1 из", end)
        term.send(b"\r")
        end = term.wait_for("2 из", end)
        term.send(b"4242")  # months served, typed into the number field
        term.wait_for("4242", end)
        pressed = time.perf_counter()
        term.send(key)
        assert term.wait(5) == 0
        assert time.perf_counter() - pressed < 1.0
    finally:
        term.close()
    output = term.seen()
    assert output.endswith(CLEAR)
    tail = after_exit(output)
    assert CLEAR in tail
    assert not re.sub(rb"\x1b\[[0-9;?<>$]*[a-zA-Z]", b"", tail).strip(), tail
    assert {match.group(1) for match in OSC.finditer(output)} <= {b"22"}  # pointer shape only: no title (0/1/2),
    assert b"\x07" not in OSC.sub(b"", output)  # no notification (9/777), and no bell
    assert list(home.iterdir()) == []


def fresh_terminal_settings() -> list:
    """The settings of a new pseudo-terminal, as the app's was before it started."""
    master, slave = pty.openpty()
    try:
        return termios.tcgetattr(slave)
    finally:
        os.close(slave)
        os.close(master)


def test_quick_exit_gives_the_terminal_its_settings_back(home):
    """Echo, line editing and signals as before the app put the terminal in raw mode."""
    term = start(home)
    try:
        term.wait_for("Ctrl+Q")
        running = termios.tcgetattr(term.master)
        term.send(b"\x11")
        assert term.wait(5) == 0
        after = termios.tcgetattr(term.master)
    finally:
        term.close()
    assert running != fresh_terminal_settings()  # the check sees raw mode
    assert after == fresh_terminal_settings()


def test_print_after_exit(home):
    """ "Exit and print": the summary is printed on the normal screen, after the app has left the alternate one."""
    term = start(home, "--lang", "en")
    try:
        steps = [
            ("Ctrl+Q", b"\r"),
            ("question 1 of", b"\r"),
            ("question 2 of", b"8\r"),
            ("question 3 of", b"2027-01-31\r"),
            ("question 4 of", b"\r"),
            ("question 5 of", b"\x1b[B\x1b[B\r"),
        ]
        end = 0
        for shown, keys in steps:
            end = term.wait_for(shown, end)
            time.sleep(0.05)
            term.send(keys)
        end = term.wait_for("Check your answers", end)
        time.sleep(0.3)  # as a person would: read before pressing keys that move the focus
        term.send(b"\r")  # the review's primary button: Result
        end = term.wait_for("Next step", end)
        time.sleep(0.3)
        term.send(b"\x1b[Z" * 4 + b"\r")  # back from the result text past Exit, Report and Save to "Exit and print"
        assert term.wait(10) == 0
    finally:
        term.close()
    printed = after_exit(term.seen()).decode()
    assert "Result: grounds for early dismissal" in printed
    assert "Unfit for health reasons" in printed and "This is not legal advice" in printed


def test_no_terminal_exits_2_with_one_line(home):
    """Without a terminal the app does not start: one line pointing to `wizard evaluate`, code 2, no hang."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(WIZARD)], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=10, env=clean_env(home)
    )
    assert time.perf_counter() - started < 5
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == t("app.no_tty", "ru") + "\n"
    assert "wizard evaluate" in done.stderr


def test_crash_in_a_real_terminal(home, tmp_path):
    """An error inside a screen: terminal restored, one fixed sentence, code 70, no traceback, no answer shown."""
    script = tmp_path / "broken.py"
    script.write_text(
        "import sys\n"
        "from wizard.tui.screens.question import QuestionScreen\n"
        "def broken(self):\n"
        f"    secret = {CANARY!r}\n"
        "    raise RuntimeError(secret)\n"
        "QuestionScreen.compose = broken\n"
        "from wizard.cli import run\n"
        f"sys.argv = ['wizard', '--rules', {str(TEST_PACK)!r}]\n"
        "run()\n"
    )
    term = Terminal([str(WIZARD.with_name("python")), str(script)], clean_env(home), cwd=home)
    try:
        term.wait_for("Ctrl+Q")
        term.send(b"\r")
        assert term.wait(10) == 70
    finally:
        term.close()
    tail = after_exit(term.seen()).decode()
    assert t("app.crash", "ru") in tail
    assert "Traceback" not in tail and CANARY not in term.seen().decode()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_quick_exit_in_tmux(home, tmp_path):
    """In tmux: after the quick exit the pane and its history hold nothing of the session."""
    socket = tmp_path / "tmux.sock"

    def tmux(*args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", str(socket), "-f", "/dev/null", *args], capture_output=True, text=True, timeout=10
        )
        return done.stdout

    def wait_for(text: str) -> str:
        deadline = time.perf_counter() + 15
        while time.perf_counter() < deadline:
            pane = tmux("capture-pane", "-p", "-S", "-", "-t", "w")
            if text in pane:
                return pane
            time.sleep(0.05)
        raise AssertionError(f"{text!r} not in pane: {pane}")

    command = f"{WIZARD} --rules {TEST_PACK}; echo EXIT=$?; sleep 30"
    env = clean_env(home)
    subprocess.run(
        ["tmux", "-S", str(socket), "-f", "/dev/null", "new-session", "-d", "-s", "w", "-x", "80", "-y", "24", command],
        env=env,
        check=True,
        timeout=10,
    )
    try:
        wait_for("Ctrl+Q")
        tmux("send-keys", "-t", "w", "Enter")
        wait_for("вопрос 1 из")
        tmux("send-keys", "-t", "w", "Down", "Enter")
        wait_for("вопрос 2 из")
        tmux("send-keys", "-t", "w", "C-q")
        pane = wait_for("EXIT=")
        assert "EXIT=0" in pane
        assert [line for line in pane.splitlines() if line.strip()] == ["EXIT=0"]
    finally:
        tmux("kill-server")
