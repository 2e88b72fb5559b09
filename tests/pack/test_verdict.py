"""Verdicts on the fixture pack: each ground's, the situation's, the next step, what to avoid, what to find out."""

from __future__ import annotations

from datetime import date

import pytest
from support import FIXTURE, TESTS

from wizard.outputs.summary import summary
from wizard.pack.conditions import UNKNOWN
from wizard.pack.engine import evaluate
from wizard.pack.loader import load_pack
from wizard.pack.scenarios import load_scenario
from wizard.pack.verdict import decide

EMERGENCY = date(2024, 6, 15)
SCENARIOS = TESTS.parent / "rules" / "scenarios"
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


# --- the shipped pack -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rules():
    return load_pack()


def shipped_summary(rules, scenario: str, lang: str = "ru", on: date | None = None):
    """The summary of a shipped scenario's answers, on its own date or on `on`."""
    loaded, answers, _ = load_scenario(SCENARIOS / f"{scenario}.yaml", rules)
    day = on or loaded.date
    return summary(rules, evaluate(rules, answers, day), lang, answers=answers, today=day)


def test_beliefs_before_24_09_2022_are_not_tied_to_a_law_not_yet_in_force(rules):
    """Beliefs are never a ground; the warning names 332 p. 2.1 only from the day it took effect."""
    early = shipped_summary(rules, "verdict_ordered_beliefs", "en", on=date(2022, 9, 22))
    late = shipped_summary(rules, "verdict_ordered_beliefs", "en", on=date(2022, 9, 24))
    warning = {
        result["as_of"]: next(e for e in result["do_not_count_on"] if e["id"] == "conscience")["warning"]
        for result in (early, late)
    }
    assert "part 2.1" not in warning["2022-09-22"] and "art. 332" in warning["2022-09-22"]
    assert "part 2.1" in warning["2022-09-24"]
    assert all(g["id"] != "conscience" for result in (early, late) for g in result["grounds"])


def test_the_absent_soldier_is_given_only_the_documents_his_answers_make_relevant(rules):
    """Albert: nothing on record and no breach of the contract, so no record of the beating and no pay records;
    the ВВК papers are there because health is within reach."""
    documents = [d["id"] for d in shipped_summary(rules, "verdict_albert_absent_after_beating")["documents"]]
    assert {"vvk_referral_doc", "vvk_conclusion_doc", "medical_records"} <= set(documents)
    assert not {"injury_records", "pay_records", "complaint_copies"} & set(documents)


def test_a_relative_gets_questions_to_ask_him_and_no_ticks_beside_closed_routes(rules):
    result = shipped_summary(rules, "verdict_mother_knows_little")
    verdict = result["verdict"]
    assert verdict["person"] == "he"
    assert verdict["find_out"][0]["text"] == rules.question("vvk_done").text.he["ru"]
    assert all(g["verdict"]["symbol"] != "✔" for g in result["grounds"] if g["verdict"]["key"] != "open")
    assert "он" in verdict["next_step"].split() or "него" in verdict["next_step"]


def test_risks_the_answers_describe_come_first(rules):
    risks = shipped_summary(rules, "verdict_albert_absent_after_beating")["risks"]
    certain = [risk["certain"] for risk in risks]
    assert certain == sorted(certain, reverse=True) and certain[0]
