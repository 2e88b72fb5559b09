"""A whole session of the real app in a pseudo-terminal, driven by keys as a person would drive it.

The engine is the oracle: a `Flow` of the same pack, given the same answers, says which question the app asks
next and how it counts them, so the driver waits for exactly the screen it expects. The answers chosen are a
shortest walk through the pack that still asks every kind of question it has; the canary is typed into every
free-text field met on the way (the save dialog's file name, the report's fields).
"""

from __future__ import annotations

import time
from typing import Any

from canary import Canary
from harness import Run
from uipilot import search

from wizard.catalogue import t
from wizard.outputs.words import answer_label
from wizard.pack.answers import choices
from wizard.pack.engine import interview
from wizard.pack.model import Pack, Question
from wizard.pack.session import Flow

DOWN, SHIFT_TAB, ESCAPE, ENTER = "\x1b[B", "\x1b[Z", "\x1b", "\r"
KEYS = {"ctrl+q": b"\x11", "ctrl+c": b"\x03"}


def plan(pack: Pack) -> dict[str, Any]:
    """Answers for a short walk that still asks a question of every kind the pack has."""
    kinds = {question.kind for question in pack.questions}

    def score(answers: dict[str, Any]) -> tuple[int, int]:
        active = interview(pack, answers).active
        return len(kinds - {question.kind for question in active}), len(active)

    return search(pack, score)


class Session:
    def __init__(self, run: Run, pack: Pack, canary: Canary, lang: str = "ru") -> None:
        self.run = run
        self.pack = pack
        self.canary = canary
        self.lang = lang
        self.flow = Flow(pack)
        self.plan = plan(pack)
        self.end = 0
        self.typed: list[str] = []
        """Where the canary was typed."""

    # --- seeing and typing ----------------------------------------------------------------------------

    def tr(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)

    def expect(self, text: str, timeout: float = 20) -> None:
        self.end = self.run.wait_for(text, self.end, timeout)

    def keys(self, keys: str | bytes, settle: float = 0.03) -> None:
        time.sleep(settle)
        self.run.send(keys)

    def progress(self, question: Question) -> str:
        number, count = self.flow.position(question.id)
        topic = self.flow.topic_title(question, self.lang)
        return self.tr("app.progress", topic=topic, n=number, m=count)

    # --- the screens ----------------------------------------------------------------------------------

    def safety(self) -> None:
        self.expect(self.tr("app.safety.title"))

    def limits(self) -> None:
        self.keys("l")
        self.expect(self.tr("app.limits.title"))

    def start(self) -> None:
        self.safety()
        self.keys(ENTER)
        self.question = self.flow.first()
        self.expect(self.progress(self.question))

    def answer_keys(self, question: Question, value: Any) -> str:
        if question.kind in ("yes_no", "choice"):
            return DOWN * choices(question).index(value)
        if question.kind == "date":
            return value.strftime("%d.%m.%Y" if self.lang == "ru" else "%Y-%m-%d")
        return answer_label(question, value, self.lang)

    def type_answer(self) -> None:
        """Type (or choose) the planned answer to the question on the screen, without sending it."""
        question = self.question
        self.keys(self.answer_keys(question, self.plan[question.id]))

    def answer(self) -> None:
        """Answer the question on the screen and wait for what comes next."""
        question = self.question
        self.type_answer()
        self.keys(ENTER)
        self.flow.answer(question.id, self.plan[question.id])
        upcoming = self.flow.after(question.id)
        if upcoming is None:
            self.question = None
            self.expect(self.tr("app.review.title"))
        else:
            self.question = upcoming
            self.expect(self.progress(upcoming))

    def until(self, kind: str) -> None:
        """Answer questions until one of `kind` is on the screen."""
        while self.question is not None and self.question.kind != kind:
            self.answer()
        assert self.question is not None, f"the walk asks no {kind} question"

    def review(self) -> None:
        while self.question is not None:
            self.answer()

    def result(self) -> None:
        self.review()
        self.keys(ENTER, settle=0.3)  # the review's primary button, Result
        self.expect(self.tr("app.button.answers"))

    def save_dialog(self) -> None:
        """Open the save dialog and type the canary as the file name, without saving."""
        self.keys("s", settle=0.2)
        self.expect(self.tr("app.save.title"))
        self.keys(self.canary.text)
        self.expect(self.canary.latin)
        self.typed.append("save dialog")

    def has_report(self) -> bool:
        from wizard.tui.screens.result import ResultScreen

        return any(getattr(binding, "key", None) == "r" for binding in ResultScreen.BINDINGS)

    def report(self) -> None:
        """Open the report screen and type the canary into each of its fields."""
        from wizard.tui.screens.report import FIELDS

        self.keys("r", settle=0.2)
        self.expect(self.tr("app.report.title"))
        for field in FIELDS:
            self.keys(self.canary.text + ENTER, settle=0.1)
            self.typed.append(f"report {field}")
        self.expect(self.canary.latin)

    def at_free_text(self) -> None:
        """Through the questions to the report screen, the canary typed into its first field and not yet sent
        (Enter sends it; the launcher's crashes and leaks act on what a report field sends)."""
        from wizard.tui.screens.report import FIELDS

        self.start()
        self.result()
        self.keys("r", settle=0.2)
        self.expect(self.tr("app.report.title"))
        self.keys(self.canary.text, settle=0.1)
        self.typed.append(f"report {FIELDS[0]}")
        self.expect(self.canary.latin)

    def back_to_result(self) -> None:
        self.keys(ESCAPE, settle=0.2)
        self.expect(self.tr("app.button.answers"))

    def exit(self) -> None:
        """From the result: focus moves back from the result text to the last button, Exit."""
        self.keys(SHIFT_TAB + ENTER, settle=0.3)

    def exit_and_print(self) -> None:
        """From the result: back from the result text past Exit, Report and Save to "Exit and print"."""
        self.keys(SHIFT_TAB * 4 + ENTER, settle=0.3)

    def panic(self, key: str = "ctrl+q") -> float:
        """Press a quick-exit key; returns when it was pressed."""
        time.sleep(0.05)
        pressed = time.perf_counter()
        self.run.send(KEYS[key])
        return pressed
