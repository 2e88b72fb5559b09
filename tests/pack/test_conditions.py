"""The condition language: its parsing and its three-valued (Kleene) evaluation with a trace."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import TypeAdapter, ValidationError

from wizard.pack.conditions import UNKNOWN, Condition, Facts, evaluate, walk

CONDITION = TypeAdapter(Condition)


def parse(data):
    return CONDITION.validate_python(data)


def outcome(data, answers=None, grounds=None, regime=None):
    return evaluate(parse(data), Facts(answers or {}, grounds or {}, regime)).outcome


# Answers to a yes/no question `q`, and what `equals: {q: yes}` makes of them.
LEAF = {True: "yes", False: "no", None: UNKNOWN}
KLEENE = (True, False, None)


def kleene_and(a, b):
    if a is False or b is False:
        return False
    return None if None in (a, b) else True


def kleene_or(a, b):
    if a is True or b is True:
        return True
    return None if None in (a, b) else False


@pytest.mark.parametrize("left", KLEENE)
@pytest.mark.parametrize("right", KLEENE)
def test_all_and_any_follow_kleene_truth_tables(left, right):
    """`all` is Kleene's strong and, `any` its strong or, over true, false and unknown children."""
    answers = {"a": LEAF[left], "b": LEAF[right]}
    pair = [{"equals": {"a": "yes"}}, {"equals": {"b": "yes"}}]
    assert outcome({"all": pair}, answers) is kleene_and(left, right)
    assert outcome({"any": pair}, answers) is kleene_or(left, right)


@pytest.mark.parametrize(("inner", "expected"), [(True, False), (False, True), (None, None)])
def test_not_negates_and_keeps_unknown(inner, expected):
    """`not` turns true into false and false into true; unknown stays unknown."""
    assert outcome({"not": {"equals": {"a": "yes"}}}, {"a": LEAF[inner]}) is expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [({}, False), ({"q": UNKNOWN}, False), ({"q": "no"}, True), ({"q": "any text"}, True), ({"q": 0}, True)],
)
def test_answered_is_never_unknown(answers, expected):
    """`answered` is true for any known answer and false (never unknown) without one or for "I don't know"."""
    assert outcome({"answered": "q"}, answers) is expected


@pytest.mark.parametrize(
    ("condition", "answer", "expected"),
    [
        ({"equals": {"q": "yes"}}, "yes", True),
        ({"equals": {"q": "yes"}}, "no", False),
        ({"equals": {"q": 60}}, 60.0, True),
        ({"equals": {"q": date(2022, 1, 1)}}, date(2022, 1, 1), True),
        ({"in": {"q": ["a", "b"]}}, "b", True),
        ({"in": {"q": ["a", "b"]}}, "c", False),
        ({"at_least": {"q": 60}}, 60, True),
        ({"at_least": {"q": 60}}, 59.5, False),
        ({"at_most": {"q": 60}}, 60, True),
        ({"at_most": {"q": 60}}, 61, False),
        ({"at_least": {"q": date(2022, 1, 1)}}, date(2022, 1, 1), True),
        ({"at_least": {"q": date(2022, 1, 1)}}, date(2021, 12, 31), False),
        ({"at_most": {"q": date(2022, 1, 1)}}, date(2022, 1, 2), False),
    ],
)
def test_comparisons_with_a_known_answer(condition, answer, expected):
    """Each comparison decides true or false on a known answer; at_least and at_most include the bound."""
    trace = evaluate(parse(condition), Facts({"q": answer}, {}))
    assert trace.outcome is expected
    assert trace.missing == ()
    assert trace.answer == answer


@pytest.mark.parametrize(
    "condition", [{"equals": {"q": "yes"}}, {"in": {"q": ["a"]}}, {"at_least": {"q": 1}}, {"at_most": {"q": 1}}]
)
@pytest.mark.parametrize("answers", [{}, {"q": UNKNOWN}, {"q": None}])
def test_comparisons_without_a_known_answer_are_unknown_and_name_the_question(condition, answers):
    """No answer, or "I don't know", leaves a comparison unknown, never false, with its question missing."""
    trace = evaluate(parse(condition), Facts(answers, {}))
    assert trace.outcome is None
    assert trace.missing == ("q",)


def test_missing_of_an_open_all_lists_the_open_children_questions_once_in_order():
    """An unknown `all` lists the questions of its unknown children, first seen first, without repeats."""
    condition = {
        "all": [
            {"equals": {"b": "yes"}},
            {"equals": {"a": "yes"}},
            {"equals": {"known": "yes"}},
            {"any": [{"equals": {"b": "no"}}, {"equals": {"c": "yes"}}]},
        ]
    }
    trace = evaluate(parse(condition), Facts({"known": "yes"}, {}))
    assert trace.outcome is None
    assert trace.missing == ("b", "a", "c")


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"all": [{"equals": {"open": "yes"}}, {"equals": {"known": "yes"}}]}, False),
        ({"any": [{"equals": {"open": "yes"}}, {"equals": {"known": "no"}}]}, True),
        ({"not": {"any": [{"equals": {"open": "yes"}}, {"equals": {"known": "no"}}]}}, False),
    ],
)
def test_a_decided_outcome_has_nothing_missing(condition, expected):
    """Once a child decides an `all` or `any`, the unknown siblings are not reported missing."""
    trace = evaluate(parse(condition), Facts({"known": "no"}, {}))
    assert trace.outcome is expected
    assert trace.missing == ()


