"""The quick exit works from every kind of screen and dialog, focus in a text field too, and saves nothing."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from uipilot import DAY, PACKS, SIZE, click_to, pack_at, start, walk

from wizard import hardening
from wizard.app import WizardApp
from wizard.screens.limits import LimitsScreen
from wizard.screens.question import QuestionScreen
from wizard.screens.result import ResultScreen
from wizard.screens.review import ReviewScreen
from wizard.screens.safety import SafetyScreen
from wizard.screens.save import SaveScreen
from wizard.screens.too_small import TooSmallScreen

ANSWERS = {"respondent": "soldier", "months_served": 20, "vvk_done": "yes", "vvk_category": "d"}


async def safety(pilot):
    await pilot.pause()


async def limits(pilot):
    await pilot.pause()
    await pilot.press("l")
    await pilot.pause()


async def choice_question(pilot):
    await start(pilot)


async def typing_in_a_question(pilot):
    await start(pilot)
    await walk(pilot, ANSWERS, stop_at="months_served")
    await pilot.press("1", "2")


async def review(pilot):
    await start(pilot)
    await walk(pilot, ANSWERS)


async def result(pilot):
    await review(pilot)
    await click_to(pilot, "#result", ResultScreen)


async def save_dialog(pilot):
    await result(pilot)
    await click_to(pilot, "#save", SaveScreen)
    await pilot.press(*"itog.txt")


REACH = {
    "safety": (safety, SafetyScreen),
    "limits": (limits, LimitsScreen),
    "question": (choice_question, QuestionScreen),
    "question-typing": (typing_in_a_question, QuestionScreen),
    "review": (review, ReviewScreen),
    "result": (result, ResultScreen),
    "save-dialog": (save_dialog, SaveScreen),
}


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
@pytest.mark.parametrize("where", list(REACH))
async def test_quick_exit_from_every_screen(where, key, saves):
    """The key ends the app at once with code 0 and no result to print; the answers are dropped; nothing is saved."""
    reach, kind = REACH[where]
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await reach(pilot)
        assert isinstance(app.screen, kind)
        if where.endswith("typing") or where == "save-dialog":
            assert isinstance(app.focused, Input) and app.focused.value
        await pilot.press(key)
        await pilot.pause()
        assert app._exit
    assert app.panicked
    assert (app.return_code, app.return_value) == (0, None)
    assert app.flow.answers == {}
    assert saves == []


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
async def test_quick_exit_from_the_too_small_message(key):
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press(key)
        await pilot.pause()
    assert app.panicked and app.return_code == 0


async def test_clicking_the_label_exits():
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.click("#panic")
        await pilot.pause()
    assert app.panicked and app.return_code == 0


@pytest.mark.parametrize("where", list(REACH))
async def test_label_is_on_every_screen(where):
    """The quick-exit label is shown at the top of each kind of screen and dialog."""
    reach, _ = REACH[where]
    app = WizardApp(pack_at(PACKS["test_pack"]), "en", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await reach(pilot)
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
