"""The test tiers, given by folder and file name so that nobody has to remember a marker.

- unit: pure tests of the pack, the engine, the outputs and the command line in process (`-m "not slow"`);
- pilot: the Textual app driven headless (`tests/ui/`);
- privacy: the leak tests (`tests/privacy/`);
- pty: the real program in a pseudo-terminal or a subprocess (wherever it is).
Every tier but unit is also marked slow."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
FOLDER_TIERS = {"ui": "pilot", "privacy": "privacy"}
PTY_FILES = {
    "test_core_dumps.py",
    "test_hostile_corpus.py",
    "test_leak_controls.py",
    "test_leak_sessions.py",
    "test_outputs_print.py",
    "test_quick_exit_terminal.py",
    "test_smoke.py",
    "test_terminal.py",
    "test_terminal_lifecycle.py",
}
"""Files that run the real program in a pseudo-terminal, a subprocess per case or a browser."""


def tiers(path: Path) -> set[str]:
    """The tier markers of a test file, from its folder and name."""
    folder = path.relative_to(TESTS).parts[0] if path.parent != TESTS else None
    found = {FOLDER_TIERS[folder]} if folder in FOLDER_TIERS else set()
    if path.name in PTY_FILES:
        found.add("pty")
    return found | {"slow"} if found else {"unit"}
