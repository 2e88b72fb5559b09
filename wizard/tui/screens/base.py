"""What every screen of the app shares: texts in the app's current language, redrawing when it changes, and
a focus that always rests on a widget of the screen.

Keys go to the focused widget and up through its parents to the app. A screen whose focused widget has been
removed (recomposed away while a dialog was open over it) would send every key to a widget outside the app,
the quick exit included; so after any recomposition and whenever the screen comes back on top, the focus is
put back on a widget that is there."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.widgets import Static

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


class SavedNotice:
    """Mixed into a screen that saves through the save dialog: the notice of its last save, shown under the text
    and updated in place when the dialog closes (nothing is recomposed, so the focus and the place stay)."""

    SAVED_KEY: ClassVar[str]
    """The catalogue key of the notice, with `{path}`."""
    saved_to: str | None = None

    def saved_notice(self) -> Static:
        notice = Static(self._saved_text(), id="saved", classes="notice", markup=False)
        notice.display = self.saved_to is not None
        return notice

    def _saved_text(self) -> str:
        return "" if self.saved_to is None else self.tr(self.SAVED_KEY, path=self.saved_to)  # type: ignore[attr-defined]

    def saved(self, path: str | None) -> None:
        """The save dialog's answer: the file written, or None when it was cancelled."""
        if path is not None:
            self.saved_to = path
            notice = self.query_one("#saved", Static)  # type: ignore[attr-defined]
            notice.update(self._saved_text())
            notice.display = True
