"""Never a traceback: errors that reach Python's own handlers print one fixed sentence, or nothing, never data.

Each case runs a small program in a fresh interpreter: it installs the program's hooks
(`hardening.install_hooks`) and then fails on one path while a canary is a local variable and the message of
the error. The positive control runs the same program without the hooks and expects the canary to show, so
that a check that can never fail is not mistaken for a test. (The same paths inside the running app, in a
real terminal, are in test_leak_sessions.py.) Last, how a failing thread gives the terminal back.
"""

from __future__ import annotations

import io
import subprocess
import sys
import threading

import pytest
from textual.drivers._writer_thread import WriterThread

from wizard.catalogue import t
from wizard.tui import hardening

BOOM = "    secret = {canary!r}\n    raise RuntimeError(f'note: {{secret}}')\n"
PATHS = {
    # name: (program body, exit code and standard error expected with the hooks)
    "main thread": ("def fail():\n" + BOOM + "fail()\n", 70, "sentence"),
    "thread": ("import threading\ndef fail():\n" + BOOM + "threading.Thread(target=fail).start()\n", 70, "sentence"),
    "asyncio.run": ("import asyncio\nasync def fail():\n" + BOOM + "asyncio.run(fail())\n", 70, "sentence"),
    "BaseException": (
        "class Uncaught(BaseException): pass\ndef fail():\n    secret = {canary!r}\n    raise Uncaught(secret)\n"
        "fail()\n",
        70,
        "sentence",
    ),
    "unraisable (__del__)": (
        "class Holder:\n    def __del__(self):\n" + BOOM.replace("    ", "        ") + "Holder()\nprint('went on')\n",
        0,
        "",
    ),
    "unraisable at exit": (
        "class Holder:\n    def __del__(self):\n" + BOOM.replace("    ", "        ") + "kept = Holder()\n",
        0,
        "",
    ),
    "asyncio callback": (
        "import asyncio\ndef fail():\n" + BOOM + "async def main():\n    asyncio.get_running_loop().call_soon(fail)\n"
        "    await asyncio.sleep(0.05)\nasyncio.run(main())\n",
        0,
        "",
    ),
}


def run(body: str, canary, hooks: bool) -> subprocess.CompletedProcess:
    prelude = "from wizard.tui import hardening\nhardening.install_hooks('en')\n" if hooks else ""
    program = prelude + body.format(canary=canary.text)
    return subprocess.run([sys.executable, "-c", program], capture_output=True, timeout=30)


@pytest.mark.parametrize("path", list(PATHS))
def test_one_fixed_sentence_or_nothing(path, canary):
    body, code, expected = PATHS[path]
    done = run(body, canary, hooks=True)
    stderr = done.stderr.decode()
    assert done.returncode == code, stderr
    assert stderr == (t("app.crash", "en") + "\n" if expected == "sentence" else "")
    assert "Traceback" not in stderr
    assert canary.found_in(done.stdout + done.stderr) == []


@pytest.mark.parametrize("path", [path for path in PATHS if path != "asyncio callback"])
def test_positive_control_without_the_hooks_the_canary_shows(path, canary):
    """Python's defaults print the error with its message (here the canary) on standard error.
    (An asyncio callback's error goes to the `logging` module, which the hooks also keep silent.)"""
    body, _, _ = PATHS[path]
    done = run(body, canary, hooks=False)
    assert canary.found_in(done.stderr), done.stderr.decode()


def test_logging_never_prints(canary):
    """The `logging` module's last-resort handler would print an error record; after the hooks, nothing."""
    body = "import logging\nlogging.getLogger('x').error('note: %s', {canary!r})\n"
    assert canary.found_in(run(body, canary, hooks=False).stderr)
    done = run(body, canary, hooks=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")


def test_the_sentence_holds_no_data():
    """Fixed in both languages: no placeholder for anything the person typed."""
    for lang in ("ru", "en"):
        assert "{" not in t("app.crash", lang) and hardening.crash_message(lang) == t("app.crash", lang)


class Terminal(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writers: set[str] = set()

    def write(self, text: str) -> int:
        self.writers.add(threading.current_thread().name)
        return super().write(text)


class Driver:
    """Textual's writer thread, and a restore that writes through the driver as Textual's does."""

    def __init__(self, terminal: Terminal) -> None:
        self._writer_thread = WriterThread(terminal)
        self._writer_thread.start()

    def write(self, data: str) -> None:
        self._writer_thread.write(data)

    def stop_application_mode(self) -> None:
        self.write("<leave alternate screen>")


def test_a_failing_thread_gives_the_terminal_back_before_the_end():
    """What was queued is written first (still on the alternate screen), then the restore, written by the
    failing thread itself; a frame the app draws afterwards never reaches the terminal; a second call (or a
    terminal Textual has already given back) writes nothing more."""
    terminal = Terminal()
    driver = Driver(terminal)
    driver.write("<frame with answers>")
    failing = threading.Thread(target=hardening.give_back, args=(driver,), name="failing")
    failing.start()
    failing.join(5)
    driver.write("<later frame>")
    hardening.give_back(driver)
    assert terminal.getvalue() == "<frame with answers><leave alternate screen>"
    assert terminal.writers == {"textual-output", "failing"}
