"""The words of every output: dates, answers, citations (one formatter, Russian order in Russian), conditions
and the reasons a condition holds or not, as the summary model, the templates and the screens show them."""

from __future__ import annotations

from datetime import date
from typing import Any

from wizard.catalogue import t
from wizard.pack.conditions import UNKNOWN, All, Answered, Any_, GroundRef, In, Not, RegimeRef, Since, Text, Trace
from wizard.pack.model import (
    Pack,
    Question,
    Reference,
    Source,
)

OUTCOME = {True: "met", False: "failed", None: "unknown"}


def format_date(day: date, lang: str) -> str:
    return t("date.format", lang, d=day)


def answer_label(question: Question, value: Any, lang: str) -> str:
    """How an answer reads: the option's label, yes/no in words, a date in the language's format."""
    if value is None:
        return t("answer.none", lang)
    if value == UNKNOWN or (question.kind == "yes_no" and value in ("yes", "no")):
        return t(f"answer.{value}", lang)
    if question.kind == "choice":
        option = question.option(value)
        return option.label[lang] if option else str(value)
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cite(pack: Pack, source_id: str, lang: str) -> str:
    """A short citation, e.g. "подп. «в» п. 3 ст. 51 53-ФЗ" / "53-FZ, art. 51 p. 3 subp. “v”"."""
    return cite_reference(pack.source(source_id).reference, lang)


def cite_reference(reference: Reference, lang: str) -> str:
    """The provision `reference` names, in the citation order of `lang` (see `citation`)."""
    parts = {field: getattr(reference, field) for field in CITE_FIELDS}
    act = reference.act_of if reference.act_of is not None and any(parts.values()) else reference.act
    return citation(act[lang], lang, **parts)


CITE_FIELDS = ("article", "part", "point", "subpoint")
"""The units of a provision, largest first."""
_LATIN = {
    **dict(zip("абвгдезиклмнопрстуф", "abvgdeziklmnoprstuf", strict=True)),
    "ж": "zh",
    "х": "kh",
}
"""The letters of subpoints (Russian legal texts skip ё, й and the letters after х) in Latin, for English."""


def citation(act: str, lang: str, **parts: str | None) -> str:
    """The one citation formatter of every output: `act` with the `parts` given (article, part, point,
    subpoint). Russian names the smallest unit first and the act last, in the form that follows a provision
    ("подп. «б» п. 5 Указа № 647", "ч. 2.1 ст. 332 УК РФ"); English names the act first ("Decree No. 647,
    p. 5 subp. “b”"), with the letter of a subpoint in Latin."""
    fields = [field for field in CITE_FIELDS if parts.get(field)]
    if not fields:
        return act
    if lang == "ru":
        fields.reverse()
    shown = []
    for field in fields:
        value = str(parts[field])
        if field == "subpoint" and lang != "ru":
            value = "".join(_LATIN.get(letter, letter) for letter in value.lower())
        shown.append(t(f"cite.{field}", lang, value=value))
    return t("cite.provision", lang, act=act, provision=" ".join(shown))


def source_entry(pack: Pack, source_id: str, lang: str, source: Source | None = None) -> dict[str, Any]:
    """A source with its citation, date and reliability in words; `source` stands in for an id the pack lacks."""
    source = source or pack.source(source_id)
    return {
        "id": source.id,
        "cite": cite_reference(source.reference, lang),
        "title": source.title[lang],
        "date": source.date.isoformat(),
        "date_text": format_date(source.date, lang),
        "reliability": source.reliability,
        "reliability_text": t(f"reliability.{source.reliability}", lang),
        "note": source.note[lang] if source.note else None,
    }


def condition_text(pack: Pack, trace: Trace, lang: str) -> str:
    """The condition of `trace` in plain words: its label, or words made from its question."""
    condition = trace.condition
    if condition.label is not None:
        return condition.label[lang]
    match condition:
        case All() | Any_() | Not():
            return t(f"cond.{condition.operator}", lang)
        case GroundRef():
            return t("cond.ground", lang, title=pack.by_id["grounds"][condition.ground].title[lang])
        case RegimeRef():
            return t("cond.regime", lang, title=pack.by_id["regimes"][condition.regime].title[lang])
        case Since():
            return t("cond.since", lang, date=format_date(condition.since, lang))
    question = pack.question(condition.question)
    if isinstance(condition, Answered):
        return t("cond.answered", lang, short=question.short[lang])
    values = condition.value if isinstance(condition, In) else (condition.value,)
    shown = ", ".join(answer_label(question, value, lang) for value in values)
    return t(f"cond.{condition.operator}", lang, short=question.short[lang], value=shown)


def why(pack: Pack, trace: Trace, lang: str) -> dict[str, Any]:
    """The trace as a tree of plain sentences, each with its outcome, the answer it looked at and its sources."""
    condition = trace.condition
    entry: dict[str, Any] = {
        "outcome": OUTCOME[trace.outcome],
        "text": condition_text(pack, trace, lang),
        "sources": list(condition.sources),
    }
    question_id = getattr(condition, "question", None)
    if question_id is not None:
        question = pack.question(question_id)
        entry["question"] = question_id
        if trace.answer is None and not isinstance(condition, Answered) and question_id not in trace.missing:
            entry["answer"] = t("answer.not_asked", lang)  # its `ask_if` does not hold (or is not settled yet)
        else:
            entry["answer"] = answer_label(question, trace.answer, lang)
    if not isinstance(condition, GroundRef) and trace.children:
        entry["children"] = [why(pack, child, lang) for child in trace.children]
    return entry


def optional_text(value: Text | None, lang: str) -> str | None:
    return None if value is None else value[lang]


def question_entry(pack: Pack, question_id: str, lang: str) -> dict[str, str]:
    return {"id": question_id, "text": pack.question(question_id).short[lang]}


def cites(summary: dict[str, Any], ids: list[str]) -> str:
    """Citations of `ids`, each with its date and reliability, e.g. "Указ № 647, п. 5 (от 21.09.2022, подтверждено)"."""
    lang, sources = summary["lang"], summary["sources"]
    parts = []
    for source_id in dict.fromkeys(ids):
        source = sources[source_id]
        as_of = t("cite.as_of", lang, date=source["date_text"])
        parts.append(f"{source['cite']} ({as_of}, {source['reliability_text']})")
    return "; ".join(parts)
