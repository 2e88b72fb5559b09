"""Saving the summary to a file the person names: an explicit choice, with a warning that the file stays on
the device. `output.save_summary` writes it (mode 0600, all or nothing, never over an existing file), in the
format its name asks for (.txt, .md, .html, .json; text otherwise)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from wizard import output
from wizard.errors import WizardError
from wizard.screens.base import Localized
from wizard.widgets.topbar import TopBar


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
            self.show_error(self.tr("app.save.empty"))
            return
        try:
            written = output.save_summary(self.app.summary(), name)
        except WizardError as error:
            exists = error.message.key == "out.file.exists"
            self.show_error(self.tr("app.save.exists") if exists else error.render(self.app.lang))
        else:
            self.dismiss(str(written))

    def show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(f"⚠ {message}")
