"""Textual's leak paths closed: environment, core dumps, clipboard, command palette, crash output."""

from __future__ import annotations

import subprocess
import sys

import pytest
from textual.widgets import Input
from uipilot import DAY, PACKS, SIZE, pack_at, start, walk

from wizard.catalogue import t
from wizard.tui import hardening
from wizard.tui.app import WizardApp
from wizard.tui.driver import GuardedDriver
from wizard.tui.screens.review import ReviewScreen

CANARY = "ZXQ-КАНАРЕЙКА-5f1c"


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)


def test_textual_variables_are_removed():
    environ = {"TEXTUAL_LOG": "/tmp/log", "TEXTUAL": "devtools,debug", "textual_screenshot": "1", "HOME": "/h"}
    hardening.scrub_environment(environ)
    assert environ == {"HOME": "/h"}


def test_textual_is_not_imported_before_hardening():
    """`wizard` with no subcommand reaches `prepare()` with neither Textual (whose settings are read at import)
    nor the rule machinery (pydantic, loaded in the background behind the first screen) imported."""
    done = run_python(
        "import sys\n"
        "from wizard import cli; from wizard.tui import hardening\n"
        "hardening.has_terminal = lambda: True\n"
        "def prepare(lang):\n"
        "    print('textual' in sys.modules, 'pydantic' in sys.modules)\n"
        "    raise SystemExit(0)\n"
        "hardening.prepare = prepare\n"
        "cli.main([])\n"
    )
    assert done.stdout == "False False\n", done.stderr


def test_no_core_dumps():
    done = run_python(
        "import ctypes, resource\n"
        "from wizard import process\n"
        "process.no_core_dumps()\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE), ctypes.CDLL(None).prctl(3, 0, 0, 0, 0))\n"
    )
    assert done.stdout == "(0, 0) 0\n", done.stderr


@pytest.mark.parametrize("where", ["main", "thread"])
def test_uncaught_errors_print_one_fixed_sentence(where):
    """An error that reaches Python's own handlers: code 70, the fixed sentence, no traceback, no data."""
    boom = f"raise RuntimeError({CANARY!r})"
    body = boom if where == "main" else f"import threading\ndef f():\n    {boom}\nthreading.Thread(target=f).start()\n"
    done = run_python(f"from wizard.tui import hardening\nhardening.install_hooks('en')\n{body}\n")
    assert done.returncode == hardening.EXIT_CRASH
    assert done.stderr == t("app.crash", "en") + "\n"
    assert CANARY not in done.stdout + done.stderr


async def test_error_inside_the_app_exits_70_without_traceback(monkeypatch):
    """A failing screen ends the app with code 70; Textual's traceback (with local variables) is never built."""

    def broken(self):
        secret = CANARY
        raise RuntimeError(secret)

    monkeypatch.setattr(ReviewScreen, "compose", broken)
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await start(pilot)
            await walk(pilot, {})
            await pilot.pause()
    assert app.crashed and app.return_code == hardening.EXIT_CRASH
    assert app._exit_renderables == []
    assert app.error_console.file.getvalue() == ""
    assert app.flow.answers == {}


async def test_no_command_palette_and_no_clipboard():
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, {"respondent": "soldier"}, stop_at="months_served")
        field = app.screen.query_one(Input)
        await pilot.press("1", "2", "3", "shift+home", "ctrl+x")
        app.copy_to_clipboard(CANARY)
        assert app.clipboard == ""
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuestionScreen"
        assert field.value in ("123", "")


def test_the_app_runs_with_the_guarded_driver():
    """Through Textual's public `get_driver_class()`: wherever Textual would use its Linux driver."""
    assert WizardApp(lambda: None, "ru").driver_class is GuardedDriver
