"""The real program in a real pseudo-terminal: keys after every dialog, a terminal that goes away, a paste
that is not marked as one, the signals that end a session, core dumps in the commands, a non-UTF-8 locale.

Each detector has its positive control here: a program that ignores a closed terminal keeps running in the
same harness, a program that keeps core dumps on is seen with them on. The timing and clearing detectors of
the quick exit have theirs in test_leak_controls.py (`slow`, `noclear`).
"""

from __future__ import annotations

import os
import pty
import shutil
import signal
import subprocess
import sys
import time

import pytest
from canary import strip_ansi
from harness import Run, core_limit
from session import ENTER, ESCAPE, Session
from support.terminal import CLEAR, LEAVE_ALTERNATE

from wizard.catalogue import t
from wizard.pack.loader import DEFAULT_RULES, load_pack

PACK = load_pack(DEFAULT_RULES)
LIMIT = 0.5


def assert_cleared(run: Run) -> None:
    """The last thing written erases the screen and the scrollback, after the alternate screen was left."""
    output = run.seen()
    assert output.endswith(CLEAR), output[-200:]
    assert output.rfind(LEAVE_ALTERNATE) < output.rfind(CLEAR)
    assert strip_ansi(run.after_exit()).strip() == b""


def quick_exit(run: Run, session: Session) -> float:
    pressed = session.panic("ctrl+q")
    assert run.wait(10) == 0
    return run.exited_at - pressed


# --- item 1: keys reach the app after every dialog ------------------------------------------------------


def save_summary(session: Session) -> str:
    session.keys("s", settle=0.2)
    session.expect(session.tr("app.save.title"))
    session.keys("itog.txt", settle=0.1)
    session.keys(ENTER, settle=0.2)
    session.expect("itog.txt")
    return "app.button.answers"


def cancel_save(session: Session) -> str:
    session.keys("s", settle=0.2)
    session.expect(session.tr("app.save.title"))
    session.keys(ESCAPE, settle=0.2)
    session.expect(session.tr("app.button.answers"))
    return "app.button.answers"


def close_report(session: Session) -> str:
    session.keys("r", settle=0.2)
    session.expect(session.tr("app.report.title"))
    session.back_to_result()
    return "app.button.answers"


def close_limits(session: Session) -> str:
    session.limits()
    session.keys(ESCAPE, settle=0.2)
    session.expect(session.tr("app.safety.title"))
    return "app.safety.title"


def too_small(session: Session) -> str:
    session.run.resize(20, 5)
    time.sleep(0.5)
    session.run.resize(80, 24)
    session.expect(session.tr("app.safety.title"))
    return "app.safety.title"


DIALOGS = {
    "save-summary": (True, save_summary),
    "save-cancelled": (True, cancel_save),
    "report": (True, close_report),
    "limits": (False, close_limits),
    "too-small": (False, too_small),
}


@pytest.mark.parametrize("dialog", list(DIALOGS))
def test_a_key_after_a_dialog_reaches_the_app(dialog, sandbox, canary):
    """After the dialog closes, F2 (an app key) switches the language of the screen, and Ctrl+Q ends the
    program within half a second with the screen cleared."""
    needs_result, close = DIALOGS[dialog]
    run = Run(sandbox, [])
    session = Session(run, PACK, canary)
    try:
        if needs_result:
            session.start()
            session.result()
        else:
            session.safety()
        shown = close(session)
        session.keys("\x1bOQ", settle=0.3)  # F2
        session.expect(t(shown, "en"))
        seconds = quick_exit(run, session)
    finally:
        run.close()
    assert seconds <= LIMIT, f"{seconds:.3f} s"
    assert_cleared(run)


# --- item 3: the terminal goes away without a SIGHUP ------------------------------------------------------


def test_the_app_ends_when_its_terminal_goes_away(sandbox, canary):
    """The harness starts the program in a session of its own without a controlling terminal, so closing
    the terminal sends no SIGHUP (as `setsid wizard`, or a window closed with the signal ignored)."""
    run = Run(sandbox, [])
    try:
        session = Session(run, PACK, canary)
        session.start()
        os.close(run.master)
        assert run.wait(5) == 0
    finally:
        run.close()


