"""One question per screen, whatever its kind: yes/no and choices as a list, numbers and dates typed.

The screen only shows the question and checks the typed value with `coerce_answer`; which question comes
next, and which answers no longer count, is decided by the app from the engine's `interview()`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static

from wizard.pack.answers import BadAnswer, coerce_answer, parse_typed
from wizard.pack.conditions import UNKNOWN
from wizard.pack.model import Question
from wizard.tui.screens.base import Localized
from wizard.tui.widgets.answer_field import TYPED, answer_field, list_options, same_options
from wizard.tui.widgets.topbar import TopBar


class QuestionScreen(Localized, Screen[None]):
    BINDINGS: ClassVar = [Binding("escape", "back", show=False)]
    AUTO_FOCUS = "#answer"

    class Answered(Message):
        """An answer was given; `value` is its stored form."""

        def __init__(self, question_id: str, value: Any) -> None:
            super().__init__()
            self.question_id = question_id
            self.value = value

    class Back(Message):
        """Go back from this question without answering it."""

        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id
        self.draft: Any = None
        """What was typed or highlighted but not sent, kept across a change of language."""

    @property
    def question(self) -> Question:
        return self.app.flow.pack.question(self.question_id)

    async def show(self, question_id: str) -> None:
        """Show another question on this screen, changing only what differs from the last one: texts updated in
        place, the list's options kept when they are the same, the answer field replaced only when the kind of
        field changes (that keeps the step from one question to the next fast)."""
        self.question_id = question_id
        self.draft = None
        question = self.question
        with self.app.batch_update():  # one frame: never the new text beside the old field
            _update(self.query_one("#question", Static), self._heading())
            _update(self.query_one("#hint", Static), Content(self.tr(self._hint_key())))
            self._show_error("")
            self._show_buttons()
            field = self.query_one("#answer")
            if isinstance(field, OptionList) and question.kind not in TYPED:
                kept = self.app.flow.answers.get(question.id)
                options, highlighted = list_options(question, kept, self.draft, self.app.lang)
                if not same_options(field, options):
                    field.set_options(options)
                field.highlighted = highlighted
            else:
                body = self.query_one("#body", VerticalScroll)
                await body.remove_children(".answer-part")
                await body.mount_all(self._answer(question), before="#error")
            self.query_one("#body", VerticalScroll).scroll_home(animate=False)
            self.set_focus(self.query_one("#answer"))  # at once, so that keys typed meanwhile reach the new field

    def _heading(self) -> Content:
        """The progress line, the question and its help, as one text: one widget to lay out at each step."""
        flow, lang, question = self.app.flow, self.app.lang, self.question
        number, count = flow.position(question.id)
        progress = self.tr("app.progress", topic=flow.topic_title(question, lang), n=number, m=count)
        help_text = flow.help(question, lang)
        parts = [progress, "\n\n", (flow.text(question, lang), "bold $foreground")]  # the rest muted (app.tcss)
        parts += ["\n\n", help_text] if help_text else ["\n"]  # a blank line under the text
        return Content.assemble(*parts)

    def _hint_key(self) -> str:
        return "app.hint.input" if self.question.kind in TYPED else "app.hint.choice"

    def _show_buttons(self) -> None:
        for button, shown in self._buttons().items():
            self.query_one(f"#{button}").display = shown

    def _buttons(self) -> dict[str, bool]:
        """Which of the optional buttons the question has."""
        question = self.question
        return {"unknown": question.kind in TYPED and question.unknown_allowed}

    def compose(self) -> ComposeResult:
        yield TopBar()
        with VerticalScroll(classes="body", id="body"):
            yield Static(self._heading(), id="question")
            yield from self._answer(self.question)
            error = Static(Content(), id="error", classes="error")
            error.display = False
            yield error
        with Vertical(classes="footer"):
            yield Static(Content(self.tr(self._hint_key())), id="hint", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(self.tr("app.button.back"), id="back")
                for name, shown in self._buttons().items():
                    button = Button(self.tr(f"app.button.{name}"), id=name)
                    button.display = shown
                    yield button
                yield Static(classes="spacer")
                yield Button(self.tr("app.button.next"), id="next", variant="primary")

    def _answer(self, question: Question) -> list[Widget]:
        """The widgets of the answer field, marked to be replaced together."""
        parts = answer_field(question, self.app.flow.answers.get(question.id), self.draft, self.app.lang)
        for part in parts:
            part.add_class("answer-part")
        return parts

    def keep_draft(self) -> None:
        field = self.query_one("#answer")
        self.draft = field.highlighted if isinstance(field, OptionList) else field.value

    # --- answering ---------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#answer")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit(event.option.id)

    @on(Input.Submitted, "#answer")
    def typed(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit_text(event.value)

    @on(Button.Pressed, "#next")
    def next(self) -> None:
        field = self.query_one("#answer")
        if isinstance(field, OptionList):
            if field.highlighted is not None:
                self.submit(field.get_option_at_index(field.highlighted).id)
        else:
            self.submit_text(field.value)

    @on(Button.Pressed, "#unknown")
    def unknown(self) -> None:
        self.submit(UNKNOWN)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.post_message(self.Back(self.question_id))

    def submit_text(self, text: str) -> None:
        try:
            stored = parse_typed(self.question, text)
        except BadAnswer as bad:
            self.show_error(self._error_text(bad))
            return
        self.post_message(self.Answered(self.question_id, stored))

    def submit(self, value: Any) -> None:
        try:
            stored = coerce_answer(self.question, value)
        except BadAnswer as bad:
            self.show_error(self._error_text(bad))
            return
        self.post_message(self.Answered(self.question_id, stored))

    def _error_text(self, bad: BadAnswer) -> str:
        key, params = bad.message.key, bad.message.params
        if key == "answers.out_of_range":
            return self.tr("app.error.range", min=params["min"], max=params["max"])
        if key == "answers.unknown_not_allowed":
            return self.tr("app.error.unknown_not_allowed")
        if key == "answers.not_whole":
            return self.tr("app.error.whole")
        return self.tr(f"app.error.{self.question.kind}")

    def show_error(self, message: str) -> None:
        self._show_error(f"⚠ {message}")

    def _show_error(self, text: str) -> None:
        """The error line, shown only when there is an error (empty, it would still take a line)."""
        error = self.query_one("#error", Static)
        _update(error, Content(text))
        error.display = bool(text)


def _update(widget: Static, content: Content) -> None:
    """Update a text of the screen only if it differs, styles included; lay the screen out again only if the
    text takes another number of lines (a layout costs more than the redrawing)."""
    old = widget.content
    if isinstance(old, Content) and (old.plain, old.spans) == (content.plain, content.spans):
        return
    width, height = widget.size
    widget.update(content, layout=not widget.display or content.get_height(widget.styles, width) != height)
