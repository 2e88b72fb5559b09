"""After every dialog of the app closes, the next key reaches the app (the real-terminal version of this is
test_terminal_lifecycle.py); a file name the system refuses keeps the session; the fields say their limits.

Pilot runs the app headless: a key pressed here goes through the same binding chain as in a terminal, so a
screen whose focus is left on a removed widget (the fault these tests catch: the result screen after a
save) loses the app's keys here too.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input
from uipilot import DAY, PACKS, SIZE, click_to, pack_at, start, until, walk

from wizard.tui.app import WizardApp
from wizard.tui.screens import save as save_screen
from wizard.tui.screens.report import ReportScreen
from wizard.tui.screens.result import ResultScreen
from wizard.tui.screens.safety import SafetyScreen
from wizard.tui.screens.save import SaveScreen

UNFIT = {"respondent": "soldier", "months_served": 20, "vvk_done": "yes", "vvk_category": "d"}


async def to_result(pilot) -> None:
    await start(pilot)
    await walk(pilot, UNFIT)
    await click_to(pilot, "#result", ResultScreen)


async def save(pilot, name: str, back_to: type) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, SaveScreen), "the save dialog")
    pilot.app.screen.query_one("#filename", Input).value = name
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, back_to), "the dialog to close")


async def saved_summary(pilot, folder) -> None:
    await to_result(pilot)
    await pilot.press("s")
    await save(pilot, str(folder / "itog.txt"), ResultScreen)


async def cancelled_save(pilot, folder) -> None:
    await to_result(pilot)
    await pilot.press("s")
    await until(pilot, lambda: isinstance(pilot.app.screen, SaveScreen), "the save dialog")
    await pilot.press("escape")
    await until(pilot, lambda: isinstance(pilot.app.screen, ResultScreen), "the dialog to close")


async def closed_report(pilot, folder) -> None:
    await to_result(pilot)
    await pilot.press("r")
    await until(pilot, lambda: isinstance(pilot.app.screen, ReportScreen), "the report")
    await pilot.press("escape")
    await until(pilot, lambda: isinstance(pilot.app.screen, ResultScreen), "the report to close")


async def saved_report(pilot, folder) -> None:
    await to_result(pilot)
    await pilot.press("r")
    await until(pilot, lambda: isinstance(pilot.app.screen, ReportScreen), "the report")
    await click_to(pilot, "#save", SaveScreen)
    await save(pilot, str(folder / "raport.txt"), ReportScreen)


async def closed_limits(pilot, folder) -> None:
    await pilot.pause()
    await pilot.press("l")
    await pilot.pause()
    await pilot.press("escape")
    await until(pilot, lambda: isinstance(pilot.app.screen, SafetyScreen), "the limits to close")


async def too_small(pilot, folder) -> None:
    await pilot.pause()
    await pilot.resize_terminal(20, 5)
    await pilot.pause()
    await pilot.pause()
    await pilot.resize_terminal(*SIZE)
    await until(pilot, lambda: isinstance(pilot.app.screen, SafetyScreen), "the message to go")


DIALOGS = {
    "save-summary": saved_summary,
    "save-cancelled": cancelled_save,
    "report": closed_report,
    "save-report": saved_report,
    "limits": closed_limits,
    "too-small": too_small,
}


@pytest.mark.parametrize("dialog", list(DIALOGS))
async def test_the_app_gets_the_keys_after_a_dialog(dialog, tmp_path):
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await DIALOGS[dialog](pilot, tmp_path)
        focused = app.screen.focused
        assert focused is None or (focused.is_attached and focused.screen is app.screen)
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "en"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.panicked and app.return_code == 0


@pytest.mark.parametrize("name", ["~nosuchuser-zz/itog.txt", "no/such/folder/itog.txt", "/proc/1/itog.txt"])
async def test_a_name_the_system_refuses_keeps_the_session(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = WizardApp(pack_at(PACKS["test_pack"]), "en", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await to_result(pilot)
        await pilot.press("s")
        await save(pilot, name, SaveScreen)
        assert str(app.screen.query_one("#error").render()).startswith("⚠")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ResultScreen), "the dialog to close")
        assert app.flow.answers and not app.crashed
    assert list(tmp_path.iterdir()) == []


async def test_the_file_name_has_a_limit_said_on_screen():
    limit = save_screen.MAX_NAME_CHARS
    app = WizardApp(pack_at(PACKS["test_pack"]), "en", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await to_result(pilot)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SaveScreen), "the save dialog")
        await pilot.press(*("a" * (limit + 45)))
        assert len(app.screen.query_one("#filename", Input).value) == limit
        labels = [str(widget.render()) for widget in app.screen.query("Static")]
        assert any(f"up to {limit} characters" in label for label in labels)


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_the_quick_exit_key_shows_in_the_smallest_window(lang):
    app = WizardApp(pack_at(PACKS["test_pack"]), lang, on=DAY)
    async with app.run_test(size=(20, 5)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.export_screenshot()
    assert "Ctrl+Q" in screen


async def test_control_a_screen_that_keeps_a_removed_focus_loses_the_keys(tmp_path, monkeypatch):
    """Positive control: with the focus repair undone, a screen rebuilt after a dialog (as the result screen once
    was after "Save…") leaves the keys without a receiver, and the same checks see it."""
    from textual.screen import Screen
    from textual.widgets import Button

    from wizard.tui.screens.base import Localized

    monkeypatch.setattr(Localized, "recompose", Screen.recompose)
    monkeypatch.setattr(Localized, "refocus", lambda self: None)
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await saved_summary(pilot, tmp_path)
        app.screen.focused = Button("removed")  # what a rebuild after the dialog once left: a widget not attached
        assert not app.screen.focused.is_attached
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "ru"
        app.exit()
