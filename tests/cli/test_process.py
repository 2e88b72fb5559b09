"""What a run does to its own process: the collector off for a command, on for the app."""

from __future__ import annotations

import gc
import subprocess
import sys

from wizard.exit_codes import EXIT_USAGE
from wizard.tui.run import run_app

COMMAND_RUN = """
import atexit, gc, sys
atexit.register(lambda: print("collector on:", gc.isenabled(), file=sys.stderr))
sys.argv = ["wizard", "questions", "--lang", "en"]
from wizard.cli import run
run()
"""


def test_a_command_runs_with_the_collector_off():
    done = subprocess.run([sys.executable, "-c", COMMAND_RUN], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout
    assert done.stderr.splitlines()[-1] == "collector on: False"


def test_the_app_turns_the_collector_back_on(capsys):
    gc.disable()
    try:
        assert run_app(None, "en") == EXIT_USAGE  # under pytest there is no terminal: it stops at once
        assert gc.isenabled()
    finally:
        gc.enable()
    assert capsys.readouterr().err
