"""Answers: reading an answers file and checking each answer against its question.

An answers file is YAML or JSON mapping question ids to answers: option keys, `yes`/`no`, numbers,
dates (YYYY-MM-DD) or `unknown` ("I don't know"). Messages about it name the line and the question,
never the answer itself: the file may be sensitive and error output may be seen by others.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from wizard.catalogue import Msg
from wizard.errors import AnswersError, LocatedError
from wizard.pack.conditions import UNKNOWN
from wizard.pack.model import Pack, Question
from wizard.pack.typed import typed_day, typed_number
from wizard.pack.yamlfile import parse

MAX_ANSWERS_BYTES = 1024 * 1024


class BadAnswer(ValueError):
    """An answer that does not fit its question; carries a message that does not quote it."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message


def choices(question: Question) -> list[str]:
    """Every answer a yes/no or choice question offers, in the order shown, "I don't know" last where allowed.
    The one list of a question's allowed answers: the question screen, the answers-file checks (`coerce_answer`)
    and the command line's question list all take it from here."""
    return [*question.listed_keys(), UNKNOWN] if question.unknown_allowed else question.listed_keys()


def coerce_answer(question: Question, value: Any) -> Any:
    """The stored form of `value` as an answer to `question`; raises `BadAnswer` if it does not fit."""
    if value == UNKNOWN:
        if not question.unknown_allowed:
            raise BadAnswer(Msg("answers.unknown_not_allowed", {"id": question.id}))
        return UNKNOWN
    match question.kind:
        case "yes_no" | "choice":
            if question.kind == "yes_no" and isinstance(value, bool):
                return "yes" if value else "no"
            if isinstance(value, str) and value in choices(question):
                return value
            if question.kind == "choice":
                keys = ", ".join(choices(question))
                raise BadAnswer(Msg("answers.not_option", {"id": question.id, "keys": keys}))
        case "number":
            if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
                if question.whole and not float(value).is_integer():
                    raise BadAnswer(Msg("answers.not_whole", {"id": question.id}))
                if (question.min is not None and value < question.min) or (
                    question.max is not None and value > question.max
                ):
                    raise BadAnswer(
                        Msg(
                            "answers.out_of_range",
                            {"id": question.id, "min": _num(question.min), "max": _num(question.max)},
                        )
                    )
                return value
        case "date":
            if isinstance(value, date) and not isinstance(value, datetime):  # a date with a time is not a date
                return value
            if isinstance(value, str) and (day := typed_day(value.strip())) is not None:
                return day
    raise BadAnswer(Msg(f"answers.not_{question.kind}", {"id": question.id}))


def parse_typed(question: Question, text: str) -> Any:
    """The answer typed as text into the field of a number or date question, checked as any answer is
    (`coerce_answer`). A number may have spaces and a decimal comma ("1 500,5"); a date is one of `typed.DATE_FORMATS`.
    Raises `BadAnswer` (`answers.not_number`, `answers.not_date` when the text is none at all)."""
    text = text.strip()
    value = typed_number(text) if question.kind == "number" else typed_day(text)
    if value is None:
        raise BadAnswer(Msg(f"answers.not_{question.kind}", {"id": question.id}))
    return coerce_answer(question, value)


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


_REWORDED = {"yaml.invalid": Msg("answers.invalid"), "yaml.duplicate_key": Msg("answers.duplicate_key")}
"""Messages of the YAML reader that would quote the file (its parser's words, a key), in words that do not."""


def read_answers(path: str, raw: bytes, pack: Pack) -> dict[str, Any]:
    """The answers in `raw` (the file shown as `path`), checked against `pack`; raises `AnswersError`."""
    try:
        doc = parse(path, raw, MAX_ANSWERS_BYTES)
    except LocatedError as error:
        message = _REWORDED.get(error.message.key, error.message)
        raise AnswersError(path, error.line, message) from None
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise AnswersError(path, doc.line_at(()), Msg("answers.not_mapping"))
    answers: dict[str, Any] = {}
    # the key nodes, in the order of the data: a key such as 123 or `yes` is not a string, so look for it by node
    for (key_node, _), (key, value) in zip(doc.root.value, doc.data.items(), strict=True):
        line = key_node.start_mark.line + 1
        question = pack.by_id["questions"].get(key) if isinstance(key, str) else None
        if question is None:
            raise AnswersError(path, line, Msg("answers.unknown_key"))  # the key may be anything typed: not quoted
        if value is None:
            continue
        try:
            answers[key] = coerce_answer(question, value)
        except BadAnswer as bad:
            raise AnswersError(path, line, bad.message) from None
    return answers
