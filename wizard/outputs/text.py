"""The questionnaire (`wizard questions`: the questions of a pack, which document the answers-file format), and the
plain-text renderings of it and of the summary, for the terminal and for pipes. The summary is rendered by
`wizard.outputs.render` from its template; this module keeps the plain-text entry points."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wizard.catalogue import t
from wizard.outputs.words import condition_text
from wizard.pack.answers import choices
from wizard.pack.conditions import Trace

if TYPE_CHECKING:
    from wizard.outputs.content import Outputs
    from wizard.pack.model import Pack


def summary_text(summary: dict[str, Any], outputs: Outputs | None = None) -> str:
    """The summary as plain text (the template `summary.txt.j2` of `outputs`, default: the shipped one)."""
    from wizard.outputs.render import render_summary

    return render_summary(summary, "text", outputs)


def questions_text(questionnaire: dict[str, Any], lang: str) -> str:
    out = [t("questions.title", lang)]
    topic = None
    for question in questionnaire["questions"]:
        if question["topic_title"] != topic:
            topic = question["topic_title"]
            out += ["", f"== {topic} =="]
        values = ", ".join(question.get("values", ())) or t(f"kind.{question['kind']}", lang)
        out.append(f"{question['id']}: {question['text']}")
        kind = t(f"kind.{question['kind']}", lang)
        out.append(f"    {t('questions.kind', lang)}: {kind}; {t('questions.values', lang)}: {values}")
        for key, label in question.get("labels", {}).items():
            out.append(f"      {key} = {label}")
        if "asked_if" in question:
            out.append(f"    {t('questions.asked_if', lang)}: {question['asked_if']}")
    return "\n".join(out) + "\n"


def questionnaire(pack: Pack, lang: str) -> dict[str, Any]:
    """The questions of the pack, which document the answers-file format: id, kind, allowed answers."""
    topics = {topic.id: topic.title[lang] for topic in pack.topics}
    entries = []
    for question in pack.questions:
        text = question.text.you if hasattr(question.text, "you") else question.text
        entry: dict[str, Any] = {
            "id": question.id,
            "topic": question.topic,
            "topic_title": topics[question.topic],
            "kind": question.kind,
            "text": text[lang],
            "short": question.short[lang],
        }
        if values := choices(question):
            entry["values"] = values
        if question.kind == "choice":
            entry["labels"] = {option.key: option.label[lang] for option in question.options}
        if question.min is not None or question.max is not None:
            entry["min"], entry["max"] = question.min, question.max
        if question.ask_if is not None:
            entry["asked_if"] = condition_text(pack, Trace(question.ask_if, None), lang)
        entries.append(entry)
    return {
        "pack": {"version": pack.pack.version, "checked_on": pack.pack.checked_on.isoformat()},
        "questions": entries,
    }
