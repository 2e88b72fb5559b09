"""The result screen at 80×24: what comes first, how far the reader must page, the folds, the section keys, and
that the place and the keys survive every dialog and a change of language.

The three people are those of the December 2026 usability study: a mother who often answers "I don't know", a
contract soldier three weeks absent with heart problems and no ВВК yet, and an NGO lawyer with a family-hardship
client. The shipped pack decides what they are told; these tests check only where it is on the screen.
"""

from __future__ import annotations

from typing import Any

import pytest
from screenshot import widget_lines
from textual.containers import VerticalScroll
from textual.widgets import Collapsible
from uipilot import PACKS, SIZE, click_to, flat, pack_at, start, until, walk

from wizard.catalogue import t
from wizard.pack.conditions import UNKNOWN
from wizard.pack.scenarios import load_scenario
from wizard.tui.app import WizardApp
from wizard.tui.screens.report import ReportScreen
from wizard.tui.screens.result import ResultScreen
from wizard.tui.screens.save import SaveScreen

PEOPLE = {
    "mother": "verdict_mother_knows_little",
    "soldier": "verdict_albert_absent_after_beating",
    "lawyer": "verdict_lawyer_family_client",
}
"""Each person's answers and day, from the pack's scenario of that name; a question a scenario does not answer is
answered "I don't know" (or its first option)."""
CASES = [pytest.param(name, lang, id=f"{name}-{lang}") for name in PEOPLE for lang in ("ru", "en")]
MAX_PAGES = 3


def person(name: str) -> tuple[Any, dict[str, Any]]:
    """The scenario of one of the three people: (its day, its answers)."""
    folder = PACKS["rules"]
    scenario, answers = load_scenario(folder / "scenarios" / f"{PEOPLE.get(name, name)}.yaml", pack_at(folder))[:2]
    return scenario.date, answers


def app_for(lang: str, name: str) -> WizardApp:
    return WizardApp(pack_at(PACKS["rules"]), lang, on=person(name)[0])


async def to_result(pilot, name: str) -> None:
    await start(pilot)
    await walk(pilot, person(name)[1])
    await click_to(pilot, "#result", ResultScreen)
    await pilot.pause()


def view(app) -> VerticalScroll:
    return app.screen.query_one("#result", VerticalScroll)


def seen(app, selector: str) -> bool:
    """Whether the block's last line is on the screen or above it: paging down from the top, every line of it
    has then been on the screen (a PageDown moves by one screen, so the screens seen cover the text)."""
    scroll = view(app)
    region = scroll.query_one(selector).virtual_region
    return region.bottom <= round(scroll.scroll_y) + scroll.scrollable_content_region.height


async def pages_to(pilot, selector: str) -> int:
    """PageDowns pressed from the top until the whole block has been on the screen."""
    app = pilot.app
    view(app).scroll_home(animate=False)
    app.screen.set_focus(view(app))
    await pilot.pause()
    pages = 0
    while not seen(app, selector):
        assert pages <= 40, f"{selector} never came into view"
        await pilot.press("pagedown")
        await pilot.pause()
        pages += 1
    return pages


@pytest.mark.parametrize(("name", "lang"), CASES)
async def test_verdict_next_step_and_risks_within_three_pages(name, lang):
    """The verdict box (verdict, next step, what not to do, the regime) fills the first screen; every risk the
    result lists is wholly on the screen after at most three PageDowns."""
    app = app_for(lang, name)
    async with app.run_test(size=SIZE) as pilot:
        await to_result(pilot, name)
        summary = app.summary()
        verdict = summary["verdict"]
        box = flat(str(app.screen.query_one("#verdict").render()))
        for text in (verdict["text"], verdict["next_step"], verdict["avoid"], verdict["regime_line"]):
            assert flat(text) in box
        assert await pages_to(pilot, "#verdict") == 0
        assert summary["risks"] or name == "lawyer", "the mother's son and Albert run risks"
        # the lawyer's client serves in his unit and runs none: then the grounds table is what must be in reach
        targets = [f"#risk-{risk['id']}" for risk in summary["risks"]] or ["#grounds-table"]
        counted = {target: await pages_to(pilot, target) for target in targets}
        assert max(counted.values()) <= MAX_PAGES, counted


