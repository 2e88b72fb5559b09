"""Plain-text renderings of the summary and the questionnaire, for the terminal and for pipes.

The summary is rendered by `wizard.outputs.render` from its template; this module keeps the plain-text entry points."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wizard.catalogue import t

if TYPE_CHECKING:
    from wizard.outputs.content import Outputs


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
