"""Whole sessions through the real screens, each checked against the engine as oracle.

Answers come from the pack's scenario files or are found by searching the pack; the UI answers only the
questions it actually asks. Both the shipped pack (whatever it holds) and the small frozen test pack are walked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from screenshot import widget_lines
from textual.widgets import Collapsible, Input, OptionList, Static
from uipilot import (
    DAY,
    PACKS,
    SIZE,
    candidates,
    click_to,
    flat,
    pack_at,
    pick,
    scenarios,
    screen_text,
    search,
    start,
    until,
    walk,
)

from wizard.errors import WizardError
from wizard.outputs.summary import summary
from wizard.outputs.words import answer_label
from wizard.pack.conditions import UNKNOWN
from wizard.pack.engine import evaluate, interview
from wizard.pack.model import Pack
from wizard.tui.app import WizardApp
from wizard.tui.screens.question import QuestionScreen
from wizard.tui.screens.result import ResultScreen
from wizard.tui.screens.review import ReviewScreen


def _ground_ids(folder: Path) -> list[str]:
    try:
        return [ground.id for ground in pack_at(folder).grounds]
    except WizardError:
        return ["(the pack does not load)"]


GROUND_CASES = [
    pytest.param(folder, ground_id, id=f"{name}-{ground_id}")
    for name, folder in PACKS.items()
    for ground_id in _ground_ids(folder)
]
PACK_CASES = [pytest.param(folder, id=name) for name, folder in PACKS.items()]


def ground_blocks(screen) -> dict[str, str]:
    """Ground title → the text of its details: in its own fold, or titled inside the fold of those that do not
    fit, or of what not to count on."""
    blocks = {
        str(fold.title): flat(str(fold.query_one(".ground", Static).render()))
        for fold in screen.query(Collapsible)
        if fold.id.startswith("why-")
    }
    for block in screen.query(".ground.-titled").results(Static):
        blocks[str(block.border_title)] = flat(str(block.render()))
    return blocks


def assert_result_is_oracle(app: WizardApp, pack: Pack, answers: dict[str, Any], day) -> dict[str, Any]:
    """The result screen says what `evaluate()` of the same answers says, in the app's language."""
    assert isinstance(app.screen, ResultScreen)
    expected = summary(pack, evaluate(pack, answers, day), app.lang, answers=answers)
    assert app.summary() == expected
    text = flat(screen_text(app.screen))
    blocks = ground_blocks(app.screen)
    verdict = expected["verdict"]
    for key in ("text", "next_step", "avoid", "regime_line"):
        assert flat(verdict[key]) in text
    assert flat(expected["regime"]["title"]) in text
    assert flat(expected["regime"]["summary"]) in text
    for ground in expected["grounds"] + expected["do_not_count_on"]:
        block = blocks[ground["title"]]
        assert flat(ground["verdict"]["text"]) in block
        assert flat(ground["explanation"]) in block
        for missing in ground["missing"]:
            assert flat(missing["text"]) in block
        for source_id in ground["sources"]:
            source = expected["sources"][source_id]
            assert flat(source["cite"]) in block and source["date_text"] in block
    for step in expected["procedure"]:
        assert flat(step["title"]) in text
    for risk in expected["risks"]:
        assert flat(risk["title"]) in text and flat(risk["penalty"]) in text
    if expected["stale_text"]:
        assert flat(expected["stale_text"]) in text
    assert flat(expected["not_legal_advice"]) in text
    return expected


async def to_result(pilot) -> None:
    assert isinstance(pilot.app.screen, ReviewScreen)
    await click_to(pilot, "#result", ResultScreen)


@pytest.mark.parametrize(("folder", "ground_id"), GROUND_CASES)
async def test_session_where_ground_applies(folder: Path, ground_id: str):
    """A scenario's answers, given through the screens, end in a result where the ground applies."""
    pack = pack_at(folder)
    found = [
        (scenario, answers)
        for scenario, answers in scenarios(folder)
        if (expected := scenario.expect.grounds.get(ground_id)) is not None and expected.status == "applies"
    ]
    if not found:
        pytest.skip(f"no scenario of {folder.name}/ makes {ground_id} apply")
    scenario, answers = found[0]
    app = WizardApp(pack, "ru", on=scenario.date)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        asked = await walk(pilot, answers)
        given = {qid: pick(pack.question(qid), answers) for qid in asked}
        assert app.flow.answers == {qid: value for qid, value in given.items() if value is not None}
        await to_result(pilot)
        expected = assert_result_is_oracle(app, pack, app.flow.answers, scenario.date)
        ground = next(entry for entry in expected["grounds"] + expected["do_not_count_on"] if entry["id"] == ground_id)
        assert ground["status"] == "applies"
        assert flat(ground["verdict"]["text"]) in ground_blocks(app.screen)[ground["title"]]


