"""No core dumps: in the running program RLIMIT_CORE is (0, 0) and the process is not dumpable.

The program is started with core dumps allowed (`prlimit --core=unlimited`), so that turning them off is its
own doing. RLIMIT_CORE is read from outside, in /proc/<pid>/limits of the console script itself; the
dumpable flag, which /proc does not show, is reported from inside by the test launcher (same entry point).
The positive control is the leaky program, which keeps core dumps on (test_leak_controls.py).
"""

from __future__ import annotations

from harness import Run, core_limit, inspect
from session import Session

from wizard.pack.loader import DEFAULT_RULES, load_pack

PACK = load_pack(DEFAULT_RULES)


def test_core_dumps_off_in_the_console_script(sandbox, canary):
    run = Run(sandbox, [], core_limit=True)
    try:
        Session(run, PACK, canary).safety()
        assert core_limit(run.proc.pid) == ("0", "0")
        Session(run, PACK, canary).panic()
        assert run.wait(10) == 0
    finally:
        run.close()


def test_not_dumpable_inside(sandbox, canary):
    run = Run(sandbox, [], launcher=[], core_limit=True)
    try:
        Session(run, PACK, canary).safety()
        Session(run, PACK, canary).panic()
        assert run.wait(10) == 0
    finally:
        run.close()
    states = [entry for entry in run.reports() if entry["event"] == "core"]
    assert states and all(state["rlimit_core"] == [0, 0] and state["dumpable"] == 0 for state in states)
    assert inspect(run, canary).core_dumps == []
