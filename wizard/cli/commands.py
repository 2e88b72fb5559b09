"""What each command of the command line does; `cli` parses the arguments and reports errors."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from wizard.catalogue import Msg, t
from wizard.errors import LocatedError, PackError, WizardError
from wizard.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from wizard.outputs.content import load_outputs, outputs_for
from wizard.outputs.files import shown_path, write_file
from wizard.outputs.summary import summary, summary_json
from wizard.pack.answers import MAX_ANSWERS_BYTES, read_answers
from wizard.pack.engine import NoRegime
from wizard.pack.engine import evaluate as evaluate_answers
from wizard.pack.loader import DEFAULT_RULES, load_pack
from wizard.pack.yamlfile import read_file, read_limited


def today() -> date:
    """The day of the session (tests fix it)."""
    return date.today()


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _summary(rules: Path | None, answers_path: str, on: date | None, lang: str) -> dict:
    """The summary of the answers in `answers_path` (or standard input for "-"), read and checked."""
    pack = load_pack(rules)
    outputs = outputs_for(pack, rules)
    if answers_path == "-":
        shown = "<stdin>"
        if sys.stdin is None:
            raise LocatedError(shown, 1, Msg("file.closed"))
        try:
            raw = read_limited(sys.stdin.buffer, shown, MAX_ANSWERS_BYTES)
        except OSError:
            raise LocatedError(shown, 1, Msg("file.unreadable")) from None
    else:
        shown = shown_path(answers_path)
        raw = read_file(Path(answers_path), shown, MAX_ANSWERS_BYTES)
    answers = read_answers(shown, raw, pack)
    day = on or today()
    try:
        evaluation = evaluate_answers(pack, answers, day)
    except NoRegime:
        raise WizardError(Msg("cli.no_regime", {"day": day.isoformat()})) from None
    return summary(pack, evaluation, lang, answers=answers, today=today(), outputs=outputs)


def _emit(data: str | bytes, output: str | None, force: bool) -> int:
    """Write the finished rendering to `output` (atomically, mode 0600) or to standard output."""
    if output is None:
        sys.stdout.write(data)
    else:
        write_file(output, data, force=force)
    return EXIT_OK


def evaluate(
    rules: Path | None,
    answers_path: str,
    on: date | None,
    lang: str,
    fmt: str,
    output: str | None = None,
    force: bool = False,
) -> int:
    result = _summary(rules, answers_path, on, lang)
    if fmt == "json":
        return _emit(summary_json(result), output, force)
    from wizard.outputs.render import render_summary  # Jinja2 only for the formats made from templates

    return _emit(render_summary(result, fmt, load_outputs(rules)), output, force)


def report(
    rules: Path | None,
    answers_path: str,
    on: date | None,
    lang: str,
    fmt: str,
    output: str | None = None,
    force: bool = False,
    ground: str | None = None,
) -> int:
    """Draft the report (рапорт) on `ground` (default: the strongest). The addressee, rank, name, unit and
    date stay placeholders: the command line takes no personal details (the shell keeps its arguments)."""
    from wizard.outputs.render import render_report
    from wizard.outputs.report import docx_bytes, draft

    if fmt == "docx" and output is None:
        raise WizardError(Msg("out.docx_needs_output"))
    outputs = load_outputs(rules)
    drafted = draft(_summary(rules, answers_path, on, lang), outputs=outputs, ground=ground)
    data = docx_bytes(drafted) if fmt == "docx" else render_report(drafted, fmt, outputs)
    return _emit(data, output, force)


def questions(rules: Path | None, lang: str, fmt: str) -> int:
    from wizard.outputs.text import questionnaire, questions_text

    listing = questionnaire(load_pack(rules), lang)
    if fmt == "json":
        print_json(listing)
    else:
        sys.stdout.write(questions_text(listing, lang))
    return EXIT_OK


def schema() -> int:
    from wizard.pack.model import Pack

    file_schema = Pack.model_json_schema(by_alias=True)
    file_schema.pop("required", None)  # one file may hold any subset of the sections
    file_schema["title"] = "Rule file"
    print_json(file_schema)
    return EXIT_OK


def check(folder: Path | None, lang: str) -> int:
    folder = folder or DEFAULT_RULES
    pack = load_pack(folder)
    counts = {section: len(getattr(pack, section)) for section in ("questions", "grounds", "sources", "regimes")}
    print(t("cli.check_ok", lang, path=str(folder), **counts))
    return EXIT_OK


def test(folder: Path | None, lang: str) -> int:
    from wizard.pack.scenarios import run_scenario, scenario_files

    folder = folder or DEFAULT_RULES
    pack = load_pack(folder)
    files = scenario_files(folder)
    if not files:
        raise WizardError(Msg("cli.no_scenarios", {"path": str(folder / "scenarios")}))
    outcomes, broken = [], []
    for path in files:
        try:
            outcome = run_scenario(path, pack)
        except PackError as error:
            broken.append(error)
            print(f"{t('scenario.failed', lang)}  {path}")
            print(error.render(lang))
            continue
        outcomes.append(outcome)
        verdict = t("scenario.failed" if outcome.failures else "scenario.passed", lang)
        print(f"{verdict}  {path}: {outcome.name}")
        for failure in outcome.failures:
            print(f"    {failure.render(lang)}")
    _print_coverage(pack, outcomes, lang)
    failed = len(broken) + sum(1 for outcome in outcomes if outcome.failures)
    print(t("scenario.summary", lang, total=len(files), passed=len(files) - failed, failed=failed))
    if broken:
        return EXIT_USAGE
    return EXIT_FAILED if failed else EXIT_OK


def _print_coverage(pack, outcomes, lang: str) -> None:
    from wizard.pack.scenarios import SHOWN_KINDS, coverage

    reached = coverage(pack, outcomes)
    never = t("scenario.never", lang)
    print(f"\n{t('scenario.coverage', lang)}: {t('scenario.coverage_grounds', lang)}")
    for ground_id, by_status in reached.statuses.items():
        cells = ", ".join(f"{status} {len(names) or never}" for status, names in by_status.items())
        print(f"  {ground_id}: {cells}")
    print(t("scenario.coverage_availability", lang))
    for regime_id, grounds in reached.availability.items():
        for ground_id, values in grounds.items():
            print(f"  {regime_id} / {ground_id}: {', '.join(sorted(values)) or never}")
    total = len(pack.questions)
    print(t("scenario.coverage_questions", lang, used=len(reached.questions_used), total=total))
    unused = [q.id for q in pack.questions if q.id not in reached.questions_used]
    if unused:
        print("  " + t("scenario.coverage_unused", lang, ids=", ".join(unused)))
    for kind in SHOWN_KINDS:
        items = getattr(pack, kind)
        print(t("scenario.coverage_items", lang, kind=kind, shown=len(reached.shown[kind]), total=len(items)))
        hidden = [item.id for item in items if item.id not in reached.shown[kind]]
        if hidden:
            print("  " + t("scenario.coverage_unused", lang, ids=", ".join(hidden)))
    for key, items, field, seen in (
        ("scenario.coverage_prospects", pack.risks, "prospect", reached.prospects),
        ("scenario.coverage_variants", pack.procedure, "variants", reached.variants),
    ):
        cases = [(item.id, index) for item in items for index in range(len(getattr(item, field)))]
        print(t(key, lang, reached=len(seen), total=len(cases)))
        unreached = [f"{item_id}:{index}" for item_id, index in cases if (item_id, index) not in seen]
        if unreached:
            print("  " + t("scenario.coverage_unused", lang, ids=", ".join(unreached)))
    print()
