"""The engine on the fixture pack: which questions are asked, and what answers mean on a given day."""

from __future__ import annotations

from datetime import date

import pytest
from support import FIXTURE, copy_fixture

from wizard.pack.conditions import UNKNOWN
from wizard.pack.engine import NoRegime, evaluate, interview, next_question
from wizard.pack.loader import load_pack

ORDINARY = date(2015, 5, 5)
EMERGENCY = date(2024, 6, 15)
ALL_ASKED = ["respondent", "unfit", "age", "signed_on", "family", "left_unit"]


@pytest.fixture(scope="module")
def pack():
    return load_pack(FIXTURE)


def ground(evaluation, ground_id):
    return next(result for result in evaluation.grounds if result.ground.id == ground_id)


def shown(relevant):
    return {entry.item.id: entry.certain for entry in relevant}


# --- which questions are asked -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, "respondent"),
        ({"respondent": "self"}, "unfit"),
        ({"respondent": "self", "unfit": UNKNOWN}, "age"),
        ({"respondent": "self", "unfit": "no", "age": 40, "signed_on": date(2020, 1, 1)}, "family"),
        ({"respondent": "self", "unfit": "no", "age": 40, "signed_on": UNKNOWN, "family": "none"}, "left_unit"),
        ({"respondent": "self", "unfit": "no", "age": 40, "signed_on": UNKNOWN, "family": UNKNOWN}, "left_unit"),
        (
            {"respondent": "self", "unfit": "no", "age": 40, "signed_on": UNKNOWN, "family": "ill_parent"},
            "family_proof",
        ),
        ({"left_unit": "no", "family": "many_children"}, "respondent"),
        (
            {
                "respondent": "other",
                "unfit": "no",
                "age": 40,
                "signed_on": UNKNOWN,
                "family": "none",
                "left_unit": "no",
            },
            None,
        ),
    ],
)
def test_next_question_is_the_first_asked_question_without_an_answer(pack, answers, expected):
    """Questions come in pack order; one with `ask_if` only once it holds; None when all are answered."""
    upcoming = next_question(pack, answers)
    assert (upcoming.id if upcoming else None) == expected


@pytest.mark.parametrize(
    ("family", "asked"),
    [
        (None, False),
        (UNKNOWN, False),
        ("none", False),
        ("ill_parent", True),
        ("many_children", True),
    ],
)
def test_a_conditional_question_is_asked_only_when_its_ask_if_is_true(pack, family, asked):
    """`ask_if` must be true: unanswered or "I don't know" (unknown) does not ask the question."""
    answers = {} if family is None else {"family": family}
    active = [question.id for question in interview(pack, answers).active]
    assert ("family_proof" in active) is asked
    assert [qid for qid in active if qid != "family_proof"] == ALL_ASKED


def test_answers_to_questions_no_longer_asked_are_ignored_and_reported(pack):
    """An answer kept from earlier is not counted once a change of an earlier answer no longer asks its question."""
    state = interview(pack, {"family": "none", "family_proof": "yes", "unfit": "yes"})
    assert state.ignored == ("family_proof",)
    assert dict(state.answers) == {"family": "none", "unfit": "yes"}
    evaluation = evaluate(pack, {"family": "none", "family_proof": "yes"}, EMERGENCY)
    assert evaluation.ignored == ("family_proof",)


def test_answers_to_asked_questions_all_count(pack):
    """Nothing is ignored when every answered question is asked."""
    answers = {"family": "ill_parent", "family_proof": "yes", "age": 33}
    state = interview(pack, answers)
    assert state.ignored == ()
    assert dict(state.answers) == answers


# --- regime by date ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "regime"),
    [
        (date(2000, 1, 1), "ordinary"),
        (date(2021, 12, 31), "ordinary"),
        (date(2022, 1, 1), "emergency"),
        (date(2099, 1, 1), "emergency"),
    ],
)
def test_the_regime_is_the_one_in_force_on_the_day_with_both_ends_inclusive(pack, day, regime):
    """`evaluate` applies the regime whose valid_from..valid_to (inclusive) holds the day."""
    assert evaluate(pack, {}, day).regime.id == regime


