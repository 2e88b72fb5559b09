"""Interface strings: every catalogue key is in both languages with the same placeholders, and every key the
app asks for exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import yaml

from wizard.catalogue import CATALOGUE_DIR, LANGUAGES, catalogue
from wizard.pack.values import Kind

WIZARD = Path(__file__).resolve().parents[2] / "wizard"
APP_FILES = [
    WIZARD / "tui" / "app.py",
    WIZARD / "tui" / "hardening.py",
    WIZARD / "cli" / "commands.py",
    *sorted((WIZARD / "tui" / "screens").glob("*.py")),
    *sorted((WIZARD / "tui" / "widgets").glob("*.py")),
]
KEY_USE = re.compile(r"""\b(?:t|tr)\(\s*(f?)"([^"]+)\"""")
CATALOGUE_FILES = sorted(CATALOGUE_DIR.glob("*.yaml"))


def fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("path", CATALOGUE_FILES, ids=[path.name for path in CATALOGUE_FILES])
def test_every_key_in_both_languages(path):
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, texts in entries.items():
        assert isinstance(texts, dict) and set(texts) == set(LANGUAGES), key
        assert all(isinstance(text, str) and text.strip() for text in texts.values()), key
        assert fields(texts["ru"]) == fields(texts["en"]), key


def used_keys() -> list[tuple[str, str, bool]]:
    found = []
    for path in APP_FILES:
        for match in KEY_USE.finditer(path.read_text(encoding="utf-8")):
            found.append((path.name, match.group(2), bool(match.group(1))))
    return found


def test_every_key_the_app_uses_exists():
    keys = catalogue()
    used = used_keys()
    assert len(used) > 40
    for where, key, formatted in used:
        if formatted and "{" in key:
            pattern = re.compile(re.sub(r"\\\{[^}]*\\\}", "[a-z_]+", re.escape(key)) + "$")
            assert any(pattern.match(existing) for existing in keys), (where, key)
        else:
            assert key in keys, (where, key)


def test_an_error_message_for_every_kind_of_question():
    keys = catalogue()
    for kind in Kind.__args__:
        assert f"app.error.{kind}" in keys
