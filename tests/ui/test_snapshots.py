"""What each kind of screen looks like at 80×24, in both languages (frozen test pack, fixed date).

After a deliberate change of a screen: `pytest tests/ui/test_snapshots.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input
from uipilot import DAY, PACKS, SIZE, click_to, pack_at, start, walk

from wizard.tui.app import WizardApp
from wizard.tui.screens.report import ReportScreen
from wizard.tui.screens.result import ResultScreen
from wizard.tui.screens.save import SaveScreen

ANSWERS = {"respondent": "relative", "months_served": 14, "vvk_done": "yes", "vvk_category": "d"}
LANGS = ["ru", "en"]


def app_in(lang: str) -> WizardApp:
    return WizardApp(pack_at(PACKS["test_pack"]), lang, on=DAY)


async def no_blinking(pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def to_number_question(pilot) -> None:
    await start(pilot)
    await walk(pilot, ANSWERS, stop_at="months_served")
    await no_blinking(pilot)


async def to_review(pilot) -> None:
    await start(pilot)
    await walk(pilot, ANSWERS)
    await pilot.pause()


async def to_result(pilot) -> None:
    await to_review(pilot)
    await click_to(pilot, "#result", ResultScreen)


async def to_save(pilot) -> None:
    await to_result(pilot)
    await click_to(pilot, "#save", SaveScreen)
    await no_blinking(pilot)


async def to_report(pilot) -> None:
    await to_result(pilot)
    await click_to(pilot, "#report", ReportScreen)
    await no_blinking(pilot)


@pytest.mark.parametrize("lang", LANGS)
def test_safety_screen(snap_compare, lang):
    assert snap_compare(app_in(lang), terminal_size=SIZE, run_before=lambda pilot: pilot.pause())


@pytest.mark.parametrize("lang", LANGS)
def test_choice_question(snap_compare, lang):
    assert snap_compare(app_in(lang), terminal_size=SIZE, run_before=start)


@pytest.mark.parametrize("lang", LANGS)
def test_number_question(snap_compare, lang):
    assert snap_compare(app_in(lang), terminal_size=SIZE, run_before=to_number_question)


@pytest.mark.parametrize("lang", LANGS)
def test_review_screen(snap_compare, lang):
    assert snap_compare(app_in(lang), terminal_size=SIZE, run_before=to_review)


@pytest.mark.parametrize("lang", LANGS)
def test_result_screen(snap_compare, lang):
    assert snap_compare(app_in(lang), terminal_size=SIZE, run_before=to_result)


@pytest.mark.parametrize("lang", LANGS)
def test_save_dialog(snap_compare, lang):
    assert snap_compare(app_in(lang), terminal_size=SIZE, run_before=to_save)


@pytest.mark.parametrize("lang", LANGS)
def test_report_screen(snap_compare, lang):
    assert snap_compare(app_in(lang), terminal_size=SIZE, run_before=to_report)


def test_too_small_terminal(snap_compare):
    assert snap_compare(app_in("ru"), terminal_size=(50, 16), run_before=lambda pilot: pilot.pause())
