"""The first screen, before any question: the quick-exit key, what it does and cannot do, and what is kept."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Static

from wizard.tui.screens.base import Localized
from wizard.tui.screens.keys import ENTER, EnterPresses
from wizard.tui.widgets.topbar import TopBar


class SafetyScreen(EnterPresses, Localized, Screen[None]):
    BINDINGS: ClassVar = [ENTER, Binding("l", "limits", show=False), Binding("д", "limits", show=False)]
    """L, also where the Russian keyboard layout is on (it gives «д»)."""
    AUTO_FOCUS = "#start"

    class Start(Message):
        """The person has read the safety screen and wants the first question."""

    def compose(self) -> ComposeResult:
        yield TopBar()
        with VerticalScroll(classes="body"):
            yield Static(self.tr("app.safety.title"), classes="title", markup=False)
            for key in ("app.safety.panic", "app.safety.cannot", "app.safety.nothing_kept", "app.safety.limits"):
                yield Static(self.tr(key), classes="paragraph", markup=False)
        with Horizontal(classes="buttons"):
            yield Button(self.tr("app.button.limits"), id="limits")
            yield Static(classes="spacer")
            yield Button(self.tr("app.button.start"), id="start", variant="primary")

    @on(Button.Pressed, "#start")
    def start(self) -> None:
        self.post_message(self.Start())

    @on(Button.Pressed, "#limits")
    def action_limits(self) -> None:
        from wizard.tui.screens.limits import LimitsScreen

        self.app.push_screen(LimitsScreen(), lambda _: self.query_one("#start").focus())
