"""The engine's indexes and fast paths change nothing: every scenario, every prefix of its answers, and the
benchmark's synthetic pack give what the plain reference (tests/support/reference_engine.py) gives."""

from __future__ import annotations

import gc
import pickle
import random
import sys
from datetime import date
from pathlib import Path

import pytest
from support.reference_engine import reference

from wizard.pack.engine import NoRegime, evaluate
from wizard.pack.loader import DEFAULT_RULES, load_pack
from wizard.pack.scenarios import load_scenario, scenario_files

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import bench_engine

SCENARIOS = scenario_files(DEFAULT_RULES)


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def same(pack, answers, on) -> None:
    result = evaluate(pack, answers, on)
    assert (result.grounds, result.procedure, result.risks) == reference(pack, answers, on)


@pytest.mark.parametrize("path", SCENARIOS, ids=[path.stem for path in SCENARIOS])
def test_every_prefix_of_every_scenario(pack, path) -> None:
    scenario, answers, _ = load_scenario(path, pack)
    items = list(answers.items())
    for end in range(len(items) + 1):
        same(pack, dict(items[:end]), scenario.date)


def test_the_scenarios_reach_steps_risks_and_grounds_within_reach(pack) -> None:
    results = [evaluate(pack, load_scenario(path, pack)[1], load_scenario(path, pack)[0].date) for path in SCENARIOS]
    assert any(result.procedure for result in results)
    assert any(result.risks for result in results)
    assert any(ground.reach is not None for result in results for ground in result.grounds)


@pytest.mark.parametrize("share", [1.0, 0.5])
def test_the_synthetic_pack(tmp_path, share) -> None:
    _, answers = bench_engine.synthetic_pack(tmp_path, random.Random(3), grounds_count=2_000, questions_count=40)
    big = load_pack(tmp_path)
    given = dict(random.Random(4).sample(sorted(answers.items()), int(len(answers) * share)))
    same(big, given, bench_engine.ON)
    grounds = evaluate(big, given, bench_engine.ON).grounds
    assert {"applies", "not_met"} <= {result.status for result in grounds}
    assert share == 1 or any(len(result.missing) > 1 for result in grounds)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_set_back_as_it_was(pack, enabled) -> None:
    before = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        evaluate(pack, {}, date(2025, 6, 1))
        assert gc.isenabled() is enabled
        with pytest.raises(NoRegime):
            evaluate(pack, {}, date(1900, 1, 1))
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if before else gc.disable)()


def test_the_collector_is_off_during_an_evaluation(pack, monkeypatch) -> None:
    seen = []
    original = type(pack.grounds[0].conditions).evaluate
    monkeypatch.setattr(
        type(pack.grounds[0].conditions),
        "evaluate",
        lambda self, facts: seen.append(gc.isenabled()) or original(self, facts),
    )
    evaluate(pack, {}, date(2025, 6, 1))
    assert seen and not any(seen)


@pytest.mark.parametrize("filled", [True, False])
def test_the_indexes_survive_a_pickle(pack, filled) -> None:
    path = SCENARIOS[0]
    scenario, answers, _ = load_scenario(path, pack)
    before = evaluate(pack, answers, scenario.date)
    copy = load_pack()
    if filled:  # the cached indexes travel with the pack; otherwise they are rebuilt on the copy
        evaluate(copy, answers, scenario.date)
    copy = pickle.loads(pickle.dumps(copy))
    after = evaluate(copy, answers, scenario.date)
    assert (after.grounds, after.procedure, after.risks) == (before.grounds, before.procedure, before.risks)