def test_no_regime_before_the_first_one(pack):
    """A day before every regime raises NoRegime."""
    with pytest.raises(NoRegime):
        evaluate(pack, {}, date(1999, 12, 31))


def test_no_regime_after_the_last_one_ends(tmp_path):
    """A day after a closed last regime raises NoRegime; its last day still evaluates."""
    folder = copy_fixture(tmp_path / "pack")
    regimes = folder / "regimes.yaml"
    regimes.write_text(
        regimes.read_text().replace("valid_from: 2022-01-01\n", "valid_from: 2022-01-01\n    valid_to: 2030-06-30\n")
    )
    pack = load_pack(folder)
    assert evaluate(pack, {}, date(2030, 6, 30)).regime.id == "emergency"
    with pytest.raises(NoRegime):
        evaluate(pack, {}, date(2030, 7, 1))


# --- grounds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "status", "missing"),
    [("yes", "applies", ()), ("no", "not_met", ()), (UNKNOWN, "possible", ("unfit",)), (None, "possible", ("unfit",))],
)
def test_ground_status_follows_its_condition(pack, answer, status, missing):
    """A ground applies, is not met, or is possible with the questions that would settle it."""
    answers = {} if answer is None else {"unfit": answer}
    result = ground(evaluate(pack, answers, ORDINARY), "health")
    assert (result.status, result.missing) == (status, missing)
    assert result.trace.outcome is {"applies": True, "not_met": False, "possible": None}[status]


@pytest.mark.parametrize(
    ("answers", "status", "missing"),
    [
        ({"family": "ill_parent", "age": 30}, "applies", ()),
        ({"family": "ill_parent", "age": 61, "signed_on": date(2020, 1, 1)}, "not_met", ()),
        ({"family": "ill_parent", "age": 61}, "possible", ("signed_on",)),
        ({"family": "ill_parent"}, "possible", ("age", "signed_on")),
        ({"family": "none"}, "not_met", ()),
        ({"family": UNKNOWN, "age": 30}, "possible", ("family",)),
    ],
)
def test_a_ground_referring_to_another_takes_its_outcome_and_missing(pack, answers, status, missing):
    """`family` holds unless `age_limit` applies: it is open exactly when age_limit is, with its questions."""
    result = ground(evaluate(pack, answers, ORDINARY), "family")
    assert (result.status, result.missing) == (status, missing)


def test_grounds_are_reported_in_pack_order(pack):
    """Grounds come in the order of the pack, not the order they are decided in."""
    assert [result.ground.id for result in evaluate(pack, {}, ORDINARY).grounds] == ["health", "family", "age_limit"]


# --- availability --------------------------------------------------------------------------------


def test_plain_availability_cites_the_regime(pack):
    """A plain status is the availability, with the regime's sources and no note."""
    result = ground(evaluate(pack, {}, EMERGENCY), "family")
    assert (result.availability, result.availability_note, result.availability_sources) == (
        "discretionary",
        None,
        ("decree_b",),
    )


@pytest.mark.parametrize(
    ("answers", "availability", "sources", "missing"),
    [
        # the first case whose `when` is true decides, even if a later one is true too
        ({"left_unit": "yes", "age": 70}, "suspended", ("decree_b",), ()),
        ({"left_unit": "no", "age": 70}, "available", ("decree_b",), ()),
        ({"left_unit": "no", "age": 65}, "available", ("decree_b",), ()),
        # no case holds: the default (last) case
        ({"left_unit": "no", "age": 64}, "discretionary", ("decree_b", "law_a"), ()),
        # an open case before the deciding one: the least favourable of them is shown
        ({"left_unit": UNKNOWN, "age": 70}, "suspended", ("decree_b",), ("left_unit",)),
        ({"age": 64}, "suspended", ("decree_b",), ("left_unit",)),
        # an open case more favourable than the default: the default is shown, the question is missing
        ({"left_unit": "no"}, "discretionary", ("decree_b", "law_a"), ("age",)),
    ],
)
def test_availability_cases_first_true_wins_and_open_cases_show_the_least_favourable(
    pack, answers, availability, sources, missing
):
    """The first true case decides; open cases before it make it the least favourable, their questions missing."""
    result = ground(evaluate(pack, {"signed_on": date(2020, 1, 1), **answers}, EMERGENCY), "age_limit")
    assert (result.availability, result.availability_sources) == (availability, sources)
    assert result.missing == missing


