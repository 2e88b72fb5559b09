"""The drafted report from the result screen: optional fields kept in memory, saved only to a file the person
names, or printed after the exit; always marked as a draft; nothing to save when no ground applies or may."""

from __future__ import annotations

import stat

import pytest
from support.quick_exit import assert_left_nothing, quick_exit
from textual.widgets import Button, Input, Static
from uipilot import DAY, PACKS, SIZE, click_to, flat, pack_at, screen_text, start, until, walk

from wizard.outputs.render import render_report
from wizard.outputs.report import docx_text, draft
from wizard.tui.app import WizardApp
from wizard.tui.screens.report import FIELDS, ReportScreen
from wizard.tui.screens.result import ResultScreen
from wizard.tui.screens.save import SaveScreen

UNFIT = {"respondent": "soldier", "months_served": 20, "vvk_done": "yes", "vvk_category": "d"}
NO_GROUND = {"respondent": "soldier", "months_served": 3, "vvk_done": "no"}
TYPED = {
    "addressee": "Командиру войсковой части 00000",
    "rank": "рядового",
    "name": "Петрова П. П.",
    "unit": "стрелок 1 роты",
    "date": "01.03.2026",
}


@pytest.fixture
def report_saves(monkeypatch):
    """Every call of the function that writes the report, recorded; the file is never written."""
    from wizard.outputs import files as output

    calls = []
    monkeypatch.setattr(output, "save_report", lambda report, path, **options: calls.append(path))
    return calls


async def open_report(pilot, answers=UNFIT) -> ReportScreen:
    """Answer the questions, show the result, and open the report with its key."""
    await start(pilot)
    await walk(pilot, answers)
    await click_to(pilot, "#result", ResultScreen)
    await pilot.press("r")
    await until(pilot, lambda: isinstance(pilot.app.screen, ReportScreen), "the report screen")
    return pilot.app.screen


def fill(screen: ReportScreen, values: dict[str, str]) -> None:
    for key, value in values.items():
        screen.query_one(f"#{key}", Input).value = value


def preview(screen: ReportScreen) -> str:
    return str(screen.query_one("#preview", Static).render())


async def save_as(pilot, path) -> None:
    """Save the report from its screen to `path` through the save dialog."""
    await click_to(pilot, "#save", SaveScreen)
    pilot.app.screen.query_one("#filename", Input).value = str(path)
    await pilot.click("#save")
    await until(pilot, lambda: isinstance(pilot.app.screen, ReportScreen), "the dialog to close")


async def test_filled_draft_saved_as_a_private_docx(tmp_path):
    target = tmp_path / "raport.docx"
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "addressee"
        fill(screen, TYPED)
        await pilot.pause()
        assert "от рядового Петрова П. П." in preview(screen)
        await save_as(pilot, target)
        assert str(target) in str(screen.query_one("#saved", Static).render())
        assert app.screen.query_one("#name", Input).value == TYPED["name"]
    text = docx_text(target.read_bytes())
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    for value in TYPED.values():
        assert value in text
    assert "ЧЕРНОВИК" in text and "Негодность по здоровью" in text


async def test_empty_fields_stay_placeholders(tmp_path):
    target = tmp_path / "raport.md"
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        shown = preview(screen)
        await pilot.press(*["enter"] * len(FIELDS))
        assert app.focused is screen.query_one("#save", Button)
        await save_as(pilot, target)
        expected = render_report(draft(app.summary()), "markdown")
    for placeholder in ("[воинское звание в родительном падеже", "[фамилия и инициалы в родительном падеже", "[дата]"):
        assert placeholder in shown
    assert target.read_text(encoding="utf-8") == expected
    assert "[воинское звание в родительном падеже" in expected


async def test_print_after_exit_returns_the_draft(report_saves, saves):
    app = WizardApp(pack_at(PACKS["test_pack"]), "en", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        fill(screen, {"name": "Peter Petrov"})
        await pilot.pause()
        expected = render_report(draft(app.summary(), name="Peter Petrov"), "text")
        await pilot.click("#print")
        await pilot.pause()
    assert (app.return_code, app.return_value) == (0, expected)
    assert "*** DRAFT. Check it with a lawyer" in app.return_value
    assert "from [rank, e.g. private] Peter Petrov" in app.return_value
    assert app.flow.answers == {}
    assert report_saves == [] and saves == []


async def test_no_ground_says_so_and_offers_nothing_to_save(report_saves):
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot, NO_GROUND)
        shown = flat(screen_text(screen))
        assert "Рапорт не составлен" in shown
        assert "программа не придумывает оснований" in shown
        assert "Сохранять и печатать нечего" in shown
        assert [button.id for button in screen.query(Button)] == ["back"]
        assert not screen.query(Input)
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ResultScreen), "the result")
    assert report_saves == []


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
async def test_quick_exit_while_typing_saves_nothing(key, report_saves, saves):
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        screen.query_one("#name", Input).focus()
        await pilot.press(*"Petrov")
        assert isinstance(app.focused, Input) and app.focused.value == "Petrov"
        await quick_exit(pilot, key)
    assert_left_nothing(app, report_saves, saves)


