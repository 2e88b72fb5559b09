"""Saving a take-away document to a file the person names: an explicit choice, with a warning that the file
stays on the device. What is saved is the dialog's parameter (a `Saving`): by default the summary, written by
`output.save_summary`; the drafted report passes its own. The `output` functions write the file (mode 0600,
all or nothing, never over an existing file) in the format its name asks for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from wizard.errors import WizardError
from wizard.outputs import files as output
from wizard.tui.screens.base import Localized
from wizard.tui.widgets.topbar import TopBar

MAX_NAME_CHARS = 255
"""The longest file name or path the dialog takes (a file system's limit for one name)."""


@dataclass(frozen=True)
class Saving:
    """What a save dialog saves: `write(name)` renders it (in the language shown when the person confirms)
    and writes it to the named file, returning the path; the other fields are catalogue keys of the dialog."""

    write: Callable[[str], Path]
    title: str = "app.save.title"
    warning: str = "app.save.warning"
    placeholder: str = "app.save.placeholder"


class SaveScreen(Localized, ModalScreen[str | None]):
    """Dismissed with the path written, or None when cancelled."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False)]
    AUTO_FOCUS = "#filename"

    def __init__(self, saving: Saving | None = None) -> None:
        """`saving` is what to save; the summary of the answers when None."""
        super().__init__()
        self.saving = saving or Saving(self.write_summary)
        self.draft = ""

    def write_summary(self, name: str) -> Path:
        return output.save_summary(self.app.summary(), name, outputs=self.app.outputs)

    def compose(self) -> ComposeResult:
        saving = self.saving
        yield TopBar()
        with Vertical(id="dialog"):
            yield Static(self.tr(saving.title), classes="title", markup=False)
            yield Static(f"⚠ {self.tr(saving.warning)}", classes="warning", markup=False)
            yield Static(self.tr("app.save.label", limit=MAX_NAME_CHARS), markup=False)
            yield Input(self.draft, placeholder=self.tr(saving.placeholder), id="filename", max_length=MAX_NAME_CHARS)
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
            self.show_error(self.tr("app.save.empty"))
            return
        try:
            written = self.saving.write(name)
        except WizardError as error:
            exists = error.message.key == "out.file.exists"
            self.show_error(self.tr("app.save.exists") if exists else error.render(self.app.lang))
        else:
            self.dismiss(str(written))

    def show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(f"⚠ {message}")
