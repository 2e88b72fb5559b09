"""The pack format: closed, frozen models, and what they compute (regime on a day, order of grounds)."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError
from support import fixture_data, item

from wizard.catalogue import catalogue
from wizard.pack.conditions import Text
from wizard.pack.model import Pack, PackMeta, Question, Regime
from wizard.pack.values import AVAILABILITY_ORDER
from wizard.pack.wording import RoleText


@pytest.fixture
def data():
    return fixture_data()


def errors(model, data):
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    return [(error["type"], error["loc"]) for error in raised.value.errors()]


def test_fixture_data_validates(data):
    """The fixture pack's plain data is a valid Pack."""
    pack = Pack.model_validate(data)
    assert len(pack.questions) == 7


def test_text_needs_both_languages():
    """A text without its English (or Russian) version is refused, and empty text too."""
    assert errors(Text, {"ru": "да"}) == [("missing", ("en",))]
    assert errors(Text, {"en": "yes"}) == [("missing", ("ru",))]
    assert errors(Text, {"ru": "", "en": "yes"}) == [("string_too_short", ("ru",))]
    assert Text(ru="да", en="yes")["en"] == "yes"


def test_models_are_closed(data):
    """An unknown key anywhere is an error naming where it is."""
    item(data, "grounds", "health")["explantion"] = {"ru": "а", "en": "a"}
    assert errors(Pack, data) == [("extra_forbidden", ("grounds", 0, "explantion"))]


def test_models_are_frozen(data):
    """A loaded pack cannot be changed by the code that uses it."""
    pack = Pack.model_validate(data)
    with pytest.raises(ValidationError):
        pack.questions[0].kind = "number"


@pytest.mark.parametrize("bad_id", ["Health", "1st", "_x", "a-b", "a b", "ж", "a" * 65, ""])
def test_ids_are_lowercase_latin_words(data, bad_id):
    """An id is lowercase latin letters, digits and _, starting with a letter, at most 64 characters."""
    item(data, "topics", "about")["id"] = bad_id
    assert errors(Pack, data)[0][1] == ("topics", 0, "id")


@pytest.mark.parametrize("good_id", ["a", "a1", "long_name_2", "a" * 64])
def test_valid_ids_are_accepted(data, good_id):
    """Ids of the allowed form pass."""
    item(data, "documents", "medical_report")["id"] = good_id
    Pack.model_validate(data)


@pytest.mark.parametrize("section", ["regimes", "grounds", "procedure", "risks", "help"])
def test_every_legal_statement_cites_a_source(data, section):
    """An empty `sources` list is refused in every section that states law."""
    data[section][0]["sources"] = []
    assert errors(Pack, data) == [("too_short", (section, 0, "sources"))]
    data[section][0]["sources"] = ["law_a"]
    data["pack"]["sources"] = []
    assert errors(Pack, data) == [("too_short", ("pack", "sources"))]


def test_an_availability_case_cites_a_source(data):
    """Each availability case needs its own sources."""
    del item(data, "regimes", "emergency")["availability"]["age_limit"][0]["sources"]
    assert errors(Pack, data) == [("missing", ("regimes", 1, "availability", "age_limit", "cases", 0, "sources"))]


@pytest.mark.parametrize(
    ("day", "in_force"),
    [
        (date(1999, 12, 31), False),
        (date(2000, 1, 1), True),
        (date(2010, 6, 15), True),
        (date(2021, 12, 31), True),
        (date(2022, 1, 1), False),
    ],
)
def test_a_regime_is_in_force_from_valid_from_to_valid_to_inclusive(day, in_force):
    """Both ends of a regime's dates are days it is in force."""
    regime = Pack.model_validate(fixture_data()).by_id["regimes"]["ordinary"]
    assert regime.in_force(day) is in_force


def test_an_open_ended_regime_stays_in_force():
    """A regime without valid_to is in force on every day from valid_from."""
    regime = Pack.model_validate(fixture_data()).by_id["regimes"]["emergency"]
    assert regime.valid_to is None
    assert regime.in_force(date(2022, 1, 1)) and regime.in_force(date(2999, 1, 1))
    assert not regime.in_force(date(2021, 12, 31))


@pytest.mark.parametrize(
    ("day", "regime_id"),
    [
        (date(1999, 12, 31), None),
        (date(2000, 1, 1), "ordinary"),
        (date(2021, 12, 31), "ordinary"),
        (date(2022, 1, 1), "emergency"),
        (date(2030, 1, 1), "emergency"),
    ],
)
def test_regime_on_picks_the_regime_in_force(day, regime_id):
    """`regime_on` names the regime in force on a day, or None before the first."""
    regime = Pack.model_validate(fixture_data()).regime_on(day)
    assert (regime.id if regime else None) == regime_id


