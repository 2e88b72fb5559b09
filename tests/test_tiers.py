"""The test tiers are given by folder and file name (tests/conftest.py), so that nobody has to remember a marker."""

from support.tiers import PTY_FILES, TESTS, tiers


def test_every_pty_file_exists():
    """A pty file renamed or moved would silently join the fast tier."""
    files = {path.name for path in TESTS.rglob("test_*.py")}
    assert PTY_FILES - files == set()


def test_tiers_by_folder_and_file():
    assert tiers(TESTS / "test_engine.py") == {"unit"}
    assert tiers(TESTS / "test_smoke.py") == {"pty", "slow"}
    assert tiers(TESTS / "ui" / "test_snapshots.py") == {"pilot", "slow"}
    assert tiers(TESTS / "ui" / "test_terminal.py") == {"pilot", "pty", "slow"}
    assert tiers(TESTS / "privacy" / "test_docs.py") == {"privacy", "slow"}
