"""Helpers shared by the core tests: the fixture pack, its broken variants (the corpus), running the CLI."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from wizard.cli import main

TESTS = Path(__file__).resolve().parent.parent
FIXTURE = TESTS / "fixtures" / "pack"
BROKEN_PACKS = TESTS / "broken" / "pack"
BROKEN_ANSWERS = TESTS / "broken" / "answers"
CANARIES = ("КАНАРЕЙКА-7f3a", "7f3a", "987654")
"""Distinctive bad answers planted in the broken answers files: no message may repeat them."""


@dataclass(frozen=True)
class Expected:
    """One expected problem: `file:line: fragment`, the fragment being part of the English message."""

    file: str
    line: int
    fragment: str

    def matches(self, path: str, line: int, message: str) -> bool:
        return Path(path).name == self.file and line == self.line and self.fragment in message


def read_expect(case: Path) -> list[Expected]:
    """The problems a corpus case must produce, in order: the non-comment lines of its `expect.txt`."""
    expected = []
    for text in (case / "expect.txt").read_text(encoding="utf-8").splitlines():
        if text.strip() and not text.startswith("#"):
            where, fragment = text.split(": ", 1)
            file, line = where.rsplit(":", 1)
            expected.append(Expected(file, int(line), fragment))
    return expected


def copy_fixture(target: Path) -> Path:
    """A fresh copy of the fixture pack in `target`."""
    shutil.copytree(FIXTURE, target)
    return target


def build_case(case: Path, target: Path) -> Path:
    """The fixture pack in `target` with the files of corpus case `case` laid over it and its `edits.yaml` applied.

    Every file of the case but `expect.txt` and `edits.yaml` is added, or replaces the fixture file of that name.
    `edits.yaml` maps a fixture file name to a list of {old, new} replacements; each `old` must occur exactly once.
    """
    copy_fixture(target)
    for path in sorted(case.iterdir()):
        if path.name not in ("expect.txt", "edits.yaml"):
            shutil.copyfile(path, target / path.name)
    edits = case / "edits.yaml"
    if edits.exists():
        for name, changes in yaml.safe_load(edits.read_text(encoding="utf-8")).items():
            text = (target / name).read_text(encoding="utf-8")
            for change in changes:
                assert text.count(change["old"]) == 1, f"{case.name}: {change['old']!r} must occur once in {name}"
                text = text.replace(change["old"], change["new"])
            (target / name).write_text(text, encoding="utf-8")
    return target


def cases(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.is_dir())


def fixture_data() -> dict[str, Any]:
    """The fixture pack as one plain mapping of sections, as the loader merges it (for model and check tests)."""
    merged: dict[str, Any] = {}
    for path in sorted(FIXTURE.glob("*.yaml")):
        for section, value in yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader).items():
            if section == "pack":
                merged["pack"] = value
            else:
                merged.setdefault(section, []).extend(value)
    return merged


def item(data: dict[str, Any], section: str, item_id: str) -> dict[str, Any]:
    """The item `item_id` of `section` in plain pack data, to be changed in place."""
    return next(entry for entry in data[section] if entry["id"] == item_id)


def run_cli(argv: list[str], capsys: Any) -> tuple[int, str, str]:
    """Run `wizard ARGV` in this process: (exit code, stdout, stderr). Usage errors exit through SystemExit."""
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err
