"""What every screen of the app shares: texts in the app's current language, redrawing when it changes, and
a focus that always rests on a widget of the screen.

Keys go to the focused widget and up through its parents to the app. A screen whose focused widget has been
removed (recomposed away while a dialog was open over it) would send every key to a widget outside the app,
the quick exit included; so after any recomposition and whenever the screen comes back on top, the focus is
put back on a widget that is there."""

from __future__ import annotations

from typing import Any

from textual import events

from wizard.catalogue import t


class Localized:
    """Mixed into every screen: `tr()` reads the catalogue in the app's language; `relabel()` redraws."""

    def tr(self, key: str, **params: Any) -> str:
        return t(key, self.app.lang, **params)  # type: ignore[attr-defined]

    def keep_draft(self) -> None:
        """Called before the screen is redrawn in another language: keep what was typed but not yet sent."""

    async def relabel(self) -> None:
        """Compose the screen again in the new language, with the focus where it was."""
        self.keep_draft()
        await self.recompose()

    async def recompose(self) -> None:
        """Compose the screen again; the focus goes back to the widget of the same id, or to the screen's
        first choice."""
        focused = self.focused  # type: ignore[attr-defined]
        focused_id = focused.id if focused is not None else None
        await super().recompose()  # type: ignore[misc]
        found = self.query(f"#{focused_id}") if focused_id is not None else ()  # type: ignore[attr-defined]
        if found:
            self.set_focus(found.first())  # type: ignore[attr-defined]
        self.refocus()  # no widget of that id, or one that takes no focus now

    def refocus(self) -> None:
        """If the focus is on no widget of this screen, put it on the `AUTO_FOCUS` widget or the first one that
        takes the focus (none: the screen itself gets the keys, and the app after it)."""
        focused = self.focused  # type: ignore[attr-defined]
        if focused is not None and focused.is_attached and focused.screen is self:
            return
        choice = self.AUTO_FOCUS or "*"  # type: ignore[attr-defined]
        candidates = [widget for widget in self.query(choice) if widget.focusable]  # type: ignore[attr-defined]
        chain = self.focus_chain  # type: ignore[attr-defined]
        target = candidates[0] if candidates else (chain[0] if chain else None)
        self.set_focus(target)  # type: ignore[attr-defined]

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        self.refocus()