def test_an_availability_case_note_is_kept(pack):
    """The note of the deciding case comes with the result."""
    result = ground(evaluate(pack, {"left_unit": "yes"}, EMERGENCY), "age_limit")
    assert result.availability_note["en"] == "Not after leaving the unit."


def test_missing_lists_status_and_availability_questions_in_pack_order(pack):
    """`missing` joins the questions of the status and of open cases, once each, in pack order."""
    result = ground(evaluate(pack, {}, EMERGENCY), "age_limit")
    assert result.status == "possible"
    assert result.missing == ("age", "signed_on", "left_unit")


def test_availability_case_may_refer_to_a_ground_decided_later(tmp_path):
    """A case whose `when` refers to a ground that comes later in the order of evaluation works."""
    folder = copy_fixture(tmp_path / "pack")
    regimes = folder / "regimes.yaml"
    regimes.write_text(
        regimes.read_text().replace(
            "      health: available\n      family: discretionary\n",
            "      health:\n"
            "        - when: {ground: family}\n          status: suspended\n          sources: [decree_b]\n"
            "        - status: available\n          sources: [decree_b]\n"
            "      family: discretionary\n",
        )
    )
    pack = load_pack(folder)
    assert [g.id for g in pack.ground_order].index("health") < [g.id for g in pack.ground_order].index("family")
    assert ground(evaluate(pack, {"family": "ill_parent", "age": 20}, EMERGENCY), "health").availability == "suspended"
    assert ground(evaluate(pack, {"family": "none"}, EMERGENCY), "health").availability == "available"
    open_ = ground(evaluate(pack, {}, EMERGENCY), "health")
    assert open_.availability == "suspended"
    assert "family" in open_.missing


# --- procedure and risks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "day", "procedure"),
    [
        ({"unfit": "yes"}, ORDINARY, {"report": True}),
        ({"unfit": "no", "family": "none", "age": 30}, ORDINARY, {}),
        ({"unfit": "no", "family": "none"}, ORDINARY, {"report": False}),
        ({"unfit": UNKNOWN, "family": "none", "age": 30}, ORDINARY, {"report": False}),
        ({"unfit": "no", "family": "none", "age": 30}, EMERGENCY, {"lawyer": True}),
        ({"unfit": "yes"}, EMERGENCY, {"report": True, "lawyer": True}),
    ],
)
def test_steps_are_shown_when_a_ground_brings_them_or_their_when_holds(pack, answers, day, procedure):
    """A step is certain when a ground bringing it applies, may concern when one is possible, else hidden."""
    assert shown(evaluate(pack, answers, day).procedure) == procedure


@pytest.mark.parametrize(
    ("answers", "day", "risks"),
    [
        ({"left_unit": "yes", "family": "none"}, ORDINARY, {}),
        ({"left_unit": "yes", "family": "none"}, EMERGENCY, {"desertion": True}),
        ({"left_unit": UNKNOWN, "family": "none"}, EMERGENCY, {"desertion": False}),
        ({"family": "none"}, EMERGENCY, {"desertion": False}),
        ({"left_unit": "no", "family": "none"}, EMERGENCY, {}),
        ({"left_unit": "no", "family": "ill_parent", "age": 30}, EMERGENCY, {"false_papers": True}),
        ({"left_unit": "no", "family": "ill_parent"}, EMERGENCY, {"false_papers": False}),
        ({"left_unit": "no", "family": UNKNOWN}, ORDINARY, {"false_papers": False}),
    ],
)
def test_risks_are_certain_or_may_concern(pack, answers, day, risks):
    """A risk whose `when` holds is certain, one whose `when` is open may concern; brought risks follow the ground."""
    assert shown(evaluate(pack, answers, day).risks) == risks


