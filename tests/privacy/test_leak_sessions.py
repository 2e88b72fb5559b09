"""Whole sessions of the real program, in a real pseudo-terminal, with a fresh canary typed into every free-text
field: afterwards nothing of it exists anywhere the detectors can look.

Each run starts the program's entry point (`wizard.cli.run`, what the console script calls) through the test
launcher, which watches from inside with an audit hook and, when asked, injects a crash; it runs with a fresh
HOME, TMPDIR, XDG folders and working folder, core dumps allowed at the start, and every Textual variable that
would leak set (a log file, devtools, a screenshot at once). The console script itself runs in a terminal in
test_quick_exit_terminal.py and test_core_dumps.py. Three ways to end a session:

* normal finish: every question answered (the shortest walk through the shipped pack that asks every kind of
  question), the canary typed into the save dialog's file name (then cancelled) and into each field of the
  report screen, then Exit; and once more with "Exit and print";
* the quick exit on each screen and dialog: a separate run stopped there, the canary typed where the screen
  takes text, then Ctrl+Q or Ctrl+C (alternately);
* a crash injected as a report field is sent, the canary a local variable of the failing code: on Textual's handler
  path, in a worker, on the asyncio loop, as an exception that is not an Exception, in a thread
  (threading.excepthook), and after the app has ended, out of the entry point (sys.excepthook).

The detectors (`harness.inspect`): no file made, changed or removed under the sandbox's folders (bytecode caches
excepted); the canary in no file there, in any encoding (UTF-8, UTF-16-LE/BE, JSON escapes, base64, cp1251,
KOI8-R); nothing but the fixed sentence in what stays in the terminal after the alternate screen is left; no
traceback; no socket but AF_UNIX, no name lookup, no connect (the audit hook, and strace wherever strace can
trace); no file opened for writing (audit hook and strace); no OSC 52 clipboard, window
title, notification or bell; core dumps off in the running process; Textual not imported before the hardening.
Each detector is shown to fire on a deliberately leaky program in test_leak_controls.py.

The runs are independent processes and run three at a time; each test then checks one run's outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from canary import Canary
from harness import Findings, Run, Sandbox, inspect, strace_works
from session import Session
from support.terminal import CLEAR, LEAVE_ALTERNATE, strip_ansi

from wizard.catalogue import t
from wizard.pack.loader import DEFAULT_RULES, load_pack

PACK = load_pack(DEFAULT_RULES)
KINDS = sorted({question.kind for question in PACK.questions})
CRASH_PATHS = {
    "handler": "app",
    "worker": "app",
    "loop": "app",
    "uncaught": "app",
    "thread": "threading.excepthook",
    "excepthook": "sys.excepthook",
}
"""Each way the launcher makes the app fail, and the handler that must take the error."""
CRASH_MODES = list(CRASH_PATHS)


@dataclass
class Outcome:
    code: int | None
    findings: Findings
    canary: Canary
    after_exit: bytes
    output: bytes
    typed: list[str]
    traced: bool
    errors_taken_by: list[str]
    """Which handler took each error (reported by the launcher)."""
    observed: bool
    """The launcher's audit hook reported from inside the program (after its hardening, and once mounted)."""
    error: BaseException | None = None

    def check_ran(self) -> None:
        if self.error is not None:
            raise self.error

    @property
    def left_on_screen(self) -> str:
        return strip_ansi(self.after_exit).decode("utf-8", "replace").strip()


def session_run(root: Path, steps: Callable[[Session], None], launcher: list[str]) -> Outcome:
    sandbox = Sandbox(root)
    canary = Canary.fresh()
    trace = root / "strace.log" if strace_works() else None
    run = Run(sandbox, [], launcher=launcher, strace=trace, core_limit=True)
    session = Session(run, PACK, canary)
    error = None
    try:
        steps(session)
        run.wait(15)
    except BaseException as caught:
        error = caught
    finally:
        run.close()
    traced = trace is not None and trace.exists() and "execve(" in trace.read_text(errors="replace")
    findings = inspect(run, canary)
    events = [entry["event"] for entry in run.reports()]
    taken_by = [entry["via"] for entry in run.reports() if entry["event"] == "error"]
    observed = "prepared" in events and "core" in events
    return Outcome(
        run.code, findings, canary, run.after_exit(), run.seen(), session.typed, traced, taken_by, observed, error
    )


# --- the three ways to end a session -------------------------------------------------------------------


