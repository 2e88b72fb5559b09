"""Saving the summary to a file the person names: an explicit choice, with a warning that the file stays on
the device. The file is created with mode 0600 and never replaces an existing one."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from wizard.screens.base import Localized
from wizard.widgets.topbar import TopBar


def write_private(path: Path, text: str) -> None:
    """Create `path` readable by its owner only and write `text`; raises FileExistsError if it exists."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags, 0o600)
    try:
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            descriptor = -1
            file.write(text)
    finally:
        if descriptor != -1:
            os.close(descriptor)


class SaveScreen(Localized, ModalScreen[str | None]):
    """Dismissed with the path written, or None when cancelled."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False)]
    AUTO_FOCUS = "#filename"

    def __init__(self) -> None:
        super().__init__()
        self.draft = ""

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Vertical(id="dialog"):
            yield Static(self.tr("app.save.title"), classes="title", markup=False)
            yield Static(f"⚠ {self.tr('app.save.warning')}", classes="warning", markup=False)
            yield Static(self.tr("app.save.label"), markup=False)
            yield Input(self.draft, placeholder=self.tr("app.save.placeholder"), id="filename")
            yield Static("", id="error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.tr("app.button.cancel"), id="cancel")
                yield Static(classes="spacer")
                yield Button(self.tr("app.button.save_confirm"), id="save", variant="warning")

    def keep_draft(self) -> None:
        self.draft = self.query_one("#filename", Input).value

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#filename")
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        name = self.query_one("#filename", Input).value.strip()
        if not name:
            self.show_error("app.save.empty")
            return
        path = Path(name).expanduser()
        try:
            write_private(path, self.app.summary_text())
        except FileExistsError:
            self.show_error("app.save.exists")
        except OSError:
            self.show_error("app.save.failed")
        else:
            self.dismiss(str(path))

    def show_error(self, key: str) -> None:
        self.query_one("#error", Static).update(f"⚠ {self.tr(key)}")
