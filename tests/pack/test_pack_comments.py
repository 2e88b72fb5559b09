"""A plain YAML text with " #" in it loses the rest of the line as a comment: no text of the pack may be cut so."""

import re
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[2] / "rules"
CUT_TEXT = re.compile(r"^\s*(?:-\s+)?(?:ru|en):\s+[^\s\"'>|#\[{].*\s#")


@pytest.mark.parametrize("path", sorted(RULES.rglob("*.yaml")), ids=lambda path: path.name)
def test_no_text_is_cut_by_a_comment(path: Path) -> None:
    lines = enumerate(path.read_text().splitlines(), 1)
    cut = [f"{path.name}:{number}" for number, line in lines if CUT_TEXT.match(line)]
    assert cut == []


def test_the_detector_finds_a_cut_text() -> None:
    assert CUT_TEXT.match("      ru: Текст (research #10).")
    assert not CUT_TEXT.match('      ru: "Текст (research #10)."')
    assert not CUT_TEXT.match("  - id: x  # a comment after an id")
