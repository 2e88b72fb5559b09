"""Every answer given, grouped by topic; selecting one goes to its question, and the app comes back here."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from wizard.outputs.words import answer_label
from wizard.tui.screens.base import Localized
from wizard.tui.screens.keys import ENTER, EnterPresses
from wizard.tui.widgets.topbar import TopBar


class ReviewScreen(EnterPresses, Localized, Screen[None]):
    BINDINGS: ClassVar = [
        ENTER,
        Binding("escape", "back", show=False),
        Binding("up,down", "answers", show=False),
    ]
    AUTO_FOCUS = "#result"
    """Enter goes on to the result; ↑ or ↓ moves into the answers, where Enter opens one to change it."""

    class Edit(Message):
        """Change the answer to this question, then come back to the review."""

        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    class Back(Message):
        """Back to the last question."""

    class Result(Message):
        """Show the result."""

    def compose(self) -> ComposeResult:
        flow, lang = self.app.flow, self.app.lang
        yield TopBar()
        yield Static(self.tr("app.review.title"), classes="title body", markup=False)
        options: list[Option] = []
        for topic, questions in flow.by_topic():
            options.append(Option(Text(topic.title[lang], style="bold underline"), disabled=True))
            for question in questions:
                shown = answer_label(question, flow.answers.get(question.id), lang)
                options.append(Option(Text(f"  {question.short[lang]}: {shown}"), id=question.id))
        listing = OptionList(*options, id="answers")
        listing.highlighted = next((i for i, option in enumerate(options) if not option.disabled), None)
        yield listing
        with Vertical(classes="footer"):
            yield Static(self.tr("app.review.hint"), classes="hint", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.tr("app.button.back"), id="back")
                yield Static(classes="spacer")
                yield Button(self.tr("app.button.result"), id="result", variant="primary")

    def keep_draft(self) -> None:
        self.highlighted = self.query_one("#answers", OptionList).highlighted

    async def relabel(self) -> None:
        self.highlighted = None
        await super().relabel()
        if self.highlighted is not None:
            self.query_one("#answers", OptionList).highlighted = self.highlighted

    def action_answers(self) -> None:
        self.query_one("#answers", OptionList).focus()

    @on(OptionList.OptionSelected, "#answers")
    def edit(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Edit(event.option.id))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.post_message(self.Back())

    @on(Button.Pressed, "#result")
    def result(self) -> None:
        self.post_message(self.Result())
