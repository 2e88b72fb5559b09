"""Fixtures of the leak tests: a fresh canary, a sandbox, and spies on every way a file could be saved.

The app tests' helpers (tests/ui/uipilot.py) drive the Pilot tests here too, so that both walk the screens
the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[1] / "ui"
if str(UI) not in sys.path:
    sys.path.insert(0, str(UI))

from canary import Canary  # noqa: E402
from harness import Sandbox  # noqa: E402


@pytest.fixture
def canary() -> Canary:
    return Canary.fresh()


@pytest.fixture
def sandbox(tmp_path) -> Sandbox:
    return Sandbox(tmp_path / "sandbox")


@pytest.fixture
def file_writes(monkeypatch) -> list[str]:
    """Every call of the functions that write a take-away file, recorded; nothing is written."""
    from wizard.outputs import files as output

    calls: list[str] = []
    for name in ("write_file", "save_summary", "save_report"):
        if hasattr(output, name):
            monkeypatch.setattr(output, name, lambda *args, name=name, **options: calls.append(name))
    return calls