def test_grounds_are_ordered_after_the_grounds_they_refer_to():
    """`ground_order` puts a referenced ground before the ground that refers to it, others in pack order."""
    pack = Pack.model_validate(fixture_data())
    assert [ground.id for ground in pack.ground_order] == ["health", "age_limit", "family"]
    assert [ground.id for ground in pack.grounds] == ["health", "family", "age_limit"]


def test_by_id_indexes_each_section():
    """`by_id` finds every item of a section by its id."""
    pack = Pack.model_validate(fixture_data())
    assert pack.by_id["risks"]["desertion"].article == "338"
    assert pack.question("age").max == 80
    assert pack.source("decree_b").reference.subpoint == "в"


def test_question_text_is_plain_or_worded_for_each_person():
    """A question text is either one Text or a RoleText with `you` and `he` versions."""
    pack = Pack.model_validate(fixture_data())
    assert isinstance(pack.question("unfit").text, RoleText)
    assert pack.question("unfit").text.he["en"] == "Was he found unfit?"
    assert isinstance(pack.question("age").text, Text)


def test_role_text_needs_both_persons(data):
    """A RoleText with only the `you` version is refused."""
    item(data, "questions", "unfit")["text"] = {"you": {"ru": "а", "en": "a"}}
    assert errors(Pack, data) == [("missing", ("questions", 1, "text", "role", "he"))]


def test_availability_is_a_status_or_a_list_of_cases():
    """A plain status string and a list of cases are both accepted."""
    regime = Pack.model_validate(fixture_data()).by_id["regimes"]["emergency"]
    assert regime.availability["health"] == "available"
    cases = regime.availability["age_limit"]
    assert [case.status for case in cases] == ["suspended", "available", "discretionary"]
    assert cases[-1].when is None


@pytest.mark.parametrize("status", ["allowed", "Available", ""])
def test_availability_status_is_one_of_four(data, status):
    """Only the four availability words are statuses."""
    item(data, "regimes", "ordinary")["availability"]["health"] = status
    assert errors(Pack, data)[0][0] == "literal_error"


def test_availability_order_goes_from_least_to_most_favourable():
    """Not a ground at all is the least favourable availability, then no such right, suspended…, available the most."""
    assert AVAILABILITY_ORDER == ("not_a_ground", "no_right", "suspended", "unconfirmed", "discretionary", "available")


def test_every_availability_has_its_words_in_both_languages():
    """Each availability value, the new ones included, has its words in Russian and English."""
    words = catalogue()
    for lang in ("ru", "en"):
        texts = [words[f"availability.{status}"][lang] for status in AVAILABILITY_ORDER]
        assert all(texts) and len(set(texts)) == len(texts)


def test_pack_meta_defaults(data):
    """Without them, `stale_after_days` is 183 and the languages are Russian and English."""
    del data["pack"]["stale_after_days"]
    meta = PackMeta.model_validate(data["pack"])
    assert meta.stale_after_days == 183
    assert meta.languages == ("ru", "en")


def test_stale_after_days_is_at_least_one(data):
    """A pack cannot be declared stale from the day it is checked."""
    data["pack"]["stale_after_days"] = 0
    assert errors(Pack, data) == [("greater_than_equal", ("pack", "stale_after_days"))]


def test_question_defaults_and_option_lookup():
    """Questions allow "I don't know" by default; `option` finds an option by key or gives None."""
    question = Question.model_validate(
        {
            "id": "q",
            "topic": "t",
            "kind": "choice",
            "text": {"ru": "а", "en": "a"},
            "short": {"ru": "а", "en": "a"},
            "options": [
                {"key": "x", "label": {"ru": "икс", "en": "ex"}},
                {"key": "y", "label": {"ru": "игрек", "en": "why"}},
            ],
        }
    )
    assert question.unknown_allowed is True
    assert question.option("y").label["en"] == "why"
    assert question.option("z") is None


@pytest.mark.parametrize("section", ["topics", "sources", "regimes", "questions", "grounds"])
def test_required_sections_may_not_be_empty(data, section):
    """A pack needs at least one topic, source, regime, question and ground."""
    data[section] = []
    assert ("too_short", (section,)) in errors(Pack, data)


def test_regime_dates_must_be_dates(data):
    """A regime date written in words is refused at that key."""
    item(data, "regimes", "ordinary")["valid_from"] = "the first of January"
    assert errors(Regime, item(data, "regimes", "ordinary"))[0] == ("date_from_datetime_parsing", ("valid_from",))
