"""The rule pack's format: closed, frozen pydantic models of what `rules/*.yaml` may contain.

The pack is the union of the sections found in the YAML files of one folder (see `loader`):
`pack` (metadata, once), `topics`, `sources`, `documents`, `regimes`, `questions`, `grounds`,
`procedure`, `risks` and `help`. Everything a user reads comes from here, in Russian and English;
every legal statement cites the `sources` it rests on.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from wizard.pack.conditions import Condition, GroundRef, Id, Model, Text, walk
from wizard.pack.values import Availability, Cites, Kind, Person, Reliability
from wizard.pack.wording import GroundVerdict, PersonText, SituationCase, VerdictCase


class Respondent(Model):
    """Which question says who is answering, and how each answer addresses the soldier."""

    question: Id
    person: dict[Id, Person]
    """Answer key → "you" (the soldier answers) or "he" (someone answers about him)."""


class PackMeta(Model):
    version: str = Field(min_length=1)
    checked_on: date
    """The day the law in this pack was last checked against its sources."""
    stale_after_days: int = Field(default=183, ge=1)
    """After this many days past `checked_on`, every result warns that the law may have changed."""
    languages: tuple[Literal["ru", "en"], ...] = ("ru", "en")
    title: Text
    respondent: Respondent
    not_legal_advice: Text
    """The line shown on every result: not legal advice, and where a lawyer is needed."""
    sources: Cites


class Topic(Model):
    id: Id
    title: Text


class Reference(Model):
    """Where in an act: each part optional, shown as e.g. "подп. «в» п. 3 ст. 51 53-ФЗ"."""

    act: Text
    act_of: Text | None = None
    """The act as it follows a provision when that differs from `act`: in Russian the genitive ("Указа № 647"
    for "п. 5 Указа № 647"); an abbreviation that does not decline ("53-ФЗ", "УК РФ") needs none."""
    article: str | None = None
    part: str | None = None
    point: str | None = None
    subpoint: str | None = None


class Source(Model):
    id: Id
    title: Text
    date: date
    """The date of the act or publication: the "as of" date shown beside every citation."""
    reference: Reference
    reliability: Reliability
    found_in: tuple[str, ...] = ()
    """Where the text was read (publications, reprints); shown to lawyers, not to soldiers."""
    note: Text | None = None


class Document(Model):
    id: Id
    title: Text
    how: Text | None = None
    """How to get it."""


class AvailabilityCase(Model):
    """One case of a ground's availability: the first whose `when` holds decides. A `no_right` or
    `not_a_ground` case needs a `note`: who has no right, or the warning (checked)."""

    when: Condition | None = None
    status: Availability
    note: Text | None = None
    sources: Cites


def _availability_tag(value: Any) -> str:
    return "status" if isinstance(value, str) else "cases"


AvailabilityRule = Annotated[
    Annotated[Availability, Tag("status")] | Annotated[tuple[AvailabilityCase, ...], Tag("cases")],
    Discriminator(_availability_tag),
]


class Regime(Model):
    """The legal regime in force between two dates, and how available each ground is under it."""

    id: Id
    title: Text
    summary: Text
    valid_from: date
    valid_to: date | None = None
    """Last day in force; open-ended when absent."""
    sources: Cites
    """Also the sources of the plain-status entries of `availability` (cases cite their own)."""
    availability: dict[Id, AvailabilityRule]

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Option(Model):
    key: Id
    label: Text


class Question(Model):
    id: Id
    topic: Id
    kind: Kind
    text: PersonText
    short: Text
    """A few words naming the question, for the review screen and the trace."""
    help: PersonText | None = None
    options: tuple[Option, ...] = ()
    """Choices, for `kind: choice`: stored by key, shown by label."""
    unknown_allowed: bool = True
    """Whether "I don't know" is offered."""
    min: float | None = None
    max: float | None = None
    whole: bool = False
    """For a number: only whole numbers (an age in full years, a count)."""
    unit: Text | None = None
    ask_if: Condition | None = None
    """Asked only when this holds (true, not unknown); may refer only to earlier questions."""

    def option(self, key: str) -> Option | None:
        return next((option for option in self.options if option.key == key), None)

    def listed_keys(self) -> list[str]:
        """The known answers a yes/no or choice question lists, in order ("I don't know" not among them)."""
        if self.kind == "yes_no":
            return ["yes", "no"]
        return [option.key for option in self.options] if self.kind == "choice" else []


class Reach(Model):
    """When a ground whose conditions fail is still within reach: the person can still obtain what it lacks."""

    when: Condition
    """Holds (or is open) when only the documents of `obtain` are wanting; the ground is then `possible`."""
    obtain: tuple[Id, ...] = Field(min_length=1)
    """Documents (ids) to obtain first, e.g. the ВВК's conclusion."""


class DocumentNeed(Model):
    """A document a ground asks for only where `when` holds or is open (e.g. the spouse's papers if married)."""

    id: Id
    when: Condition


class Ground(Model):
    id: Id
    title: Text
    explanation: Text
    conditions: Condition
    within_reach: Reach | None = None
    sources: Cites
    practice: Text
    """How it goes in practice now: what commanders and courts do, as the sources report."""
    meanwhile: Text | None = None
    """What the person can still do while the ground is suspended or left to discretion."""
    documents: tuple[Id | DocumentNeed, ...] = ()
    """Document ids, each alone (always relevant) or with the `when` that makes it relevant."""
    procedure: tuple[Id, ...] = ()
    risks: tuple[Id, ...] = ()

    @property
    def document_ids(self) -> tuple[str, ...]:
        return tuple(need if isinstance(need, str) else need.id for need in self.documents)


