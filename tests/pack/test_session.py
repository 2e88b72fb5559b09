"""The state of a session without the app: what comes after an answer, and where "back" leads."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.pack.loader import load_pack
from wizard.pack.session import Flow

TEST_PACK = Path(__file__).resolve().parents[1] / "ui" / "pack"


@pytest.fixture
def flow() -> Flow:
    return Flow(load_pack(TEST_PACK))


def test_after_an_answer_comes_the_next_question_asked(flow):
    """Walking forward, the next question comes, whatever was seen before (the person may go back and forth)."""
    asked = flow.active()
    flow.seen.update(question.id for question in asked[:-1])
    assert flow.next_after(asked[0].id) == asked[1] != asked[-1]


def test_the_last_answer_leads_to_the_review(flow):
    last = flow.active()[-1]
    assert flow.next_after(last.id) is None


def test_after_a_change_from_the_review_comes_the_first_question_not_seen(flow):
    asked = flow.active()
    flow.seen.update(question.id for question in asked)
    flow.editing = True
    assert flow.next_after(asked[0].id) is None
    assert flow.back_to_review()
    flow.seen.discard(asked[-1].id)
    assert flow.next_after(asked[0].id) == asked[-1]
    assert not flow.back_to_review()


def test_back_leads_to_the_review_only_when_the_question_was_opened_from_it(flow):
    flow.seen.update(question.id for question in flow.active())
    assert not flow.back_to_review()


def test_the_interview_is_made_again_only_when_the_answers_change(flow):
    """One step asks for the questions several times: the same answers give the same interview, not a new one;
    any change of the answers, recorded or written into `answers` directly, gives the new questions."""
    first = flow.state()
    assert flow.state() is first
    flow.answer("vvk_done", "yes")
    assert "vvk_category" in [question.id for question in flow.active()]
    flow.answers["vvk_done"] = "no"
    assert "vvk_category" not in [question.id for question in flow.active()]
    assert flow.state() is flow.state()
    flow.clear()
    assert flow.active() == first.active
