"""Each scenario file of the shipped pack is its own test, and together they cover the whole pack."""

from pathlib import Path

import pytest

from wizard.pack.scenarios import coverage, run_scenario, scenario_files

ROOT = Path(__file__).resolve().parents[2]

FILES = scenario_files(ROOT / "rules")


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_scenario(pack, path):
    """The pack concludes what the scenario expects."""
    outcome = run_scenario(path, pack)
    assert not outcome.failures, "\n".join(failure.render("en") for failure in outcome.failures)


def test_scenarios_cover_the_pack(pack):
    """Every ground reaches every status, every availability and question is used, every step and risk is shown."""
    reached = coverage(pack, [run_scenario(path, pack) for path in FILES])
    assert reached.gaps(pack) == []
