"""Properties checked on generated inputs: the loader never fails other than with its own located errors, and
the evaluator's three-valued logic agrees with an independent Kleene implementation (JSON Logic over 0, ½, 1)."""

from __future__ import annotations

import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from json_logic import jsonLogic
from pydantic import TypeAdapter
from support import FIXTURE
from support.reference_conditions import trace_of

from wizard.errors import AnswersError, PackError, WizardError
from wizard.pack.answers import read_answers
from wizard.pack.conditions import UNKNOWN, Condition, Facts, Trace, evaluate
from wizard.pack.engine import evaluate as evaluate_pack
from wizard.pack.engine import interview
from wizard.pack.loader import load_pack

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LOGIC = settings(max_examples=100, deadline=None)
CONDITION = TypeAdapter(Condition)

# --- the loader never fails with anything but its own errors -------------------------------------


@pytest.fixture(scope="module")
def scratch():
    """A copy of the fixture pack that each example changes one file of (and restores)."""
    with tempfile.TemporaryDirectory() as folder:
        yield shutil.copytree(FIXTURE, Path(folder) / "pack")


@pytest.fixture(scope="module")
def fixture_pack():
    return load_pack(FIXTURE)


def yaml_lines(raw):
    """How many lines a file has, counting line breaks as YAML does (a NEL or a lone CR ends a line too)."""
    text = raw.decode("utf-8", "replace")
    return len(re.findall("\r\n|[\r\n\x85\u2028\u2029]", text)) + 1


def load_or_located_error(folder):
    """Load the pack; on failure every problem must be located on a line of its file and render in ru and en."""
    try:
        load_pack(folder)
    except PackError as error:
        assert error.problems
        for problem in error.problems:
            lines = yaml_lines(Path(problem.path).read_bytes()) if Path(problem.path).is_file() else 1
            assert 1 <= problem.line <= lines, (problem.path, problem.line, lines)
            for lang in ("ru", "en"):
                assert "\n" not in problem.render(lang)
        return error
    except WizardError as error:
        error.render("ru"), error.render("en")
        return error
    return None


YAML_BITS = st.sampled_from(
    [
        "\n",
        " ",
        "  ",
        ":",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "!!int ",
        "!!bool ",
        "? ",
        "#",
        "'",
        '"',
        "|",
        ">",
        "yes",
        "2023-02-30",
        "1e999",
        "id",
        "en",
        "ru",
        "sources",
        "when",
        "all",
        "equals",
        "\t",
        "\x00",
        "\ufeff",
        "ж",
        "~",
    ]
)


@st.composite
def mutated(draw):
    """One fixture file with a few random edits: text inserted, lines removed, duplicated or swapped, cut short."""
    name = draw(st.sampled_from(sorted(path.name for path in FIXTURE.glob("*.yaml"))))
    text = (FIXTURE / name).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "swap", "truncate", "replace"]))
        position = draw(st.integers(0, max(0, len(text) - 1)))
        row = draw(st.integers(0, len(lines) - 1))
        if kind == "insert":
            text = text[:position] + draw(YAML_BITS) + text[position:]
        elif kind == "replace":
            text = text[:position] + draw(YAML_BITS) + text[position + draw(st.integers(1, 8)) :]
        elif kind == "delete":
            text = "\n".join(lines[:row] + lines[row + 1 :])
        elif kind == "duplicate":
            text = "\n".join(lines[: row + 1] + lines[row:])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[row], lines[other] = lines[other], lines[row]
            text = "\n".join(lines)
        else:
            text = text[:position]
    return name, text


@FUZZ
@given(change=mutated())
def test_a_mutated_fixture_file_loads_or_is_a_located_error(scratch, change):
    """Random edits of a valid file give a pack or a PackError whose problems are on lines of their files."""
    name, text = change
    target = scratch / name
    target.write_text(text, encoding="utf-8")
    try:
        load_or_located_error(scratch)
    finally:
        shutil.copyfile(FIXTURE / name, target)


