"""The quick exit: its label on every screen, a click on it, and the terminal cleared before anything else."""

from __future__ import annotations

import os
import pty
import select
import termios
import time
import tty

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
    """A driver on a real pseudo-terminal put in raw mode, as Textual's is while the app runs; `fail` gives it
    a terminal that is gone, so that restoring its settings fails."""

    def __init__(self, fail: bool = False) -> None:
        self.log: list[str] = []
        self.master, self.fileno = pty.openpty()
        self.attrs_before = termios.tcgetattr(self.fileno)
        tty.setraw(self.fileno)
        if fail:
            os.close(self.fileno)

    def write(self, data: str) -> None:
        self.log.append(data)

    def flush(self) -> None:
        self.log.append("<flush>")

    def close(self) -> None:
        self.log.append("<close>")


LEAVING = hardening.LEAVE_MODES + "\x1b[?1049l" + "\x1b[H\x1b[2J\x1b[3J" + hardening.SHOW


@pytest.mark.parametrize("fail", [False, True])
def test_panic_exit_clears_first_then_restores_and_exits_0(fail):
    """Leave the alternate screen and erase screen and scrollback first; end with code 0 even if restoring fails."""
    driver, codes = FakeDriver(fail), []
    hardening.panic_exit(driver, exit=codes.append)
    assert driver.log == [LEAVING, "<flush>", "\x1b[H\x1b[2J\x1b[3J", "<close>"]
    assert codes == [0]


def test_panic_exit_restores_the_terminal_and_drops_unread_keys():
    driver = FakeDriver()
    os.write(driver.master, b"typed")
    time.sleep(0.05)
    hardening.panic_exit(driver, exit=lambda code: None)
    assert termios.tcgetattr(driver.fileno) == driver.attrs_before
    assert select.select([driver.fileno], [], [], 0.05)[0] == []
