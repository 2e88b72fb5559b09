"""A plain reference of the engine's per-ground work, as it was before the per-pack indexes and fast paths:
each ground, step and risk worked out on its own, by scanning the pack, with the reference conditions
(reference_conditions.py), to compare the engine against."""

from __future__ import annotations

from datetime import date
from typing import Any

from support.reference_conditions import trace_of
from wizard.pack.conditions import Facts
from wizard.pack.engine import GroundResult, Relevant, interview
from wizard.pack.model import Pack
from wizard.pack.values import AVAILABILITY_ORDER

STATUS = {True: "applies", None: "possible", False: "not_met"}


def reference(pack: Pack, answers: dict[str, Any], on: date) -> tuple:
    """The grounds, the procedure and the risks that `answers` give on `on`."""
    regime = pack.regime_on(on)
    state = interview(pack, answers)
    facts = Facts(state.answers, {}, regime.id, state.skipped, on)
    for ground in pack.ground_order:
        facts.grounds[ground.id] = trace_of(ground.conditions, facts)
    grounds = tuple(ground_result(pack, ground, regime, facts) for ground in pack.grounds)
    return grounds, relevant(pack, pack.procedure, grounds, facts), relevant(pack, pack.risks, grounds, facts)


def ground_result(pack, ground, regime, facts) -> GroundResult:
    trace = facts.grounds[ground.id]
    rule = regime.availability[ground.id]
    open_on: list[str] = []
    if isinstance(rule, str):
        availability, note, sources = rule, None, regime.sources
    else:
        open_cases, chosen = [], rule[-1]
        for case in rule[:-1]:
            outcome = trace_of(case.when, facts)
            if outcome.outcome is True:
                chosen = case
                break
            if outcome.outcome is None:
                open_cases.append(case)
                open_on += outcome.missing
        shown = min([*open_cases, chosen], key=lambda case: AVAILABILITY_ORDER.index(case.status))
        availability, note, sources = shown.status, shown.note, shown.sources
    status, settle, reach, obtain = STATUS[trace.outcome], list(trace.missing), None, ()
    if trace.outcome is False and ground.within_reach is not None:
        reach = trace_of(ground.within_reach.when, facts)
        if reach.outcome is False:
            reach = None
        else:
            status, settle = "possible", list(reach.missing)
            obtain = ground.within_reach.obtain if reach.outcome else ()
    wanted = settle + open_on
    missing = tuple(question.id for question in pack.questions if question.id in wanted)
    documents = []
    for need in ground.documents:
        if isinstance(need, str):
            documents.append(need)
        elif trace_of(need.when, facts).outcome is not False:
            documents.append(need.id)
    return GroundResult(ground, status, trace, availability, note, sources, missing, obtain, reach, tuple(documents))


def relevant(pack, items, grounds, facts) -> tuple[Relevant, ...]:
    shown = []
    for item in items:
        is_risk = item in pack.risks
        statuses = {
            result.status
            for result in grounds
            if item.id in (result.ground.risks if is_risk else result.ground.procedure)
        }
        own = None if item.when is None else trace_of(item.when, facts).outcome
        if own is False and is_risk:
            continue
        if "applies" in statuses or own is True:
            certain = True
        elif "possible" in statuses or (item.when is not None and own is None):
            certain = False
        else:
            continue
        cases = item.prospect if is_risk else item.variants
        first = next((case for case in cases if trace_of(case.when, facts).outcome is True), None)
        if is_risk:
            prospect = None if first is None else first.text
            certain = certain and prospect is None
            already = certain and item.already is not None and trace_of(item.already, facts).outcome is True
            shown.append(Relevant(item, certain=certain, prospect=prospect, already=already))
        else:
            shown.append(Relevant(item, certain=certain, variant=first))
    return tuple(shown)
