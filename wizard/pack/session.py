"""The state of one session: the answers, kept in memory only, and the order of the questions they lead to.

`Flow` knows, from the engine's `interview()`, which questions are asked, in which order, and which answers stop
counting when an earlier answer changes. The terminal app and the privacy tests share it; it imports no Textual,
and the engine only when first asked (so that the app's first screen paints before pydantic is imported).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.pack.engine import Interview
    from wizard.pack.model import Pack, Question, Topic
    from wizard.pack.values import Person


class Flow:
    """The answers of one session, kept in memory only, and the order of the questions they lead to."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.answers: dict[str, Any] = {}
        """Every answer given, also to questions a later change of answer hides (see `counted`)."""
        self.seen: set[str] = set()
        """Questions shown and confirmed."""
        self.editing = False
        """The person came from the review to change an answer."""
        self._state: tuple[dict[str, Any], Interview] | None = None
        """The last `interview()` and a copy of the answers it was made from."""

    def state(self) -> Interview:
        """The engine's `interview()` of the answers, made again only when they have changed since the last one
        (a step from one question to the next asks for it several times)."""
        from wizard.pack.engine import interview  # _later

        if self._state is None or self._state[0] != self.answers:
            self._state = (dict(self.answers), interview(self.pack, self.answers))
        return self._state[1]

    def active(self) -> tuple[Question, ...]:
        return self.state().active

    def first(self) -> Question:
        return self.active()[0]

    def position(self, question_id: str) -> tuple[int, int]:
        """ "Question n of m": m counts the questions asked with the answers given so far."""
        ids = [question.id for question in self.active()]
        return ids.index(question_id) + 1, len(ids)

    def after(self, question_id: str) -> Question | None:
        return self._neighbour(question_id, 1)

    def before(self, question_id: str) -> Question | None:
        return self._neighbour(question_id, -1)

    def _neighbour(self, question_id: str, step: int) -> Question | None:
        active = self.active()
        index = [question.id for question in active].index(question_id) + step
        return active[index] if 0 <= index < len(active) else None

    def first_unseen(self) -> Question | None:
        return next((question for question in self.active() if question.id not in self.seen), None)

    def next_after(self, question_id: str) -> Question | None:
        """What to show once `question_id` is answered: the next question; after a change made from the review,
        the first question not yet seen (one the change has brought in). None: the review."""
        return self.first_unseen() if self.editing else self.after(question_id)

    def back_to_review(self) -> bool:
        """Whether going back from a question leads to the review: it was opened from there, and every question
        asked has been seen."""
        return self.editing and self.first_unseen() is None

    def answer(self, question_id: str, value: Any) -> None:
        """Record an answer. Answers of questions it hides are kept, in memory only: they never count while
        their question is hidden, and come back if a change of answer asks that question again."""
        self.answers[question_id] = value
        self.seen.add(question_id)

    def counted(self) -> dict[str, Any]:
        """The answers any result rests on: those to questions asked with the answers given."""
        return dict(self.state().answers)

    def clear(self) -> None:
        self.answers.clear()
        self.seen.clear()

    def person(self) -> Person:
        respondent = self.pack.pack.respondent
        return respondent.person.get(self.answers.get(respondent.question), "you")

    def text(self, question: Question, lang: str) -> str:
        text = question.text
        return (getattr(text, self.person()) if hasattr(text, "you") else text)[lang]

    def help(self, question: Question, lang: str) -> str | None:
        text = question.help
        if text is None:
            return None
        return (getattr(text, self.person()) if hasattr(text, "you") else text)[lang]

    def topic_title(self, question: Question, lang: str) -> str:
        return self.pack.by_id["topics"][question.topic].title[lang]

    def by_topic(self) -> Iterator[tuple[Topic, list[Question]]]:
        active = self.active()
        for topic in self.pack.topics:
            questions = [question for question in active if question.topic == topic.id]
            if questions:
                yield topic, questions