async def test_language_switch_keeps_what_was_typed():
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        fill(screen, {"addressee": "Командиру в/ч 00000", "rank": "рядовой"})
        screen.query_one("#name", Input).focus()
        await pilot.press(*"Petrov")
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "en" and app.screen is screen
        values = {key: screen.query_one(f"#{key}", Input).value for key in FIELDS}
        assert values == {
            "addressee": "Командиру в/ч 00000",
            "rank": "рядовой",
            "name": "Petrov",
            "unit": "",
            "date": "",
        }
        assert app.focused is screen.query_one("#name", Input)
        assert "Draft of the written report" in screen_text(screen)
        assert "*** DRAFT." in preview(screen) and "from рядовой Petrov" in preview(screen)
        assert "[post, subunit, military unit]" in preview(screen)


async def test_typed_fields_kept_while_the_result_is_shown():
    """Back to the result and into the report again: what was typed is still there (in memory only)."""
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        fill(screen, {"name": "Петров"})
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ResultScreen), "the result")
        await click_to(pilot, "#report", ReportScreen)
        assert app.screen is not screen
        assert app.screen.query_one("#name", Input).value == "Петров"
        assert "от [воинское звание в родительном падеже, например: рядового] Петров" in preview(app.screen)


async def test_existing_file_is_not_overwritten(tmp_path):
    target = tmp_path / "raport.txt"
    target.write_text("keep me")
    app = WizardApp(pack_at(PACKS["test_pack"]), "en", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_report(pilot)
        await click_to(pilot, "#save", SaveScreen)
        assert "Save the draft report" in screen_text(app.screen)
        app.screen.query_one("#filename", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        assert "already exists" in str(app.screen.query_one("#error").render())
    assert target.read_text() == "keep me"


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_result_buttons_fit_the_smallest_terminal(lang):
    """At the app's minimum width the result screen's five buttons, the report's among them, are all on screen."""
    app = WizardApp(pack_at(PACKS["test_pack"]), lang, on=DAY)
    width, height = WizardApp.MIN_SIZE
    async with app.run_test(size=(width, height)) as pilot:
        await start(pilot)
        await walk(pilot, UNFIT)
        await click_to(pilot, "#result", ResultScreen)
        await pilot.pause()
        buttons = list(app.screen.query(".buttons Button"))
        assert [button.id for button in buttons] == ["review", "print", "save", "report", "exit"]
        for button in buttons:
            assert button.region.x >= 0 and button.region.right <= width, button.id


FAMILY = {
    "respondent": "soldier",
    "service_kind": "contract",
    "contract_expired": "no",
    "age": 33,
    "vvk_done": "yes",
    "vvk_category": "a",
    "health_problems": "no",
    "married": "yes",
    "spouse_works": "no",
    "children_count": 1,
    "child_disabled": "no",
    "single_parent": "no",
    "income_low": "yes",
    "family_other": "none",
    "relative_needs_care": "no",
    "violence": "no",
    "contract_violation": "no",
    "beliefs": "no",
    "other_reason": "no",
    "situation": "in_unit",
    "deployment": "not_ordered",
    "report_status": "not_filed",
}


async def test_the_strongest_ground_first_and_another_one_chosen_is_kept():
    """Several grounds can be drafted: the strongest is chosen; another choice redrafts and is kept in memory."""
    from textual.widgets import Select

    app = WizardApp(pack_at(PACKS["rules"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot, FAMILY)
        choice = screen.query_one("#ground", Select)
        assert choice.value == "family_hardship"
        assert "по семейным обстоятельствам" in preview(screen)
        choice.value = "good_reason"
        await pilot.pause()
        assert "по собственному желанию при наличии уважительных причин" in preview(screen)
        assert "[ВНИМАНИЕ: " in preview(screen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ResultScreen), "the result")
        await click_to(pilot, "#report", ReportScreen)
        assert app.screen.query_one("#ground", Select).value == "good_reason"
        assert "по собственному желанию" in preview(app.screen)


async def test_labels_ask_for_the_genitive_and_the_english_screen_points_to_f2():
    app = WizardApp(pack_at(PACKS["test_pack"]), "en", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        shown = screen_text(screen)
        assert "Name (Russian genitive)" in shown and "рядового Иванова И. И." in shown
        assert "press F2 for the Russian text" in shown
        assert "--lang" not in shown
        await pilot.press("f2")
        await pilot.pause()
        shown = screen_text(app.screen)
        assert "Фамилия (род. падеж)" in shown and "«от кого»: рядового Иванова И. И." in shown
        assert "F2 — русский текст" not in shown


async def test_page_down_scrolls_the_draft_whatever_has_the_focus():
    app = WizardApp(pack_at(PACKS["test_pack"]), "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        text = screen.query_one("#report")
        for focused in ("#save", "#name"):
            screen.query_one(focused).focus()
            text.scroll_home(animate=False)
            await pilot.pause()
            await pilot.press("pagedown")
            await pilot.pause()
            assert text.scroll_y > 0, focused
            await pilot.press("pageup")
            await pilot.pause()
            assert text.scroll_y == 0, focused