def _edited_pack(tmp_path, edits):
    folder = copy_fixture(tmp_path / "pack")
    procedure = folder / "procedure.yaml"
    text = procedure.read_text()
    for old, new in edits:
        assert text.count(old) == 1
        text = text.replace(old, new)
    procedure.write_text(text)
    return load_pack(folder)


PROSPECT = """    sources: [code_c]
    prospect:
      - when: {equals: {family: none}}
        text: {ru: если уйти надолго, en: if away for long}
  - id: false_papers"""


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"left_unit": "yes", "family": "none"}, (False, "if away for long")),
        ({"left_unit": "yes", "family": "ill_parent"}, (True, None)),
        ({"left_unit": "yes", "family": UNKNOWN}, (True, None)),
        ({"left_unit": UNKNOWN, "family": "none"}, (False, "if away for long")),
    ],
)
def test_the_first_prospect_case_that_holds_makes_a_risk_not_yet_incurred(tmp_path, answers, expected):
    """A shown risk whose prospect case holds is not certain and carries that case's text; an open case does not."""
    pack = _edited_pack(tmp_path, [("    sources: [code_c]\n  - id: false_papers", PROSPECT)])
    (risk,) = [entry for entry in evaluate(pack, answers, EMERGENCY).risks if entry.item.id == "desertion"]
    assert (risk.certain, risk.prospect and risk.prospect.en) == expected


@pytest.mark.parametrize(
    ("answers", "risks"),
    [
        ({"left_unit": "yes", "family": "ill_parent"}, {"desertion": True}),
        ({"left_unit": "yes", "family": "ill_parent", "age": 30}, {"desertion": True}),
        ({"left_unit": "no", "family": "ill_parent"}, {"false_papers": True}),
        ({"left_unit": UNKNOWN, "family": "ill_parent"}, {"desertion": False, "false_papers": False}),
        ({"left_unit": UNKNOWN, "family": "ill_parent", "age": 30}, {"desertion": False, "false_papers": True}),
    ],
)
def test_a_risk_whose_own_when_is_false_is_hidden_even_when_a_ground_brings_it(tmp_path, answers, risks):
    """A risk brought by a ground that applies or may apply is still hidden when its own `when` is false."""
    situation = "    situation: {ru: Поддельные справки, en: Forged certificates}\n"
    pack = _edited_pack(tmp_path, [(situation, situation + '    when: {equals: {left_unit: "no"}}\n')])
    assert shown(evaluate(pack, answers, EMERGENCY).risks) == risks


def test_a_step_shows_the_text_of_its_first_variant_that_holds(tmp_path):
    """A step's variant replaces its text when the variant's `when` holds; otherwise the step keeps its text."""
    variant = (
        "    when: {regime: emergency}\n"
        "    variants:\n"
        '      - when: {equals: {left_unit: "yes"}}\n'
        "        text: {ru: Юрист нужен сразу., en: A lawyer is needed at once.}\n"
        "        sources: [code_c]\n"
    )
    pack = _edited_pack(tmp_path, [("    when: {regime: emergency}\n", variant)])
    variants = {
        value: next(
            e for e in evaluate(pack, {"left_unit": value}, EMERGENCY).procedure if e.item.id == "lawyer"
        ).variant
        for value in ("yes", "no")
    }
    assert (variants["yes"].text.en, variants["yes"].sources, variants["no"]) == (
        "A lawyer is needed at once.",
        ("code_c",),
        None,
    )


# --- staleness -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "stale"),
    [(date(2024, 6, 1), False), (date(2024, 7, 1), False), (date(2024, 7, 2), True), (date(2020, 1, 1), False)],
)
def test_results_are_stale_more_than_stale_after_days_after_the_check(pack, day, stale):
    """The law may have changed once more than `stale_after_days` (30 here) have passed since `checked_on`."""
    assert evaluate(pack, {}, day).stale is stale


def test_evaluation_records_its_day(pack):
    """The evaluation keeps the day it was made for."""
    assert evaluate(pack, {}, EMERGENCY).on == EMERGENCY


