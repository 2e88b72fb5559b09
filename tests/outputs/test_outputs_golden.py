"""Golden files of every take-away output, made through the command line from the shipped rule pack.

Four situations (tests/outputs/golden/answers/): one ground applies; two grounds are possible with their documents
still to gather; nothing applies; health is within reach (the report asks for the ВВК referral). Each in Russian
and English, on a fixed day and session date: the summary as text, Markdown, HTML and JSON, and the drafted
report as text, Markdown, HTML and the text of its DOCX.

The rule pack changes; when it does, regenerate the goldens and read the diff before committing it:

    UPDATE_GOLDEN=1 python -m pytest -q tests/outputs/test_outputs_golden.py
"""

from __future__ import annotations

import difflib
import os
from datetime import date
from pathlib import Path

import pytest

from wizard.cli import commands, main
from wizard.outputs.report import docx_text

GOLDEN = Path(__file__).resolve().parent / "golden"
SITUATIONS = ("one_applies", "two_possible", "nothing", "health_within_reach")
LANGS = ("ru", "en")
ON = "2026-03-01"
SESSION_DAY = date(2026, 3, 2)
OUTPUTS = (
    ("evaluate", "text", "summary.{lang}.txt"),
    ("evaluate", "markdown", "summary.{lang}.md"),
    ("evaluate", "html", "summary.{lang}.html"),
    ("evaluate", "json", "summary.{lang}.json"),
    ("report", "text", "report.{lang}.txt"),
    ("report", "markdown", "report.{lang}.md"),
    ("report", "html", "report.{lang}.html"),
    ("report", "docx", "report.{lang}.docx.txt"),
)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def produce(command: str, fmt: str, situation: str, lang: str, folder: Path, monkeypatch) -> str:
    """Run `wizard COMMAND ANSWERS --format FMT --lang LANG --on ON --output FILE` and read what it wrote."""
    monkeypatch.setattr(commands, "today", lambda: SESSION_DAY)
    answers = GOLDEN / "answers" / f"{situation}.yaml"
    out = folder / f"{command}.{fmt}"
    argv = [command, str(answers), "--format", fmt, "--lang", lang, "--on", ON, "--output", str(out)]
    assert main(argv) == 0
    if fmt == "docx":
        return docx_text(out.read_bytes())
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize(("command", "fmt", "name"), OUTPUTS, ids=[name.format(lang="") for *_, name in OUTPUTS])
def test_output_matches_its_golden_file(command, fmt, name, situation, lang, tmp_path, monkeypatch):
    got = produce(command, fmt, situation, lang, tmp_path, monkeypatch)
    golden = GOLDEN / situation / name.format(lang=lang)
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
        return
    if not golden.exists():
        pytest.fail(f"{golden} is missing: run UPDATE_GOLDEN=1 python -m pytest -q {Path(__file__).name}")
    want = golden.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(
            list(difflib.unified_diff(want.splitlines(True), got.splitlines(True), str(golden), "now", n=1))[:60]
        )
        pytest.fail(
            f"{golden.relative_to(GOLDEN.parent)} differs from the output now. If the rule pack or a template "
            f"changed on purpose, regenerate the goldens (UPDATE_GOLDEN=1 python -m pytest -q "
            f"tests/outputs/{Path(__file__).name}) and read the diff before committing.\n{diff}",
            pytrace=False,
        )


def test_every_golden_file_is_produced_by_a_test():
    """No stale golden lingers after a situation or a format is removed."""
    expected = {
        (situation, name.format(lang=lang)) for situation in SITUATIONS for lang in LANGS for *_, name in OUTPUTS
    }
    present = {(path.parent.name, path.name) for path in GOLDEN.glob("*/*") if path.parent.name != "answers"}
    assert present <= expected