@FUZZ
@given(raw=st.binary(max_size=400) | st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_as_a_rule_file_are_a_located_error_or_harmless(scratch, raw):
    """Any bytes as an extra rule file either leave the pack loadable or give the project's own located errors."""
    extra = scratch / "zz_fuzz.yaml"
    extra.write_bytes(raw)
    try:
        error = load_or_located_error(scratch)
        assert error is None or isinstance(error, PackError)
    finally:
        extra.unlink()


ANSWER_LINES = st.lists(
    st.tuples(
        st.sampled_from(["respondent", "unfit", "age", "signed_on", "family", "family_proof", "left_unit", "other"]),
        st.one_of(
            st.sampled_from(["yes", "no", "unknown", "self", "none", "ill_parent", "~", "[]", "{}", "2023-02-30"]),
            st.integers(-100, 200).map(str),
            st.dates().map(date.isoformat),
            st.text(max_size=12),
        ),
    ),
    max_size=8,
).map(lambda pairs: "".join(f"{key}: {value}\n" for key, value in pairs).encode("utf-8", "surrogatepass"))


@FUZZ
@given(raw=st.binary(max_size=300) | ANSWER_LINES)
def test_any_answers_file_is_answers_or_one_located_error(fixture_pack, raw):
    """Any bytes as an answers file give checked answers or one AnswersError on a line of the file."""
    try:
        answers = read_answers("answers.yaml", raw, fixture_pack)
    except AnswersError as error:
        assert 1 <= error.line <= yaml_lines(raw)
        for lang in ("ru", "en"):
            assert "\n" not in error.render(lang)
        return
    assert set(answers) <= set(fixture_pack.by_id["questions"])
    evaluate_pack(fixture_pack, answers, date(2024, 6, 15))


# --- Kleene logic against an independent implementation -------------------------------------------

QUESTIONS = ("a", "b", "c")
YES_NO = st.sampled_from(["yes", "no"])


def leaves(with_ground):
    options = [
        st.builds(lambda q, v: {"equals": {q: v}}, st.sampled_from(QUESTIONS), YES_NO),
        st.builds(lambda q, vs: {"in": {q: vs}}, st.sampled_from(QUESTIONS), st.lists(YES_NO, min_size=1, max_size=2)),
        st.builds(lambda v: {"at_least": {"n": v}}, st.integers(-3, 3)),
        st.builds(lambda v: {"at_most": {"n": v}}, st.integers(-3, 3)),
        st.builds(lambda v: {"equals": {"n": v}}, st.integers(-3, 3)),
        st.builds(lambda q: {"answered": q}, st.sampled_from((*QUESTIONS, "n"))),
        st.builds(lambda r: {"regime": r}, st.sampled_from(["peace", "war"])),
    ]
    if with_ground:
        options.append(st.just({"ground": "g"}))
    return st.one_of(options)


def trees(with_ground):
    return st.recursive(
        leaves(with_ground),
        lambda children: st.one_of(
            st.builds(lambda cs: {"all": cs}, st.lists(children, min_size=1, max_size=4)),
            st.builds(lambda cs: {"any": cs}, st.lists(children, min_size=1, max_size=4)),
            st.builds(lambda c: {"not": c}, children),
        ),
        max_leaves=14,
    )


ANSWERS = st.fixed_dictionaries(
    {},
    optional={
        "a": st.sampled_from(["yes", "no", UNKNOWN]),
        "b": st.sampled_from(["yes", "no", UNKNOWN]),
        "c": st.sampled_from(["yes", "no", UNKNOWN, None]),
        "n": st.one_of(st.integers(-4, 4), st.just(UNKNOWN)),
    },
)


def open_(question):
    """JSON Logic: the question has no known answer."""
    return {"in": [{"var": question}, [None, UNKNOWN]]}


def to_json_logic(condition, ground):
    """The condition as JSON Logic over the numbers 0 (false), 0.5 (unknown) and 1 (true): and is min, or is max,
    not is 1 − x. This formulation shares nothing with the engine's evaluator."""
    if "all" in condition:
        return {"min": [to_json_logic(child, ground) for child in condition["all"]]}
    if "any" in condition:
        return {"max": [to_json_logic(child, ground) for child in condition["any"]]}
    if "not" in condition:
        return {"-": [1, to_json_logic(condition["not"], ground)]}
    if "ground" in condition:
        return to_json_logic(ground, None)
    if "regime" in condition:
        return {"if": [{"===": [{"var": "regime"}, condition["regime"]]}, 1, 0]}
    if "answered" in condition:
        return {"if": [open_(condition["answered"]), 0, 1]}
    [(operator, pair)] = condition.items()
    [(question, value)] = pair.items()
    test = {
        "equals": {"===": [{"var": question}, value]},
        "in": {"in": [{"var": question}, value]},
        "at_least": {">=": [{"var": question}, value]},
        "at_most": {"<=": [{"var": question}, value]},
    }[operator]
    return {"if": [open_(question), 0.5, {"if": [test, 1, 0]}]}


KLEENE = {True: 1, None: 0.5, False: 0}


def engine(condition, ground, answers, regime):
    facts = Facts(answers, {}, regime)
    decided = {"g": evaluate(CONDITION.validate_python(ground), facts)}
    return evaluate(CONDITION.validate_python(condition), Facts(answers, decided, regime))


@LOGIC
@given(condition=trees(True), ground=trees(False), answers=ANSWERS, regime=st.sampled_from(["peace", "war", None]))
def test_evaluation_agrees_with_kleene_logic_in_json_logic(condition, ground, answers, regime):
    """On random trees and answers (some missing or "unknown") the outcome is the JSON Logic min/max one."""
    expected = jsonLogic(to_json_logic(condition, ground), {**answers, "regime": regime})
    assert KLEENE[engine(condition, ground, answers, regime).outcome] == expected


@LOGIC
@given(condition=trees(True), ground=trees(False), answers=ANSWERS, regime=st.sampled_from(["peace", "war"]))
def test_missing_names_only_open_questions_and_only_when_open(condition, ground, answers, regime):
    """An unknown outcome names at least one question, each unanswered or "unknown"; a known outcome names none."""
    trace = engine(condition, ground, answers, regime)
    if trace.outcome is None:
        assert trace.missing
        assert len(set(trace.missing)) == len(trace.missing)
        for question in trace.missing:
            assert answers.get(question) in (None, UNKNOWN)
    else:
        assert trace.missing == ()


def known_value(question):
    return st.integers(-4, 4) if question == "n" else YES_NO


@LOGIC
@given(
    condition=trees(True),
    ground=trees(False),
    answers=ANSWERS,
    regime=st.sampled_from(["peace", "war"]),
    data=st.data(),
)
def test_answering_the_missing_questions_settles_the_outcome_and_keeps_known_ones(
    condition, ground, answers, regime, data
):
    """Without `answered`, answering the missing questions settles the outcome, and known outcomes never change."""
    condition, ground = without_answered(condition), without_answered(ground)
    before = engine(condition, ground, answers, regime)
    filled = {**answers, **{q: data.draw(known_value(q), label=q) for q in before.missing}}
    after = engine(condition, ground, filled, regime)
    assert after.outcome is not None
    if before.outcome is not None:
        assert after.outcome is before.outcome
    rest = {q: data.draw(known_value(q)) for q in (*QUESTIONS, "n") if filled.get(q) in (None, UNKNOWN)}
    assert engine(condition, ground, {**filled, **rest}, regime).outcome is after.outcome


@LOGIC
@given(condition=trees(True), ground=trees(False), answers=ANSWERS, data=st.data())
def test_answering_missing_questions_round_after_round_settles_the_outcome(condition, ground, answers, data):
    """With `answered`, answering what is missing round after round settles the outcome."""
    for _ in range(len(QUESTIONS) + 2):
        trace = engine(condition, ground, answers, "peace")
        if trace.outcome is not None:
            return
        answers = {**answers, **{q: data.draw(known_value(q), label=q) for q in trace.missing}}
    pytest.fail("the outcome stayed unknown")


def test_an_answered_test_can_hide_a_question_until_it_is_answered():
    """Known case: `all: [a, answered b]` is false while b is unanswered, so a is not missing until b is."""
    condition = {"any": [{"all": [{"equals": {"a": "yes"}}, {"answered": "b"}]}, {"not": {"equals": {"b": "yes"}}}]}
    assert engine(condition, {"answered": "a"}, {}, "peace").missing == ("b",)
    assert engine(condition, {"answered": "a"}, {"b": "yes"}, "peace").missing == ("a",)


def without_answered(condition):
    """The condition with every `answered: q` test replaced by `equals: {q: …}` (a monotone test)."""
    if "answered" in condition:
        question = condition["answered"]
        return {"equals": {question: 1 if question == "n" else "yes"}}
    for operator in ("all", "any"):
        if operator in condition:
            return {operator: [without_answered(child) for child in condition[operator]]}
    if "not" in condition:
        return {"not": without_answered(condition["not"])}
    return condition


# --- the engine on the fixture pack --------------------------------------------------------------

PACK_ANSWERS = st.fixed_dictionaries(
    {},
    optional={
        "respondent": st.sampled_from(["self", "other"]),
        "unfit": st.sampled_from(["yes", "no", UNKNOWN]),
        "age": st.one_of(st.integers(18, 80), st.just(UNKNOWN)),
        "signed_on": st.one_of(st.dates(date(2015, 1, 1), date(2025, 1, 1)), st.just(UNKNOWN)),
        "family": st.sampled_from(["none", "ill_parent", "many_children", UNKNOWN]),
        "family_proof": st.sampled_from(["yes", "no", UNKNOWN]),
        "left_unit": st.sampled_from(["yes", "no", UNKNOWN]),
    },
)
DAYS = st.dates(date(2000, 1, 1), date(2030, 12, 31))


def known_answer(question):
    return {
        "respondent": st.sampled_from(["self", "other"]),
        "unfit": YES_NO,
        "age": st.integers(18, 80),
        "signed_on": st.dates(date(2015, 1, 1), date(2025, 1, 1)),
        "family": st.sampled_from(["none", "ill_parent", "many_children"]),
        "family_proof": YES_NO,
        "left_unit": YES_NO,
    }[question]


@LOGIC
@given(answers=PACK_ANSWERS, day=DAYS, data=st.data())
def test_pack_missing_lists_open_questions_and_answering_them_removes_every_possible(fixture_pack, answers, day, data):
    """`missing` names only open questions; answering them all leaves no ground possible."""
    evaluation = evaluate_pack(fixture_pack, answers, day)
    missing = set()
    for result in evaluation.grounds:
        assert (result.status == "possible") <= bool(result.missing)
        for question in result.missing:
            assert answers.get(question) in (None, UNKNOWN)
        missing.update(result.missing)
    filled = {**answers, **{q: data.draw(known_answer(q), label=q) for q in sorted(missing)}}
    settled = evaluate_pack(fixture_pack, filled, day)
    assert [result.status for result in settled.grounds if result.status == "possible"] == []
    assert all(result.missing == () for result in settled.grounds)


@LOGIC
@given(answers=PACK_ANSWERS, data=st.data())
def test_the_interview_asks_each_active_question_once_and_then_stops(fixture_pack, answers, data):
    """Answering `next` until there is none ends within the number of questions, every active one answered."""
    answers = dict(answers)
    for _ in range(len(fixture_pack.questions) + 1):
        state = interview(fixture_pack, answers)
        if state.next is None:
            break
        assert state.next.id not in answers
        answers[state.next.id] = data.draw(known_answer(state.next.id) | st.just(UNKNOWN), label=state.next.id)
    else:
        pytest.fail("the interview did not end")
    state = interview(fixture_pack, answers)
    assert {q.id for q in state.active} <= set(state.answers)
    assert set(state.ignored) == set(answers) - {q.id for q in state.active}
    proof_asked = answers.get("family") in ("ill_parent", "many_children")
    assert ("family_proof" in {q.id for q in state.active}) is proof_asked


@LOGIC
@given(answers=PACK_ANSWERS, day=DAYS)
def test_the_regime_is_the_one_whose_dates_hold_the_day(fixture_pack, answers, day):
    """The regime applied is the one in force on the day, switching on 2022-01-01."""
    regime = evaluate_pack(fixture_pack, answers, day).regime
    assert regime.in_force(day)
    assert regime.id == ("ordinary" if day <= date(2021, 12, 31) else "emergency")


SKIPPED = st.fixed_dictionaries(
    {},
    optional={question: st.sampled_from([False, None]) for question in (*QUESTIONS, "n")},
)


@LOGIC
@given(
    condition=trees(True),
    ground=trees(False),
    answers=ANSWERS,
    skipped=SKIPPED,
    regime=st.sampled_from(["peace", None]),
)
def test_the_trace_is_the_plain_reference_trace(condition, ground, answers, skipped, regime):
    """Every node's outcome, missing questions, answer and children are those of the plain reference evaluation
    (tests/support/reference_conditions.py), questions not asked included."""
    not_asked = {
        question: Trace(CONDITION.validate_python({"answered": "z"}), outcome, () if outcome is False else ("z",))
        for question, outcome in skipped.items()
        if question not in answers
    }
    decided = Facts(answers, {}, regime, not_asked)
    decided.grounds["g"] = trace_of(CONDITION.validate_python(ground), decided)
    tree = CONDITION.validate_python(condition)
    assert evaluate(tree, decided) == trace_of(tree, decided)