@pytest.mark.parametrize("folder", PACK_CASES)
async def test_session_where_nothing_applies(folder: Path):
    """Answers under which no ground applies: the result says so for every ground."""
    pack = pack_at(folder)

    def score(answers):
        statuses = [result.status for result in evaluate(pack, answers, DAY).grounds]
        return statuses.count("applies"), statuses.count("possible")

    answers = search(pack, score)
    if score(answers)[0]:
        pytest.skip(f"no answers found under which no ground of {folder.name}/ applies")
    app = WizardApp(pack, "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, answers)
        await to_result(pilot)
        expected = assert_result_is_oracle(app, pack, app.flow.answers, DAY)
        assert all(ground["status"] != "applies" for ground in expected["grounds"])
        assert expected["verdict"]["kind"] != "way_out"
        table = "\n".join(widget_lines(app.screen.query_one("#grounds-table")))
        assert table.strip() and "✔" not in table


@pytest.mark.parametrize("folder", PACK_CASES)
async def test_session_of_unknown_answers(folder: Path):
    """'I don't know' is not 'no': grounds come out possible, with what is missing listed."""
    pack = pack_at(folder)
    app = WizardApp(pack, "en", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        asked = await walk(pilot, {})
        assert all(app.flow.answers.get(qid) == UNKNOWN for qid in asked if pack.question(qid).unknown_allowed), (
            "every question that takes 'I don't know' was answered so"
        )
        await to_result(pilot)
        expected = assert_result_is_oracle(app, pack, app.flow.answers, DAY)
        possible = [ground for ground in expected["grounds"] if ground["status"] == "possible"]
        if not possible:
            pytest.skip(f"no ground of {folder.name}/ turns on an answer that can be 'I don't know'")
        blocks = ground_blocks(app.screen)
        for ground in possible:
            assert ground["missing"], ground["id"]
            assert flat(ground["verdict"]["text"]) in blocks[ground["title"]]
            assert "What to find out" in blocks[ground["title"]]


def hiding_change(pack: Pack) -> tuple[dict[str, Any], str, Any, tuple[str, ...]] | None:
    """Answers that reveal as many questions as they can, and a change to one of them that hides some again."""
    answers = search(pack, lambda answers: -len(interview(pack, answers).active))
    for question_id in answers:
        for value in candidates(pack.question(question_id)):
            if value is None or value == answers[question_id]:
                continue
            hidden = interview(pack, {**answers, question_id: value}).ignored
            if hidden:
                return answers, question_id, value, hidden
    return None


def kept_on_screen(screen) -> Any:
    field = screen.query_one("#answer")
    if isinstance(field, OptionList):
        return field.get_option_at_index(field.highlighted).id
    assert isinstance(field, Input)
    return field.value


async def edit_from_review(pilot, question_id: str, value: Any) -> None:
    """On the review: move into the answers, open `question_id`, answer `value`, and come back to the review."""
    from uipilot import give

    app = pilot.app
    listing = app.screen.query_one("#answers", OptionList)
    await pilot.press("down")
    assert app.focused is listing
    ids = [listing.get_option_at_index(index).id for index in range(listing.option_count)]
    listing.highlighted = ids.index(question_id)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, QuestionScreen))
    assert app.screen.question_id == question_id
    await give(pilot, value)
    await walk(pilot, app.flow.answers)
    await until(pilot, lambda: isinstance(app.screen, ReviewScreen))


