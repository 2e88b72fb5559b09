"""Scenario tests that lawyers write: a situation on a date, and what the pack must conclude from it.

One scenario per file in `rules/scenarios/`:

    name: Mobilized, found unfit by the commission
    date: 2025-03-01
    answers: {respondent: soldier, service_kind: mobilized_no_contract, vvk_category: d}
    expect:
      regime: partial_mobilization
      grounds:
        health_unfit: {status: applies, availability: available, verdict: open}
      verdict: {kind: way_out, next_step: file_report, avoid: leave_unit}
      risks: {include: [awol_special], exclude: [desertion_ordinary]}
      procedure: {include: [vvk_referral]}

`verdict` names the situation verdict's kind and the ids of the chosen `situations`, `next_steps` and `avoid`
cases of `rules/verdicts.yaml`; `find_out` lists exactly the questions to find out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from wizard.catalogue import Msg
from wizard.errors import LocatedError, PackError, clipped
from wizard.pack.answers import BadAnswer, coerce_answer
from wizard.pack.conditions import Id, Model
from wizard.pack.engine import Evaluation, NoRegime, Relevant, Status, evaluate
from wizard.pack.loader import pydantic_message
from wizard.pack.model import Pack
from wizard.pack.values import Availability, SituationKind, VerdictKey
from wizard.pack.verdict import Verdict, decide
from wizard.pack.yamlfile import YamlDoc, parse, read_file

MAX_SCENARIO_BYTES = 1024 * 1024


class Shown(Model):
    include: tuple[Id, ...] = ()
    exclude: tuple[Id, ...] = ()
    certain: tuple[Id, ...] = ()
    """Shown as concerning this situation for certain."""
    prospect: tuple[Id, ...] = ()
    """Risks shown as not yet incurred (a prospect case holds)."""


class ExpectedGround(Model):
    status: Status | None = None
    availability: Availability | None = None
    missing: tuple[Id, ...] | None = None
    """Exactly these questions are reported missing (in any order)."""
    verdict: VerdictKey | None = None
    documents: Shown | None = None
    """Documents the answers make relevant for this ground (included) or not (excluded)."""


class ExpectedVerdict(Model):
    kind: SituationKind | None = None
    situation: Id | None = None
    next_step: Id | None = None
    avoid: Id | None = None
    find_out: tuple[Id, ...] | None = None
    """Exactly these questions are to be found out (in any order)."""


class Expect(Model):
    regime: Id | None = None
    grounds: dict[Id, ExpectedGround] = Field(default_factory=dict)
    procedure: Shown = Shown()
    risks: Shown = Shown()
    ignored: tuple[Id, ...] | None = None
    verdict: ExpectedVerdict | None = None


class Scenario(Model):
    name: str
    date: date
    answers: dict[Id, Any] = Field(default_factory=dict)
    expect: Expect


@dataclass
class Outcome:
    """One scenario run: its file, name, and each failure as a located message."""

    path: str
    name: str
    failures: list[LocatedError]
    evaluation: Evaluation | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    verdict: Verdict | None = None


def scenario_files(folder: Path) -> list[Path]:
    return sorted((folder / "scenarios").glob("*.yaml"))


def load_scenario(path: Path, pack: Pack) -> tuple[Scenario, dict[str, Any], YamlDoc]:
    """A scenario file, its answers checked against the pack; raises `PackError` with every problem located."""
    try:
        doc = parse(str(path), read_file(path, str(path), MAX_SCENARIO_BYTES), MAX_SCENARIO_BYTES)
    except LocatedError as error:
        raise PackError([error]) from None
    if doc.data is None:
        raise PackError([LocatedError(str(path), 1, Msg("file.empty"))])
    try:
        scenario = Scenario.model_validate(doc.data)
    except ValidationError as error:
        raise PackError(
            [LocatedError(str(path), doc.line_at(e["loc"]), pydantic_message(e)) for e in error.errors()]
        ) from None
    problems: list[LocatedError] = []
    answers: dict[str, Any] = {}
    for question_id, value in scenario.answers.items():
        line = doc.line_at(("answers", question_id))
        question = pack.by_id["questions"].get(question_id)
        if question is None:
            problems.append(
                LocatedError(str(path), line, Msg("answers.unknown_question", {"id": clipped(question_id)}))
            )
            continue
        try:
            answers[question_id] = coerce_answer(question, value)
        except BadAnswer as bad:
            problems.append(LocatedError(str(path), line, bad.message))
    known = {"grounds": pack.by_id["grounds"], "procedure": pack.by_id["procedure"], "risks": pack.by_id["risks"]}
    for ground_id in scenario.expect.grounds:
        if ground_id not in known["grounds"]:
            problems.append(
                LocatedError(
                    str(path),
                    doc.line_at(("expect", "grounds", ground_id)),
                    Msg("scenario.unknown_ground", {"id": ground_id}),
                )
            )
    for kind in ("procedure", "risks"):
        shown: Shown = getattr(scenario.expect, kind)
        for which in ("include", "exclude", "certain", "prospect"):
            for index, item_id in enumerate(getattr(shown, which)):
                if item_id not in known[kind]:
                    line = doc.line_at(("expect", kind, which, index))
                    problems.append(
                        LocatedError(str(path), line, Msg("scenario.unknown_item", {"kind": kind, "id": item_id}))
                    )
    problems += _unknown_cases(scenario, pack, doc, path)
    if problems:
        raise PackError(problems)
    return scenario, answers, doc


CASE_SECTIONS = {"situation": "situations", "next_step": "next_steps", "avoid": "avoid"}
"""Expected verdict field → the section of `rules/verdicts.yaml` whose case ids it names."""


def _unknown_cases(scenario: Scenario, pack: Pack, doc: YamlDoc, path: Path) -> list[LocatedError]:
    expected = scenario.expect.verdict
    problems = []
    for field_name, section in CASE_SECTIONS.items():
        case_id = getattr(expected, field_name) if expected else None
        if case_id is not None and case_id not in {case.id for case in getattr(pack, section)}:
            line = doc.line_at(("expect", "verdict", field_name))
            problems.append(
                LocatedError(str(path), line, Msg("scenario.unknown_item", {"kind": section, "id": case_id}))
            )
    return problems


def run_scenario(path: Path, pack: Pack) -> Outcome:
    """Evaluate one scenario file and compare with what it expects."""
    scenario, answers, doc = load_scenario(path, pack)
    try:
        evaluation = evaluate(pack, answers, scenario.date)
    except NoRegime:
        message = Msg("cli.no_regime", {"day": scenario.date.isoformat()})
        return Outcome(str(path), scenario.name, [LocatedError(str(path), doc.line_at(("date",)), message)])
    failures: list[LocatedError] = []

    def fail(loc: tuple, message: Msg) -> None:
        failures.append(LocatedError(str(path), doc.line_at(("expect", *loc)), message))

    expect = scenario.expect
    if expect.regime is not None and expect.regime != evaluation.regime.id:
        fail(
            ("regime",),
            Msg("scenario.mismatch", {"what": "regime", "expected": expect.regime, "actual": evaluation.regime.id}),
        )
    verdict = decide(pack, evaluation)
    _compare_grounds(evaluation, verdict, expect, fail)
    for kind in ("procedure", "risks"):
        _compare_shown(getattr(evaluation, kind), getattr(expect, kind), kind, fail)
    if expect.ignored is not None and set(expect.ignored) != set(evaluation.ignored):
        fail(
            ("ignored",),
            Msg(
                "scenario.mismatch",
                {
                    "what": "ignored",
                    "expected": ", ".join(expect.ignored) or "—",
                    "actual": ", ".join(evaluation.ignored) or "—",
                },
            ),
        )
    if expect.verdict is not None:
        for loc, what, wanted, got in _verdict_mismatches(expect.verdict, verdict):
            fail(loc, Msg("scenario.mismatch", {"what": what, "expected": wanted, "actual": got}))
    return Outcome(str(path), scenario.name, failures, evaluation, answers, verdict)


def _verdict_mismatches(expected: ExpectedVerdict, verdict: Verdict):
    """(location, what, expected, actual) for each part of the verdict that is not as expected."""
    actual = {
        "kind": verdict.kind,
        "situation": verdict.situation.case.id,
        "next_step": verdict.next_step.case.id,
        "avoid": verdict.avoid.case.id,
    }
    for name, got in actual.items():
        wanted = getattr(expected, name)
        if wanted is not None and wanted != got:
            yield ("verdict", name), f"verdict.{name}", wanted, got
    if expected.find_out is not None and set(expected.find_out) != set(verdict.find_out):
        shown = ", ".join(expected.find_out) or "—", ", ".join(verdict.find_out) or "—"
        yield ("verdict", "find_out"), "verdict.find_out", *shown


SHOWN_KINDS = ("procedure", "risks", *CASE_SECTIONS.values())
"""What coverage counts as shown: steps and risks, and the verdict cases chosen."""


def _compare_grounds(
    evaluation: Evaluation, verdict: Verdict, expect: Expect, fail: Callable[[tuple, Msg], None]
) -> None:
    """Each ground the scenario names: its status, availability and verdict, documents and missing answers."""
    results = {result.ground.id: result for result in evaluation.grounds}
    for ground_id, expected in expect.grounds.items():
        result = results[ground_id]
        for attribute in ("status", "availability", "verdict"):
            wanted = getattr(expected, attribute)
            got = verdict.grounds[ground_id].key if attribute == "verdict" else getattr(result, attribute)
            if wanted is not None and wanted != got:
                what = f"{ground_id}.{attribute}"
                detail = f"{got} (missing: {', '.join(result.missing)})" if result.missing else got
                fail(
                    ("grounds", ground_id, attribute),
                    Msg("scenario.mismatch", {"what": what, "expected": wanted, "actual": detail}),
                )
        for which, wanted_in in (("include", True), ("exclude", False)):
            for index, doc_id in enumerate(getattr(expected.documents, which) if expected.documents else ()):
                if (doc_id in result.documents) != wanted_in:
                    key = "scenario.should_include" if wanted_in else "scenario.should_exclude"
                    fail(
                        ("grounds", ground_id, "documents", which, index), Msg(key, {"kind": "documents", "id": doc_id})
                    )
        if expected.missing is not None and set(expected.missing) != set(result.missing):
            actual = ", ".join(result.missing) or "—"
            fail(
                ("grounds", ground_id, "missing"),
                Msg(
                    "scenario.mismatch",
                    {"what": f"{ground_id}.missing", "expected": ", ".join(expected.missing) or "—", "actual": actual},
                ),
            )


def _compare_shown(relevant: tuple[Relevant, ...], shown: Shown, kind: str, fail: Any) -> None:
    """Whether the steps or risks shown are those the scenario lists, and shown as certain or as prospects."""
    by_id = {entry.item.id: entry for entry in relevant}
    for index, item_id in enumerate(shown.include):
        if item_id not in by_id:
            fail((kind, "include", index), Msg("scenario.should_include", {"kind": kind, "id": item_id}))
    for index, item_id in enumerate(shown.exclude):
        if item_id in by_id:
            fail((kind, "exclude", index), Msg("scenario.should_exclude", {"kind": kind, "id": item_id}))
    for which, holds in (("certain", lambda e: e.certain), ("prospect", lambda e: e.prospect is not None)):
        for index, item_id in enumerate(getattr(shown, which)):
            entry = by_id.get(item_id)
            if entry is None or not holds(entry):
                actual = "hidden" if entry is None else _how_shown(entry)
                message = Msg("scenario.mismatch", {"what": f"{kind}.{item_id}", "expected": which, "actual": actual})
                fail((kind, which, index), message)


def _how_shown(entry: Relevant) -> str:
    if entry.prospect is not None:
        return "prospect"
    return "certain" if entry.certain else "may concern"


@dataclass
class Coverage:
    """What a set of scenarios reached: statuses per ground, availability per regime, questions, steps, risks."""

    statuses: dict[str, dict[str, list[str]]]
    availability: dict[str, dict[str, set[str]]]
    questions_used: set[str]
    shown: dict[str, set[str]]
    prospects: set[tuple[str, int]] = field(default_factory=set)
    """(risk id, index of its prospect case) for every prospect case a scenario reached."""
    variants: set[tuple[str, int]] = field(default_factory=set)
    """(step id, index of its text variant) for every variant a scenario reached."""

    def gaps(self, pack: Pack) -> list[str]:
        """Each thing no scenario reached, as "kind:id[:value]"."""
        missing = [
            f"ground:{ground}:{status}"
            for ground, by_status in self.statuses.items()
            for status, names in by_status.items()
            if not names
        ]
        for regime in pack.regimes:
            for ground_id in regime.availability:
                if not self.availability[regime.id][ground_id]:
                    missing.append(f"availability:{regime.id}:{ground_id}")
        missing += [f"question:{q.id}" for q in pack.questions if q.id not in self.questions_used]
        for kind in SHOWN_KINDS:
            missing += [f"{kind}:{item.id}" for item in getattr(pack, kind) if item.id not in self.shown[kind]]
        missing += [
            f"prospect:{risk.id}:{index}"
            for risk in pack.risks
            for index in range(len(risk.prospect))
            if (risk.id, index) not in self.prospects
        ]
        missing += [
            f"variant:{step.id}:{index}"
            for step in pack.procedure
            for index in range(len(step.variants))
            if (step.id, index) not in self.variants
        ]
        return missing


def coverage(pack: Pack, outcomes: list[Outcome]) -> Coverage:
    statuses = {ground.id: {"applies": [], "possible": [], "not_met": []} for ground in pack.grounds}
    availability: dict[str, dict[str, set[str]]] = {
        regime.id: {ground_id: set() for ground_id in regime.availability} for regime in pack.regimes
    }
    used: set[str] = set()
    shown: dict[str, set[str]] = defaultdict(set)
    prospects: set[tuple[str, int]] = set()
    variants: set[tuple[str, int]] = set()
    for outcome in outcomes:
        evaluation = outcome.evaluation
        if evaluation is None:
            continue
        used.update(set(outcome.answers) - set(evaluation.ignored))
        for result in evaluation.grounds:
            statuses[result.ground.id][result.status].append(outcome.name)
            availability[evaluation.regime.id][result.ground.id].add(result.availability)
        for kind in ("procedure", "risks"):
            shown[kind].update(relevant.item.id for relevant in getattr(evaluation, kind))
        prospects.update(
            (relevant.item.id, [case.text for case in relevant.item.prospect].index(relevant.prospect))
            for relevant in evaluation.risks
            if relevant.prospect is not None
        )
        variants.update(
            (relevant.item.id, relevant.item.variants.index(relevant.variant))
            for relevant in evaluation.procedure
            if relevant.variant is not None
        )
        if outcome.verdict is not None:
            for name, section in CASE_SECTIONS.items():
                shown[section].add(getattr(outcome.verdict, name).case.id)
    return Coverage(statuses, availability, used, shown, prospects, variants)
