"""Answers files: each answer checked against its question; problems are located and never quote an answer."""

from __future__ import annotations

from datetime import date

import pytest
from support import BROKEN_ANSWERS, CANARIES, FIXTURE, cases, read_expect

from wizard.catalogue import t
from wizard.errors import AnswersError
from wizard.pack.answers import BadAnswer, choices, coerce_answer, parse_typed, read_answers
from wizard.pack.conditions import UNKNOWN
from wizard.pack.loader import load_pack

BROKEN = cases(BROKEN_ANSWERS)


@pytest.fixture(scope="module")
def pack():
    return load_pack(FIXTURE)


def answers_file(case):
    return next(path for path in case.iterdir() if path.name.startswith("answers."))


@pytest.mark.parametrize(
    ("question", "value", "stored"),
    [
        ("unfit", "yes", "yes"),
        ("unfit", True, "yes"),
        ("unfit", False, "no"),
        ("unfit", UNKNOWN, UNKNOWN),
        ("age", 18, 18),
        ("age", 80, 80),
        ("age", 33.5, 33.5),
        ("age", UNKNOWN, UNKNOWN),
        ("signed_on", date(2020, 2, 29), date(2020, 2, 29)),
        ("signed_on", "2020-02-29", date(2020, 2, 29)),
        ("signed_on", "29.02.2020", date(2020, 2, 29)),
        ("signed_on", " 29.02.2020 ", date(2020, 2, 29)),
        ("signed_on", UNKNOWN, UNKNOWN),
        ("family", "many_children", "many_children"),
        ("family", UNKNOWN, UNKNOWN),
        ("respondent", "other", "other"),
    ],
)
def test_an_answer_that_fits_is_stored_in_its_canonical_form(pack, question, value, stored):
    """yes/no, numbers within bounds, dates (as the app's date field takes them), option keys and "unknown" are
    accepted."""
    assert coerce_answer(pack.question(question), value) == stored


@pytest.mark.parametrize(
    ("question", "value", "key"),
    [
        ("unfit", "da", "answers.not_yes_no"),
        ("unfit", 1, "answers.not_yes_no"),
        ("unfit", ["yes"], "answers.not_yes_no"),
        ("age", "33", "answers.not_number"),
        ("age", True, "answers.not_number"),
        ("age", float("nan"), "answers.not_number"),
        ("age", 17.9, "answers.out_of_range"),
        ("age", 80.5, "answers.out_of_range"),
        ("signed_on", "30.02.2020", "answers.not_date"),
        ("signed_on", "02/01/2020", "answers.not_date"),
        ("signed_on", "2020-02-30", "answers.not_date"),
        ("signed_on", 2020, "answers.not_date"),
        ("family", "None", "answers.not_option"),
        ("family", 1, "answers.not_option"),
        ("respondent", UNKNOWN, "answers.unknown_not_allowed"),
        ("family_proof", "Отец болен.", "answers.not_yes_no"),
    ],
)
def test_an_answer_that_does_not_fit_is_refused_without_quoting_it(pack, question, value, key):
    """A value of the wrong kind, out of range, not an option, or "unknown" where not allowed is refused."""
    with pytest.raises(BadAnswer) as raised:
        coerce_answer(pack.question(question), value)
    assert raised.value.message.key == key
    assert raised.value.message.params["id"] == question
    assert set(raised.value.message.params) <= {"id", "keys", "min", "max"}


def test_a_yaml_answers_file_is_read_and_checked(pack):
    """A YAML answers file gives each answer in its stored form; null answers count as unanswered."""
    raw = (
        "# my answers\nrespondent: self\nunfit: no\nage: 61\nsigned_on: 2020-01-01\n"
        "family: unknown\nleft_unit: ~\nfamily_proof: yes\n"
    )
    assert read_answers("a.yaml", raw.encode(), pack) == {
        "respondent": "self",
        "unfit": "no",
        "age": 61,
        "signed_on": date(2020, 1, 1),
        "family": UNKNOWN,
        "family_proof": "yes",
    }


def test_a_json_answers_file_is_read(pack):
    """JSON is YAML: booleans, numbers and ISO date strings are read as answers."""
    raw = '{"respondent": "other", "unfit": true, "age": 40.5, "signed_on": "2021-03-04", "left_unit": "unknown"}'
    assert read_answers("a.json", raw.encode(), pack) == {
        "respondent": "other",
        "unfit": "yes",
        "age": 40.5,
        "signed_on": date(2021, 3, 4),
        "left_unit": UNKNOWN,
    }


@pytest.mark.parametrize("raw", [b"", b"# nothing yet\n", b"\xef\xbb\xbf", b"---\n"])
def test_an_empty_answers_file_means_no_answers(pack, raw):
    """An empty file (or only a comment) is no answers at all, not an error."""
    assert read_answers("a.yaml", raw, pack) == {}


def test_an_answers_file_over_the_limit_is_refused(pack, monkeypatch):
    """An answers file larger than the limit is refused at line 1 without being parsed."""
    from wizard.pack import answers

    monkeypatch.setattr(answers, "MAX_ANSWERS_BYTES", 1024)
    with pytest.raises(AnswersError) as raised:
        read_answers("a.yaml", b"unfit: yes\n" + b"#" * 2048, pack)
    assert raised.value.render("en") == "a.yaml:1: the file is larger than 1 KB"


