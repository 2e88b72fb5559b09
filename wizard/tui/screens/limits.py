"""The limits: what the program cannot protect against, in full. Reached from the safety screen."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from wizard.tui.screens.base import Localized
from wizard.tui.screens.keys import ENTER, EnterPresses
from wizard.tui.widgets.topbar import TopBar


class LimitsScreen(EnterPresses, Localized, Screen[None]):
    BINDINGS: ClassVar = [ENTER, Binding("escape", "close", show=False)]
    AUTO_FOCUS = "#text"

    def compose(self) -> ComposeResult:
        yield TopBar()
        with VerticalScroll(classes="body", id="text"):
            yield Static(self.tr("app.limits.title"), classes="title", markup=False)
            yield Static(self.tr("app.limits.text"), classes="paragraph", markup=False)
        with Horizontal(classes="buttons"):
            yield Button(self.tr("app.button.close"), id="close", variant="primary")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss()