def test_a_condition_on_a_question_not_asked_fails_or_waits_on_what_decides_it(tmp_path):
    """A question whose `ask_if` is false makes conditions on it fail; while its `ask_if` is unknown, what is
    missing is the answer that decides whether it is asked, never the question itself."""
    folder = copy_fixture(tmp_path / "pack")
    questions = folder / "questions.yaml"
    questions.write_text(
        questions.read_text().replace("  - id: age\n", "  - id: age\n    ask_if: {equals: {unfit: no}}\n")
    )
    pack = load_pack(folder)
    signed = {"signed_on": date(2020, 1, 1), "left_unit": "no"}
    not_asked = ground(evaluate(pack, {"unfit": "yes", "age": 70, **signed}, EMERGENCY), "age_limit")
    assert (not_asked.status, not_asked.missing) == ("not_met", ())
    undecided = ground(evaluate(pack, {"unfit": UNKNOWN, **signed}, EMERGENCY), "age_limit")
    assert (undecided.status, undecided.missing) == ("possible", ("unfit",))
    asked = ground(evaluate(pack, {"unfit": "no", **signed}, EMERGENCY), "age_limit")
    assert (asked.status, asked.missing) == ("possible", ("age",))


# --- within reach, and the documents the answers make relevant ----------------------------------------

REACH = """    within_reach:
      when:
        label: {ru: Можно пройти комиссию, en: The commission can still be passed}
        not: {equals: {left_unit: "yes"}}
      obtain: [medical_report]
"""


def reach_pack(tmp_path):
    folder = copy_fixture(tmp_path / "pack")
    grounds = folder / "grounds.yaml"
    text = grounds.read_text().replace(
        "    sources: [law_a]\n    practice: {ru: Работает.",
        REACH + "    sources: [law_a]\n    practice: {ru: Работает.",
        1,
    )
    text = text.replace(
        "    documents: [medical_report]\n",
        "    documents:\n      - medical_report\n"
        '      - id: medical_report_copy\n        when: {equals: {left_unit: "no"}}\n',
    )
    grounds.write_text(text)
    procedure = folder / "procedure.yaml"
    procedure.write_text(
        procedure.read_text().replace(
            "documents:\n", "documents:\n  - id: medical_report_copy\n    title: {ru: Копия, en: Copy}\n", 1
        )
    )
    return load_pack(folder)


@pytest.mark.parametrize(
    ("left_unit", "status", "missing", "obtain"),
    [
        ("no", "possible", (), ("medical_report",)),
        (UNKNOWN, "possible", ("left_unit",), ()),
        ("yes", "not_met", (), ()),
    ],
)
def test_a_failed_ground_within_reach_is_possible_with_what_to_obtain(tmp_path, left_unit, status, missing, obtain):
    """Conditions that fail while `within_reach` holds make the ground possible with its to-do; while it is open,
    what is missing is what would settle it, and nothing is to obtain yet; when it fails, the ground is not met."""
    pack = reach_pack(tmp_path)
    result = ground(evaluate(pack, {"unfit": "no", "left_unit": left_unit}, EMERGENCY), "health")
    assert (result.status, result.missing, result.obtain) == (status, missing, obtain)
    assert (result.reach is None) == (status == "not_met")


def test_within_reach_does_not_touch_a_ground_whose_conditions_hold(tmp_path):
    result = ground(evaluate(reach_pack(tmp_path), {"unfit": "yes", "left_unit": "no"}, EMERGENCY), "health")
    assert (result.status, result.obtain, result.reach) == ("applies", (), None)


@pytest.mark.parametrize(
    ("left_unit", "documents"),
    [
        ("no", ("medical_report", "medical_report_copy")),
        ("yes", ("medical_report",)),
        (UNKNOWN, ("medical_report", "medical_report_copy")),
    ],
)
def test_a_document_with_a_when_is_listed_only_where_the_answers_make_it_relevant(tmp_path, left_unit, documents):
    """A document always needed is listed; one with `when` only while its condition holds or is open."""
    result = ground(evaluate(reach_pack(tmp_path), {"unfit": "yes", "left_unit": left_unit}, EMERGENCY), "health")
    assert result.documents == documents