def test_the_corpus_of_answers_files_is_large_enough():
    """There are at least ten broken answers files."""
    assert len(BROKEN) >= 10


@pytest.mark.parametrize("case", BROKEN, ids=[case.name for case in BROKEN])
def test_a_broken_answers_file_is_one_located_error(pack, case):
    """Each broken answers file raises AnswersError at the expected line with the expected message."""
    path = answers_file(case)
    [expected] = read_expect(case)
    with pytest.raises(AnswersError) as raised:
        read_answers(path.name, path.read_bytes(), pack)
    error = raised.value
    assert expected.matches(error.path, error.line, error.message.render("en")), error.render("en")
    assert error.render("en").startswith(f"{path.name}:{expected.line}: ")


@pytest.mark.parametrize("case", BROKEN, ids=[case.name for case in BROKEN])
def test_a_broken_answers_file_message_never_quotes_an_answer(pack, case):
    """The planted canary answers appear in neither language of the message."""
    path = answers_file(case)
    with pytest.raises(AnswersError) as raised:
        read_answers(path.name, path.read_bytes(), pack)
    for lang in ("ru", "en"):
        rendered = raised.value.render(lang)
        assert "\n" not in rendered
        for canary in CANARIES:
            assert canary not in rendered


def test_every_broken_answers_file_that_holds_an_answer_plants_a_canary():
    """The canary check can fail: the readable broken files do contain a canary."""
    planted = [
        case.name for case in BROKEN if any(canary.encode() in answers_file(case).read_bytes() for canary in CANARIES)
    ]
    assert len(planted) >= len(BROKEN) - 2


@pytest.mark.parametrize(
    ("question_id", "text", "stored"),
    [
        ("age", " 33 ", 33),
        ("age", "33,5", 33.5),
        ("age", "3 3", 33),
        ("signed_on", "31.12.2025", date(2025, 12, 31)),
        ("signed_on", "2025-12-31", date(2025, 12, 31)),
    ],
)
def test_typed_text_is_parsed_into_an_answer(pack, question_id, text, stored):
    """What is typed into a number or date field: spaces and a decimal comma, a date as Russians write it or ISO."""
    assert parse_typed(pack.question(question_id), text) == stored


@pytest.mark.parametrize(
    ("question_id", "text", "key"),
    [
        ("age", "тридцать", "answers.not_number"),
        ("age", "nan", "answers.not_number"),
        ("age", "inf", "answers.not_number"),
        ("age", "", "answers.not_number"),
        ("age", "120", "answers.out_of_range"),
        ("signed_on", "31/12/2025", "answers.not_date"),
        ("signed_on", "31.12.2025 10:00", "answers.not_date"),
    ],
)
def test_typed_text_that_is_no_answer_is_refused(pack, question_id, text, key):
    """Text that is no number or date, or one out of range: the message names the question, never the text."""
    with pytest.raises(BadAnswer) as raised:
        parse_typed(pack.question(question_id), text)
    assert raised.value.message.key == key
    assert not text or text not in " ".join(map(str, raised.value.message.params.values()))


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("unfit", ["yes", "no", UNKNOWN]),
        ("respondent", ["self", "other"]),
        ("age", [UNKNOWN]),
    ],
)
def test_choices_are_the_listed_answers_with_i_dont_know_last_where_allowed(pack, question, listed):
    """One list of a question's allowed answers, in the order the question screen shows them."""
    assert choices(pack.question(question)) == listed


def test_every_choice_is_an_answer_the_checks_accept(pack):
    """What the screen offers and what an answers file may say are the same set."""
    for question in pack.questions:
        for key in choices(question):
            assert coerce_answer(question, key) == key


@pytest.mark.parametrize(
    ("question", "keys"),
    [("family", "none, ill_parent, many_children, unknown"), ("respondent", "self, other")],
)
def test_a_wrong_option_is_refused_naming_the_answers_the_question_offers(pack, question, keys):
    """The message lists what the question screen offers: "unknown" only where the question takes it."""
    with pytest.raises(BadAnswer) as raised:
        coerce_answer(pack.question(question), "elsewhere")
    assert raised.value.message.key == "answers.not_option"
    assert raised.value.message.params["keys"] == keys
    assert t("answers.not_option", "en", **raised.value.message.params).endswith(f"one of: {keys}")


@pytest.mark.parametrize(("typed", "stored"), [("25", 25), ("25,0", 25), ("25.5", None), ("25,5", None)])
def test_a_whole_number_question_takes_no_fraction(typed, stored):
    """The shipped age and count questions take whole numbers only, typed or in an answers file."""
    question = load_pack().question("age")
    assert question.whole
    if stored is None:
        with pytest.raises(BadAnswer) as raised:
            parse_typed(question, typed)
        assert raised.value.message.key == "answers.not_whole"
        with pytest.raises(BadAnswer):
            coerce_answer(question, float(typed.replace(",", ".")))
    else:
        assert parse_typed(question, typed) == stored
