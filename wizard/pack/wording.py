"""The pack's words for the reader: texts worded for each person, and the verdict rules of `verdicts.yaml` that
choose what the result says (see `verdict` for how they are applied)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag

from wizard.pack.conditions import Condition, Id, Model, Text
from wizard.pack.values import Availability, SituationKind, Status, VerdictKey


class RoleText(Model):
    """A text worded for each person: "you" (the soldier answers) and "he" (someone answers about him)."""

    you: Text
    he: Text


def _text_tag(value: Any) -> str:
    if isinstance(value, RoleText) or (isinstance(value, dict) and {"you", "he"} & value.keys()):
        return "role"
    return "plain"


PersonText = Annotated[
    Annotated[Text, Tag("plain")] | Annotated[RoleText, Tag("role")],
    Discriminator(_text_tag),
]


class GroundVerdict(Model):
    """How a ground's status and availability read together: the first rule that matches decides.
    An empty filter matches anything."""

    key: VerdictKey
    status: tuple[Status, ...] = ()
    availability: tuple[Availability, ...] = ()
    obtain: bool | None = None
    """True: only when something can still be obtained (`within_reach`); False: only when nothing can."""
    symbol: str = Field(min_length=1, max_length=2)
    """Shown before the words; never one that reads as "yes" beside a closed route (checked)."""
    text: RoleText
    """The verdict in the reader's person; `{obtain}` stands for the documents to obtain."""

    def matches(self, status: str, availability: str, obtain: bool) -> bool:
        return (
            (not self.status or status in self.status)
            and (not self.availability or availability in self.availability)
            and (self.obtain is None or self.obtain == obtain)
        )


class VerdictCase(Model):
    """One case of the situation verdict, the next step or the thing to avoid: the first that holds decides.
    It holds when `when` holds (over the answers, regime and day) and its ground filters match."""

    id: Id
    when: Condition | None = None
    kind: tuple[SituationKind, ...] = ()
    """Only for these kinds of situation verdict (next step and avoid)."""
    any_ground: tuple[VerdictKey, ...] = ()
    """Some ground has one of these verdicts; the situation verdict names those grounds."""
    ground: dict[Id, tuple[VerdictKey, ...]] = Field(default_factory=dict)
    """Each named ground has one of its verdicts."""
    closest: bool = False
    """Name only the first of the grounds found (the one that comes closest)."""
    text: RoleText
    """In the reader's person; `{grounds}` stands for the grounds named, `{obtain}` for what to obtain."""
    step: Id | None = None
    """The procedure step it rests on (its sources come with it)."""
    risk: Id | None = None
    """The risk it rests on (its sources come with it)."""
    sources: tuple[Id, ...] = ()
    """Further sources of what the text says."""


class SituationCase(VerdictCase):
    verdict: SituationKind
    title: Text
    """The verdict in a few words, as a heading: "Законный путь есть"."""
