"""A plain reference of condition evaluation, as written before the models' own `evaluate` methods were tuned:
one function per operator, traces made with keywords, to compare the tuned evaluation against."""

from __future__ import annotations

from typing import Any

from wizard.pack.conditions import (
    UNKNOWN,
    All,
    Answered,
    Any_,
    AtLeast,
    AtMost,
    Equals,
    Facts,
    GroundRef,
    In,
    Not,
    RegimeRef,
    Since,
    Trace,
)

HOLDS = {
    Equals: lambda answer, value: answer == value,
    In: lambda answer, values: answer in values,
    AtLeast: lambda answer, value: answer >= value,
    AtMost: lambda answer, value: answer <= value,
}


def trace_of(condition: Any, facts: Facts) -> Trace:
    """The trace of `condition` over `facts`, by the semantics the module docstring of conditions.py states."""
    if isinstance(condition, (All, Any_)):
        return junction(condition, facts)
    if isinstance(condition, Not):
        inner = trace_of(condition.not_, facts)
        outcome = None if inner.outcome is None else not inner.outcome
        return Trace(condition=condition, outcome=outcome, missing=inner.missing, children=(inner,))
    if isinstance(condition, Answered):
        answer = facts.answers.get(condition.answered)
        return Trace(condition=condition, outcome=answer is not None and answer != UNKNOWN, answer=answer)
    if isinstance(condition, GroundRef):
        decided = facts.grounds[condition.ground]
        return Trace(condition=condition, outcome=decided.outcome, missing=decided.missing, children=(decided,))
    if isinstance(condition, RegimeRef):
        return Trace(condition=condition, outcome=facts.regime == condition.regime)
    if isinstance(condition, Since):
        return Trace(condition=condition, outcome=facts.day is not None and facts.day >= condition.since)
    return comparison(condition, facts)


def junction(condition: All | Any_, facts: Facts) -> Trace:
    parts = condition.all if isinstance(condition, All) else condition.any
    children = tuple(trace_of(child, facts) for child in parts)
    decisive = isinstance(condition, Any_)
    outcomes = [child.outcome for child in children]
    if decisive in outcomes:
        return Trace(condition=condition, outcome=decisive, children=children)
    if None in outcomes:
        missing: list[str] = []
        for child in children:
            if child.outcome is None:
                missing += [question for question in child.missing if question not in missing]
        return Trace(condition=condition, outcome=None, missing=tuple(missing), children=children)
    return Trace(condition=condition, outcome=not decisive, children=children)


def comparison(condition: Equals | In | AtLeast | AtMost, facts: Facts) -> Trace:
    pair = condition.in_ if isinstance(condition, In) else getattr(condition, condition.operator)
    ((question, value),) = pair.items()
    answer = facts.answers.get(question)
    if answer is None or answer == UNKNOWN:
        skipped = facts.skipped.get(question)
        if skipped is None:
            return Trace(condition=condition, outcome=None, missing=(question,), answer=answer)
        if skipped.outcome is False:
            return Trace(condition=condition, outcome=False)
        return Trace(condition=condition, outcome=None, missing=skipped.missing)
    return Trace(condition=condition, outcome=HOLDS[type(condition)](answer, value), answer=answer)
