"""The quick exit in a real terminal: from the key to the end of the process in half a second at most, also
while the app's worker is busy, and the clearing sequence is the last thing written.

Runs one at a time (timing), without strace, the console script itself except where a worker must be kept
busy (the test launcher slows the rule pack's loading, the app's one worker). The positive control of the
timing and of the clearing sequence is the leaky program in test_leak_controls.py (`slow`, `noclear`).
"""

from __future__ import annotations

import time

import pytest
from harness import Run
from session import Session
from support.terminal import CLEAR, LEAVE_ALTERNATE, strip_ansi

from wizard.pack.loader import DEFAULT_RULES, load_pack

PACK = load_pack(DEFAULT_RULES)
LIMIT = 0.5


def quick_exit(run: Run, session: Session, key: str) -> float:
    try:
        pressed = session.panic(key)
        assert run.wait(10) == 0
    finally:
        run.close()
    return run.exited_at - pressed


def assert_cleared(run: Run, canary) -> None:
    output = run.seen()
    assert output.endswith(CLEAR), output[-120:]
    tail = run.after_exit()
    assert tail.startswith(CLEAR) or CLEAR in tail
    assert strip_ansi(tail).strip() == b""
    assert canary.found_in(tail) == []
    assert output.rfind(LEAVE_ALTERNATE) < output.rfind(CLEAR)


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
def test_quick_exit_while_typing_in_the_report(key, sandbox, canary):
    run = Run(sandbox, [])
    session = Session(run, PACK, canary)
    session.at_free_text()
    seconds = quick_exit(run, session, key)
    assert seconds <= LIMIT, f"{seconds:.3f} s"
    assert_cleared(run, canary)


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
def test_quick_exit_while_the_worker_runs(key, sandbox, canary):
    """The rule pack loads in a worker thread behind the safety screen; here it takes 5 s. Start is pressed
    (the app waits for the pack), then the key: the exit does not wait for the worker."""
    run = Run(sandbox, [], launcher=["--slow-load", "5"])
    session = Session(run, PACK, canary)
    session.safety()
    session.keys("\r")
    for _ in range(200):
        if {"event": "worker", "state": "running"} in run.reports():
            break
        time.sleep(0.01)
    else:
        raise AssertionError("the worker did not start")
    seconds = quick_exit(run, session, key)
    assert seconds <= LIMIT, f"{seconds:.3f} s"
    assert_cleared(run, canary)
