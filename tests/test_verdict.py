"""Verdicts on the fixture pack: each ground's, the situation's, the next step, what to avoid, what to find out."""

from __future__ import annotations

from datetime import date

import pytest
from support import FIXTURE

from wizard.conditions import UNKNOWN
from wizard.engine import evaluate
from wizard.loader import load_pack
from wizard.present import summary
from wizard.verdict import decide

EMERGENCY = date(2024, 6, 15)
ORDINARY = date(2015, 5, 5)


@pytest.fixture(scope="module")
def pack():
    return load_pack(FIXTURE)


def verdict_of(pack, answers, day=EMERGENCY):
    return decide(pack, evaluate(pack, answers, day))


@pytest.mark.parametrize(
    ("answers", "day", "expected"),
    [
        ({"unfit": "yes"}, EMERGENCY, "open"),
        ({"unfit": "no"}, EMERGENCY, "does_not_fit"),
        ({"unfit": UNKNOWN}, EMERGENCY, "depends"),
        ({"family": "ill_parent", "age": 30}, EMERGENCY, "discretionary"),
        ({"family": "ill_parent", "age": 30}, ORDINARY, "open"),
    ],
)
def test_each_ground_gets_the_first_verdict_rule_that_matches(pack, answers, day, expected):
    ground_id = "health" if "unfit" in answers else "family"
    assert verdict_of(pack, answers, day).grounds[ground_id].key == expected


def test_grounds_are_ordered_by_verdict(pack):
    """Depends before does not fit, whatever the pack order; pack order among equals."""
    verdict = verdict_of(pack, {"unfit": "no", "family": "ill_parent", "age": UNKNOWN})
    assert [(r.ground.id, verdict.grounds[r.ground.id].key) for r in verdict.order] == [
        ("family", "depends"),
        ("age_limit", "depends"),
        ("health", "does_not_fit"),
    ]


def test_the_situation_names_the_grounds_that_open_a_way_and_the_next_step_follows_its_kind(pack):
    verdict = verdict_of(pack, {"unfit": "yes", "left_unit": "no"})
    assert (verdict.kind, verdict.situation.case.id, verdict.situation.grounds) == ("way_out", "open_now", ("health",))
    assert (verdict.next_step.case.id, verdict.avoid.case.id) == ("report", "stay")


def test_without_a_way_out_the_default_cases_decide(pack):
    verdict = verdict_of(pack, {"unfit": "no", "family": "none", "age": 30, "left_unit": "yes"})
    assert (verdict.kind, verdict.next_step.case.id, verdict.avoid.case.id) == ("no_way_out", "lawyer", "statements")
    assert verdict.find_out == ()


def test_what_to_find_out_holds_the_answers_that_would_change_a_verdict_or_a_case(pack):
    """A ground that depends on an unknown answer, and a case left open by an unknown answer, both ask."""
    verdict = verdict_of(pack, {"unfit": UNKNOWN, "family": "none", "age": 30, "left_unit": UNKNOWN})
    assert verdict.find_out == ("unfit", "left_unit")


def test_the_summary_words_the_verdict_in_the_readers_person(pack):
    answers = {"respondent": "other", "unfit": "yes", "left_unit": "no"}
    result = summary(pack, evaluate(pack, answers, EMERGENCY), "en", answers=answers, today=EMERGENCY)
    verdict = result["verdict"]
    assert verdict["text"] == "There is a way out for him: Health."
    assert (verdict["next_step"], verdict["next_step_id"]) == ("He files a report (Health).", "report")
    assert (verdict["avoid"], verdict["avoid_id"]) == ("He should not leave the unit.", None)
    assert result["grounds"][0]["verdict"] == {"key": "open", "text": "open to him", "symbol": "✔", "obtain": []}
    assert set(result["sources"]) >= set(pack.by_id["procedure"]["report"].sources)
