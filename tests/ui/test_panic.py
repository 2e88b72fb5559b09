"""The quick exit: its label on every screen, a click on it, and the terminal cleared before anything else."""

from __future__ import annotations

import pytest
from support.screens import SCREENS
from uipilot import DAY, PACKS, SIZE, pack_at, start

from wizard.tui import hardening
from wizard.tui.app import WizardApp


async def test_clicking_the_label_exits():
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.click("#panic")
        await pilot.pause()
    assert app.panicked and app.return_code == 0


LABELLED = [where for where in SCREENS if where != "too-small"]
"""Every screen but the message of a too small terminal, which has room for nothing else."""


@pytest.mark.parametrize("where", LABELLED)
async def test_label_is_on_every_screen(where):
    """The quick-exit label is shown at the top of each kind of screen and dialog (the quick exit itself, from
    each of them, is tested in tests/privacy/test_quick_exit_screens.py)."""
    reach, _ = SCREENS[where]
    app = WizardApp(pack_at(PACKS["test_pack"]), "en", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await reach(pilot, "Petrov")
        label = app.screen.query_one("#panic")
        assert str(label.render()) == "Ctrl+Q — quick exit"
        assert label.region.y == 0 and label.region.width > 0


class FakeDriver:
    def __init__(self, fail: bool = False) -> None:
        self.log: list[str] = []
        self.fail = fail

    def write(self, data: str) -> None:
        self.log.append(data)

    def flush(self) -> None:
        self.log.append("<flush>")

    def stop_application_mode(self) -> None:
        self.log.append("<restore>")
        if self.fail:
            raise OSError

    def close(self) -> None:
        self.log.append("<close>")


@pytest.mark.parametrize("fail", [False, True])
def test_panic_exit_clears_first_then_restores_and_exits_0(fail):
    """Leave the alternate screen and erase screen and scrollback first; end with code 0 even if restoring fails."""
    driver, codes = FakeDriver(fail), []
    hardening.panic_exit(driver, exit=codes.append)
    assert driver.log[0] == "\x1b[?1049l\x1b[H\x1b[2J\x1b[3J"
    assert driver.log[1:3] == ["<flush>", "<restore>"]
    assert driver.log[3:] == ["\x1b[H\x1b[2J\x1b[3J", "<close>"]
    assert codes == [0]
