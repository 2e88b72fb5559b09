"""Verdicts: what an evaluation means for the person, as the pack's verdict rules declare them.

One verdict per ground (its status and availability read together), and one for the whole situation with the
single next step and the one thing not to do. Language-free: the summary model puts them into words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import cast

from wizard.pack.conditions import evaluate
from wizard.pack.engine import Evaluation, GroundResult
from wizard.pack.model import Pack
from wizard.pack.values import VERDICT_ORDER
from wizard.pack.wording import GroundVerdict, SituationCase, VerdictCase

FIND_OUT_FROM = ("within_reach", "depends")
"""Grounds whose missing answers could open a route: what to find out comes from these."""


@dataclass(frozen=True)
class Chosen:
    """A case of the situation, next-step or avoid rules that decided, with the grounds it names."""

    case: VerdictCase
    grounds: tuple[str, ...]
    open_on: tuple[str, ...]
    """Questions left open by the cases before it: their answers could have chosen another case."""


@dataclass(frozen=True)
class Verdict:
    kind: str
    """The situation verdict: way_out, no_way_out or not_enough_known."""
    grounds: Mapping[str, GroundVerdict]
    """Ground id → the rule that gives its verdict."""
    order: tuple[GroundResult, ...]
    """Every ground, most useful verdict first (`not_a_ground` last); pack order among equals."""
    situation: Chosen
    next_step: Chosen
    avoid: Chosen
    find_out: tuple[str, ...]
    """Questions, in pack order, whose answers would change a verdict, the next step or the thing to avoid."""

    def obtain(self, ground_ids: Iterable[str]) -> tuple[str, ...]:
        """What to obtain first for these grounds, once each."""
        results = {result.ground.id: result for result in self.order}
        return tuple(dict.fromkeys(doc for gid in ground_ids for doc in results[gid].obtain))


def ground_verdict(pack: Pack, result: GroundResult) -> GroundVerdict:
    """The first verdict rule that matches the ground's status, availability and what can be obtained."""
    return next(
        rule for rule in pack.ground_verdicts if rule.matches(result.status, result.availability, bool(result.obtain))
    )  # the last rule matches anything (checked)


def decide(pack: Pack, evaluation: Evaluation) -> Verdict:
    """Each ground's verdict, the grounds in verdict order, the situation case and, chosen by its kind, the next
    step and the thing to avoid, with every question whose answer would change one of them."""
    verdicts = {result.ground.id: ground_verdict(pack, result) for result in evaluation.grounds}
    rank = {key: index for index, key in enumerate(VERDICT_ORDER)}
    order = tuple(sorted(evaluation.grounds, key=lambda result: rank[verdicts[result.ground.id].key]))
    keys = {ground_id: rule.key for ground_id, rule in verdicts.items()}
    situation = _first(pack.situations, evaluation, order, keys, None)
    kind = cast(SituationCase, situation.case).verdict
    next_step = _first(pack.next_steps, evaluation, order, keys, kind)
    avoid = _first(pack.avoid, evaluation, order, keys, kind)
    missing = {
        question
        for result in order
        if keys[result.ground.id] in FIND_OUT_FROM
        for question in (*result.missing, *_reach_open_on(result, evaluation))
    }
    missing.update((*situation.open_on, *next_step.open_on, *avoid.open_on))
    find_out = tuple(question.id for question in pack.questions if question.id in missing)
    return Verdict(kind, verdicts, order, situation, next_step, avoid, find_out)


def _reach_open_on(result: GroundResult, evaluation: Evaluation) -> tuple[str, ...]:
    """While a ground is open, what would also settle whether it is within reach (e.g. the health problems of
    someone not known to have been examined)."""
    reach = result.ground.within_reach
    if result.status != "possible" or result.reach is not None or reach is None:
        return ()
    trace = evaluate(reach.when, evaluation.facts)
    return trace.missing if trace.outcome is None else ()


def _first(
    cases: Iterable[VerdictCase],
    evaluation: Evaluation,
    order: tuple[GroundResult, ...],
    keys: Mapping[str, str],
    kind: str | None,
) -> Chosen:
    """The first case that holds (the last one holds always, checked), and what the cases before it left open."""
    open_on: list[str] = []
    for case in cases:
        if case.kind and kind not in case.kind:
            continue
        if any(keys.get(ground_id) not in wanted for ground_id, wanted in case.ground.items()):
            continue
        named = [result.ground.id for result in order if keys[result.ground.id] in case.any_ground]
        if case.any_ground and not named:
            continue
        if case.when is not None:
            trace = evaluate(case.when, evaluation.facts)
            if trace.outcome is None:
                open_on.extend(trace.missing)
            if trace.outcome is not True:
                continue
        named = named or list(case.ground)
        return Chosen(case, tuple(named[:1] if case.closest else named), tuple(open_on))
    raise LookupError("no default case")  # prevented by the pack checks
