"""Whether each question can be asked at all: answers are tried, as few as decide it, and a question whose
`ask_if` none of them makes true is reported. A check of `checks.check_pack`, run once the pack is otherwise sound.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from wizard.catalogue import Msg
from wizard.pack.conditions import UNKNOWN, AtLeast, AtMost, Condition, Equals, In, walk
from wizard.pack.engine import asked_questions
from wizard.pack.model import Pack, Question

Problem = tuple[tuple, Msg]
MAX_COMBINATIONS = 20_000
"""Reachability is decided by trying answers; past this many combinations a question is assumed reachable."""


def unreachable(pack: Pack, conditions: Iterable[tuple[tuple, Condition]]) -> Iterator[Problem]:
    """Questions whose `ask_if` no combination of answers to the questions before them can make true;
    `conditions` are every condition of the pack, whose constants give the numbers and dates worth trying."""
    constants = _constants(conditions)
    for index, question in enumerate(pack.questions):
        if question.ask_if is None:
            continue
        involved = _involved(question, pack)
        domains = [_domain(pack.question(qid), constants.get(qid, ())) for qid in involved]
        if math.prod(len(domain) for domain in domains) > MAX_COMBINATIONS:
            continue
        chain = [q for q in pack.questions if q.id in involved] + [question]
        tries = (dict(zip(involved, values, strict=True)) for values in itertools.product(*domains))
        if not any(question in asked_questions(chain, answers) for answers in tries):
            yield ("questions", index, "ask_if"), Msg("check.unreachable", {"id": question.id})


def _involved(question: Question, pack: Pack) -> list[str]:
    """The earlier questions that decide whether `question` is asked, directly or through their own `ask_if`."""
    found: dict[str, None] = {}
    todo = [question]
    while todo:
        current = todo.pop()
        if current.ask_if is None:
            continue
        for node, _ in walk(current.ask_if):
            qid = getattr(node, "question", None)
            if qid is not None and qid not in found:
                found[qid] = None
                todo.append(pack.question(qid))
    return list(found)


def _constants(conditions: Iterable[tuple[tuple, Condition]]) -> dict[str, set[Any]]:
    """For each number or date question, the values that conditions compare it with."""
    found: dict[str, set[Any]] = {}
    for _, condition in conditions:
        for node, _ in walk(condition):
            if isinstance(node, Equals | In | AtLeast | AtMost):
                values = node.value if isinstance(node, In) else (node.value,)
                found.setdefault(node.question, set()).update(values)
    return found


def _around(day: date) -> list[date]:
    """The day and the days next to it, as far as the calendar goes (none past 9999-12-31)."""
    before = [day - timedelta(days=1)] if day > date.min else []
    after = [day + timedelta(days=1)] if day < date.max else []
    return [*before, day, *after]


def _domain(question: Question, constants: Any) -> list[Any]:
    """Answers worth trying: every choice, or each constant compared with and its neighbours."""
    match question.kind:
        case "yes_no" | "choice":
            values: list[Any] = question.listed_keys()
        case "number":
            values = sorted({v + delta for v in constants for delta in (-1, 0, 1)} or {0})
        case "date":
            values = sorted({day for v in constants for day in _around(v)} or {date(2000, 1, 1)})
        case _:
            values = ["…"]
    return [*values, UNKNOWN]