@pytest.mark.parametrize(("name", "lang"), CASES)
async def test_grounds_table_has_the_verdict_words_and_no_tick_beside_a_closed_route(name, lang):
    app = app_for(lang, name)
    async with app.run_test(size=SIZE) as pilot:
        await to_result(pilot, name)
        summary = app.summary()
        rows = widget_lines(app.screen.query_one("#grounds-table"))
        table = "\n".join(rows)
        fitting = [ground for ground in summary["grounds"] if ground["verdict"]["key"] != "does_not_fit"]
        for ground in fitting:
            verdict = ground["verdict"]
            row = next(
                line for line in rows if line.lstrip().startswith(verdict["symbol"]) and ground["title"][:20] in line
            )
            assert t(f"app.verdict.{verdict['key']}", lang) in row
            fold = flat(str(app.screen.query_one(f"#why-{ground['id']} .ground").render()))
            assert flat(verdict["text"]) in fold, "the whole verdict opens with the ground's fold"
            if verdict["key"] in ("closed_now", "no_right"):
                assert "✔" not in row
        assert ("✔" in table) == any("✔" in ground["verdict"]["symbol"] for ground in fitting)
        for item in summary["do_not_count_on"]:
            assert item["title"][:20] not in table, "what is not a ground is not in the table"


VERDICT_SCENARIOS = sorted(path.stem for path in (PACKS["rules"] / "scenarios").glob("verdict_*.yaml"))
"""Every situation whose verdict a scenario states: the three people and the others of the issue."""


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("scenario", VERDICT_SCENARIOS)
async def test_every_situation_opens_with_its_verdict_and_no_tick_beside_a_closed_route(scenario, lang):
    app = app_for(lang, scenario)
    async with app.run_test(size=SIZE) as pilot:
        await to_result(pilot, scenario)
        verdict = app.summary()["verdict"]
        box = flat(str(app.screen.query_one("#verdict").render()))
        for text in (verdict["text"], verdict["next_step"], verdict["avoid"]):
            assert flat(text) in box
        assert await pages_to(pilot, "#verdict") == 0
        rows = widget_lines(app.screen.query_one("#grounds-table"))
        for ground in app.summary()["grounds"]:
            if ground["verdict"]["key"] in ("closed_now", "no_right"):
                row = next(line for line in rows if ground["title"][:20] in line)
                assert "✔" not in row and t(f"app.verdict.{ground['verdict']['key']}", lang) in row


async def test_folds_are_closed_and_open_on_enter():
    app = app_for("ru", "soldier")
    async with app.run_test(size=SIZE) as pilot:
        await to_result(pilot, "soldier")
        folds = list(app.screen.query(Collapsible))
        assert folds and all(fold.collapsed for fold in folds)
        first = folds[0]
        await pilot.press("tab")
        assert app.focused.parent is first
        await pilot.press("enter")
        await pilot.pause()
        assert not first.collapsed


async def test_section_keys_jump_from_heading_to_heading():
    app = app_for("en", "lawyer")
    async with app.run_test(size=SIZE) as pilot:
        await to_result(pilot, "lawyer")
        scroll = view(app)
        tops = sorted(heading.virtual_region.y for heading in scroll.query(".heading"))
        reachable = [top for top in tops if top <= scroll.max_scroll_y]
        for top in reachable:
            await pilot.press("n")
            await pilot.pause()
            assert round(scroll.scroll_y) == top
        await pilot.press("p")
        await pilot.pause()
        assert round(scroll.scroll_y) == reachable[-2]
        assert "N, P" in flat(str(app.screen.query_one("#keys").render()))


async def scrolled(pilot) -> float:
    """Two sections down, one fold open: a place worth keeping."""
    app = pilot.app
    await pilot.press("n", "n")
    await pilot.pause()
    return view(app).scroll_y


