"""The result, drawn from `summary.summary`, most urgent first: the verdict, the next step, what not to do and the
regime in one line; the grounds as a table with their verdict words; the risks that concern the person. The
reasons, sources, practice, procedure, the grounds that do not fit and what not to count on are folded below.

Nothing here decides anything: every sentence is from the summary (the pack's own words) or a heading from the
catalogue, in the summary's order. From here the person may save the summary to a file or have it printed after
the exit, and draft the written report to the commander (`screens.report`). The screen is never composed again
after a dialog (that would drop the focus and the place): only a change of language redraws it, in place.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Collapsible, Static

from wizard.tui.screens.base import Localized, SavedNotice
from wizard.tui.screens.result_parts import Place, blocks
from wizard.tui.widgets.topbar import TopBar

RUSSIAN_LAYOUT = {"ы": "save", "к": "report", "т": "section(1)", "з": "section(-1)"}
"""The same keys where the Russian keyboard layout is on: S, R, N and P give these letters."""


class ResultScreen(SavedNotice, Localized, Screen[None]):
    SAVED_KEY = "app.result.saved"
    BINDINGS: ClassVar = [
        Binding("escape", "answers", show=False),
        Binding("s", "save", show=False),
        Binding("r", "report", show=False),
        Binding("n", "section(1)", show=False),
        Binding("p", "section(-1)", show=False),
        Binding("tab", "fold_in_view", show=False),
        *(Binding(key, action, show=False) for key, action in RUSSIAN_LAYOUT.items()),
    ]
    AUTO_FOCUS = "#result"
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (72, "-wide")]
    """Below 72 columns the buttons move closer together, so that all five fit down to the smallest size."""

    class Answers(Message):
        """Back to the review of the answers."""

    class Exit(Message):
        """Leave the program; with `print_summary`, the summary is printed once the terminal is restored."""

        def __init__(self, print_summary: bool) -> None:
            super().__init__()
            self.print_summary = print_summary

    def __init__(self) -> None:
        super().__init__()
        self.place = Place()
        """Kept across a redraw in the other language."""
        self.report_fields: dict[str, str] = {}
        """What was typed on the report screen, kept (in memory) while the result is shown."""

    def compose(self) -> ComposeResult:
        summary = self.app.summary()
        yield TopBar()
        with VerticalScroll(id="result", classes="body"):
            if summary is None:
                yield Static(self.tr("cli.no_regime", day=self.app.evaluation_day().isoformat()), classes="error")
            else:
                yield from blocks(summary, self.place.opened)
        with Vertical(classes="footer"):
            yield self.saved_notice()
            yield Static(self.tr("app.result.keys"), id="keys", classes="hint", markup=False)
            yield Static(self.tr("app.result.hint"), classes="hint", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.tr("app.button.answers"), id="review", compact=True)
                yield Static(classes="spacer")
                yield Button(self.tr("app.button.print"), id="print", disabled=summary is None, compact=True)
                yield Button(self.tr("app.button.save"), id="save", disabled=summary is None, compact=True)
                yield Button(self.tr("app.button.report"), id="report", disabled=summary is None, compact=True)
                yield Button(self.tr("app.button.exit"), id="exit", variant="primary", compact=True)

    async def relabel(self) -> None:
        """The other language, with the same folds open and the same block at the top of the view."""
        self.place = Place.of(self)
        await super().relabel()
        self.place.restore(self)

    def action_section(self, step: int) -> None:
        """Scroll to the start of the next (1) or the previous (-1) section."""
        view = self.query_one("#result", VerticalScroll)
        tops = [heading.virtual_region.y for heading in view.query(".heading")]
        here = round(view.scroll_y)
        ahead = [top for top in tops if top > here] if step > 0 else [top for top in tops if top < here]
        target = (min(ahead) if step > 0 else max(ahead)) if ahead else (0 if step > 0 else view.max_scroll_y)
        view.scroll_to(y=target, animate=False)

    def action_fold_in_view(self) -> None:
        """Tab from the text goes to the first fold on the screen (not the first of all, far above); from
        anywhere else Tab moves on as usual."""
        view = self.query_one("#result", VerticalScroll)
        if self.focused is view:
            top, bottom = view.scroll_y, view.scroll_y + view.scrollable_content_region.height
            shown = [fold for fold in view.query(Collapsible) if top <= fold.virtual_region.y < bottom]
            if shown:
                self.set_focus(shown[0].query_one("CollapsibleTitle"), scroll_visible=False)
                return
        self.focus_next()

    @on(Button.Pressed, "#review")
    def action_answers(self) -> None:
        self.post_message(self.Answers())

    @on(Button.Pressed, "#print")
    def print_and_exit(self) -> None:
        self.post_message(self.Exit(print_summary=True))

    @on(Button.Pressed, "#exit")
    def exit(self) -> None:
        self.post_message(self.Exit(print_summary=False))

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        from wizard.tui.screens.save import SaveScreen

        if self.app.summary() is not None:
            self.app.push_screen(SaveScreen(), self.saved)

    @on(Button.Pressed, "#report")
    def action_report(self) -> None:
        from wizard.tui.screens.report import ReportScreen

        if self.app.summary() is not None:
            self.app.push_screen(ReportScreen(self.report_fields))
