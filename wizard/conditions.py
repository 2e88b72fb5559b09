"""The condition language of the rule pack, and its three-valued (Kleene) evaluation with a trace.

A condition is a YAML mapping with exactly one operator key, optionally with `label` (how the trace
says it in plain words) and `sources` (the provisions it rests on):

    all: [c, ...]          every child holds           any: [c, ...]     at least one holds
    not: c                 the child does not hold     answered: q       q has a known answer
    equals: {q: v}         the answer to q is v        in: {q: [v, ...]} the answer is one of these
    at_least: {q: v}       the answer is >= v          at_most: {q: v}   the answer is <= v
    ground: g              ground g applies            regime: r         regime r is in force

A condition about a question that has no answer, or whose answer is "I don't know", is *unknown*
(None), never false; `all`, `any` and `not` combine unknowns as Kleene's strong logic does.
`answered` is the one test that is never unknown.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
)

UNKNOWN = "unknown"
"""The stored value of an "I don't know" answer, whatever the kind of question."""

Kleene = bool | None


def _yes_no(value: Any) -> Any:
    """YAML 1.1 reads `yes`/`no` as booleans; the pack stores the keys."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Value = Annotated[str | int | float | date, BeforeValidator(_yes_no)]
Order = Annotated[int | float | date, BeforeValidator(_yes_no)]


class Model(BaseModel):
    """Every pack model is closed (unknown keys are errors) and frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Model):
    """A text in both languages of the pack."""

    ru: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class _Condition(Model):
    label: Text | None = None
    """The condition in plain words, as the trace shows it; generated from the question when absent."""
    sources: tuple[Id, ...] = ()
    """Provisions this condition rests on, beyond those of the rule it belongs to."""

    operator: ClassVar[str]

    def children(self) -> tuple[Condition, ...]:
        return ()


def _one_entry(value: dict[str, Any]) -> dict[str, Any]:
    if len(value) != 1:
        raise ValueError("needs exactly one `question: value` pair")
    return value


class _Comparison(_Condition):
    """Shared shape of the operators written `op: {question: value}`."""

    @property
    def question(self) -> str:
        return next(iter(self._pair()))

    @property
    def value(self) -> Any:
        return next(iter(self._pair().values()))

    def _pair(self) -> dict[str, Any]:
        return getattr(self, self.operator)


class All(_Condition):
    operator: ClassVar[str] = "all"
    all: tuple[Condition, ...] = Field(min_length=1)

    def children(self) -> tuple[Condition, ...]:
        return self.all


class Any_(_Condition):
    operator: ClassVar[str] = "any"
    any: tuple[Condition, ...] = Field(min_length=1)

    def children(self) -> tuple[Condition, ...]:
        return self.any


class Not(_Condition):
    operator: ClassVar[str] = "not"
    not_: Condition = Field(alias="not")

    def children(self) -> tuple[Condition, ...]:
        return (self.not_,)


class Answered(_Condition):
    operator: ClassVar[str] = "answered"
    answered: Id

    @property
    def question(self) -> str:
        return self.answered


class Equals(_Comparison):
    operator: ClassVar[str] = "equals"
    equals: dict[Id, Value]
    _check = field_validator("equals")(_one_entry)


class In(_Comparison):
    operator: ClassVar[str] = "in"
    in_: dict[Id, tuple[Value, ...]] = Field(alias="in")
    _check = field_validator("in_")(_one_entry)

    def _pair(self) -> dict[str, Any]:
        return self.in_


class AtLeast(_Comparison):
    operator: ClassVar[str] = "at_least"
    at_least: dict[Id, Order]
    _check = field_validator("at_least")(_one_entry)


class AtMost(_Comparison):
    operator: ClassVar[str] = "at_most"
    at_most: dict[Id, Order]
    _check = field_validator("at_most")(_one_entry)


class GroundRef(_Condition):
    operator: ClassVar[str] = "ground"
    ground: Id


class RegimeRef(_Condition):
    operator: ClassVar[str] = "regime"
    regime: Id


OPERATORS: dict[str, type[_Condition]] = {
    cls.operator: cls for cls in (All, Any_, Not, Answered, Equals, In, AtLeast, AtMost, GroundRef, RegimeRef)
}


def _operator_of(value: Any) -> str | None:
    if isinstance(value, _Condition):
        return value.operator
    if isinstance(value, dict):
        found = [key for key in value if key in OPERATORS]
        if len(found) == 1:
            return found[0]
    return None


Condition = Annotated[
    Annotated[All, Tag("all")]
    | Annotated[Any_, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[Answered, Tag("answered")]
    | Annotated[Equals, Tag("equals")]
    | Annotated[In, Tag("in")]
    | Annotated[AtLeast, Tag("at_least")]
    | Annotated[AtMost, Tag("at_most")]
    | Annotated[GroundRef, Tag("ground")]
    | Annotated[RegimeRef, Tag("regime")],
    Discriminator(
        _operator_of,
        custom_error_type="condition",
        custom_error_message="a condition needs exactly one of: " + ", ".join(OPERATORS),
    ),
]

for _cls in OPERATORS.values():
    _cls.model_rebuild()


def walk(condition: Condition, path: tuple = ()) -> Iterator[tuple[Condition, tuple]]:
    """Every condition in the tree with its path inside it (for locating problems)."""
    yield condition, path
    if isinstance(condition, (All, Any_)):
        for index, child in enumerate(condition.children()):
            yield from walk(child, (*path, condition.operator, index))
    elif isinstance(condition, Not):
        yield from walk(condition.not_, (*path, "not"))


# --- evaluation ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Facts:
    """What a condition can look at: the answers in force, grounds decided so far, the regime in force."""

    answers: Mapping[str, Any]
    grounds: Mapping[str, Trace]
    regime: str | None = None


@dataclass(frozen=True, slots=True)
class Trace:
    """How one condition came out: its outcome, the questions that would settle it, its children's traces."""

    condition: Condition
    outcome: Kleene
    missing: tuple[str, ...] = ()
    children: tuple[Trace, ...] = ()
    answer: Any = None


