"""The blocks of the result screen, made from the summary model in its own order, and the reader's place in them.

Every block directly in the scroll view has an id, so that a redraw in the other language can keep the same
block at the top of the view (`Place`) and the same folds open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Collapsible, Static

from wizard.catalogue import t
from wizard.outputs.summary import article, may_concern
from wizard.outputs.words import cites

FOLDED, OPEN = "▶", "▼"


def blocks(summary: dict[str, Any], opened: Iterable[str] = ()) -> ComposeResult:
    """The summary as a column of blocks, most urgent first; the folds whose ids are in `opened` are open."""
    opened = set(opened)
    yield from _head(summary, opened)
    yield from _grounds(summary)
    yield from _risks(summary, opened)
    yield from _procedure(summary, opened)
    yield from _details(summary, opened)
    yield from _help(summary)
    yield Static(summary["not_legal_advice"], id="not-legal-advice", classes="warning", markup=False)


def _heading(summary: dict[str, Any], key: str, section: str) -> Static:
    return Static(Text(t(key, summary["lang"]).upper(), style="bold"), id=f"sec-{section}", classes="heading")


def _fold(title: str, fold_id: str, opened: set[str], *children: Static) -> Collapsible:
    return Collapsible(
        *children,
        title=title,
        id=fold_id,
        collapsed=fold_id not in opened,
        collapsed_symbol=FOLDED,
        expanded_symbol=OPEN,
    )


def _labelled(out: Text, label: str, value: str) -> None:
    out.append(f"{label}: ", style="bold")
    out.append(value + "\n")


def _head(summary: dict[str, Any], opened: set[str]) -> ComposeResult:
    """What the person came for: the verdict, the next step, what not to do, the regime; what to find out."""
    lang, verdict = summary["lang"], summary["verdict"]
    yield Static(summary["as_of_text"], id="head", classes="muted", markup=False)
    if summary["stale_text"]:
        yield Static(f"⚠ {summary['stale_text']}", id="stale", classes="warning", markup=False)
    out = Text()
    out.append(verdict["text"] + "\n", style="bold")
    _labelled(out, t("app.result.next_step", lang), verdict["next_step"])
    _labelled(out, t("app.result.avoid", lang), verdict["avoid"])
    _labelled(out, t("app.result.regime", lang), verdict["regime_line"])
    out.rstrip()
    box = Static(out, id="verdict", markup=False)
    box.border_title = t("app.result.verdict", lang)
    yield box
    if verdict["sources"]:
        sources = Static(Text(cites(summary, verdict["sources"]), style="italic"), markup=False)
        yield _fold(t("app.result.sources", lang), "verdict-sources", opened, sources)
    if verdict["find_out"]:
        asks = Text(f"{t('result.missing', lang)}:\n", style="bold")
        asks.append("\n".join(f"• {entry['text']}" for entry in verdict["find_out"]), style="")
        yield Static(asks, id="find-out", classes="item", markup=False)


def _fits(ground: dict[str, Any]) -> bool:
    return ground["verdict"]["key"] != "does_not_fit"


def _grounds(summary: dict[str, Any]) -> ComposeResult:
    """One row a ground, in the summary's order: its verdict's symbol and its verdict in a few words (the whole
    sentence opens with the ground's fold below); the grounds that do not fit are only in a fold."""
    lang = summary["lang"]
    fitting = [ground for ground in summary["grounds"] if _fits(ground)]
    yield _heading(summary, "result.grounds", "grounds")
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    table.add_column(no_wrap=True)
    for ground in fitting:
        verdict = ground["verdict"]
        table.add_row(verdict["symbol"], Text(ground["title"], style="bold"), t(f"app.verdict.{verdict['key']}", lang))
    if not fitting:
        table.add_row("", t("app.result.no_ground", summary["lang"]), "")
    yield Static(table, id="grounds-table")


def _risks(summary: dict[str, Any], opened: set[str]) -> ComposeResult:
    """The risks in the summary's order, each in two or three lines; when and why, folded after them."""
    if not summary["risks"]:
        return
    lang = summary["lang"]
    yield _heading(summary, "result.risks", "risks")
    details = Text()
    for risk in summary["risks"]:
        out = Text()
        out.append(f"! {risk['title']} — {article(risk, lang)}: ", style="bold")
        out.append(risk["penalty"])
        if risk["prospect"]:
            out.append(f"\n{risk['prospect']}", style="italic")
        elif not risk["certain"]:
            out.append(f"\n{may_concern(summary)}", style="italic")
        yield Static(out, id=f"risk-{risk['id']}", classes="risk", markup=False)
        details.append(f"{risk['title']}\n", style="bold")
        _labelled(details, t("result.situation", lang), risk["situation"])
        details.append(cites(summary, risk["sources"]) + "\n\n", style="italic")
    details.rstrip()
    yield _fold(t("app.result.risk_details", lang), "risk-details", opened, Static(details, markup=False))


def _procedure(summary: dict[str, Any], opened: set[str]) -> ComposeResult:
    """Each step of the procedure as a fold: its title shown, who acts and what to do inside."""
    if not summary["procedure"]:
        return
    lang = summary["lang"]
    yield _heading(summary, "result.procedure", "procedure")
    for number, step in enumerate(summary["procedure"], 1):
        out = Text()
        if not step["certain"]:
            out.append(may_concern(summary) + "\n", style="italic")
        _labelled(out, t("result.actor", lang), step["actor"])
        out.append(step["text"] + "\n")
        if step["keep"]:
            _labelled(out, t("result.keep", lang), step["keep"])
        out.append(cites(summary, step["sources"]), style="italic")
        yield _fold(f"{number}. {step['title']}", f"step-{step['id']}", opened, Static(out, markup=False))


def _details(summary: dict[str, Any], opened: set[str]) -> ComposeResult:
    """Why, documents, practice and sources of each ground; those that do not fit; what not to count on; the regime."""
    lang = summary["lang"]
    yield _heading(summary, "app.result.details", "details")
    grounds = summary["grounds"]
    for ground in filter(_fits, grounds):
        yield _fold(ground["title"], f"why-{ground['id']}", opened, ground_block(summary, ground))
    not_fitting = [ground for ground in grounds if not _fits(ground)]
    if not_fitting:
        title = t("app.result.does_not_fit", lang, n=len(not_fitting))
        items = (ground_block(summary, ground, titled=True) for ground in not_fitting)
        yield _fold(title, "does-not-fit", opened, *items)
    if summary["do_not_count_on"]:
        names = "; ".join(item["title"] for item in summary["do_not_count_on"])
        title = f"{t('app.result.do_not_count_on', lang)}: {names}"
        items = (ground_block(summary, item, titled=True) for item in summary["do_not_count_on"])
        yield _fold(title, "do-not-count-on", opened, *items)
    regime = summary["regime"]
    text = Text(regime["title"] + "\n", style="bold")
    text.append(regime["summary"] + "\n")
    text.append(cites(summary, regime["sources"]), style="italic")
    yield _fold(t("result.regime", lang), "regime", opened, Static(text, markup=False))


def _why(summary: dict[str, Any], entry: dict[str, Any], depth: int, out: Text) -> None:
    lang = summary["lang"]
    mark = t(f"outcome.{entry['outcome']}", lang)
    line = f"{'  ' * depth}{mark} {entry['text']}"
    if "answer" in entry:
        line += f" — {t('cond.your_answer', lang, answer=entry['answer'])}"
    out.append(line + "\n")
    for child in entry.get("children", ()):
        _why(summary, child, depth + 1, out)


def ground_block(summary: dict[str, Any], ground: dict[str, Any], titled: bool = False) -> Static:
    """Everything about one ground: its verdict, warning, explanation, what to find out, why, what to do, sources."""
    lang, verdict = summary["lang"], ground["verdict"]
    out = Text()
    out.append(f"{verdict['symbol']} {verdict['text']}\n", style="bold")
    if ground.get("warning"):  # only what not to count on has one
        out.append(f"⚠ {ground['warning']}\n", style="bold")
    if ground["availability_note"]:
        out.append(ground["availability_note"] + "\n")
    out.append(ground["explanation"] + "\n")
    if verdict["obtain"]:
        _labelled(out, t("app.result.obtain", lang), "; ".join(entry["title"] for entry in verdict["obtain"]))
    if ground["missing"]:
        _labelled(out, t("result.missing", lang), "; ".join(entry["text"] for entry in ground["missing"]))
    out.append(f"{t('result.why', lang)}:\n", style="bold")
    _why(summary, ground["why"], 1, out)
    if ground["documents"]:
        out.append(f"{t('result.documents', lang)}:\n", style="bold")
        for document in ground["documents"]:
            out.append(f"  □ {document['title']}" + (f" — {document['how']}" if document["how"] else "") + "\n")
    if _fits(ground):
        _labelled(out, t("result.practice", lang), ground["practice"])
        if ground["meanwhile"]:
            _labelled(out, t("result.meanwhile", lang), ground["meanwhile"])
    _labelled(out, t("result.sources", lang), cites(summary, ground["sources"] + ground["availability_sources"]))
    out.rstrip()
    block = Static(out, classes="ground -titled" if titled else "ground", markup=False)
    if titled:
        block.border_title = ground["title"]
    return block


def _help(summary: dict[str, Any]) -> ComposeResult:
    if not summary["help"]:
        return
    yield _heading(summary, "result.help", "help")
    for entry in summary["help"]:
        out = Text()
        out.append(f"• {entry['title']}: ", style="bold")
        out.append(entry["text"] + "\n")
        out.append(cites(summary, entry["sources"]), style="italic")
        yield Static(out, id=f"help-{entry['id']}", classes="item", markup=False)


@dataclass
class Place:
    """Where the reader is on the result screen: the folds open, the block at the top of the view and how far
    into it, and the fold whose title has the focus."""

    opened: set[str] = field(default_factory=set)
    anchor: str | None = None
    offset: int = 0
    focused_fold: str | None = None

    @classmethod
    def of(cls, screen: Screen) -> Place:
        view = screen.query_one("#result", VerticalScroll)
        place = cls(opened={fold.id for fold in view.query(Collapsible) if not fold.collapsed and fold.id})
        top = round(view.scroll_y)
        above = [child for child in view.children if child.id and child.virtual_region.y <= top]
        if above:
            place.anchor, place.offset = above[-1].id, top - above[-1].virtual_region.y
        focused = screen.focused
        if focused is not None and isinstance(focused.parent, Collapsible):
            place.focused_fold = focused.parent.id
        return place

    def restore(self, screen: Screen) -> None:
        """After the redraw (which opened the same folds): the focus, and the place once the blocks have their size."""
        view = screen.query_one("#result", VerticalScroll)
        if self.focused_fold is not None:
            found = view.query(f"#{self.focused_fold}")
            if found:
                screen.set_focus(found.first().query_one("CollapsibleTitle"), scroll_visible=False)
        if screen.focused is None:
            screen.set_focus(view, scroll_visible=False)
        view.call_after_refresh(self._scroll, view, 2)

    def _scroll(self, view: VerticalScroll, frames: int) -> None:
        """Scroll to the anchor; again after the next frame (the blocks' heights settle over two frames)."""
        found = view.query(f"#{self.anchor}") if self.anchor else None
        y = found.first().virtual_region.y + self.offset if found else 0
        view.scroll_to(y=y, animate=False, immediate=True)
        if frames > 1:
            view.call_after_refresh(self._scroll, view, frames - 1)
