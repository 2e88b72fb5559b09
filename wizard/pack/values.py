"""The closed sets of values of the rule format (reliabilities, availabilities, statuses, verdicts, kinds of
question) and the orders they are shown in, written once."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field

from wizard.pack.conditions import Id

Reliability = Literal["confirmed", "one_source", "unconfirmed"]
Availability = Literal["available", "discretionary", "suspended", "unconfirmed", "no_right", "not_a_ground"]
"""`no_right`: the law gives this kind of soldier no such right; `not_a_ground`: not a ground for dismissal at
all (beliefs, rumoured rules), shown only under "do not count on this" with its note as the warning."""
Person = Literal["you", "he"]
Status = Literal["applies", "possible", "not_met"]
"""Whether the situation fits a ground: the conditions hold, are open (an answer missing or unknown), or fail."""
VerdictKey = Literal[
    "open",
    "discretionary",
    "within_reach",
    "depends",
    "unconfirmed",
    "closed_now",
    "no_right",
    "does_not_fit",
    "not_a_ground",
]
VERDICT_ORDER: tuple[VerdictKey, ...] = get_args(VerdictKey)
"""The order grounds are shown in, most useful first: the order of `VerdictKey`."""
SituationKind = Literal["way_out", "no_way_out", "not_enough_known"]
Kind = Literal["yes_no", "number", "date", "choice"]
Cites = Annotated[tuple[Id, ...], Field(min_length=1)]
"""Source ids a legal statement rests on: at least one."""

AVAILABILITY_ORDER: tuple[Availability, ...] = (
    "not_a_ground",
    "no_right",
    "suspended",
    "unconfirmed",
    "discretionary",
    "available",
)
"""From least to most favourable: where the answers leave it open, the least favourable is shown."""
