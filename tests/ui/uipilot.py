"""Driving the app through its real screens with Pilot: answer what the current screen asks, read what it shows."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from textual.widgets import Button, Input, OptionList, Static

from wizard.outputs.words import answer_label
from wizard.pack.conditions import UNKNOWN
from wizard.pack.loader import load_pack
from wizard.pack.model import Pack, Question
from wizard.pack.scenarios import load_scenario, scenario_files
from wizard.pack.session import Flow

ROOT = Path(__file__).resolve().parents[2]
TEST_PACK = Path(__file__).with_name("pack")
PACKS = {"rules": ROOT / "rules", "test_pack": TEST_PACK}
"""The shipped pack (whatever it holds today) and the small frozen pack of these tests."""
DAY = date(2026, 3, 1)
SIZE = (80, 24)


@cache
def pack_at(folder: Path) -> Pack:
    return load_pack(folder)


def scenarios(folder: Path) -> list[tuple[Any, dict[str, Any]]]:
    """Each scenario of the pack in `folder`: (scenario, checked answers)."""
    pack = pack_at(folder)
    return [load_scenario(path, pack)[:2] for path in scenario_files(folder)]


def candidates(question: Question) -> list[Any]:
    """Known answers worth trying for a question (never "I don't know")."""
    if question.kind in ("yes_no", "choice"):
        return question.listed_keys()
    if question.kind == "number":
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else 120
        return sorted({int(low), int(high), int((low + high) // 2), int(min(max(low, 1), high))})
    return [date(2000, 1, 1), DAY]


def search(pack: Pack, score: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    """Answers found one question at a time, each the candidate with the lowest `score(answers)`."""
    flow = Flow(pack)
    question = flow.first()
    while question is not None:
        best = min(candidates(question), key=lambda value, q=question: score({**flow.answers, q.id: value}))
        flow.answer(question.id, best)
        question = flow.after(question.id)
    return flow.counted()


def pick(question: Question, answers: Mapping[str, Any]) -> Any:
    """The answer a session gives: from `answers`; else "I don't know", or the first option."""
    if question.id in answers:
        return answers[question.id]
    return UNKNOWN if question.unknown_allowed else candidates(question)[0]


async def start(pilot) -> None:
    """From the safety screen to the first question."""
    from wizard.tui.screens.question import QuestionScreen

    await pilot.pause()
    await click_to(pilot, "#start", QuestionScreen)


async def give(pilot, value: Any) -> None:
    """Answer the question on the screen with `value`, as a person would: list and Enter, or typing and Enter."""
    app = pilot.app
    await pilot.pause()
    screen = app.screen
    question = screen.question
    field = screen.query_one("#answer")
    if isinstance(field, OptionList):
        ids = [field.get_option_at_index(index).id for index in range(field.option_count)]
        field.focus()
        field.highlighted = ids.index(value)
        await pilot.press("enter")
    elif value == UNKNOWN:
        button = screen.query_one("#unknown", Button)
        await until(pilot, lambda: not button.has_class("-active"), "the button to take clicks again")
        await pilot.click("#unknown")
    else:
        assert isinstance(field, Input)
        field.focus()
        field.value = answer_label(question, value, app.lang)
        await pilot.press("enter")
    await moved_on(pilot, screen, question.id)


async def moved_on(pilot, screen, question_id: str) -> None:
    """Wait until the app has left the question (a busy machine may take a few frames)."""
    for _ in range(100):
        await pilot.pause()
        if pilot.app.screen is not screen or getattr(screen, "question_id", None) != question_id:
            return
        await pilot.pause(0.01)
    app = pilot.app
    raise AssertionError(f"still at {question_id}: focus {app.focused!r}, answers {app.flow.answers}")


async def walk(pilot, answers: Mapping[str, Any], stop_at: str | None = None) -> list[str]:
    """Answer every question the app asks, until the review (or until `stop_at` is on the screen)."""
    from wizard.tui.screens.question import QuestionScreen

    asked: list[str] = []
    while isinstance(pilot.app.screen, QuestionScreen):
        question = pilot.app.screen.question
        if question.id == stop_at:
            break
        assert question.id not in asked, f"{question.id} asked twice"
        asked.append(question.id)
        await give(pilot, pick(question, answers))
    return asked


def screen_text(screen) -> str:
    """Every text the screen shows: static texts, block titles, list entries and button labels."""
    parts: list[str] = []
    for widget in screen.query("*"):
        if widget.border_title:
            parts.append(str(widget.border_title))
        if isinstance(widget, Static) and not isinstance(widget, Button):
            parts.append(str(widget.render()))
        elif isinstance(widget, Button):
            parts.append(str(widget.label))
        elif isinstance(widget, OptionList):
            parts += [str(option.prompt) for option in widget.options]
        elif isinstance(widget, Input):
            parts.append(widget.value)
    return "\n".join(parts)


def flat(text: str) -> str:
    """Text with all whitespace runs made one space (wrapping differs between screen and summary)."""
    return " ".join(text.split())


async def until(pilot, condition, what: str = "the screen to change") -> None:
    """Wait a few frames for `condition()` (a busy machine may need them)."""
    for _ in range(200):
        await pilot.pause()
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"waited in vain for {what}")


async def click_to(pilot, selector: str, screen_type) -> None:
    """Click a button and wait for the screen it leads to."""
    await pilot.click(selector)
    await until(pilot, lambda: isinstance(pilot.app.screen, screen_type), screen_type.__name__)
