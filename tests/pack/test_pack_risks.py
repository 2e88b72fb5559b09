"""The shipped pack's risks and warnings around the dates when the law changed: no day without a penalty,
thresholds by date, and the summary's words for a risk not yet incurred."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from wizard.outputs.render import render_summary
from wizard.outputs.summary import summary
from wizard.pack.engine import evaluate

ABSENT = {"respondent": "soldier", "service_kind": "contract", "age": 30, "situation": "absent"}


def step_text(pack, answers, day, step_id, lang="en"):
    entry = next(e for e in evaluate(pack, answers, day).procedure if e.item.id == step_id)
    return (entry.variant or entry.item).text[lang]


@pytest.mark.parametrize("length", ["to_1_month", "over_1_month"])
def test_every_day_around_the_decree_shows_a_certain_penalty_for_a_long_absence(pack, length):
    """From 19.09 to 26.09.2022 an absence of more than 10 days carries a certain art. 337 risk every day."""
    for offset in range(8):
        day = date(2022, 9, 19) + timedelta(days=offset)
        risks = evaluate(pack, {**ABSENT, "absence_length": length}, day).risks
        assert [r.item.article for r in risks if r.certain] == ["337"], day


@pytest.mark.parametrize(
    ("day", "answers", "present", "absent"),
    [
        (date(2022, 9, 20), {}, "more than 10 days", "more than 2 days"),
        (date(2022, 9, 23), {}, "more than 10 days (up to 3", "Since 24.09.2022, during mobilization"),
        (date(2022, 9, 23), {}, "365-FZ takes effect on 24.09.2022", "Meduza"),
        (date(2022, 9, 24), {}, "more than 2 days", "more than 10 days (up to 3"),
        (date(2026, 1, 8), {"service_kind": "ex_prisoner"}, "5 to 15 years", "10 to 20"),
        (date(2026, 1, 9), {"service_kind": "ex_prisoner"}, "10 to 20 years", "5 to 15"),
        (date(2024, 12, 27), {"service_kind": "volunteer"}, "do not show", "up to 5 years"),
        (date(2024, 12, 28), {"service_kind": "volunteer"}, "one unverified source", "do not show"),
    ],
)
def test_the_do_not_leave_warning_gives_the_thresholds_of_its_date_and_kind_of_service(
    pack, day, answers, present, absent
):
    """The warning's text is the variant for the regime, the date and the kind of service."""
    text = step_text(pack, {**ABSENT, "absence_length": "to_10_days", **answers}, day, "do_not_leave")
    assert present in text and absent not in text


def test_absent_up_to_two_days_reads_as_not_yet_crossed(pack):
    """The summary says the 2-day line is not crossed: the risk is not certain and names what would incur it."""
    answers = {**ABSENT, "absence_length": "upto_2_days"}
    result = summary(pack, evaluate(pack, answers, date(2026, 1, 15)), "ru", answers=answers)
    entry = next(risk for risk in result["risks"] if risk["id"] == "absence_special_2_10")
    assert entry["certain"] is False
    assert entry["prospect"].startswith("если отсутствие продлится больше 2 суток")
    step = next(step for step in result["procedure"] if step["id"] == "absent_now")
    assert "первый порог ещё не пройден" in step["text"]


def test_a_certain_risk_has_no_prospect(pack):
    """A risk whose threshold is crossed is certain, with `prospect` None."""
    answers = {**ABSENT, "absence_length": "to_10_days"}
    result = summary(pack, evaluate(pack, answers, date(2026, 1, 15)), "en", answers=answers)
    entry = next(risk for risk in result["risks"] if risk["id"] == "absence_special_2_10")
    assert (entry["certain"], entry["prospect"]) == (True, None)


def test_the_malingering_warning_never_reads_as_a_suspicion(pack):
    """Art. 339 beside the health route says it is a warning, and that telling the truth is not feigning."""
    for risk_id in ("malingering_special", "ex_prisoner_malingering"):
        situation = pack.by_id["risks"][risk_id].situation
        assert situation.ru.startswith("Это предупреждение, а не подозрение")
        assert "не симуляция" in situation.ru and "is not feigning" in situation.en


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_summary_format_says_what_would_incur_a_risk_not_yet_incurred(pack, fmt):
    """The printed summaries put the prospect after the risk's title instead of "information missing"."""
    answers = {**ABSENT, "absence_length": "upto_2_days", "deployment": "not_ordered", "beliefs": "no"}
    result = summary(pack, evaluate(pack, answers, date(2026, 1, 15)), "en", answers=answers)
    text = render_summary(result, fmt)
    lines = [line for line in text.splitlines() if "for more than 2 days during mobilization" in line]
    assert len(lines) == 2  # on page 1 and in the details
    for line in lines:
        assert "(if the absence goes on more than 2 days: an absence of up to 2 days" in line.replace("*", "")
        assert "information missing" not in line


def test_the_absence_the_answers_describe_comes_first(pack):
    """Absent three weeks: art. 337 p.3.1 is the risk he already runs, listed before refusal and desertion."""
    answers = {**ABSENT, "absence_length": "to_1_month", "deployment": "unknown", "beliefs": "yes"}
    risks = summary(pack, evaluate(pack, answers, date(2026, 3, 1)), "en", answers=answers)["risks"]
    assert (risks[0]["id"], risks[0]["already"]) == ("absence_special_10_30", True)
    assert [risk["id"] for risk in risks if risk["already"]] == ["absence_special_10_30", "unpaid_absence"]


def test_in_the_unit_no_risk_is_described_as_already_here(pack):
    answers = {**ABSENT, "situation": "in_unit", "deployment": "ordered", "beliefs": "yes"}
    risks = summary(pack, evaluate(pack, answers, date(2026, 3, 1)), "en", answers=answers)["risks"]
    assert risks and not any(risk["already"] for risk in risks)
