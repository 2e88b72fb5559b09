"""The result, drawn from `present.summary`: the regime first and prominent, then each ground with its status
in words, why, what is missing, documents and dated citations; the procedure, the risks and where to get help.

Nothing here decides anything: every sentence is either from the summary (the pack's own words) or a heading
from the catalogue. From here the person may save the summary to a file or have it printed after the exit,
and draft the written report to the commander (`screens.report`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Static

from wizard.catalogue import t
from wizard.model import AVAILABILITY_ORDER
from wizard.present import citation, cites
from wizard.screens.base import Localized
from wizard.widgets.topbar import TopBar

STATUS_ORDER = {"applies": 0, "possible": 1, "not_met": 2}


class ResultScreen(Localized, Screen[None]):
    BINDINGS: ClassVar = [
        Binding("escape", "answers", show=False),
        Binding("s", "save", show=False),
        Binding("r", "report", show=False),
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
        self.saved_to: str | None = None
        self.report_fields: dict[str, str] = {}
        """What was typed on the report screen, kept (in memory) while the result is shown."""

    def compose(self) -> ComposeResult:
        summary = self.app.summary()
        yield TopBar()
        with VerticalScroll(id="result", classes="body"):
            if summary is None:
                yield Static(self.tr("cli.no_regime", day=self.app.evaluation_day().isoformat()), classes="error")
            else:
                yield from blocks(summary)
        with Vertical(classes="footer"):
            if self.saved_to is not None:
                yield Static(
                    self.tr("app.result.saved", path=self.saved_to), id="saved", classes="notice", markup=False
                )
            yield Static(self.tr("app.result.hint"), classes="hint", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.tr("app.button.answers"), id="review")
                yield Static(classes="spacer")
                yield Button(self.tr("app.button.print"), id="print", disabled=summary is None)
                yield Button(self.tr("app.button.save"), id="save", disabled=summary is None)
                yield Button(self.tr("app.button.report"), id="report", disabled=summary is None)
                yield Button(self.tr("app.button.exit"), id="exit", variant="primary")

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
        from wizard.screens.save import SaveScreen

        if self.app.summary() is not None:
            self.app.push_screen(SaveScreen(), self.saved)

    @on(Button.Pressed, "#report")
    def action_report(self) -> None:
        from wizard.screens.report import ReportScreen

        if self.app.summary() is not None:
            self.app.push_screen(ReportScreen(self.report_fields))

    async def saved(self, path: str | None) -> None:
        if path is not None:
            self.saved_to = path
            await self.recompose()


def _why(summary: dict[str, Any], entry: dict[str, Any], depth: int, out: Text) -> None:
    lang = summary["lang"]
    mark = t(f"outcome.{entry['outcome']}", lang)
    line = f"{'  ' * depth}{mark} {entry['text']}"
    if "answer" in entry:
        line += f" — {t('cond.your_answer', lang, answer=entry['answer'])}"
    out.append(line + "\n")
    for child in entry.get("children", ()):
        _why(summary, child, depth + 1, out)


def _labelled(out: Text, label: str, value: str) -> None:
    out.append(f"{label}: ", style="bold")
    out.append(value + "\n")


def _order(ground: dict[str, Any]) -> tuple[int, int]:
    """Grounds that apply first, and among them those available now."""
    return STATUS_ORDER[ground["status"]], -AVAILABILITY_ORDER.index(ground["availability"])


def ground_block(summary: dict[str, Any], ground: dict[str, Any]) -> Static:
    lang = summary["lang"]
    out = Text()
    now = t("result.availability", lang)
    out.append(f"{ground['status_text']} — {now}: {ground['availability_text']}\n", style="bold")
    if ground["availability_note"]:
        out.append(ground["availability_note"] + "\n")
    out.append(ground["explanation"] + "\n")
    if ground["missing"]:
        _labelled(out, t("result.missing", lang), "; ".join(entry["text"] for entry in ground["missing"]))
    out.append(f"{t('result.why', lang)}:\n", style="bold")
    _why(summary, ground["why"], 1, out)
    if ground["status"] != "not_met":
        if ground["documents"]:
            out.append(f"{t('result.documents', lang)}:\n", style="bold")
            for document in ground["documents"]:
                out.append(f"  □ {document['title']}" + (f" — {document['how']}" if document["how"] else "") + "\n")
        _labelled(out, t("result.practice", lang), ground["practice"])
        if ground["meanwhile"]:
            _labelled(out, t("result.meanwhile", lang), ground["meanwhile"])
    _labelled(out, t("result.sources", lang), cites(summary, ground["sources"] + ground["availability_sources"]))
    out.rstrip()
    block = Static(out, classes=f"ground {ground['status']}", markup=False)
    block.border_title = ground["title"]
    return block


def blocks(summary: dict[str, Any]) -> ComposeResult:
    """The summary as a column of blocks, most important first."""
    lang = summary["lang"]
    yield Static(Text(t("result.title", lang), style="bold"), classes="title")
    yield Static(summary["as_of_text"], classes="muted", markup=False)
    if summary["stale_text"]:
        yield Static(f"⚠ {summary['stale_text']}", classes="warning", markup=False)
    regime = summary["regime"]
    regime_text = Text()
    regime_text.append(regime["title"] + "\n", style="bold")
    regime_text.append(regime["summary"] + "\n")
    regime_text.append(cites(summary, regime["sources"]), style="italic")
    regime_block = Static(regime_text, id="regime", markup=False)
    regime_block.border_title = t("result.regime", lang)
    yield regime_block
    yield Static(Text(t("result.grounds", lang).upper(), style="bold"), classes="heading")
    for ground in sorted(summary["grounds"], key=_order):
        yield ground_block(summary, ground)
    if summary["procedure"]:
        yield Static(Text(t("result.procedure", lang).upper(), style="bold"), classes="heading")
        for number, step in enumerate(summary["procedure"], 1):
            out = Text()
            maybe = "" if step["certain"] else f" {t('result.may_concern', lang)}"
            out.append(f"{number}. {step['title']}{maybe}\n", style="bold")
            _labelled(out, t("result.actor", lang), step["actor"])
            out.append(step["text"] + "\n")
            if step["keep"]:
                _labelled(out, t("result.keep", lang), step["keep"])
            out.append(cites(summary, step["sources"]), style="italic")
            yield Static(out, classes="item", markup=False)
    if summary["risks"]:
        yield Static(Text(t("result.risks", lang).upper(), style="bold"), classes="heading")
        for risk in summary["risks"]:
            out = Text()
            maybe = "" if risk["certain"] else f" {t('result.may_concern', lang)}"
            article = citation(risk["act"], lang, article=risk["article"], part=risk["part"])
            out.append(f"! {risk['title']} — {article}{maybe}\n", style="bold")
            _labelled(out, t("result.penalty", lang), risk["penalty"])
            _labelled(out, t("result.situation", lang), risk["situation"])
            out.append(cites(summary, risk["sources"]), style="italic")
            yield Static(out, classes="item", markup=False)
    if summary["ignored_answers"]:
        yield Static(t("result.ignored", lang, ids=", ".join(summary["ignored_answers"])), classes="muted")
    if summary["help"]:
        yield Static(Text(t("result.help", lang).upper(), style="bold"), classes="heading")
        for entry in summary["help"]:
            out = Text()
            out.append(f"• {entry['title']}: ", style="bold")
            out.append(entry["text"] + "\n")
            out.append(cites(summary, entry["sources"]), style="italic")
            yield Static(out, classes="item", markup=False)
    yield Static(summary["not_legal_advice"], id="not-legal-advice", classes="warning", markup=False)
