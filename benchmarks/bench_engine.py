"""Benchmark of the rule pack and engine; prints figures, asserts nothing.

    python benchmarks/bench_engine.py [--runs N]

Figures (median, min–max over N runs, in one process after imports):
  1. the shipped pack: load and validation (files read, parsed, validated, checked); goal ≤ 30 ms
  2. one evaluation of a realistic set of answers, trace included; goal ≤ 1 ms
  3. a synthetic pack of 10 000 grounds: load, and one evaluation of all of them, beside the same
     conditions evaluated bare by json-logic (panzi-json-logic) over the same answers
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml
from json_logic import jsonLogic

from wizard.pack.answers import coerce_answer
from wizard.pack.conditions import Facts
from wizard.pack.engine import evaluate
from wizard.pack.loader import DEFAULT_RULES, load_pack
from wizard.pack.scenarios import Scenario, scenario_files

SYNTHETIC_GROUNDS = 10_000
GROUNDS_PER_FILE = 1_000
SYNTHETIC_QUESTIONS = 20
ON = date(2025, 6, 1)


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds each run of `action` took."""
    figures = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        figures.append((time.perf_counter() - start) * 1000)
    return figures


def show(label: str, figures: list[float], goal: str = "") -> None:
    line = f"{label:<58} {statistics.median(figures):9.3f} ms  ({min(figures):.3f}–{max(figures):.3f})"
    print(f"{line}  {goal}".rstrip())


def realistic_answers(pack) -> dict:
    """The answers of the scenario with the most answers (the longest interview the pack ships)."""
    scenarios = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in scenario_files(DEFAULT_RULES)]
    if not scenarios:
        return {}
    largest = Scenario.model_validate(max(scenarios, key=lambda s: len(s.get("answers", {}))))
    return {qid: coerce_answer(pack.question(qid), value) for qid, value in largest.answers.items()}


def synthetic_pack(folder: Path, rng: random.Random) -> tuple[list[dict], dict]:
    """Write a pack of 10 000 grounds over 20 choice and number questions; return its conditions as json-logic."""
    questions, answers = [], {}
    for index in range(SYNTHETIC_QUESTIONS):
        qid = f"q{index}"
        text = {"ru": f"Вопрос {index}", "en": f"Question {index}"}
        if index % 2:
            questions.append({"id": qid, "topic": "t", "kind": "number", "text": text, "short": text})
            answers[qid] = rng.randint(0, 100)
        else:
            options = [{"key": key, "label": {"ru": key, "en": key}} for key in ("a", "b", "c")]
            questions.append(
                {"id": qid, "topic": "t", "kind": "choice", "text": text, "short": text, "options": options}
            )
            answers[qid] = rng.choice("abc")
    grounds, logic = [], []
    for index in range(SYNTHETIC_GROUNDS):
        leaves, json_leaves = [], []
        for _ in range(rng.randint(2, 3)):
            number = rng.randrange(SYNTHETIC_QUESTIONS)
            qid = f"q{number}"
            if number % 2:
                bound = rng.randint(0, 100)
                leaves.append({"at_least": {qid: bound}})
                json_leaves.append({">=": [{"var": qid}, bound]})
            else:
                keys = rng.sample("abc", 2)
                leaves.append({"in": {qid: keys}})
                json_leaves.append({"in": [{"var": qid}, keys]})
        operator, json_operator = rng.choice((("all", "and"), ("any", "or")))
        text = {"ru": f"Основание {index}", "en": f"Ground {index}"}
        grounds.append(
            {
                "id": f"g{index}",
                "title": text,
                "explanation": text,
                "practice": text,
                "sources": ["s"],
                "conditions": {operator: leaves},
            }
        )
        logic.append({json_operator: json_leaves})
    text = {"ru": "Текст", "en": "Text"}
    meta = {
        "version": "1",
        "checked_on": "2025-01-01",
        "title": text,
        "not_legal_advice": text,
        "sources": ["s"],
        "respondent": {"question": "q0", "person": {"a": "you", "b": "he", "c": "he"}},
    }
    pack = {
        "pack": meta,
        "topics": [{"id": "t", "title": text}],
        "sources": [
            {"id": "s", "title": text, "date": "2020-01-01", "reference": {"act": text}, "reliability": "confirmed"}
        ],
        "regimes": [
            {
                "id": "r",
                "title": text,
                "summary": text,
                "valid_from": "2000-01-01",
                "sources": ["s"],
                "availability": {f"g{i}": "available" for i in range(SYNTHETIC_GROUNDS)},
            }
        ],
        "questions": questions,
        **_verdicts(text),
    }
    (folder / "pack.yaml").write_text(_dump(pack), encoding="utf-8")
    for start in range(0, len(grounds), GROUNDS_PER_FILE):  # each rule file stays under the loader's size limit
        chunk = grounds[start : start + GROUNDS_PER_FILE]
        (folder / f"grounds_{start:05d}.yaml").write_text(_dump({"grounds": chunk}), encoding="utf-8")
    return logic, answers


