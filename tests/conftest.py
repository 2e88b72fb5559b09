"""Shared fixtures (the shipped pack, loaded once) and the test tiers, marked by folder and file
(`support/tiers.py`)."""

from pathlib import Path

import pytest
from support.tiers import tiers

from wizard.pack.loader import load_pack

pytest_plugins = ["privacy.audit"]
"""No network in any test: an audit hook watches them all (tests/privacy/audit.py)."""

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for name in tiers(Path(item.path)):
            item.add_marker(name)


@pytest.fixture(scope="session")
def pack():
    return load_pack(ROOT / "rules")
