"""The condition language of the rule pack, and its three-valued (Kleene) evaluation with a trace.

A condition is a YAML mapping with exactly one operator key, optionally with `label` (how the trace
says it in plain words) and `sources` (the provisions it rests on):

    all: [c, ...]          every child holds           any: [c, ...]     at least one holds
    not: c                 the child does not hold     answered: q       q has a known answer
    equals: {q: v}         the answer to q is v        in: {q: [v, ...]} the answer is one of these
    at_least: {q: v}       the answer is >= v          at_most: {q: v}   the answer is <= v
    ground: g              ground g applies            regime: r         regime r is in force
    since: YYYY-MM-DD      the day evaluated is on or after this date (a law that took effect within a regime)

A condition about a question that has no answer, or whose answer is "I don't know", is *unknown*
(None), never false; `all`, `any` and `not` combine unknowns as Kleene's strong logic does.
`answered` is the one test that is never unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from operator import contains, eq, ge, le
from typing import Annotated, Any, ClassVar, NamedTuple

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

_set_attribute = object.__setattr__  # past the frozen model's own __setattr__, as pydantic does

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


@dataclass(frozen=True, slots=True)
class Facts:
    """What a condition can look at: the answers in force, grounds decided so far, the regime in force,
    and why the questions that are not asked are not."""

    answers: Mapping[str, Any]
    grounds: Mapping[str, Trace]
    regime: str | None = None
    skipped: Mapping[str, Trace] = field(default_factory=dict)
    """Question id → the trace of its `ask_if`, for questions not asked (false, or still unknown)."""
    day: date | None = None
    """The day whose law applies."""


class Trace(NamedTuple):
    """How one condition came out: its outcome, the questions that would settle it, its children's traces."""

    condition: Condition
    outcome: Kleene
    missing: tuple[str, ...] = ()
    children: tuple[Trace, ...] = ()
    answer: Any = None


OUTCOME = Trace._fields.index("outcome")
"""The place of `outcome` in a Trace: indexing a tuple is quicker than its named field on the hot path."""

_new = tuple.__new__
"""`_new(Trace, fields)` makes a Trace without the keyword handling of its constructor (the hot path of
evaluation): every field in order, none left out."""


def evaluate(condition: Condition, facts: Facts) -> Trace:
    """The Kleene outcome of `condition` over `facts`, with the trace of every sub-condition."""
    return condition.evaluate(facts)