def test_ground_reference_takes_the_outcome_and_missing_of_the_decided_ground():
    """`ground: g` is what ground g came to, and its missing questions are those of g."""
    decided = evaluate(parse({"equals": {"q": "yes"}}), Facts({}, {}))
    trace = evaluate(parse({"not": {"ground": "g"}}), Facts({}, {"g": decided}))
    assert trace.outcome is None
    assert trace.missing == ("q",)
    applied = evaluate(parse({"equals": {"q": "yes"}}), Facts({"q": "yes"}, {}))
    assert outcome({"ground": "g"}, grounds={"g": applied}) is True
    assert outcome({"not": {"ground": "g"}}, grounds={"g": applied}) is False


@pytest.mark.parametrize(("regime", "expected"), [("war", True), ("peace", False), (None, False)])
def test_regime_reference_is_never_unknown(regime, expected):
    """`regime: r` is true exactly when r is the regime in force."""
    assert outcome({"regime": "war"}, regime=regime) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2025, 12, 18), False), (date(2025, 12, 19), True), (date(2026, 1, 1), True), (None, False)],
)
def test_since_holds_from_its_date_on_and_is_never_unknown(day, expected):
    """`since: d` is true on d and after it, false before it (and without a day)."""
    condition = parse({"since": date(2025, 12, 19)})
    assert evaluate(condition, Facts({}, {}, None, day=day)).outcome is expected


def test_the_trace_mirrors_the_condition_tree():
    """The trace has one child trace per sub-condition, each with its own outcome and answer."""
    condition = parse({"any": [{"equals": {"a": "yes"}}, {"not": {"at_least": {"n": 3}}}]})
    trace = evaluate(condition, Facts({"a": "no", "n": 5}, {}))
    assert trace.condition is condition
    assert [child.outcome for child in trace.children] == [False, False]
    assert trace.children[0].answer == "no"
    assert trace.children[1].children[0].outcome is True
    assert trace.children[1].children[0].answer == 5


@pytest.mark.parametrize(
    "data",
    [
        {"equals": {"q": "yes"}, "in": {"q": ["yes"]}},
        {"equal": {"q": "yes"}},
        {"label": {"ru": "а", "en": "a"}},
        {},
        "equals q yes",
        ["equals", {"q": "yes"}],
    ],
)
def test_a_condition_needs_exactly_one_operator(data):
    """No operator, an unknown one or two of them is the one "condition" error."""
    with pytest.raises(ValidationError) as raised:
        parse(data)
    assert [error["type"] for error in raised.value.errors()] == ["condition"]


@pytest.mark.parametrize(
    ("data", "error_type"),
    [
        ({"equals": {"q": "yes", "r": "no"}}, "value_error"),
        ({"equals": {}}, "value_error"),
        ({"all": []}, "too_short"),
        ({"equals": {"Q": "yes"}}, "string_pattern_mismatch"),
        ({"equals": {"q": "yes"}, "lable": {"ru": "а", "en": "a"}}, "extra_forbidden"),
        ({"answered": "q", "sources": "law"}, "tuple_type"),
        ({"at_least": {"q": "ten"}}, "int_parsing"),
    ],
)
def test_malformed_operators_are_refused(data, error_type):
    """A comparison of two questions, an empty `all`, a bad id, an unknown key or a wrong type is refused."""
    with pytest.raises(ValidationError) as raised:
        parse(data)
    assert error_type in {error["type"] for error in raised.value.errors()}


def test_yaml_booleans_become_the_answer_keys_yes_and_no():
    """A YAML `yes`/`true` (read as a boolean) is stored as the answer key "yes", `no` as "no"."""
    assert parse({"equals": {"q": True}}).value == "yes"
    assert parse({"in": {"q": [True, False]}}).value == ("yes", "no")
    assert outcome({"equals": {"q": True}}, {"q": "yes"}) is True


def test_walk_yields_every_node_with_its_path():
    """`walk` visits each sub-condition once, with the path that locates it in the YAML."""
    condition = parse({"all": [{"equals": {"a": "yes"}}, {"not": {"any": [{"ground": "g"}, {"regime": "r"}]}}]})
    assert [(node.operator, path) for node, path in walk(condition)] == [
        ("all", ()),
        ("equals", ("all", 0)),
        ("not", ("all", 1)),
        ("any", ("all", 1, "not")),
        ("ground", ("all", 1, "not", "any", 0)),
        ("regime", ("all", 1, "not", "any", 1)),
    ]


def test_label_and_sources_are_kept():
    """A condition keeps its plain-words label and the sources it rests on."""
    condition = parse({"answered": "q", "label": {"ru": "есть ответ", "en": "answered"}, "sources": ["law"]})
    assert condition.label["en"] == "answered"
    assert condition.sources == ("law",)
    assert condition.question == "q"
