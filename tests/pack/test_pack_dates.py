"""The shipped pack dates the law honestly: `checked_on` is the newest date its sources cover, and results
warn that the law may have changed once more than `stale_after_days` have passed since then."""

from datetime import timedelta

import pytest

from wizard.pack.engine import evaluate


def test_checked_on_is_the_newest_date_the_sources_cover(pack):
    """Not the day of editing: no source is later, and some source is of that very day."""
    assert max(source.date for source in pack.sources) == pack.pack.checked_on


@pytest.mark.parametrize(("days_after_check", "stale"), [(0, False), (183, False), (184, True), (300, True)])
def test_results_turn_stale_183_days_after_checked_on(pack, days_after_check, stale):
    meta = pack.pack
    assert meta.stale_after_days == 183
    day = meta.checked_on + timedelta(days=days_after_check)
    assert evaluate(pack, {"respondent": "soldier"}, day).stale is stale
