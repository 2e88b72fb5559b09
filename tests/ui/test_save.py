"""Saving is an explicit choice: a named file, created 0600, never overwriting; cancelling writes nothing."""

from __future__ import annotations

import stat

from textual.widgets import Input
from uipilot import DAY, PACKS, SIZE, click_to, pack_at, start, walk

from wizard.outputs.render import render_summary
from wizard.tui.app import WizardApp
from wizard.tui.screens.result import ResultScreen
from wizard.tui.screens.save import SaveScreen


async def open_dialog(pilot) -> None:
    await start(pilot)
    await walk(pilot, {"respondent": "soldier", "vvk_done": "yes", "vvk_category": "d"})
    await click_to(pilot, "#result", ResultScreen)
    await click_to(pilot, "#save", SaveScreen)
    assert isinstance(pilot.app.screen, SaveScreen)


async def test_save_writes_a_private_file(tmp_path):
    target = tmp_path / "itog.txt"
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        app.screen.query_one("#filename", Input).value = str(target)
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert str(target) in str(app.screen.query_one("#saved").render())
        expected = render_summary(app.summary(), "text")
    assert target.read_text(encoding="utf-8") == expected
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_save_refuses_to_overwrite(tmp_path):
    target = tmp_path / "existing.txt"
    target.write_text("keep me")
    app = WizardApp(pack_at(PACKS["test_pack"]), "en", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        app.screen.query_one("#filename", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        assert "already exists" in str(app.screen.query_one("#error").render())
    assert target.read_text() == "keep me"


async def test_cancel_and_empty_name_write_nothing(saves):
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        assert "Введите имя файла" in str(app.screen.query_one("#error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
    assert saves == []


async def test_too_small_terminal_gets_a_message_until_it_grows():
    app = WizardApp(pack_at(PACKS["test_pack"]), "en", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        await pilot.pause()
        assert "too small" in str(app.screen.query_one("#too-small").render())
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "QuestionScreen"
