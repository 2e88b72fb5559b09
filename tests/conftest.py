"""Shared fixtures: the shipped pack, loaded once."""

from pathlib import Path

import pytest

from wizard.loader import load_pack

pytest_plugins = ["privacy.audit"]
"""No network in any test: an audit hook watches them all (tests/privacy/audit.py)."""

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pack():
    return load_pack(ROOT / "rules")