@pytest.mark.parametrize("folder", PACK_CASES)
async def test_change_and_change_back_restores_later_answers(folder: Path):
    """Escape goes back with each answer kept. A change that hides later questions keeps their answers in memory,
    never counted while hidden; changing it back asks those questions again with their answers restored."""
    pack = pack_at(folder)
    found = hiding_change(pack)
    if found is None:
        pytest.skip(f"no answer of {folder.name}/ hides a later question")
    answers, changed, value, hidden = found
    app = WizardApp(pack, "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, answers)
        given = dict(app.flow.answers)
        assert set(hidden) <= set(given)
        count_before = len(app.flow.active())
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen))
        question = app.screen.question
        if question.kind in ("yes_no", "choice"):
            assert kept_on_screen(app.screen) == given[question.id]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))

        await edit_from_review(pilot, changed, value)
        assert {qid: given[qid] for qid in hidden} == {qid: app.flow.answers[qid] for qid in hidden}
        assert not set(hidden) & set(app.flow.counted())
        assert len(app.flow.active()) < count_before
        review = screen_text(app.screen)
        for question_id in hidden:
            assert f"{pack.question(question_id).short['ru']}:" not in review
        counted = app.flow.counted()
        assert app.summary() == summary(pack, evaluate(pack, counted, DAY), "ru", answers=counted)
        assert app.summary()["ignored_answers"] == []

        await edit_from_review(pilot, changed, given[changed])
        assert app.flow.counted() == given
        review = screen_text(app.screen)
        for question_id in hidden:
            label = answer_label(pack.question(question_id), given[question_id], "ru")
            assert flat(f"{pack.question(question_id).short['ru']}: {label}") in flat(review)


@pytest.mark.parametrize("folder", PACK_CASES)
async def test_language_switch_mid_session(folder: Path):
    """F2 re-draws the current screen in the other language; every answer stays."""
    pack = pack_at(folder)
    app = WizardApp(pack, "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        first = app.screen.question
        await walk(pilot, {}, stop_at=app.flow.after(first.id).id if app.flow.after(first.id) else None)
        if not isinstance(app.screen, QuestionScreen):
            pytest.skip("the pack asks a single question")
        answers = dict(app.flow.answers)
        question = app.screen.question
        text_ru = app.flow.text(question, "ru")
        assert flat(text_ru) in flat(screen_text(app.screen))
        await pilot.press("f2")
        await until(pilot, lambda: "F2 — Русский" in screen_text(app.screen))
        assert app.lang == "en" and app.screen.question.id == question.id
        shown = flat(screen_text(app.screen))
        assert flat(app.flow.text(question, "en")) in shown
        assert "question" in shown and "F2 — Русский" in shown
        assert app.flow.answers == answers
        await walk(pilot, {})
        assert "Check your answers" in screen_text(app.screen)
        await to_result(pilot)
        assert_result_is_oracle(app, pack, app.flow.answers, DAY)
        await pilot.press("f2")
        await until(pilot, lambda: "F2 — English" in screen_text(app.screen))
        assert app.lang == "ru"
        assert_result_is_oracle(app, pack, app.flow.answers, DAY)


@pytest.mark.parametrize("folder", PACK_CASES)
async def test_review_jump_comes_back(folder: Path):
    """Selecting an answer on the review opens its question; answering it returns to the review."""
    pack = pack_at(folder)
    app = WizardApp(pack, "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, {})
        listing = app.screen.query_one("#answers", OptionList)
        last = max(index for index in range(listing.option_count) if not listing.get_option_at_index(index).disabled)
        target = listing.get_option_at_index(last).id
        await pilot.press("down")
        listing.highlighted = last
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen))
        assert app.screen.question_id == target
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))


async def test_print_after_exit_returns_the_summary_text():
    """ "Exit and print" ends the app with the plain-text summary, printed by the caller after the exit."""
    from wizard.outputs.text import summary_text

    pack = pack_at(PACKS["test_pack"])
    app = WizardApp(pack, "en", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, {})
        answers = dict(app.flow.answers)
        await to_result(pilot)
        await pilot.click("#print")
        await until(pilot, lambda: app._exit)
    assert app.return_value == summary_text(summary(pack, evaluate(pack, answers, DAY), "en", answers=answers))
    assert app.return_code == 0


async def test_exit_prints_nothing(saves):
    pack = pack_at(PACKS["test_pack"])
    app = WizardApp(pack, "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, {})
        await to_result(pilot)
        await pilot.click("#exit")
        await until(pilot, lambda: app._exit)
    assert app.return_value is None and saves == []
