"""Shared fixtures: the shipped pack, loaded once."""

from pathlib import Path

import pytest

from wizard.loader import load_pack

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pack():
    return load_pack(ROOT / "rules")
