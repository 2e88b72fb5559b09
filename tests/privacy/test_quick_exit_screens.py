"""The quick exit from every screen and dialog of a session, with what was typed still in the field.

Pilot, over each kind of screen the app shows (the question screen once per kind of question in the pack, the
focus in its field, and the canary typed into every free-text field of the dialogs and the report), pressing
each of Ctrl+Q and Ctrl+C: the app ends at once with code 0 and nothing to print, the answers are dropped, and
no function that writes a file was called (spies on `output.write_file` and on the save functions above it).
The working folder stays empty. The same keys in a real terminal, with their timing, are in test_quick_exit_terminal.py.
"""

from __future__ import annotations

import pytest
from support.quick_exit import assert_left_nothing, quick_exit
from support.screens import KINDS, PACK, SCREENS, TYPED_KINDS
from textual.widgets import Input
from uipilot import DAY, SIZE

from wizard.tui.app import WizardApp
from wizard.tui.screens.question import QuestionScreen


def test_the_pack_has_every_kind_of_question():
    """The table of screens (tests/support/screens.py) covers every kind of question (free text is typed only in
    the report and save dialogs)."""
    assert {"choice", "yes_no", "number", "date"} == set(KINDS)


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
@pytest.mark.parametrize("where", list(SCREENS))
async def test_quick_exit(where, key, canary, file_writes, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    reach, kind = SCREENS[where]
    app = WizardApp(PACK, "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await reach(pilot, canary.text)
        assert isinstance(app.screen, kind), app.screen
        if where.startswith("question-") and kind is QuestionScreen and app.screen.question.kind in TYPED_KINDS:
            assert isinstance(app.focused, Input) and app.focused.value
        if where.endswith(("save-dialog", "report")):
            assert isinstance(app.focused, Input) and app.focused.value == canary.text
        await quick_exit(pilot, key)
    assert_left_nothing(app, file_writes)
    assert list(tmp_path.iterdir()) == []
