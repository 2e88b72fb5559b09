"""Shown over everything while the terminal is smaller than the app needs; gone when it is large enough."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from wizard.tui.screens.base import Localized


class TooSmallScreen(Localized, ModalScreen[None]):
    def compose(self) -> ComposeResult:
        width, height = self.app.MIN_SIZE
        cols, rows = self.app.size
        yield Static(
            self.tr("app.too_small", width=width, height=height, cols=cols, rows=rows), id="too-small", markup=False
        )

    async def update_size(self) -> None:
        await self.recompose()
