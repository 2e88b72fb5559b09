"""The quick exit from every screen and dialog of a session, with what was typed still in the field.

Pilot, over each kind of screen the app shows (the question screen once per kind of question in the pack, the
focus in its field, and the canary typed into every free-text field of the dialogs and the report), pressing
each of Ctrl+Q and Ctrl+C: the app ends at once with code 0 and nothing to print, the answers are dropped, and
no function that writes a file was called (spies on `output.write_file` and on the save functions above it).
The working folder stays empty. The same keys in a real terminal, with their timing, are in test_quick_exit_terminal.py.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input
from uipilot import DAY, PACKS, SIZE, click_to, pack_at, start, until, walk

from wizard.app import WizardApp
from wizard.screens.limits import LimitsScreen
from wizard.screens.question import QuestionScreen
from wizard.screens.result import ResultScreen
from wizard.screens.review import ReviewScreen
from wizard.screens.safety import SafetyScreen
from wizard.screens.save import SaveScreen
from wizard.screens.too_small import TooSmallScreen

PACK = pack_at(PACKS["test_pack"])
KINDS = sorted({question.kind for question in PACK.questions})
TYPED_KINDS = {"number": "12", "date": "01.01"}


def has_report() -> bool:
    return any(getattr(binding, "key", None) == "r" for binding in ResultScreen.BINDINGS)


def fill_every_field(app, canary) -> list[Input]:
    """Type the canary into every free-text field on the screen (all but number and date fields)."""
    fields = [field for field in app.screen.query(Input) if field.id != "answer"]
    for field in fields:
        field.value = canary.text
    return fields


async def question_of_kind(pilot, canary, kind: str) -> None:
    await start(pilot)
    first = next(question for question in pilot.app.flow.active() if question.kind == kind)
    await walk(pilot, {}, stop_at=first.id)
    field = pilot.app.screen.query_one("#answer")
    field.focus()
    if kind in TYPED_KINDS:
        await pilot.press(*TYPED_KINDS[kind])
    await pilot.pause()


async def review(pilot, canary) -> None:
    await start(pilot)
    await walk(pilot, {})
    assert isinstance(pilot.app.screen, ReviewScreen)


async def result(pilot, canary) -> None:
    await review(pilot, canary)
    await click_to(pilot, "#result", ResultScreen)


async def save_dialog(pilot, canary) -> None:
    await result(pilot, canary)
    await pilot.press("s")
    await until(pilot, lambda: isinstance(pilot.app.screen, SaveScreen), "the save dialog")
    fill_every_field(pilot.app, canary)


async def report(pilot, canary) -> None:
    from wizard.screens.report import ReportScreen

    await result(pilot, canary)
    await pilot.press("r")
    await until(pilot, lambda: isinstance(pilot.app.screen, ReportScreen), "the report screen")
    fields = fill_every_field(pilot.app, canary)
    assert fields, "the report screen has fields to fill in"
    fields[0].focus()


async def report_save_dialog(pilot, canary) -> None:
    await report(pilot, canary)
    await click_to(pilot, "#save", SaveScreen)
    fill_every_field(pilot.app, canary)


async def too_small(pilot, canary) -> None:
    await report(pilot, canary)
    await pilot.resize_terminal(40, 12)
    await until(pilot, lambda: isinstance(pilot.app.screen, TooSmallScreen), "the too-small message")


async def safety(pilot, canary) -> None:
    await pilot.pause()


async def limits(pilot, canary) -> None:
    await pilot.pause()
    await pilot.press("l")
    await until(pilot, lambda: isinstance(pilot.app.screen, LimitsScreen), "the limits screen")


SCREENS = {
    "safety": (safety, SafetyScreen),
    "limits": (limits, LimitsScreen),
    **{
        f"question-{kind}": (lambda pilot, canary, kind=kind: question_of_kind(pilot, canary, kind), QuestionScreen)
        for kind in KINDS
    },
    "review": (review, ReviewScreen),
    "result": (result, ResultScreen),
    "save-dialog": (save_dialog, SaveScreen),
    "too-small": (too_small, TooSmallScreen),
}
if has_report():
    from wizard.screens.report import ReportScreen

    SCREENS["report"] = (report, ReportScreen)
    SCREENS["report-save-dialog"] = (report_save_dialog, SaveScreen)


def test_the_pack_has_every_kind_of_question():
    """The screens above cover every kind of question (free text is typed only in the report and save dialogs)."""
    assert {"choice", "yes_no", "number", "date"} == set(KINDS)


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
@pytest.mark.parametrize("where", list(SCREENS))
async def test_quick_exit(where, key, canary, file_writes, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    reach, kind = SCREENS[where]
    app = WizardApp(PACK, "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await reach(pilot, canary)
        assert isinstance(app.screen, kind), app.screen
        if where.startswith("question-") and kind is QuestionScreen and app.screen.question.kind in TYPED_KINDS:
            assert isinstance(app.focused, Input) and app.focused.value
        if where.endswith(("save-dialog", "report")):
            assert isinstance(app.focused, Input) and app.focused.value == canary.text
        await pilot.press(key)
        await pilot.pause()
        assert app._exit
    assert app.panicked
    assert (app.return_code, app.return_value) == (0, None)
    assert app.flow.answers == {}
    assert file_writes == []
    assert list(tmp_path.iterdir()) == []
