"""Fixtures of the app's tests: no NO_COLOR (it changes every snapshot), and the packs the sessions walk."""

import os

import pytest

os.environ.pop("NO_COLOR", None)


@pytest.fixture
def saves(monkeypatch):
    """Every call of the save function, recorded; the file is never written."""
    from wizard.outputs import files as output

    calls = []
    monkeypatch.setattr(output, "save_summary", lambda summary, path, **options: calls.append(path))
    return calls