def _verdicts(text: dict) -> dict:
    """The smallest verdict sections a pack must have: one default case of each."""
    worded = {"you": text, "he": text}
    return {
        "ground_verdicts": [{"key": "depends", "symbol": "?", "text": worded}],
        "situations": [{"id": "none", "verdict": "no_way_out", "title": text, "text": worded}],
        "next_steps": [{"id": "lawyer", "text": worded}],
        "avoid": [{"id": "statements", "text": worded}],
    }


class _Dumper(yaml.CSafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True  # the pack refuses YAML aliases


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs

    pack = load_pack()
    answers = realistic_answers(pack)
    print(f"shipped pack: {len(pack.questions)} questions, {len(pack.grounds)} grounds, {len(answers)} answers")
    show("1. shipped pack: load + validate + check", timed(load_pack, runs), "goal ≤ 30 ms")
    show(
        "2. shipped pack: one evaluation (trace included)",
        timed(lambda: evaluate(pack, answers, ON), runs * 50),
        "goal ≤ 1 ms",
    )

    with tempfile.TemporaryDirectory() as folder:
        logic, synthetic_answers = synthetic_pack(Path(folder), random.Random(1))
        size = sum(path.stat().st_size for path in Path(folder).iterdir()) / 1e6
        print(f"synthetic pack: {SYNTHETIC_GROUNDS} grounds, {size:.1f} MB of YAML")
        big_runs = max(3, runs // 5)
        load_times = timed(lambda: load_pack(folder), big_runs)
        big = load_pack(folder)
    show("3a. synthetic: load + validate + check", load_times)
    facts = Facts(synthetic_answers, {}, "r")
    conditions = timed(lambda: [ground.conditions.evaluate(facts) for ground in big.grounds], big_runs)
    ours = timed(lambda: evaluate(big, synthetic_answers, ON), big_runs)
    bare = timed(lambda: [jsonLogic(rule, synthetic_answers) for rule in logic], big_runs)
    show("3b. synthetic: our conditions alone, trace included", conditions)
    show("3c. synthetic: our whole evaluation (+ availability, steps)", ours)
    show("3d. synthetic: json-logic bare evaluation of the same", bare)
    for label, figures in (("conditions", conditions), ("whole evaluation", ours)):
        ratio = statistics.median(figures) / statistics.median(bare)
        print(f"ours ({label}) / json-logic: {ratio:.2f}  (goal ≤ 1.00)")
    agree = all(
        (result.status == "applies") == bool(jsonLogic(rule, synthetic_answers))
        for result, rule in zip(evaluate(big, synthetic_answers, ON).grounds, logic, strict=True)
    )
    print(f"both agree on every ground: {agree}")


if __name__ == "__main__":
    main()
