"""Enter on a screen with a primary button: when the focused widget does not take Enter, it presses that button."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Button

ENTER = Binding("enter", "primary", show=False)
"""Put in the screen's BINDINGS: a focused button or list takes Enter first; anything else leaves it to the screen."""


class EnterPresses:
    """Mixed into a screen whose BINDINGS hold `ENTER`."""

    def action_primary(self) -> None:
        self.query_one("Button.-primary", Button).press()  # type: ignore[attr-defined]