def _union(groups: Iterator[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(question for group in groups for question in group))


class Model(BaseModel):
    """Every pack model is closed (unknown keys are errors) and frozen. Its schema is built when a model is first
    validated, not when the class is made: a pack read from the shipped snapshot builds none."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    def __getstate__(self) -> tuple[dict[str, Any], tuple[str, ...] | None]:
        """Pickled as its attributes and the names of the fields given (None when all were), sorted so that the
        same pack always pickles to the same bytes: a closed model has no extra fields and ours no private
        attributes, and leaving out pydantic's own state makes the shipped snapshot quicker to read back."""
        given = self.__pydantic_fields_set__
        return self.__dict__, None if len(given) == len(type(self).__pydantic_fields__) else tuple(sorted(given))

    def __setstate__(self, state: tuple[dict[str, Any], tuple[str, ...] | None]) -> None:
        attributes, given = state
        _set_attribute(self, "__dict__", attributes)
        _set_attribute(self, "__pydantic_fields_set__", set(type(self).__pydantic_fields__ if given is None else given))
        _set_attribute(self, "__pydantic_extra__", None)
        _set_attribute(self, "__pydantic_private__", None)


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

    def evaluate(self, facts: Facts) -> Trace:
        raise NotImplementedError


def _one_entry(value: dict[str, Any]) -> dict[str, Any]:
    if len(value) != 1:
        raise ValueError("needs exactly one `question: value` pair")
    return value


class _Comparison(_Condition):
    """Shared shape of the operators written `op: {question: value}`."""

    @cached_property
    def question(self) -> str:
        return next(iter(self._pair()))

    @cached_property
    def value(self) -> Any:
        return next(iter(self._pair().values()))

    def _pair(self) -> dict[str, Any]:
        return getattr(self, self.operator)

    @cached_property
    def _settled_by(self) -> tuple[str]:
        return (self.question,)

    holds: ClassVar[Callable[[Any, Any], bool]]
    """`holds(value, answer)`: whether an answer holds against the condition's value (a C function: no frame)."""

    def evaluate(self, facts: Facts) -> Trace:
        answer = facts.answers.get(self.question)
        if answer is None or answer == UNKNOWN:
            return self._open(facts, answer)
        return _new(Trace, (self, self.holds(self.value, answer), (), (), answer))

    def _open(self, facts: Facts, answer: Any) -> Trace:
        skipped = facts.skipped.get(self.question)
        if skipped is None:
            return _new(Trace, (self, None, self._settled_by, (), answer))
        # A question not asked: the condition fails where the question does not apply, and otherwise
        # waits on the answers that decide whether it is asked.
        if skipped[OUTCOME] is False:
            return _new(Trace, (self, False, (), (), None))
        return _new(Trace, (self, None, skipped.missing, (), None))


class _Junction(_Condition):
    """`all` and `any`: `decisive` is the outcome of one child that settles the whole."""

    decisive: ClassVar[bool]

    @cached_property
    def _parts(self) -> tuple[Condition, ...]:
        return self.children()

    def evaluate(self, facts: Facts) -> Trace:
        decisive = self.decisive
        found = []
        settled = unknown = False
        for child in self._parts:  # every child is traced, even after one settles the whole
            trace = child.evaluate(facts)
            found.append(trace)
            outcome = trace[OUTCOME]
            if outcome is decisive:
                settled = True
            elif outcome is None:
                unknown = True
        traces = tuple(found)
        if settled:
            return _new(Trace, (self, decisive, (), traces, None))
        if unknown:
            return _new(Trace, (self, None, _union(t.missing for t in traces if t[OUTCOME] is None), traces, None))
        return _new(Trace, (self, not decisive, (), traces, None))


class All(_Junction):
    operator: ClassVar[str] = "all"
    decisive: ClassVar[bool] = False
    all: tuple[Condition, ...] = Field(min_length=1)

    def children(self) -> tuple[Condition, ...]:
        return self.all


class Any_(_Junction):
    operator: ClassVar[str] = "any"
    decisive: ClassVar[bool] = True
    any: tuple[Condition, ...] = Field(min_length=1)

    def children(self) -> tuple[Condition, ...]:
        return self.any


class Not(_Condition):
    operator: ClassVar[str] = "not"
    not_: Condition = Field(alias="not")

    def children(self) -> tuple[Condition, ...]:
        return (self.not_,)

    def evaluate(self, facts: Facts) -> Trace:
        inner = self.not_.evaluate(facts)
        outcome = inner[OUTCOME]
        return _new(Trace, (self, None if outcome is None else not outcome, inner.missing, (inner,), None))


class Answered(_Condition):
    operator: ClassVar[str] = "answered"
    answered: Id

    @property
    def question(self) -> str:
        return self.answered

    def evaluate(self, facts: Facts) -> Trace:
        answer = facts.answers.get(self.answered)
        return _new(Trace, (self, answer is not None and answer != UNKNOWN, (), (), answer))


class Equals(_Comparison):
    operator: ClassVar[str] = "equals"
    equals: dict[Id, Value]
    _check = field_validator("equals")(_one_entry)

    holds = staticmethod(eq)


class In(_Comparison):
    operator: ClassVar[str] = "in"
    in_: dict[Id, tuple[Value, ...]] = Field(alias="in")
    _check = field_validator("in_")(_one_entry)

    def _pair(self) -> dict[str, Any]:
        return self.in_

    holds = staticmethod(contains)


class AtLeast(_Comparison):
    operator: ClassVar[str] = "at_least"
    at_least: dict[Id, Order]
    _check = field_validator("at_least")(_one_entry)

    holds = staticmethod(le)  # value <= answer


class AtMost(_Comparison):
    operator: ClassVar[str] = "at_most"
    at_most: dict[Id, Order]
    _check = field_validator("at_most")(_one_entry)

    holds = staticmethod(ge)  # value >= answer


class GroundRef(_Condition):
    operator: ClassVar[str] = "ground"
    ground: Id

    def evaluate(self, facts: Facts) -> Trace:
        decided = facts.grounds[self.ground]
        return _new(Trace, (self, decided[OUTCOME], decided.missing, (decided,), None))


class RegimeRef(_Condition):
    operator: ClassVar[str] = "regime"
    regime: Id

    def evaluate(self, facts: Facts) -> Trace:
        return _new(Trace, (self, facts.regime == self.regime, (), (), None))


class Since(_Condition):
    operator: ClassVar[str] = "since"
    since: date

    def evaluate(self, facts: Facts) -> Trace:
        return _new(Trace, (self, facts.day is not None and facts.day >= self.since, (), (), None))


OPERATORS: dict[str, type[_Condition]] = {
    cls.operator: cls for cls in (All, Any_, Not, Answered, Equals, In, AtLeast, AtMost, GroundRef, RegimeRef, Since)
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
    | Annotated[RegimeRef, Tag("regime")]
    | Annotated[Since, Tag("since")],
    Discriminator(
        _operator_of,
        custom_error_type="condition",
        custom_error_message="a condition needs exactly one of: " + ", ".join(OPERATORS),
    ),
]


def walk(condition: Condition, path: tuple = ()) -> Iterator[tuple[Condition, tuple]]:
    """Every condition in the tree with its path inside it (for locating problems)."""
    yield condition, path
    if isinstance(condition, (All, Any_)):
        for index, child in enumerate(condition.children()):
            yield from walk(child, (*path, condition.operator, index))
    elif isinstance(condition, Not):
        yield from walk(condition.not_, (*path, "not"))
