"""What every screen of the app shares: texts in the app's current language, and redrawing when it changes."""

from __future__ import annotations

from typing import Any

from wizard.catalogue import t


class Localized:
    """Mixed into every screen: `tr()` reads the catalogue in the app's language; `relabel()` redraws."""

    def tr(self, key: str, **params: Any) -> str:
        return t(key, self.app.lang, **params)  # type: ignore[attr-defined]

    def keep_draft(self) -> None:
        """Called before the screen is redrawn in another language: keep what was typed but not yet sent."""

    async def relabel(self) -> None:
        """Compose the screen again in the new language, with the focus where it was."""
        focused = self.focused  # type: ignore[attr-defined]
        focused_id = focused.id if focused is not None else None
        self.keep_draft()
        await self.recompose()  # type: ignore[attr-defined]
        if focused_id is not None:
            found = self.query(f"#{focused_id}")  # type: ignore[attr-defined]
            if found:
                self.set_focus(found.first())  # type: ignore[attr-defined]
