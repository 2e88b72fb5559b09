"""Starting: the safety screen paints first; the pack loads behind it; a pack that does not load ends the app."""

from __future__ import annotations

import threading

from uipilot import DAY, PACKS, SIZE, pack_at

from wizard.catalogue import Msg
from wizard.errors import WizardError
from wizard.tui.app import WizardApp
from wizard.tui.screens.question import QuestionScreen
from wizard.tui.screens.safety import SafetyScreen


async def test_start_waits_for_the_pack_loaded_in_the_background():
    release = threading.Event()

    def slow_loader():
        release.wait(5)
        return pack_at(PACKS["test_pack"])

    app = WizardApp(slow_loader, "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen) and app.flow is None
        await pilot.click("#start")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        release.set()
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, QuestionScreen):
                break
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question_id == app.flow.first().id


async def test_a_pack_that_does_not_load_ends_the_app_with_its_error():
    error = WizardError(Msg("pack.no_folder", {"path": "nowhere"}))

    def broken_loader():
        raise error

    app = WizardApp(broken_loader, "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if app._exit:
                break
    assert app.load_error is error and app.return_code == 2 and not app.crashed


async def test_quick_exit_while_the_pack_loads():
    release = threading.Event()

    def slow_loader():
        release.wait(5)
        return pack_at(PACKS["test_pack"])

    app = WizardApp(slow_loader, "ru", on=DAY)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.click("#start")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert app._exit and not release.is_set()
    finally:
        release.set()
    assert app.panicked and app.return_code == 0
