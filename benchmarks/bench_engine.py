"""Benchmark of the engine; prints figures, asserts nothing.

    python benchmarks/bench_engine.py [--rounds N]

Every case runs after warm-up runs, interleaved round by round with the case it is compared to (benchmarks/timing.py);
figures are min / median. The collector is as the engine sets it: off during each `evaluate`, on otherwise (json-logic
runs with it on).
  1. the shipped pack: one evaluation of a realistic set of answers, trace included; goal ≤ 1 ms
  2. a synthetic pack of 10 000 grounds over 20 questions: our conditions alone and our whole evaluation, beside the
     same conditions evaluated bare by json-logic (panzi-json-logic) over the same answers; goal ≤ 0.9 ×
  3. a synthetic pack of 2 000 questions and 1 000 grounds: no answers given against all answered; goal ≤ 2 ×
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

import yaml
from json_logic import jsonLogic

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: timing.py sits beside it

import timing

from wizard.pack.answers import coerce_answer
from wizard.pack.conditions import Facts
from wizard.pack.engine import evaluate
from wizard.pack.loader import DEFAULT_RULES, load_pack
from wizard.pack.scenarios import Scenario, scenario_files

SYNTHETIC_GROUNDS = 10_000
SYNTHETIC_QUESTIONS = 20
WIDE_GROUNDS = 1_000
WIDE_QUESTIONS = 2_000
GROUNDS_PER_FILE = 1_000
ON = date(2025, 6, 1)


def realistic_answers(pack) -> dict:
    """The answers of the scenario with the most answers (the longest interview the pack ships)."""
    scenarios = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in scenario_files(DEFAULT_RULES)]
    if not scenarios:
        return {}
    largest = Scenario.model_validate(max(scenarios, key=lambda s: len(s.get("answers", {}))))
    return {qid: coerce_answer(pack.question(qid), value) for qid, value in largest.answers.items()}


def synthetic_pack(
    folder: Path, rng: random.Random, grounds_count: int = SYNTHETIC_GROUNDS, questions_count: int = SYNTHETIC_QUESTIONS
) -> tuple[list[dict], dict]:
    """Write a pack of grounds over choice and number questions; return its conditions as json-logic, and an
    answer to every question."""
    questions, answers = [], {}
    for index in range(questions_count):
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
    for index in range(grounds_count):
        leaves, json_leaves = [], []
        for _ in range(rng.randint(2, 3)):
            number = rng.randrange(questions_count)
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
                "availability": {f"g{i}": "available" for i in range(grounds_count)},
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


def shipped_figure(rounds: int) -> None:
    pack = load_pack()
    answers = realistic_answers(pack)
    print(f"shipped pack: {len(pack.questions)} questions, {len(pack.grounds)} grounds, {len(answers)} answers")
    figures = timing.interleaved({"one": lambda: evaluate(pack, answers, ON)}, rounds * 50)["one"]
    print(timing.line("1. shipped pack: one evaluation (trace included)", figures), " goal ≤ 1 ms")


def json_logic_figure(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        logic, answers = synthetic_pack(Path(folder), random.Random(1))
        size = max(path.stat().st_size for path in Path(folder).iterdir()) / 1e6
        big = load_pack(folder)
    print(f"synthetic pack: {SYNTHETIC_GROUNDS} grounds, {SYNTHETIC_QUESTIONS} questions, largest file {size:.2f} MB")
    facts = Facts(answers, {}, "r")
    figures = timing.interleaved(
        {
            "conditions": lambda: [ground.conditions.evaluate(facts) for ground in big.grounds],
            "whole": lambda: evaluate(big, answers, ON),
            "json-logic": lambda: [jsonLogic(rule, answers) for rule in logic],
        },
        rounds,
    )
    print(timing.line("2a. synthetic: our conditions alone (trace, gc on)", figures["conditions"]))
    print(timing.line("2b. synthetic: our whole evaluation (gc off inside)", figures["whole"]))
    print(timing.line("2c. synthetic: json-logic bare evaluation (gc on)", figures["json-logic"]))
    print(timing.goal("conditions alone / json-logic", timing.ratio(figures["conditions"], figures["json-logic"]), 1))
    print(timing.goal("whole evaluation / json-logic", timing.ratio(figures["whole"], figures["json-logic"]), 0.9))
    agree = all(
        (result.status == "applies") == bool(jsonLogic(rule, answers))
        for result, rule in zip(evaluate(big, answers, ON).grounds, logic, strict=True)
    )
    print(f"both agree on every ground: {agree}")


def linearity_figure(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _, answers = synthetic_pack(Path(folder), random.Random(2), WIDE_GROUNDS, WIDE_QUESTIONS)
        size = max(path.stat().st_size for path in Path(folder).iterdir()) / 1e6
        wide = load_pack(folder)
    print(f"wide pack: {WIDE_GROUNDS} grounds, {WIDE_QUESTIONS} questions, largest file {size:.2f} MB")
    figures = timing.interleaved(
        {"none": lambda: evaluate(wide, {}, ON), "all": lambda: evaluate(wide, answers, ON)}, rounds
    )
    print(timing.line("3a. wide: no answers given", figures["none"]))
    print(timing.line("3b. wide: every question answered", figures["all"]))
    print(timing.goal("no answers / all answered (2 000 questions)", timing.ratio(figures["none"], figures["all"]), 2))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args(argv).rounds
    print("gc: off inside each evaluate (the engine's policy), on elsewhere and for json-logic")
    shipped_figure(rounds)
    json_logic_figure(rounds)
    linearity_figure(rounds)


if __name__ == "__main__":
    main()