def test_control_a_program_that_ignores_a_closed_terminal_keeps_running():
    """Positive control: in the same kind of terminal, closing it does not end a program by itself."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(["sleep", "30"], stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    try:
        os.close(master)
        time.sleep(1)
        assert proc.poll() is None
    finally:
        proc.kill()
        proc.wait(5)


# --- item 4: a paste the terminal does not mark as one ---------------------------------------------------


def test_quick_exit_wins_over_a_large_unmarked_paste(sandbox, canary):
    """100 000 characters typed into the save dialog's file name at once (each one a key), then Ctrl+Q."""
    run = Run(sandbox, [])
    session = Session(run, PACK, canary)
    try:
        session.start()
        session.result()
        session.keys("s", settle=0.2)
        session.expect(session.tr("app.save.title"))
        run.send(b"a" * 100_000)
        seconds = quick_exit(run, session)
    finally:
        run.close()
    assert seconds <= LIMIT, f"{seconds:.3f} s"
    assert_cleared(run)


# --- item 11: the signals that end a session, and the locale ------------------------------------------


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_a_leaving_signal_is_the_quick_exit(name, sandbox, canary):
    number = getattr(signal, name)
    run = Run(sandbox, [])
    session = Session(run, PACK, canary)
    try:
        session.start()
        session.answer()
        time.sleep(0.2)
        os.kill(run.proc.pid, number)
        assert run.wait(5) == 128 + number
    finally:
        run.close()
    assert_cleared(run)


def test_russian_shows_under_a_non_utf8_locale(sandbox, canary):
    env = sandbox.env(LANG="C", LC_ALL="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0")
    run = Run(sandbox, [], env=env)
    session = Session(run, PACK, canary)
    try:
        session.expect(session.tr("app.safety.title"), timeout=10)
        quick_exit(run, session)
    finally:
        run.close()


# --- item 2: no core dumps in the commands ---------------------------------------------------------------


def wait_for_core_limit(pid: int, wanted: tuple[str, str], seconds: float = 10) -> tuple[str, str]:
    deadline = time.monotonic() + seconds
    found = core_limit(pid)
    while found != wanted and time.monotonic() < deadline:
        time.sleep(0.05)
        found = core_limit(pid)
    return found


@pytest.mark.parametrize("args", [["evaluate", "-"], ["report", "-"]])
def test_core_dumps_off_in_the_commands(args, sandbox):
    """`wizard evaluate -` waits for answers typed at the terminal: by then core dumps are off."""
    run = Run(sandbox, args, core_limit=True)
    try:
        assert wait_for_core_limit(run.proc.pid, ("0", "0")) == ("0", "0")
        run.send(b"\x04")  # end of the answers
        run.wait(10)
    finally:
        run.close()


def test_control_core_dumps_seen_when_on():
    proc = subprocess.Popen(["prlimit", "--core=unlimited:unlimited", "--", "sleep", "30"])
    try:
        assert wait_for_core_limit(proc.pid, ("unlimited", "unlimited")) == ("unlimited", "unlimited")
    finally:
        proc.kill()
        proc.wait(5)


# --- item 11: a signal during a save leaves no temporary file --------------------------------------------

SLOW_SAVE = """
import os, sys, time
real_fsync = os.fsync
def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(30)
    real_fsync(fd)
os.fsync = slow_fsync
sys.argv = ["wizard", "--lang", "en", "evaluate", sys.argv[1], "--output", sys.argv[2]]
from wizard.cli import run
run()
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_a_signal_during_a_save_leaves_no_temporary_file(name, tmp_path):
    number = getattr(signal, name)
    answers = tmp_path / "answers.yaml"
    answers.write_text("respondent: soldier\n")
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_SAVE, str(answers), str(tmp_path / "itog.txt")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    try:
        assert proc.stdout.readline() == b"writing\n"
        assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")]  # the control
        proc.send_signal(number)
        assert proc.wait(10) == 128 + number
    finally:
        proc.kill()
        proc.wait(5)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["answers.yaml"]
    assert b"Traceback" not in proc.stderr.read()


# --- item 10: a pipe in the rule pack given to the app -----------------------------------------------


def test_a_pipe_in_the_rule_pack_ends_the_app_with_one_line(sandbox, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES, rules, ignore=shutil.ignore_patterns("scenarios"))
    os.mkfifo(rules / "zz.yaml")
    run = Run(sandbox, ["--lang", "en", "--rules", str(rules)])
    try:
        run.wait_for(t("app.safety.title", "en"))
        run.send(ENTER)  # Start
        assert run.wait(10) == 2
    finally:
        run.close()
    assert f"{rules / 'zz.yaml'}:1: this is not a regular file" in strip_ansi(run.after_exit()).decode()
