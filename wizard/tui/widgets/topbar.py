"""The line at the top of every screen: the quick-exit key, always visible and clickable, and the language key."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from wizard.catalogue import t


class KeyLabel(Static):
    """A key's label that runs the key's action when clicked."""

    def __init__(self, text: str, action: str, id: str) -> None:
        super().__init__(text, id=id, markup=False)
        self.action = action

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        await self.app.run_action(self.action)


class TopBar(Horizontal):
    """Quick exit on the left, language on the right; no title, so that a glance at the screen says little."""

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        yield KeyLabel(t("app.panic", lang), "app.panic", id="panic")
        yield KeyLabel(t("app.switch_language", lang), "app.switch_language", id="language")