class TextVariant(Model):
    """A text that replaces a step's `text` when its `when` holds (e.g. the law of another date or regime)."""

    when: Condition
    text: Text
    sources: Cites
    """What this text rests on: cited instead of the step's `sources` when the variant is shown."""


class Step(Model):
    id: Id
    title: Text
    actor: Text
    """Who acts at this step."""
    text: Text
    variants: tuple[TextVariant, ...] = Field(
        default=(),
        description=(
            "Ordered texts by date, regime or situation: the first whose `when` holds is shown instead of `text`."
        ),
    )
    keep: Text | None = None
    """What to keep in writing."""
    when: Condition | None = None
    """Shown when this holds, besides when a ground that brings it applies or may apply."""
    sources: Cites


class Prospect(Model):
    """A case in which a risk is not yet incurred: `text` says what would incur it ("if the absence goes on
    more than 2 days")."""

    when: Condition
    text: Text


class Risk(Model):
    id: Id
    title: Text
    act: Text
    article: str | None = None
    """The article; absent for a risk that no article of a code carries (e.g. a disciplinary measure)."""
    part: str | None = None
    penalty: Text
    situation: Text
    """The situation that makes this risk relevant, in plain words."""
    when: Condition | None = None
    """Shown when this holds or may hold; never when it is false, even if a ground brings the risk."""
    prospect: tuple[Prospect, ...] = Field(
        default=(),
        description=(
            "Ordered cases in which the risk is not yet incurred: the first whose `when` holds makes the risk "
            "shown as not certain, with that case's text saying what would incur it."
        ),
    )
    already: Condition | None = Field(
        default=None,
        description=(
            "When this holds and the risk is certain, the answers describe its situation as already here (e.g. "
            "an absence of that length): the risk is shown before the others."
        ),
    )
    sources: Cites


class Help(Model):
    id: Id
    title: Text
    text: Text
    sources: Cites


class Pack(Model):
    pack: PackMeta
    topics: tuple[Topic, ...] = Field(min_length=1)
    sources: tuple[Source, ...] = Field(min_length=1)
    documents: tuple[Document, ...] = ()
    regimes: tuple[Regime, ...] = Field(min_length=1)
    questions: tuple[Question, ...] = Field(min_length=1)
    grounds: tuple[Ground, ...] = Field(min_length=1)
    procedure: tuple[Step, ...] = ()
    risks: tuple[Risk, ...] = ()
    help: tuple[Help, ...] = ()
    ground_verdicts: tuple[GroundVerdict, ...] = Field(min_length=1)
    situations: tuple[SituationCase, ...] = Field(min_length=1)
    next_steps: tuple[VerdictCase, ...] = Field(min_length=1)
    avoid: tuple[VerdictCase, ...] = Field(min_length=1)

    @cached_property
    def by_id(self) -> dict[str, dict[str, Any]]:
        """Section name → id → item."""
        return {
            section: {item.id: item for item in getattr(self, section)}
            for section in ("topics", "sources", "documents", "regimes", "questions", "grounds", "procedure", "risks")
        }

    @cached_property
    def question_rank(self) -> dict[str, int]:
        """Question id → its place in the pack, to put a few question ids in pack order without a scan."""
        return {question.id: place for place, question in enumerate(self.questions)}

    @cached_property
    def brought_by(self) -> dict[str, dict[str, tuple[int, ...]]]:
        """ "procedure" / "risks" → item id → the places in `grounds` of the grounds that bring it.

        Plain ids and numbers, so that it stays right whether it is pickled along with the pack or rebuilt."""
        index: dict[str, dict[str, list[int]]] = {"procedure": {}, "risks": {}}
        for place, ground in enumerate(self.grounds):
            for kind, items in index.items():
                for item_id in getattr(ground, kind):
                    items.setdefault(item_id, []).append(place)
        return {kind: {item_id: tuple(places) for item_id, places in items.items()} for kind, items in index.items()}

    def question(self, question_id: str) -> Question:
        return self.by_id["questions"][question_id]

    def source(self, source_id: str) -> Source:
        return self.by_id["sources"][source_id]

    def regime_on(self, day: date) -> Regime | None:
        return next((regime for regime in self.regimes if regime.in_force(day)), None)

    @cached_property
    def ground_order(self) -> tuple[Ground, ...]:
        """Grounds ordered so that each comes after the grounds its conditions refer to (checked acyclic)."""
        done: dict[str, Ground] = {}

        def visit(ground: Ground) -> None:
            if ground.id in done:
                return
            for condition, _ in walk(ground.conditions):
                if isinstance(condition, GroundRef) and condition.ground != ground.id:
                    visit(self.by_id["grounds"][condition.ground])
            done[ground.id] = ground

        for ground in self.grounds:
            visit(ground)
        return tuple(done.values())

    @cached_property
    def ground_plan(self) -> tuple[tuple[int, str, Condition, Ground, bool], ...]:
        """`ground_order` with each ground's place in `grounds`, id, conditions, and whether it is plain (no
        `within_reach`, no documents). Only the pack's own objects and numbers: right pickled along or rebuilt."""
        place = {ground.id: index for index, ground in enumerate(self.grounds)}
        order = self.ground_order
        return tuple((place[g.id], g.id, g.conditions, g, g.within_reach is None and not g.documents) for g in order)
