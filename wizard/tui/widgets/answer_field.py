"""The field a question is answered in: a list for yes/no and choices (the kept answer marked), an input for
numbers and dates (the kept or drafted text in it). From one list question to the next the question screen
keeps the list and replaces its options only when they differ; any other step builds the field anew."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from wizard.catalogue import t
from wizard.outputs.words import answer_label
from wizard.pack.answers import choices
from wizard.pack.conditions import UNKNOWN
from wizard.pack.model import Question

TYPED = ("number", "date")


def answer_field(question: Question, kept: Any, draft: Any, lang: str) -> list[Widget]:
    """The widgets of the answer: `kept` is the answer given before, `draft` what was typed or highlighted
    but not sent (a highlighted index, or a text)."""
    if question.kind in TYPED:
        return _typed(question, kept, draft, lang)
    options, highlighted = list_options(question, kept, draft, lang)
    listing = OptionList(*options, id="answer")
    listing.highlighted = highlighted
    return [listing]


def list_options(question: Question, kept: Any, draft: Any, lang: str) -> tuple[list[Option], int]:
    """The options of a list question, the kept answer marked, and which one to highlight."""
    keys = choices(question)
    options = []
    for key in keys:
        prompt = Text(_capitalized(answer_label(question, key, lang)))
        if key == kept:
            prompt.append(f"  ✔ {t('app.current_answer', lang)}", style="bold")
        options.append(Option(prompt, id=key))
    if isinstance(draft, int):
        return options, draft
    return options, keys.index(kept) if kept in keys else 0


def same_options(listing: OptionList, options: list[Option]) -> bool:
    """Whether `listing` already shows `options` (same ids and prompts), so that its rendering can be kept."""
    shown = listing.options
    return len(shown) == len(options) and all(
        old.id == new.id and old.prompt == new.prompt for old, new in zip(shown, options, strict=True)
    )


def _typed(question: Question, kept: Any, draft: Any, lang: str) -> list[Widget]:
    if isinstance(draft, str):
        value = draft
    elif kept is None or kept == UNKNOWN:
        value = ""
    else:
        value = answer_label(question, kept, lang)
    if question.kind == "number":
        if question.min is not None and question.max is not None:
            placeholder = t("app.placeholder.range", lang, min=f"{question.min:g}", max=f"{question.max:g}")
        else:
            placeholder = t("app.placeholder.number", lang)
        field = Input(value, placeholder=placeholder, id="answer", restrict=r"[0-9 ,.\-]*", max_length=24)
    else:
        field = Input(value, placeholder=t("app.placeholder.date", lang), id="answer", max_length=10)
    field.select_on_focus = False  # what is typed next goes on from the draft kept, not over it
    widgets: list[Widget] = [field]
    if question.unit is not None:
        widgets.append(Static(t("app.unit", lang, unit=question.unit[lang]), classes="help", markup=False))
    if kept == UNKNOWN:
        current = f"✔ {t('app.current_answer', lang)}: {answer_label(question, UNKNOWN, lang)}"
        widgets.append(Static(current, classes="current", markup=False))
    return widgets


def _capitalized(label: str) -> str:
    return label[:1].upper() + label[1:]