def normal_finish(session: Session) -> None:
    session.start()
    session.result()
    session.save_dialog()
    session.back_to_result()
    if session.has_report():
        session.report()
        session.back_to_result()
    session.exit()


def printed_finish(session: Session) -> None:
    session.start()
    session.result()
    session.exit_and_print()


def at_question(kind: str) -> Callable[[Session], None]:
    def steps(session: Session) -> None:
        session.start()
        session.until(kind)
        session.type_answer()

    return steps


def too_small(session: Session) -> None:
    session.at_free_text()
    session.run.resize(40, 12)
    session.expect("40×12")


def at_report(session: Session) -> None:
    session.start()
    session.result()
    if not session.has_report():
        pytest.skip("the app has no report screen")
    session.report()


STOPS: dict[str, Callable[[Session], None]] = {
    "safety": Session.safety,
    "limits": lambda session: (session.safety(), session.limits()),
    **{f"question-{kind}": at_question(kind) for kind in KINDS},
    "review": lambda session: (session.start(), session.review()),
    "result": lambda session: (session.start(), session.result()),
    "save-dialog": lambda session: (session.start(), session.result(), session.save_dialog()),
    "report": at_report,
    "too-small": too_small,
}
PANIC_KEYS = {stop: ("ctrl+q", "ctrl+c")[index % 2] for index, stop in enumerate(STOPS)}


def quick_exit_at(stop: str) -> Callable[[Session], None]:
    def steps(session: Session) -> None:
        STOPS[stop](session)
        session.panic(PANIC_KEYS[stop])

    return steps


def crash_at_free_text(session: Session) -> None:
    session.at_free_text()
    session.keys("\r")


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    """Every run of this module, three at a time."""
    jobs: dict[str, tuple[Callable[[Session], None], list[str]]] = {"normal": (normal_finish, [])}
    jobs["printed"] = (printed_finish, [])
    jobs |= {f"quick-exit-{stop}": (quick_exit_at(stop), []) for stop in STOPS}
    jobs |= {f"crash-{mode}": (crash_at_free_text, ["--crash", mode]) for mode in CRASH_MODES}

    def one(name: str) -> Outcome:
        steps, launcher = jobs[name]
        return session_run(tmp_path_factory.mktemp(name), steps, launcher)

    with ThreadPoolExecutor(3) as pool:
        return dict(zip(jobs, pool.map(one, jobs), strict=True))


def assert_no_leak(outcome: Outcome) -> None:
    outcome.check_ran()
    assert outcome.findings.leaks() == {}
    if outcome.typed:  # not vacuous: the canary was typed, and the app showed it while it ran
        assert outcome.canary.found_in(outcome.output)
    assert outcome.traced or not strace_works()
    assert outcome.observed


def test_normal_session_leaves_nothing(outcomes):
    outcome = outcomes["normal"]
    assert_no_leak(outcome)
    assert outcome.code == 0
    assert "save dialog" in outcome.typed
    assert outcome.left_on_screen == ""


def test_printed_summary_leaves_nothing_else(outcomes):
    """ "Exit and print" leaves the summary in the terminal, as the person asked, and nothing else."""
    outcome = outcomes["printed"]
    assert_no_leak(outcome)
    assert outcome.code == 0
    assert outcome.left_on_screen.startswith(t("result.title", "ru"))


@pytest.mark.parametrize("stop", list(STOPS))
def test_quick_exit_leaves_nothing(outcomes, stop):
    outcome = outcomes[f"quick-exit-{stop}"]
    if isinstance(outcome.error, pytest.skip.Exception):
        raise outcome.error
    assert_no_leak(outcome)
    assert outcome.code == 0
    assert outcome.output.endswith(CLEAR), outcome.output[-200:]
    assert CLEAR in outcome.after_exit
    assert outcome.left_on_screen == ""


@pytest.mark.parametrize("mode", CRASH_MODES)
def test_crash_leaves_nothing(outcomes, mode):
    """The error went where the mode aims; code 70, the terminal given back (the alternate screen left after the
    last frame, the cursor shown), then the one fixed sentence and nothing else: no traceback, no canary."""
    outcome = outcomes[f"crash-{mode}"]
    assert_no_leak(outcome)
    assert outcome.errors_taken_by == [CRASH_PATHS[mode]]
    assert outcome.code == 70
    assert LEAVE_ALTERNATE in outcome.output
    assert b"\x1b[?25h" in outcome.after_exit
    assert outcome.left_on_screen == t("app.crash", "ru")
