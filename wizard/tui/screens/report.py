"""The drafted report (рапорт) to the unit commander, from the result screen: `report.draft` of the summary.

The report is drafted on one ground, the strongest by default; when several grounds can be drafted, the
person may choose another one here. The person may fill in, optionally, the addressee, their rank and name
(in the genitive, as "от кого" needs them), unit and the date; a field left empty stays a [placeholder] in the
text. The choice of ground is kept like the fields. What is typed is kept in memory only (by this screen and the result
screen that opened it, so that it is still there when the person comes back to the report): nothing is written
unless the person saves the draft to a file they name (the save dialog, with its warning), or has it printed
once the program has closed. The text is always marked as a DRAFT to be checked with a lawyer. When no ground
applies or may apply, the screen says that no report is drafted and offers nothing to save or print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static

from wizard.errors import WizardError
from wizard.outputs import files as output
from wizard.outputs.render import render_report
from wizard.outputs.report import MAX_FIELD_CHARS, draft
from wizard.tui.screens.base import Localized, SavedNotice
from wizard.tui.screens.save import SaveScreen, Saving
from wizard.tui.widgets.topbar import TopBar

FIELDS = ("addressee", "rank", "name", "unit", "date")
"""The fields the person may fill in, in the order of the form; each is an argument of `report.draft`."""
GROUND = "ground"
"""The key of `fields` that holds the ground chosen (an argument of `report.draft` too); empty: the strongest."""


class ReportScreen(SavedNotice, Localized, Screen[None]):
    SAVED_KEY = "app.report.saved"
    BINDINGS: ClassVar = [
        Binding("escape", "back", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
    ]
    AUTO_FOCUS = "#addressee, #back"

    class Print(Message):
        """Leave the program and print `text`, the drafted report, once the terminal is restored."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, fields: dict[str, str] | None = None) -> None:
        """`fields` holds what is typed (the result screen passes its own, to keep it while the result is shown)."""
        super().__init__()
        self.fields: dict[str, str] = {} if fields is None else fields
        """What was typed and the ground chosen, in memory only; an empty field stays a placeholder."""
        for key in (*FIELDS, GROUND):
            self.fields.setdefault(key, "")

    def report(self) -> dict[str, Any] | None:
        """The report in the app's language on the ground chosen (while it can still be drafted, else the
        strongest) with the fields typed so far; None when no regime is in force."""
        summary = self.app.summary()
        if summary is None:
            return None
        typed = {key: self.fields[key] for key in FIELDS}
        try:
            return draft(summary, outputs=self.app.outputs, ground=self.fields[GROUND] or None, **typed)
        except WizardError:  # the answers changed and that ground can no longer be drafted
            return draft(summary, outputs=self.app.outputs, **typed)

    def compose(self) -> ComposeResult:
        report = self.report()
        drafted = report is not None and report["drafted"]
        yield TopBar()
        with VerticalScroll(id="report", classes="body"):
            if report is None:
                yield Static(self.tr("cli.no_regime", day=self.app.evaluation_day().isoformat()), classes="error")
            elif not drafted:
                yield Static(report["doc_title"], classes="title", markup=False)
                yield Static(report["no_ground"], classes="paragraph", markup=False)
                yield Static(self.tr("app.report.nothing"), id="nothing", classes="warning", markup=False)
            else:
                yield Static(self.tr("app.report.title"), classes="title", markup=False)
                yield Static(f"⚠ {report['draft_mark']}", id="draft-mark", classes="warning", markup=False)
                yield Static(self.tr("app.report.intro"), classes="paragraph", markup=False)
                if self.app.lang != "ru":
                    yield Static(self.tr("app.report.russian"), id="russian", classes="paragraph", markup=False)
                yield from self._grounds(report)
                yield from self._form()
                yield Static(self.tr("app.report.genitive"), id="genitive", classes="hint", markup=False)
                yield Static(self.tr("app.report.preview").upper(), classes="heading", markup=False)
                yield Static(render_report(report, "text", self.app.outputs), id="preview", markup=False)
        with Vertical(classes="footer"):
            yield self.saved_notice()
            if drafted:
                yield Static(self.tr("app.report.hint"), classes="hint", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.tr("app.button.to_result"), id="back", variant="default" if drafted else "primary")
                if drafted:
                    yield Static(classes="spacer")
                    yield Button(self.tr("app.button.print"), id="print")
                    yield Button(self.tr("app.button.save"), id="save", variant="primary")

    def on_mount(self) -> None:
        self.call_after_refresh(self.scroll_to_top)

    def action_page(self, direction: int) -> None:
        """PgDn and PgUp scroll the draft whichever field or button has the focus."""
        text = self.query_one("#report", VerticalScroll)
        if direction > 0:
            text.scroll_page_down(animate=False)
        else:
            text.scroll_page_up(animate=False)

    def scroll_to_top(self) -> None:
        """Show the title and the DRAFT mark first, whichever field has the focus."""
        self.query_one("#report", VerticalScroll).scroll_home(animate=False)

    def _grounds(self, report: dict[str, Any]) -> ComposeResult:
        """The ground the report is drafted on: a choice when there are several (the strongest first chosen)."""
        with Horizontal(classes="field"):
            yield Static(self.tr("app.report.ground"), classes="label", markup=False)
            chosen = next(option for option in report["options"] if option["chosen"])
            if len(report["options"]) == 1:
                yield Static(f"{chosen['symbol']} {chosen['title']} — {chosen['text']}", id="ground-only", markup=False)
            else:
                yield Select(
                    [(f"{o['symbol']} {o['title']} — {o['text']}", o["id"]) for o in report["options"]],
                    value=chosen["id"],
                    allow_blank=False,
                    id="ground",
                    compact=True,
                )

    def _form(self) -> ComposeResult:
        words = self.app.outputs.content.report
        lang = self.app.lang
        labels = {
            "addressee": self.tr("app.report.addressee"),
            "rank": self.tr("app.report.rank"),
            "name": self.tr("app.report.name"),
            "unit": self.tr("app.report.unit"),
            "date": self.tr("app.report.date"),
        }
        with Vertical(id="fields"):
            for key in FIELDS:
                with Horizontal(classes="field"):
                    yield Static(labels[key], classes="label", markup=False)
                    yield Input(
                        self.fields[key],
                        placeholder=getattr(words, key)[lang],
                        id=key,
                        max_length=MAX_FIELD_CHARS,
                        compact=True,
                    )

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        event.stop()
        key = event.input.id
        if key not in self.fields or self.fields[key] == event.value:
            return
        self.fields[key] = event.value
        report = self.report()
        if report is not None and report["drafted"]:
            self.query_one("#preview", Static).update(render_report(report, "text", self.app.outputs))

    @on(Select.Changed, "#ground")
    def chose_ground(self, event: Select.Changed) -> None:
        """Draft the report on the ground chosen (kept in memory like the fields)."""
        event.stop()
        if event.value == Select.NULL or event.value == self.fields[GROUND]:
            return
        self.fields[GROUND] = str(event.value)
        report = self.report()
        if report is not None and report["drafted"]:
            self.query_one("#preview", Static).update(render_report(report, "text", self.app.outputs))

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        """Enter goes on to the next field, and from the last one to "Save…" (which still asks for a name)."""
        event.stop()
        if event.input.id == FIELDS[-1]:
            self.query_one("#save", Button).focus()
        else:
            self.focus_next()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#print")
    def print_and_exit(self) -> None:
        report = self.report()
        if report is not None and report["drafted"]:
            self.post_message(self.Print(render_report(report, "text", self.app.outputs)))

    @on(Button.Pressed, "#save")
    def save(self) -> None:
        report = self.report()
        if report is None or not report["drafted"]:
            return
        saving = Saving(
            self.write,
            title="app.save.report_title",
            warning="app.save.report_warning",
            placeholder="app.save.report_placeholder",
        )
        self.app.push_screen(SaveScreen(saving), self.saved)

    def write(self, name: str) -> Path:
        """Save the report as it is when the person confirms, in the format the file name asks for."""
        return output.save_report(self.report(), name, outputs=self.app.outputs)
