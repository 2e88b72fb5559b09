"""Plain-text renderings of the summary and the questionnaire, for the terminal and for pipes."""

from __future__ import annotations

from typing import Any

from wizard.catalogue import t


def _cites(summary: dict[str, Any], ids: list[str]) -> str:
    sources = summary["sources"]
    return "; ".join(f"{sources[i]['cite']} ({sources[i]['date_text']}, {sources[i]['reliability_text']})" for i in ids)


def _why_lines(summary: dict[str, Any], entry: dict[str, Any], lang: str, depth: int) -> list[str]:
    mark = t(f"outcome.{entry['outcome']}", lang)
    line = f"{'  ' * depth}{mark} {entry['text']}"
    if "answer" in entry:
        line += f" — {t('cond.your_answer', lang, answer=entry['answer'])}"
    if entry["sources"]:
        line += f" [{_cites(summary, entry['sources'])}]"
    lines = [line]
    for child in entry.get("children", ()):
        lines += _why_lines(summary, child, lang, depth + 1)
    return lines


def summary_text(summary: dict[str, Any]) -> str:
    lang = summary["lang"]
    out = [t("result.title", lang), summary["as_of_text"]]
    if summary["stale_text"]:
        out += ["", summary["stale_text"]]
    regime = summary["regime"]
    out += [
        "",
        f"{t('result.regime', lang)}: {regime['title']}",
        regime["summary"],
        f"  [{_cites(summary, regime['sources'])}]",
    ]
    out += ["", t("result.grounds", lang).upper()]
    for ground in summary["grounds"]:
        out += ["", f"■ {ground['title']}", f"  {t('result.status', lang)}: {ground['status_text']}"]
        out.append(f"  {t('result.availability', lang)}: {ground['availability_text']}")
        if ground["availability_note"]:
            out.append(f"    {ground['availability_note']}")
        out.append(f"    [{_cites(summary, ground['availability_sources'])}]")
        out.append(f"  {ground['explanation']}")
        out.append(f"  {t('result.why', lang)}:")
        out += _why_lines(summary, ground["why"], lang, 2)
        if ground["missing"]:
            out.append(f"  {t('result.missing', lang)}: " + "; ".join(m["text"] for m in ground["missing"]))
        if ground["documents"] and ground["status"] != "not_met":
            out.append(f"  {t('result.documents', lang)}:")
            out += [f"    □ {doc['title']}" for doc in ground["documents"]]
        out.append(f"  {t('result.practice', lang)}: {ground['practice']}")
        if ground["meanwhile"] and ground["status"] != "not_met":
            out.append(f"  {t('result.meanwhile', lang)}: {ground['meanwhile']}")
        out.append(f"  {t('result.sources', lang)}: {_cites(summary, ground['sources'])}")
    if summary["procedure"]:
        out += ["", t("result.procedure", lang).upper()]
        for number, step in enumerate(summary["procedure"], 1):
            maybe = "" if step["certain"] else f" {t('result.may_concern', lang)}"
            out += [
                "",
                f"{number}. {step['title']}{maybe}",
                f"   {t('result.actor', lang)}: {step['actor']}",
                f"   {step['text']}",
            ]
            if step["keep"]:
                out.append(f"   {t('result.keep', lang)}: {step['keep']}")
            out.append(f"   [{_cites(summary, step['sources'])}]")
    if summary["risks"]:
        out += ["", t("result.risks", lang).upper()]
        for risk in summary["risks"]:
            maybe = "" if risk["certain"] else f" {t('result.may_concern', lang)}"
            article = risk["act"] + " " + t("cite.article", lang, value=risk["article"])
            if risk["part"]:
                article += " " + t("cite.part", lang, value=risk["part"])
            out += ["", f"! {risk['title']} — {article}{maybe}", f"  {t('result.penalty', lang)}: {risk['penalty']}"]
            out.append(f"  {t('result.situation', lang)}: {risk['situation']}")
            out.append(f"  [{_cites(summary, risk['sources'])}]")
    if summary["ignored_answers"]:
        out += ["", t("result.ignored", lang, ids=", ".join(summary["ignored_answers"]))]
    if summary["help"]:
        out += ["", t("result.help", lang).upper()]
        for entry in summary["help"]:
            out += [f"• {entry['title']}: {entry['text']} [{_cites(summary, entry['sources'])}]"]
    out += ["", summary["not_legal_advice"]]
    return "\n".join(out) + "\n"


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