async def assert_keys_work(pilot, place: float) -> None:
    """The place is kept, something that takes keys has the focus, and a key still moves the view."""
    app = pilot.app
    assert isinstance(app.screen, ResultScreen)
    assert view(app).scroll_y == place
    assert app.focused is not None
    await pilot.press("n")
    await pilot.pause()
    assert view(app).scroll_y > place


async def test_after_the_save_dialog_cancelled_the_place_and_the_keys_stay():
    app = app_for("ru", "mother")
    async with app.run_test(size=SIZE) as pilot:
        await to_result(pilot, "mother")
        place = await scrolled(pilot)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SaveScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ResultScreen))
        await assert_keys_work(pilot, place)


async def test_after_saving_the_place_and_the_keys_stay_and_the_quick_exit_works(tmp_path):
    app = app_for("en", "lawyer")
    async with app.run_test(size=SIZE) as pilot:
        await to_result(pilot, "lawyer")
        place = await scrolled(pilot)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SaveScreen))
        app.screen.query_one("#filename").value = str(tmp_path / "case.txt")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ResultScreen))
        assert str(tmp_path / "case.txt") in str(app.screen.query_one("#saved").render())
        await assert_keys_work(pilot, place)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app._exit and app.panicked


async def test_after_the_report_screen_the_place_and_the_keys_stay():
    app = app_for("ru", "soldier")
    async with app.run_test(size=SIZE) as pilot:
        await to_result(pilot, "soldier")
        place = await scrolled(pilot)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReportScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ResultScreen))
        await assert_keys_work(pilot, place)


async def test_the_language_switch_keeps_the_open_folds_the_place_and_the_focus():
    app = app_for("ru", "soldier")
    async with app.run_test(size=SIZE) as pilot:
        await to_result(pilot, "soldier")
        await pilot.press("tab", "enter")
        fold = app.focused.parent
        assert isinstance(fold, Collapsible) and not fold.collapsed
        await pilot.press("n", "n")
        await pilot.pause()
        scroll = view(app)
        above = [child for child in scroll.children if child.id and child.virtual_region.y <= scroll.scroll_y]
        anchor, offset = above[-1].id, round(scroll.scroll_y) - above[-1].virtual_region.y
        await pilot.press("f2")
        await until(pilot, lambda: app.lang == "en")
        await pilot.pause()
        scroll = view(app)
        expected = min(scroll.query_one(f"#{anchor}").virtual_region.y + offset, scroll.max_scroll_y)
        await until(pilot, lambda: round(scroll.scroll_y) == expected, "the same block at the top")
        assert not app.screen.query_one(f"#{fold.id}", Collapsible).collapsed
        assert app.focused is not None and app.focused.parent.id == fold.id
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(f"#{fold.id}", Collapsible).collapsed


async def test_what_to_find_out_follows_the_verdict_as_plain_questions():
    app = app_for("ru", "mother")
    async with app.run_test(size=SIZE) as pilot:
        await to_result(pilot, "mother")
        find_out = app.summary()["verdict"]["find_out"]
        assert find_out, "the mother does not know much"
        text = flat(str(app.screen.query_one("#find-out").render()))
        assert all(flat(entry["text"]) in text for entry in find_out)
        assert UNKNOWN not in text
        assert await pages_to(pilot, "#find-out") <= 1


async def test_tab_from_the_text_goes_to_the_first_fold_on_the_screen():
    app = app_for("en", "soldier")
    async with app.run_test(size=SIZE) as pilot:
        await to_result(pilot, "soldier")
        await pilot.press("n", "n", "n")
        await pilot.pause()
        place = view(app).scroll_y
        first_here = next(fold for fold in view(app).query(Collapsible) if fold.virtual_region.y >= place)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused.parent is first_here and view(app).scroll_y == place
        await pilot.press("enter")
        await pilot.pause()
        assert not first_here.collapsed
