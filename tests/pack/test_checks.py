"""Checks beyond the schema: each finds its problem at the exact location in the merged pack, and no other."""

from __future__ import annotations

from datetime import date

import pytest
from support import fixture_data, item

from wizard.pack import reachability
from wizard.pack.checks import check_pack
from wizard.pack.model import Pack

TEXT = {"ru": "текст", "en": "text"}


def question(qid, kind="yes_no", **extra):
    return {"id": qid, "topic": "service", "kind": kind, "text": TEXT, "short": TEXT, **extra}


def step(sid, **extra):
    return {"id": sid, "title": TEXT, "actor": TEXT, "text": TEXT, "sources": ["law_a"], **extra}


def problems(data):
    return [(loc, message.key, message.params) for loc, message in check_pack(Pack.model_validate(data))]


def test_the_fixture_pack_has_no_problem():
    """The fixture pack passes every check."""
    assert problems(fixture_data()) == []


CASES = [
    (
        "duplicate id",
        lambda d: d["sources"].append({**item(d, "sources", "law_a")}),
        [(("sources", 3, "id"), "check.duplicate_id", {"id": "law_a"})],
    ),
    (
        "unknown source in a ground",
        lambda d: item(d, "grounds", "health").update(sources=["law_a", "law_x"]),
        [(("grounds", 0, "sources", 1), "check.unknown_ref", {"kind": "source", "id": "law_x"})],
    ),
    (
        "unknown source of the pack",
        lambda d: d["pack"].update(sources=["law_x"]),
        [(("pack", "sources", 0), "check.unknown_ref", {"kind": "source", "id": "law_x"})],
    ),
    (
        "unknown source in an availability case",
        lambda d: item(d, "regimes", "emergency")["availability"]["age_limit"][2].update(sources=["law_x"]),
        [
            (
                ("regimes", 1, "availability", "age_limit", 2, "sources", 0),
                "check.unknown_ref",
                {"kind": "source", "id": "law_x"},
            )
        ],
    ),
    (
        "unknown source of a condition",
        lambda d: item(d, "grounds", "family")["conditions"]["all"][0].update(sources=["law_x"]),
        [
            (
                ("grounds", 1, "conditions", "all", 0, "sources", 0),
                "check.unknown_ref",
                {"kind": "source", "id": "law_x"},
            )
        ],
    ),
    (
        "unknown topic",
        lambda d: item(d, "questions", "age").update(topic="health"),
        [(("questions", 2, "topic"), "check.unknown_ref", {"kind": "topic", "id": "health"})],
    ),
    (
        "unknown risk brought by a ground",
        lambda d: item(d, "grounds", "health").update(risks=["prison"]),
        [(("grounds", 0, "risks", 0), "check.unknown_ref", {"kind": "risks", "id": "prison"})],
    ),
    (
        "unknown step brought by a ground",
        lambda d: item(d, "grounds", "age_limit").update(procedure=["report", "appeal"]),
        [(("grounds", 2, "procedure", 1), "check.unknown_ref", {"kind": "procedure", "id": "appeal"})],
    ),
    (
        "respondent question missing",
        lambda d: d["pack"]["respondent"].update(question="who"),
        [(("pack", "respondent", "question"), "check.respondent_question", {"id": "who"})],
    ),
    (
        "respondent persons not the options",
        lambda d: d["pack"]["respondent"].update(person={"self": "you", "lawyer": "he"}),
        [(("pack", "respondent", "person"), "check.respondent_keys", {})],
    ),
    (
        "choice with one option",
        lambda d: item(d, "questions", "respondent").update(options=item(d, "questions", "respondent")["options"][:1]),
        [
            (("pack", "respondent", "person"), "check.respondent_keys", {}),
            (("questions", 0, "options"), "check.few_options", {}),
        ],
    ),
    (
        "options on a yes/no question",
        lambda d: item(d, "questions", "left_unit").update(options=[{"key": "x", "label": TEXT}]),
        [(("questions", 6, "options"), "check.options_not_choice", {})],
    ),
    (
        "option key unknown",
        lambda d: item(d, "questions", "family")["options"].append({"key": "unknown", "label": TEXT}),
        [(("questions", 4, "options"), "check.option_keys", {})],
    ),
    (
        "repeated option key",
        lambda d: item(d, "questions", "family")["options"].append({"key": "none", "label": TEXT}),
        [(("questions", 4, "options"), "check.option_keys", {})],
    ),
    (
        "bounds on a date question",
        lambda d: item(d, "questions", "signed_on").update(min=1),
        [(("questions", 3, "min"), "check.bounds_not_number", {})],
    ),
    (
        "whole on a date question",
        lambda d: item(d, "questions", "signed_on").update(whole=True),
        [(("questions", 3, "whole"), "check.bounds_not_number", {})],
    ),
    (
        "min above max",
        lambda d: item(d, "questions", "age").update(min=90),
        [(("questions", 2, "min"), "check.bounds_order", {})],
    ),
    (
        "ask_if on a ground",
        lambda d: d["questions"].append(question("extra", ask_if={"any": [{"ground": "health"}]})),
        [(("questions", 7, "ask_if", "any", 0, "ground"), "check.ask_if_outcome", {})],
    ),
    (
        "ask_if on a regime",
        lambda d: d["questions"].append(question("extra", ask_if={"regime": "emergency"})),
        [(("questions", 7, "ask_if", "regime"), "check.ask_if_outcome", {})],
    ),
    (
        "ask_if on the day evaluated",
        lambda d: d["questions"].append(question("extra", ask_if={"since": date(2024, 1, 1)})),
        [(("questions", 7, "ask_if", "since"), "check.ask_if_outcome", {})],
    ),
    (
        "ask_if on the question itself",
        lambda d: d["questions"].append(question("extra", ask_if={"equals": {"extra": "yes"}})),
        [(("questions", 7, "ask_if", "equals"), "check.ask_if_later", {"id": "extra"})],
    ),
    (
        "ask_if on a later question",
        lambda d: d["questions"].insert(1, question("extra", ask_if={"not": {"answered": "age"}})),
        [(("questions", 1, "ask_if", "not", "answered"), "check.ask_if_later", {"id": "age"})],
    ),
    (
        "condition on an unknown question",
        lambda d: item(d, "grounds", "health").update(conditions={"equals": {"unfti": "yes"}}),
        [(("grounds", 0, "conditions", "equals"), "check.unknown_ref", {"kind": "question", "id": "unfti"})],
    ),
    (
        "condition on an unknown ground",
        lambda d: item(d, "grounds", "family")["conditions"]["all"][1].update({"not": {"ground": "pension"}}),
        [
            (
                ("grounds", 1, "conditions", "all", 1, "not", "ground"),
                "check.unknown_ref",
                {"kind": "grounds", "id": "pension"},
            )
        ],
    ),
    (
        "condition on an unknown regime",
        lambda d: item(d, "procedure", "lawyer").update(when={"regime": "war"}),
        [(("procedure", 1, "when", "regime"), "check.unknown_ref", {"kind": "regimes", "id": "war"})],
    ),
    (
        "at_least on a choice",
        lambda d: item(d, "risks", "desertion").update(when={"at_least": {"family": 2}}),
        [(("risks", 0, "when", "at_least", "family"), "check.order_kind", {"id": "family"})],
    ),
    (
        "a prospect case compared with a word its question does not allow",
        lambda d: item(d, "risks", "desertion").update(
            prospect=[{"when": {"equals": {"family": "twins"}}, "text": TEXT}]
        ),
        [
            (
                ("risks", 0, "prospect", 0, "when", "equals", "family"),
                "check.value_kind",
                {"id": "family", "value": "twins"},
            )
        ],
    ),
    (
        "a step variant on an unknown question",
        lambda d: item(d, "procedure", "lawyer").update(
            variants=[{"when": {"equals": {"rank": "x"}}, "text": TEXT, "sources": ["law_a"]}]
        ),
        [(("procedure", 1, "variants", 0, "when", "equals"), "check.unknown_ref", {"kind": "question", "id": "rank"})],
    ),
    (
        "a number compared with a date",
        lambda d: item(d, "grounds", "age_limit")["conditions"]["all"][0].update(at_least={"age": date(2000, 1, 1)}),
        [
            (
                ("grounds", 2, "conditions", "all", 0, "at_least", "age"),
                "check.value_kind",
                {"id": "age", "value": "2000-01-01"},
            )
        ],
    ),
    (
        "a yes/no compared with a word",
        lambda d: item(d, "regimes", "emergency")["availability"]["age_limit"][0].update(
            when={"equals": {"left_unit": "maybe"}}
        ),
        [
            (
                ("regimes", 1, "availability", "age_limit", 0, "when", "equals", "left_unit"),
                "check.value_kind",
                {"id": "left_unit", "value": "maybe"},
            )
        ],
    ),
    (
        "a date compared with a number",
        lambda d: item(d, "grounds", "age_limit")["conditions"]["all"][1].update(at_most={"signed_on": 2021}),
        [
            (
                ("grounds", 2, "conditions", "all", 1, "at_most", "signed_on"),
                "check.value_kind",
                {"id": "signed_on", "value": "2021"},
            )
        ],
    ),
    (
        "regime ending before it starts",
        lambda d: item(d, "regimes", "emergency").update(valid_to=date(2021, 1, 1)),
        [(("regimes", 1, "valid_to"), "check.regime_dates", {})],
    ),
    (
        "availability missing a ground",
        lambda d: item(d, "regimes", "ordinary")["availability"].pop("family"),
        [(("regimes", 0, "availability"), "check.availability_missing", {"id": "family"})],
    ),
    (
        "availability of an unknown ground",
        lambda d: item(d, "regimes", "ordinary")["availability"].update(pension="available"),
        [(("regimes", 0, "availability", "pension"), "check.unknown_ref", {"kind": "ground", "id": "pension"})],
    ),
    (
        "no default case",
        lambda d: item(d, "regimes", "emergency")["availability"]["age_limit"].pop(),
        [(("regimes", 1, "availability", "age_limit"), "check.no_final_case", {})],
    ),
    (
        "no case at all",
        lambda d: item(d, "regimes", "emergency")["availability"].update(age_limit=[]),
        [(("regimes", 1, "availability", "age_limit"), "check.no_final_case", {})],
    ),
    (
        "not a ground given as a plain status, without its warning",
        lambda d: item(d, "regimes", "emergency")["availability"].update(family="not_a_ground"),
        [(("regimes", 1, "availability", "family"), "check.availability_note", {"status": "not_a_ground"})],
    ),
    (
        "no right given in a case without a note",
        lambda d: item(d, "regimes", "emergency")["availability"]["age_limit"][1].update(status="no_right"),
        [(("regimes", 1, "availability", "age_limit", 1), "check.availability_note", {"status": "no_right"})],
    ),
    (
        "a yes symbol beside a verdict that is not an open route",
        lambda d: d["ground_verdicts"][0].update(symbol="✔"),
        [(("ground_verdicts", 0, "symbol"), "check.yes_symbol", {"key": "does_not_fit"})],
    ),
    (
        "ground verdicts without a final default",
        lambda d: d["ground_verdicts"][-1].update(status=["applies"]),
        [(("ground_verdicts", 3), "check.verdict_no_default", {})],
    ),
    (
        "a verdict case without a condition before the last",
        lambda d: d["avoid"][0].pop("when"),
        [(("avoid", 0), "check.verdict_early_default", {})],
    ),
    (
        "a next step resting on an unknown step",
        lambda d: d["next_steps"][0].update(step="appeal"),
        [(("next_steps", 0, "step"), "check.unknown_ref", {"kind": "procedure", "id": "appeal"})],
    ),
    (
        "a case about an unknown ground",
        lambda d: d["situations"][0].update(ground={"pension": ["open"]}),
        [(("situations", 0, "ground", "pension"), "check.unknown_ref", {"kind": "grounds", "id": "pension"})],
    ),
    (
        "within reach of an unknown document",
        lambda d: item(d, "grounds", "health").update(
            within_reach={"when": {"equals": {"left_unit": "no"}}, "obtain": ["passport"]}
        ),
        [(("grounds", 0, "within_reach", "obtain", 0), "check.unknown_ref", {"kind": "documents", "id": "passport"})],
    ),
    (
        "a document need on an unknown question",
        lambda d: item(d, "grounds", "health").update(
            documents=[{"id": "medical_report", "when": {"equals": {"pay": "yes"}}}]
        ),
        [
            (
                ("grounds", 0, "documents", 0, "when", "equals"),
                "check.unknown_ref",
                {"kind": "question", "id": "pay"},
            )
        ],
    ),
    (
        "default case before other cases",
        lambda d: item(d, "regimes", "emergency")["availability"]["age_limit"][1].pop("when"),
        [(("regimes", 1, "availability", "age_limit", 1), "check.early_default", {})],
    ),
    (
        "overlapping regimes",
        lambda d: item(d, "regimes", "emergency").update(valid_from=date(2021, 12, 31)),
        [(("regimes", 1, "valid_from"), "check.regime_overlap", {"id": "ordinary"})],
    ),
    (
        "an open-ended regime followed by another",
        lambda d: (item(d, "regimes", "ordinary").pop("valid_to"), d["regimes"].reverse()),
        [(("regimes", 0, "valid_from"), "check.regime_overlap", {"id": "ordinary"})],
    ),
    (
        "a day without regime",
        lambda d: item(d, "regimes", "ordinary").update(valid_to=date(2021, 12, 30)),
        [(("regimes", 1, "valid_from"), "check.regime_gap", {"id": "ordinary"})],
    ),
    (
        "source dated after the check",
        lambda d: item(d, "sources", "code_c").update(date=date(2024, 6, 2)),
        [(("sources", 2, "date"), "check.source_after_check", {})],
    ),
    (
        "ground referring to itself",
        lambda d: item(d, "grounds", "health").update(
            conditions={"any": [{"equals": {"unfit": "yes"}}, {"ground": "health"}]}
        ),
        [(("grounds", 0, "conditions"), "check.cycle", {"cycle": "health → health"})],
    ),
    (
        "three grounds in a cycle",
        lambda d: (
            item(d, "grounds", "health").update(conditions={"ground": "family"}),
            item(d, "grounds", "age_limit").update(conditions={"ground": "health"}),
        ),
        [(("grounds", 0, "conditions"), "check.cycle", {"cycle": "health → family → age_limit → health"})],
    ),
    (
        "step never shown",
        lambda d: d["procedure"].append(step("appeal")),
        [(("procedure", 2, "id"), "check.never_shown", {"id": "appeal"})],
    ),
    (
        "risk no longer brought by any ground",
        lambda d: item(d, "grounds", "family").pop("risks"),
        [(("risks", 1, "id"), "check.never_shown", {"id": "false_papers"})],
    ),
    (
        "question never asked",
        lambda d: d["questions"].append(
            question("extra", ask_if={"all": [{"at_least": {"age": 70}}, {"at_most": {"age": 60}}]})
        ),
        [(("questions", 7, "ask_if"), "check.unreachable", {"id": "extra"})],
    ),
    (
        "question never asked, through a chain",
        lambda d: d["questions"].extend(
            [
                question("first", ask_if={"equals": {"unfit": "yes"}}),
                question("second", ask_if={"all": [{"equals": {"first": "yes"}}, {"equals": {"unfit": "no"}}]}),
            ]
        ),
        [(("questions", 8, "ask_if"), "check.unreachable", {"id": "second"})],
    ),
    (
        "question asked only if a question that is not asked is answered",
        lambda d: d["questions"].append(
            question("extra", ask_if={"all": [{"answered": "family_proof"}, {"equals": {"family": "none"}}]})
        ),
        [(("questions", 7, "ask_if"), "check.unreachable", {"id": "extra"})],
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_check_finds_its_problem_where_it_is(mutate, expected):
    """The mutated fixture has exactly the expected problems, each at its location with its message."""
    data = fixture_data()
    mutate(data)
    assert problems(data) == expected


@pytest.mark.parametrize(
    "ask_if",
    [
        {"at_least": {"age": 70}},
        {"at_most": {"signed_on": date(2020, 1, 1)}},
        {"all": [{"equals": {"unfit": "yes"}}, {"not": {"equals": {"family": "none"}}}]},
        {"not": {"answered": "signed_on"}},
        {"any": [{"equals": {"left_unit": "yes"}}, {"in": {"family": ["none"]}}]},
        {"answered": "family_proof"},
    ],
)
def test_reachable_questions_are_not_reported(ask_if):
    """A question some answers to earlier questions would make asked is accepted."""
    data = fixture_data()
    data["questions"].append(question("extra", ask_if=ask_if))
    assert problems(data) == []


def test_reachability_is_assumed_past_the_combination_limit(monkeypatch):
    """When too many answer combinations would have to be tried, a question is assumed reachable."""
    data = fixture_data()
    data["questions"].append(
        question("extra", ask_if={"all": [{"equals": {"unfit": "yes"}}, {"equals": {"unfit": "no"}}]})
    )
    assert len(problems(data)) == 1
    monkeypatch.setattr(reachability, "MAX_COMBINATIONS", 2)
    assert problems(data) == []


def test_reachability_is_checked_only_on_an_otherwise_sound_pack():
    """With other problems present, only those are reported (reachability needs valid references)."""
    data = fixture_data()
    data["questions"].append(
        question("extra", ask_if={"all": [{"equals": {"unfit": "yes"}}, {"equals": {"unfit": "no"}}]})
    )
    item(data, "questions", "age").update(topic="health")
    assert [key for _, key, _ in problems(data)] == ["check.unknown_ref"]
