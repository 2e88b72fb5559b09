"""The table of screens: every kind of screen and dialog the app shows, each with a walk that reaches it.

A walk takes the Pilot and the text to type into every free-text field (the leak tests type their canary). The
question screen comes once per kind of question in the test pack, with the focus in its field (and, for a number
or a date, something typed). Used by the quick-exit tests (tests/privacy/test_quick_exit_screens.py) and the
quick-exit label test (tests/ui/test_panic.py)."""

from __future__ import annotations

from textual.widgets import Input
from uipilot import PACKS, click_to, pack_at, start, until, walk

from wizard.tui.screens.limits import LimitsScreen
from wizard.tui.screens.question import QuestionScreen
from wizard.tui.screens.result import ResultScreen
from wizard.tui.screens.review import ReviewScreen
from wizard.tui.screens.safety import SafetyScreen
from wizard.tui.screens.save import SaveScreen
from wizard.tui.screens.too_small import TooSmallScreen

PACK = pack_at(PACKS["test_pack"])
KINDS = sorted({question.kind for question in PACK.questions})
TYPED_KINDS = {"number": "12", "date": "01.01"}


def has_report() -> bool:
    return any(getattr(binding, "key", None) == "r" for binding in ResultScreen.BINDINGS)


def fill_every_field(app, typed: str) -> list[Input]:
    """Type `typed` into every free-text field on the screen (all but number and date fields)."""
    fields = [field for field in app.screen.query(Input) if field.id != "answer"]
    for field in fields:
        field.value = typed
    return fields


async def question_of_kind(pilot, typed: str, kind: str) -> None:
    await start(pilot)
    first = next(question for question in pilot.app.flow.active() if question.kind == kind)
    await walk(pilot, {}, stop_at=first.id)
    field = pilot.app.screen.query_one("#answer")
    field.focus()
    if kind in TYPED_KINDS:
        await pilot.press(*TYPED_KINDS[kind])
    await pilot.pause()


async def review(pilot, typed: str) -> None:
    await start(pilot)
    await walk(pilot, {})
    assert isinstance(pilot.app.screen, ReviewScreen)


async def result(pilot, typed: str) -> None:
    await review(pilot, typed)
    await click_to(pilot, "#result", ResultScreen)


async def save_dialog(pilot, typed: str) -> None:
    await result(pilot, typed)
    await pilot.press("s")
    await until(pilot, lambda: isinstance(pilot.app.screen, SaveScreen), "the save dialog")
    fill_every_field(pilot.app, typed)


async def report(pilot, typed: str) -> None:
    from wizard.tui.screens.report import ReportScreen

    await result(pilot, typed)
    await pilot.press("r")
    await until(pilot, lambda: isinstance(pilot.app.screen, ReportScreen), "the report screen")
    fields = fill_every_field(pilot.app, typed)
    assert fields, "the report screen has fields to fill in"
    fields[0].focus()


async def report_save_dialog(pilot, typed: str) -> None:
    await report(pilot, typed)
    await click_to(pilot, "#save", SaveScreen)
    fill_every_field(pilot.app, typed)


async def too_small(pilot, typed: str) -> None:
    await report(pilot, typed)
    await pilot.resize_terminal(40, 12)
    await until(pilot, lambda: isinstance(pilot.app.screen, TooSmallScreen), "the too-small message")


async def safety(pilot, typed: str) -> None:
    await pilot.pause()


async def limits(pilot, typed: str) -> None:
    await pilot.pause()
    await pilot.press("l")
    await until(pilot, lambda: isinstance(pilot.app.screen, LimitsScreen), "the limits screen")


SCREENS = {
    "safety": (safety, SafetyScreen),
    "limits": (limits, LimitsScreen),
    **{
        f"question-{kind}": (lambda pilot, typed, kind=kind: question_of_kind(pilot, typed, kind), QuestionScreen)
        for kind in KINDS
    },
    "review": (review, ReviewScreen),
    "result": (result, ResultScreen),
    "save-dialog": (save_dialog, SaveScreen),
    "too-small": (too_small, TooSmallScreen),
}
if has_report():
    from wizard.tui.screens.report import ReportScreen

    SCREENS["report"] = (report, ReportScreen)
    SCREENS["report-save-dialog"] = (report_save_dialog, SaveScreen)
