"""Keys: Enter presses the primary button of the safety, limits and review screens, and after every dialog of the
result screen a key still works (the focus is back on a widget that takes keys)."""

from __future__ import annotations

from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from uipilot import DAY, PACKS, SIZE, moved_on, pack_at, scenarios, start, until, walk

from wizard.tui.app import WizardApp
from wizard.tui.screens.limits import LimitsScreen
from wizard.tui.screens.question import QuestionScreen
from wizard.tui.screens.result import ResultScreen
from wizard.tui.screens.review import ReviewScreen
from wizard.tui.screens.safety import SafetyScreen
from wizard.tui.widgets.answer_field import same_options


def app_in(lang: str = "ru", pack: str = "test_pack") -> WizardApp:
    return WizardApp(pack_at(PACKS[pack]), lang, on=DAY)


async def to_the_age_question(pilot) -> None:
    """From the safety screen to the shipped pack's age question, answering as a scenario that reaches it."""
    answers = next(answers for _, answers in scenarios(PACKS["rules"]) if "age" in answers)
    await start(pilot)
    await walk(pilot, answers, stop_at="age")


async def press_to(pilot, key: str, screen_type) -> None:
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, screen_type), screen_type.__name__)


async def test_enter_on_safety_and_limits_presses_their_primary_button():
    app = app_in()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press_to(pilot, "l", LimitsScreen)
        assert app.focused is app.screen.query_one("#text"), "the text has the focus, so that arrows scroll it"
        await press_to(pilot, "enter", SafetyScreen)
        await pilot.click("#limits")
        await until(pilot, lambda: isinstance(app.screen, LimitsScreen))
        await press_to(pilot, "enter", SafetyScreen)
        assert app.focused is app.screen.query_one("#start"), "back from the limits, Enter starts"
        app.screen.query_one(".body").focus()  # the text, as after a click on it
        await press_to(pilot, "enter", QuestionScreen)


async def test_enter_on_review_goes_to_the_result_and_arrows_reach_the_answers():
    app = app_in("en")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, {})
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("down")
        assert app.focused is app.screen.query_one("#answers")
        await press_to(pilot, "enter", QuestionScreen)
        await press_to(pilot, "escape", ReviewScreen)
        await press_to(pilot, "enter", ResultScreen)


async def test_the_letter_keys_work_on_the_russian_layout_too():
    """S, R, N and L give «ы», «к», «т» and «д» when the Russian layout is on: the same actions."""
    from wizard.tui.screens.report import ReportScreen
    from wizard.tui.screens.save import SaveScreen

    app = app_in("ru")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press_to(pilot, "д", LimitsScreen)
        await press_to(pilot, "escape", SafetyScreen)
        await press_to(pilot, "enter", QuestionScreen)
        await walk(pilot, {})
        await press_to(pilot, "enter", ResultScreen)
        view = app.screen.query_one("#result")
        await pilot.press("т")
        await until(pilot, lambda: view.scroll_y > 0, "the next section")
        await press_to(pilot, "ы", SaveScreen)
        await press_to(pilot, "escape", ResultScreen)
        await press_to(pilot, "к", ReportScreen)


async def test_a_fraction_in_a_whole_number_field_is_refused_and_typing_goes_on():
    """The age takes full years: 25.5 gets the message and stays on the question; 25 then moves on."""
    app = app_in("en", "rules")
    async with app.run_test(size=SIZE) as pilot:
        await to_the_age_question(pilot)
        screen = app.screen
        assert screen.question_id == "age" and app.focused is screen.query_one("#answer", Input)
        error = screen.query_one("#error")
        assert not error.display, "no error line, not even an empty one, before a wrong answer"
        await pilot.press(*"25.5", "enter")
        await until(pilot, lambda: "whole number" in str(error.render()), "the message")
        assert app.screen is screen and screen.question_id == "age" and error.display
        await pilot.press("backspace", "backspace", "enter")
        await moved_on(pilot, screen, "age")
        assert app.flow.answers["age"] == 25
        assert not error.display and not str(error.render()), "the next question starts without the error"


async def test_the_next_list_question_reuses_the_list_and_takes_keys_at_once():
    """Enter on a list question whose next question is a list too: the same widget shows the new options in place,
    keeps the focus, and the keys pressed right after it answer the new question."""
    app = app_in("en")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, {"respondent": "soldier"}, stop_at="vvk_done")
        field = app.screen.query_one("#answer", OptionList)
        screen = app.screen
        field.highlighted = 0  # yes
        await pilot.press("enter")
        await until(pilot, lambda: screen.question_id == "vvk_category")
        assert app.screen is screen and screen.query_one("#answer") is field
        assert [option.id for option in field.options] == ["a", "v", "d", "unknown"]
        assert app.focused is field
        await pilot.press("down", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert app.flow.answers["vvk_category"] == "d"
        await press_to(pilot, "escape", QuestionScreen)
        assert app.screen.question_id == "vvk_category" and app.focused is app.screen.query_one("#answer")


def test_a_list_keeps_its_options_only_when_ids_and_prompts_are_the_same():
    listing = OptionList(Option("Yes", id="yes"), Option("No", id="no"))
    assert same_options(listing, [Option("Yes", id="yes"), Option("No", id="no")])
    assert not same_options(listing, [Option("Yes", id="yes"), Option("No  ✔ current answer", id="no")])
    assert not same_options(listing, [Option("Yes", id="yes"), Option("No", id="other")])
    assert not same_options(listing, [Option("Yes", id="yes")])


async def test_typing_after_a_change_of_language_goes_on_from_the_draft():
    """A number half typed, F2: the draft is kept in the other language and the next key adds to it."""
    app = app_in("en", "rules")
    async with app.run_test(size=SIZE) as pilot:
        await to_the_age_question(pilot)
        await pilot.press("4", "f2")
        await until(pilot, lambda: app.lang == "ru" and app.screen.query_one("#answer", Input).value == "4")
        await pilot.press("5", "enter")
        await until(pilot, lambda: "age" in app.flow.answers, "the answer")
        assert app.flow.answers["age"] == 45
