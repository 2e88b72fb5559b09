"""Checks of a pack beyond its schema: references, kinds of values, dates, reachability, cycles.

Each problem is returned as (location in the merged pack, message); the loader turns locations into lines.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from wizard.catalogue import Msg
from wizard.pack.conditions import (
    UNKNOWN,
    All,
    Answered,
    Any_,
    AtLeast,
    AtMost,
    Condition,
    GroundRef,
    In,
    Not,
    RegimeRef,
    Since,
    walk,
)
from wizard.pack.model import Pack, Question
from wizard.pack.reachability import unreachable

Problem = tuple[tuple, Msg]
VERDICT_CASES = ("situations", "next_steps", "avoid")
"""The pack sections of ordered verdict cases."""
YES_SYMBOLS = frozenset("✔✓☑✅")
"""Symbols that read as "yes": only beside an open route."""


def check_pack(pack: Pack) -> list[Problem]:
    problems = [
        *_duplicates(pack),
        *_references(pack),
        *_questions(pack),
        *_conditions(pack),
        *_regimes(pack),
        *_ground_cycles(pack),
        *_never_shown(pack),
        *_verdicts(pack),
    ]
    if not problems:
        problems.extend(unreachable(pack, _all_conditions(pack)))
    return problems


def _duplicates(pack: Pack) -> Iterator[Problem]:
    for section in ("topics", "sources", "documents", "regimes", "questions", "grounds", "procedure", "risks", "help"):
        seen: set[str] = set()
        for index, item in enumerate(getattr(pack, section)):
            if item.id in seen:
                yield (section, index, "id"), Msg("check.duplicate_id", {"id": item.id})
            seen.add(item.id)


def _cited(pack: Pack) -> Iterator[tuple[tuple, tuple[str, ...]]]:
    """Every `sources` list in the pack, with its location."""
    yield ("pack", "sources"), pack.pack.sources
    for section in ("regimes", "grounds", "procedure", "risks", "help"):
        for index, item in enumerate(getattr(pack, section)):
            yield (section, index, "sources"), item.sources
    for index, step in enumerate(pack.procedure):
        for case_index, variant in enumerate(step.variants):
            yield ("procedure", index, "variants", case_index, "sources"), variant.sources
    for index, regime in enumerate(pack.regimes):
        for ground_id, rule in regime.availability.items():
            if not isinstance(rule, str):
                for case_index, case in enumerate(rule):
                    yield ("regimes", index, "availability", ground_id, case_index, "sources"), case.sources
    for section in VERDICT_CASES:
        for index, case in enumerate(getattr(pack, section)):
            yield (section, index, "sources"), case.sources
    for loc, condition in _all_conditions(pack):
        for node, path in walk(condition):
            if node.sources:
                yield (*loc, *path, "sources"), node.sources


def _references(pack: Pack) -> Iterator[Problem]:
    ids = {section: set(items) for section, items in pack.by_id.items()}
    for loc, cited in _cited(pack):
        for index, source_id in enumerate(cited):
            if source_id not in ids["sources"]:
                yield (*loc, index), Msg("check.unknown_ref", {"kind": "source", "id": source_id})
    for index, question in enumerate(pack.questions):
        if question.topic not in ids["topics"]:
            yield ("questions", index, "topic"), Msg("check.unknown_ref", {"kind": "topic", "id": question.topic})
    for index, ground in enumerate(pack.grounds):
        for field, refs in (
            ("documents", ground.document_ids),
            ("procedure", ground.procedure),
            ("risks", ground.risks),
        ):
            for position, ref in enumerate(refs):
                if ref not in ids[field]:
                    yield ("grounds", index, field, position), Msg("check.unknown_ref", {"kind": field, "id": ref})
        for position, ref in enumerate(ground.within_reach.obtain if ground.within_reach else ()):
            if ref not in ids["documents"]:
                where = ("grounds", index, "within_reach", "obtain", position)
                yield where, Msg("check.unknown_ref", {"kind": "documents", "id": ref})
    yield from _case_references(pack, ids)
    respondent = pack.pack.respondent
    question = pack.by_id["questions"].get(respondent.question)
    if question is None or question.kind != "choice":
        yield ("pack", "respondent", "question"), Msg("check.respondent_question", {"id": respondent.question})
    elif {option.key for option in question.options} != set(respondent.person):
        yield ("pack", "respondent", "person"), Msg("check.respondent_keys")


def _questions(pack: Pack) -> Iterator[Problem]:
    for index, question in enumerate(pack.questions):
        keys = [option.key for option in question.options]
        if question.kind == "choice" and len(keys) < 2:
            yield ("questions", index, "options"), Msg("check.few_options")
        if question.kind != "choice" and keys:
            yield ("questions", index, "options"), Msg("check.options_not_choice")
        if len(set(keys)) != len(keys) or UNKNOWN in keys:
            yield ("questions", index, "options"), Msg("check.option_keys")
        if question.kind != "number" and (question.min is not None or question.max is not None):
            yield ("questions", index, "min"), Msg("check.bounds_not_number")
        if question.kind != "number" and question.whole:
            yield ("questions", index, "whole"), Msg("check.bounds_not_number")
        if question.min is not None and question.max is not None and question.min > question.max:
            yield ("questions", index, "min"), Msg("check.bounds_order")


def _all_conditions(pack: Pack) -> Iterator[tuple[tuple, Condition]]:
    for index, question in enumerate(pack.questions):
        if question.ask_if is not None:
            yield ("questions", index, "ask_if"), question.ask_if
    for index, ground in enumerate(pack.grounds):
        yield ("grounds", index, "conditions"), ground.conditions
        if ground.within_reach is not None:
            yield ("grounds", index, "within_reach", "when"), ground.within_reach.when
        for position, need in enumerate(ground.documents):
            if not isinstance(need, str):
                yield ("grounds", index, "documents", position, "when"), need.when
    for section in VERDICT_CASES:
        for index, case in enumerate(getattr(pack, section)):
            if case.when is not None:
                yield (section, index, "when"), case.when
    for section in ("procedure", "risks"):
        for index, item in enumerate(getattr(pack, section)):
            if item.when is not None:
                yield (section, index, "when"), item.when
            if section == "risks" and item.already is not None:
                yield (section, index, "already"), item.already
            field = "prospect" if section == "risks" else "variants"
            for case_index, case in enumerate(getattr(item, field)):
                yield (section, index, field, case_index, "when"), case.when
    for index, regime in enumerate(pack.regimes):
        for ground_id, rule in regime.availability.items():
            if not isinstance(rule, str):
                for case_index, case in enumerate(rule):
                    if case.when is not None:
                        yield ("regimes", index, "availability", ground_id, case_index, "when"), case.when


def _conditions(pack: Pack) -> Iterator[Problem]:
    order = {question.id: index for index, question in enumerate(pack.questions)}
    for loc, condition in _all_conditions(pack):
        asker = pack.questions[loc[1]] if loc[0] == "questions" else None
        for node, path in walk(condition):
            where = (*loc, *path, node.operator)
            if isinstance(node, Since):
                if asker is not None:
                    yield where, Msg("check.ask_if_outcome")
                continue
            if isinstance(node, GroundRef | RegimeRef):
                kind = "grounds" if isinstance(node, GroundRef) else "regimes"
                target = node.ground if isinstance(node, GroundRef) else node.regime
                if asker is not None:
                    yield where, Msg("check.ask_if_outcome")
                elif target not in pack.by_id[kind]:
                    yield where, Msg("check.unknown_ref", {"kind": kind, "id": target})
                continue
            if isinstance(node, All | Any_ | Not):
                continue
            question = pack.by_id["questions"].get(node.question)
            if question is None:
                yield where, Msg("check.unknown_ref", {"kind": "question", "id": node.question})
                continue
            if asker is not None and order[question.id] >= order[asker.id]:
                yield where, Msg("check.ask_if_later", {"id": question.id})
            message = _value_problem(node, question)
            if message is not None:
                yield (*where, node.question), message


def _value_problem(node: Condition, question: Question) -> Msg | None:
    """Whether a comparison fits the kind of the question it is about."""
    if isinstance(node, Answered):
        return None
    values = node.value if isinstance(node, In) else (node.value,)
    if isinstance(node, AtLeast | AtMost) and question.kind not in ("number", "date"):
        return Msg("check.order_kind", {"id": question.id})
    for value in values:
        if not _fits(question, value):
            shown = str(value).replace("\r", "\\r").replace("\n", "\\n")  # every problem stays one line
            return Msg("check.value_kind", {"id": question.id, "value": shown})
    return None


def _fits(question: Question, value: Any) -> bool:
    match question.kind:
        case "yes_no":
            return value in ("yes", "no")
        case "choice":
            return question.option(value) is not None
        case "number":
            return isinstance(value, int | float) and not isinstance(value, bool)
        case "date":
            return isinstance(value, date)
    return False


def _regimes(pack: Pack) -> Iterator[Problem]:
    grounds = [ground.id for ground in pack.grounds]
    for index, regime in enumerate(pack.regimes):
        if regime.valid_to is not None and regime.valid_to < regime.valid_from:
            yield ("regimes", index, "valid_to"), Msg("check.regime_dates")
        for ground_id in grounds:
            if ground_id not in regime.availability:
                yield ("regimes", index, "availability"), Msg("check.availability_missing", {"id": ground_id})
        for ground_id, rule in regime.availability.items():
            if ground_id not in pack.by_id["grounds"]:
                yield (
                    ("regimes", index, "availability", ground_id),
                    Msg("check.unknown_ref", {"kind": "ground", "id": ground_id}),
                )
            if not isinstance(rule, str) and (not rule or rule[-1].when is not None):
                yield ("regimes", index, "availability", ground_id), Msg("check.no_final_case")
            yield from _availability_notes(("regimes", index, "availability", ground_id), rule)
            if not isinstance(rule, str):
                for case_index, case in enumerate(rule[:-1]):
                    if case.when is None:
                        yield ("regimes", index, "availability", ground_id, case_index), Msg("check.early_default")
    spans = sorted(enumerate(pack.regimes), key=lambda pair: pair[1].valid_from)
    for (_, earlier), (index, later) in itertools.pairwise(spans):
        if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
            yield ("regimes", index, "valid_from"), Msg("check.regime_overlap", {"id": earlier.id})
        elif earlier.valid_to + timedelta(days=1) != later.valid_from:
            yield ("regimes", index, "valid_from"), Msg("check.regime_gap", {"id": earlier.id})
    for index, source in enumerate(pack.sources):
        if source.date > pack.pack.checked_on:
            yield ("sources", index, "date"), Msg("check.source_after_check")


NEEDS_NOTE = ("no_right", "not_a_ground")
"""Availabilities whose case must say why in its `note`: who has no right, or the warning."""


def _availability_notes(location: tuple, rule: Any) -> Iterator[Problem]:
    if isinstance(rule, str):
        if rule in NEEDS_NOTE:
            yield location, Msg("check.availability_note", {"status": rule})
        return
    for case_index, case in enumerate(rule):
        if case.status in NEEDS_NOTE and case.note is None:
            yield (*location, case_index), Msg("check.availability_note", {"status": case.status})


def _case_references(pack: Pack, ids: dict[str, set[str]]) -> Iterator[Problem]:
    for section in VERDICT_CASES:
        for index, case in enumerate(getattr(pack, section)):
            for field, kind in (("step", "procedure"), ("risk", "risks")):
                ref = getattr(case, field)
                if ref is not None and ref not in ids[kind]:
                    yield (section, index, field), Msg("check.unknown_ref", {"kind": kind, "id": ref})
            for ground_id in case.ground:
                if ground_id not in ids["grounds"]:
                    yield (
                        (section, index, "ground", ground_id),
                        Msg("check.unknown_ref", {"kind": "grounds", "id": ground_id}),
                    )


def _verdicts(pack: Pack) -> Iterator[Problem]:
    """Each list of verdict rules ends with a default, and no "yes" symbol stands beside a closed route."""
    last = pack.ground_verdicts[-1]
    if last.status or last.availability or last.obtain is not None:
        yield ("ground_verdicts", len(pack.ground_verdicts) - 1), Msg("check.verdict_no_default")
    for index, rule in enumerate(pack.ground_verdicts):
        if rule.key not in ("open", "discretionary") and YES_SYMBOLS & set(rule.symbol):
            yield ("ground_verdicts", index, "symbol"), Msg("check.yes_symbol", {"key": rule.key})
    for section in VERDICT_CASES:
        cases = getattr(pack, section)
        for index, case in enumerate(cases):
            default = case.when is None and not (case.kind or case.any_ground or case.ground)
            if default != (index == len(cases) - 1):
                yield (section, index), Msg("check.verdict_early_default" if default else "check.verdict_no_default")


def _ground_cycles(pack: Pack) -> Iterator[Problem]:
    refers = {
        ground.id: [
            node.ground
            for node, _ in walk(ground.conditions)
            if isinstance(node, GroundRef) and node.ground in pack.by_id["grounds"]
        ]
        for ground in pack.grounds
    }
    reported: set[str] = set()
    for index, ground in enumerate(pack.grounds):
        cycle = _cycle_from(ground.id, refers)
        if cycle and ground.id not in reported:
            reported.update(cycle)
            yield ("grounds", index, "conditions"), Msg("check.cycle", {"cycle": " → ".join(cycle)})


def _cycle_from(start: str, refers: dict[str, list[str]]) -> list[str] | None:
    """A path of references leading from `start` back to itself, if there is one."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for target in refers[node]:
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


def _never_shown(pack: Pack) -> Iterator[Problem]:
    for section in ("procedure", "risks"):
        brought = {ref for ground in pack.grounds for ref in getattr(ground, section)}
        for index, item in enumerate(getattr(pack, section)):
            if item.when is None and item.id not in brought:
                yield (section, index, "id"), Msg("check.never_shown", {"id": item.id})