def evaluate(condition: Condition, facts: Facts) -> Trace:
    """The Kleene outcome of `condition` over `facts`, with the trace of every sub-condition."""
    match condition:
        case All() | Any_():
            traces = tuple(evaluate(child, facts) for child in condition.children())
            decisive = condition.operator == "any"
            outcomes = [trace.outcome for trace in traces]
            if decisive in outcomes:
                return Trace(condition, decisive, (), traces)
            if None in outcomes:
                return Trace(condition, None, _union(t.missing for t in traces if t.outcome is None), traces)
            return Trace(condition, not decisive, (), traces)
        case Not():
            inner = evaluate(condition.not_, facts)
            outcome = None if inner.outcome is None else not inner.outcome
            return Trace(condition, outcome, inner.missing, (inner,))
        case Answered():
            answer = facts.answers.get(condition.answered)
            return Trace(condition, answer is not None and answer != UNKNOWN, (), (), answer)
        case GroundRef():
            decided = facts.grounds[condition.ground]
            return Trace(condition, decided.outcome, decided.missing, (decided,))
        case RegimeRef():
            return Trace(condition, facts.regime == condition.regime)
    answer = facts.answers.get(condition.question)
    if answer is None or answer == UNKNOWN:
        return Trace(condition, None, (condition.question,), (), answer)
    return Trace(condition, _compare(condition, answer), (), (), answer)


def _compare(condition: _Comparison, answer: Any) -> bool:
    match condition:
        case Equals():
            return answer == condition.value
        case In():
            return answer in condition.value
        case AtLeast():
            return answer >= condition.value
        case AtMost():
            return answer <= condition.value
    raise TypeError(condition)


def _union(groups: Iterator[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(question for group in groups for question in group))
