"""Nothing reaches beyond the terminal: no clipboard (OSC 52), no command palette (its "Screenshot" saves the
screen to Downloads), no bell.

Pilot, with everything the app's driver writes recorded. The copy and cut keys a text field binds (Ctrl+C is
the quick exit, so Super+C and Ctrl+X) are pressed on selected text, and every copy action Textual has is
called; the command palette key is pressed. Each check has its positive control: with Textual's own
`copy_to_clipboard`, `bell` and palette, the same presses are seen.
"""

from __future__ import annotations

import pytest
from harness import terminal_findings
from textual.app import App
from textual.command import CommandPalette
from textual.widgets import Input
from uipilot import DAY, PACKS, SIZE, click_to, pack_at, start, walk

from wizard.tui.app import WizardApp
from wizard.tui.screens.report import FIELDS, ReportScreen
from wizard.tui.screens.result import ResultScreen

PACK = pack_at(PACKS["test_pack"])


async def at_a_text_field(pilot, canary) -> tuple[Input, list[str]]:
    """A free-text field (the report's first), the canary typed and selected; and what the driver writes."""
    app = pilot.app
    written: list[str] = []
    app._driver.write = written.append
    await start(pilot)
    await walk(pilot, {})
    await click_to(pilot, "#result", ResultScreen)
    await click_to(pilot, "#report", ReportScreen)
    field = app.screen.query_one(f"#{FIELDS[0]}", Input)
    field.focus()
    field.value = canary.text
    await pilot.press("shift+home")
    assert field.selected_text == canary.text
    return field, written


async def copy_everything(pilot, field: Input) -> None:
    app = pilot.app
    await pilot.press("super+c")
    field.action_copy()
    await app.run_action("screen.copy_text")  # a selection made with the mouse
    await pilot.press("ctrl+x")
    await pilot.pause()


def leaks(written: list[str], canary) -> dict[str, object]:
    data = "".join(written).encode()
    found = {name: seen for name, seen in terminal_findings(data).items() if seen}
    if canary.found_in(data):
        found["canary"] = canary.found_in(data)
    return found


async def test_no_clipboard(canary):
    app = WizardApp(PACK, "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        field, written = await at_a_text_field(pilot, canary)
        await copy_everything(pilot, field)
        app.copy_to_clipboard(canary.text)
        assert field.value == ""  # the cut did cut: the keys reached the field
        assert app.clipboard == ""
    assert leaks(written, canary) == {}


async def test_positive_control_textual_copies_to_the_clipboard(canary, monkeypatch):
    monkeypatch.setattr(WizardApp, "copy_to_clipboard", App.copy_to_clipboard)
    app = WizardApp(PACK, "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        field, written = await at_a_text_field(pilot, canary)
        await copy_everything(pilot, field)
    found = leaks(written, canary)
    assert found["clipboard"] and found["canary"]


@pytest.mark.parametrize("textual", [False, True], ids=["app", "positive control: Textual's bell"])
async def test_no_bell(textual, monkeypatch):
    if textual:
        monkeypatch.setattr(WizardApp, "bell", App.bell)
    app = WizardApp(PACK, "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        written: list[str] = []
        app._driver.write = written.append
        monkeypatch.setattr(WizardApp, "is_headless", property(lambda self: False))  # Textual rings only then
        app.bell()
        await pilot.pause()
    assert terminal_findings("".join(written).encode())["bell"] is textual


@pytest.mark.parametrize("enabled", [False, True], ids=["app", "positive control: palette enabled"])
async def test_no_command_palette(enabled, monkeypatch, canary):
    if enabled:
        monkeypatch.setattr(WizardApp, "ENABLE_COMMAND_PALETTE", True)
    app = WizardApp(PACK, "ru", on=DAY)
    async with app.run_test(size=SIZE) as pilot:
        await at_a_text_field(pilot, canary)
        await pilot.press("ctrl+p")
        await pilot.pause()
        opened = any(isinstance(screen, CommandPalette) for screen in app.screen_stack)
    assert opened is enabled
