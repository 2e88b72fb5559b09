"""The summary model: an evaluation put into words of one language, as plain data.

`summary()` is what `wizard evaluate --format json` prints and what every other rendering (terminal text,
the app's result screen, printable files) is made from, so all of them say the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any, cast

from wizard.catalogue import t
from wizard.outputs.content import Outputs, load_outputs
from wizard.outputs.words import (
    citation,
    format_date,
    optional_text,
    question_entry,
    source_entry,
    why,
)
from wizard.pack.engine import Evaluation, GroundResult, Relevant
from wizard.pack.model import Pack
from wizard.pack.values import AVAILABILITY_ORDER
from wizard.pack.verdict import Chosen, Verdict, decide
from wizard.pack.wording import GroundVerdict, PersonText, SituationCase, VerdictCase


def person_of(pack: Pack, answers: Mapping[str, Any] | None) -> str:
    """ "you" when the soldier answers (or nobody said), "he" when someone answers about him."""
    respondent = pack.pack.respondent
    return respondent.person.get((answers or {}).get(respondent.question), "you")


def worded(text: PersonText, person: str, lang: str) -> str:
    """A pack text in the reader's person."""
    return (getattr(text, person) if hasattr(text, "you") else text)[lang]


def _obtain_entries(pack: Pack, document_ids: tuple[str, ...], lang: str) -> list[dict[str, str]]:
    return [{"id": doc_id, "title": pack.by_id["documents"][doc_id].title[lang]} for doc_id in document_ids]


def _inline(entries: list[dict[str, str]]) -> str:
    """Titles inside a sentence: "заключение ВВК", but "МСЭ …" keeps its capitals."""
    titles = [e["title"][:1].lower() + e["title"][1:] if e["title"][1:2].islower() else e["title"] for e in entries]
    return ", ".join(titles)


def verdict_entry(pack: Pack, rule: GroundVerdict, result: GroundResult, person: str, lang: str) -> dict[str, Any]:
    """A ground's verdict: its key, its words in the reader's person, its symbol, what to obtain first."""
    obtain = _obtain_entries(pack, result.obtain, lang)
    return {
        "key": rule.key,
        "text": worded(rule.text, person, lang).format(obtain=_inline(obtain)),
        "symbol": rule.symbol,
        "obtain": obtain,
    }


def ground_entry(pack: Pack, result: GroundResult, lang: str, verdict: dict[str, Any] | None = None) -> dict[str, Any]:
    ground = result.ground
    return {
        "id": ground.id,
        "title": ground.title[lang],
        "status": result.status,
        "status_text": t(f"status.{result.status}", lang),
        "availability": result.availability,
        "availability_text": t(f"availability.{result.availability}", lang),
        "availability_note": optional_text(result.availability_note, lang),
        "availability_sources": list(result.availability_sources),
        "explanation": ground.explanation[lang],
        "practice": ground.practice[lang],
        "meanwhile": optional_text(ground.meanwhile, lang),
        "why": why(pack, result.trace, lang),
        "within_reach": why(pack, result.reach, lang) if result.reach is not None else None,
        "missing": [question_entry(pack, qid, lang) for qid in result.missing],
        "documents": [
            {"id": doc_id, "title": document.title[lang], "how": optional_text(document.how, lang)}
            for doc_id in result.documents
            for document in (pack.by_id["documents"][doc_id],)
        ],
        "sources": list(ground.sources),
        "verdict": verdict,
    }


def step_entry(relevant: Relevant, lang: str, origin: str = "pack") -> dict[str, Any]:
    step = relevant.item
    shown = relevant.variant or step  # a variant's text and sources stand in for the step's own
    return {
        "id": step.id,
        "title": step.title[lang],
        "actor": step.actor[lang],
        "text": shown.text[lang],
        "keep": optional_text(step.keep, lang),
        "certain": relevant.certain,
        "sources": list(shown.sources),
        "origin": origin,
    }


def risk_entry(relevant: Relevant, lang: str) -> dict[str, Any]:
    risk = relevant.item
    return {
        "id": risk.id,
        "title": risk.title[lang],
        "act": risk.act[lang],
        "article": risk.article,
        "part": risk.part,
        "penalty": risk.penalty[lang],
        "situation": risk.situation[lang],
        "certain": relevant.certain,
        "prospect": optional_text(relevant.prospect, lang),
        "already": relevant.already,
        "sources": list(risk.sources),
    }


def by_relevance(risks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The risks whose situation the answers describe as already here first, then the other certain ones, then
    those that will arise if…, then those that may concern."""
    return sorted(risks, key=lambda risk: (not risk["already"], not risk["certain"], risk["prospect"] is None))


def summary(
    pack: Pack,
    evaluation: Evaluation,
    lang: str,
    *,
    answers: Mapping[str, Any] | None = None,
    today: date | None = None,
    outputs: Outputs | None = None,
) -> dict[str, Any]:
    """Everything a person should take away from an evaluation, in `lang`, as JSON-ready data.

    `answers` (the answers evaluated) say who answered: only the role is kept, never a name or a free text.
    `today` is the day of the session (default: today). `outputs` is the content of `rules/templates/`
    (default: the shipped one): the steps shown when the pack shows none and the written follow-up.
    """
    outputs = outputs or load_outputs()
    outputs.check(pack)
    decided = decide(pack, evaluation)
    person = person_of(pack, answers)
    every = [
        ground_entry(pack, result, lang, verdict_entry(pack, decided.grounds[result.ground.id], result, person, lang))
        for result in decided.order
    ]
    grounds, do_not_count_on = split_grounds(every)
    procedure = [step_entry(relevant, lang) for relevant in evaluation.procedure]
    risks = by_relevance([risk_entry(relevant, lang) for relevant in evaluation.risks])
    verdict = situation_verdict(pack, decided, grounds, evaluation, person, lang)
    general_steps, follow_up = template_steps(pack, outputs, bool(procedure), lang)
    helps = [{"id": h.id, "title": h.title[lang], "text": h.text[lang], "sources": list(h.sources)} for h in pack.help]
    shown = (*every, *procedure, *risks, *general_steps, *([follow_up] if follow_up else []), verdict)
    cited = cited_sources(pack, evaluation, shown, every, helps)
    return {
        **heading(pack, evaluation, lang, answers, today),
        "verdict": verdict,
        "grounds": grounds,
        "do_not_count_on": do_not_count_on,
        "documents": checklist(grounds),
        "procedure": procedure,
        "general_steps": general_steps,
        "follow_up": follow_up,
        "risks": risks,
        "ignored_answers": list(evaluation.ignored),
        "help": helps,
        "not_legal_advice": pack.pack.not_legal_advice[lang],
        "sources": {
            source_id: source_entry(pack, source_id, lang, outputs.source(pack, source_id)) for source_id in cited
        },
    }


def summary_json(summary: dict[str, Any]) -> str:
    """The summary as JSON text, the `json` format (no template)."""
    return json.dumps(summary, ensure_ascii=False, indent=2) + "\n"


def heading(
    pack: Pack, evaluation: Evaluation, lang: str, answers: Mapping[str, Any] | None, today: date | None
) -> dict[str, Any]:
    """The first keys of the summary: the language, the day of the law, the pack, the session, whether the law
    may be stale, and the regime."""
    meta = pack.pack
    regime = evaluation.regime
    session_day = today or date.today()
    return {
        "lang": lang,
        "as_of": evaluation.on.isoformat(),
        "pack": {
            "title": meta.title[lang],
            "version": meta.version,
            "checked_on": meta.checked_on.isoformat(),
            "checked_on_text": format_date(meta.checked_on, lang),
        },
        "as_of_text": t(
            "result.as_of",
            lang,
            date=format_date(evaluation.on, lang),
            version=meta.version,
            checked=format_date(meta.checked_on, lang),
        ),
        "session": {
            "date": session_day.isoformat(),
            "date_text": format_date(session_day, lang),
            **respondent(pack, answers, lang),
        },
        "stale": evaluation.stale,
        "stale_text": t("result.stale", lang, checked=format_date(meta.checked_on, lang), days=meta.stale_after_days)
        if evaluation.stale
        else None,
        "regime": {
            "id": regime.id,
            "title": regime.title[lang],
            "summary": regime.summary[lang],
            "valid_from": regime.valid_from.isoformat(),
            "valid_to": regime.valid_to.isoformat() if regime.valid_to else None,
            "sources": list(regime.sources),
        },
    }


def template_steps(
    pack: Pack, outputs: Outputs, has_procedure: bool, lang: str
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """The general steps of the templates (shown only when the pack shows no procedure) and the written
    follow-up (unless the pack has a step of that id)."""
    content = outputs.content
    general_steps = (
        []
        if has_procedure
        else [step_entry(Relevant(step, certain=True), lang, "templates") for step in content.general_steps]
    )
    follow_up = (
        None
        if content.follow_up.id in pack.by_id["procedure"]
        else step_entry(Relevant(content.follow_up, certain=True), lang, "templates")
    )
    return general_steps, follow_up


def cited_sources(
    pack: Pack,
    evaluation: Evaluation,
    shown: tuple[dict[str, Any], ...],
    grounds: list[dict[str, Any]],
    helps: list[dict[str, Any]],
) -> dict[str, None]:
    """Every source the summary cites, in the order first cited: the pack's, the regime's, those of every entry
    shown, of the grounds' availability and reasons, and of the help."""
    cited: dict[str, None] = dict.fromkeys(pack.pack.sources)
    cited.update(dict.fromkeys(evaluation.regime.sources))
    for entry in shown:
        cited.update(dict.fromkeys(entry["sources"]))
    for entry in grounds:
        cited.update(dict.fromkeys(entry["availability_sources"]))
        _collect_trace_sources(entry["why"], cited)
    for entry in helps:
        cited.update(dict.fromkeys(entry["sources"]))
    return cited


def situation_verdict(
    pack: Pack, decided: Verdict, grounds: list[dict[str, Any]], evaluation: Evaluation, person: str, lang: str
) -> dict[str, Any]:
    """The verdict for the whole situation, with the next step and the thing to avoid, in the reader's person;
    its sources are those of the named grounds' availability and of the steps and risks the cases rest on."""
    titles = {entry["id"]: entry["title"] for entry in grounds}
    named = [ground_id for ground_id in decided.situation.grounds if ground_id in titles]
    obtain = _inline(_obtain_entries(pack, decided.obtain(named), lang))

    def say(chosen: Chosen) -> str:
        """The case's text; a case that names no grounds of its own speaks of the situation's."""
        shown = "; ".join(titles[g] for g in chosen.grounds or named if g in titles) or "—"
        return worded(chosen.case.text, person, lang).format(grounds=shown, obtain=obtain)

    cases = (decided.situation.case, decided.next_step.case, decided.avoid.case)
    return {
        "kind": decided.kind,
        "person": person,
        "title": cast(SituationCase, decided.situation.case).title[lang],
        "text": say(decided.situation),
        "grounds": named,
        "next_step": say(decided.next_step),
        "next_step_id": decided.next_step.case.step or decided.next_step.case.risk,
        "avoid": say(decided.avoid),
        "avoid_id": decided.avoid.case.risk or decided.avoid.case.step,
        "find_out": [
            {"question": qid, "text": worded(pack.question(qid).text, person, lang)} for qid in decided.find_out
        ],
        "regime_line": regime_line(evaluation, grounds, lang),
        "cases": {"situation": cases[0].id, "next_step": cases[1].id, "avoid": cases[2].id},
        "sources": list(
            dict.fromkeys(
                [
                    *(source for entry in grounds if entry["id"] in named for source in entry["availability_sources"]),
                    *(source for case in cases for source in _case_sources(pack, case)),
                ]
            )
        ),
    }


def _case_sources(pack: Pack, case: VerdictCase) -> tuple[str, ...]:
    """What a verdict case rests on: its own sources and those of the step or risk it names."""
    rests_on = [pack.by_id[kind][ref] for kind, ref in (("procedure", case.step), ("risks", case.risk)) if ref]
    return (*case.sources, *(source for item in rests_on for source in item.sources))


def regime_line(evaluation: Evaluation, grounds: list[dict[str, Any]], lang: str) -> str:
    """The regime in one line: its title and how many grounds it leaves open."""
    counts = {key: sum(ground["availability"] == key for ground in grounds) for key in AVAILABILITY_ORDER}
    line = t("verdict.regime_line", lang, title=evaluation.regime.title[lang], total=len(grounds), **counts)
    return line + (t("verdict.regime_line.no_right", lang, no_right=counts["no_right"]) if counts["no_right"] else "")


def respondent(pack: Pack, answers: Mapping[str, Any] | None, lang: str) -> dict[str, str | None]:
    """Who answered, as a role (the option of the pack's respondent question); None when not known."""
    question = pack.question(pack.pack.respondent.question)
    value = (answers or {}).get(question.id)
    option = question.option(value) if isinstance(value, str) else None
    return {"respondent": option.key if option else None, "respondent_text": option.label[lang] if option else None}


def split_grounds(entries: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The real grounds, and what is not a ground at all but touches the answers, each with its warning."""
    grounds = [entry for entry in entries if entry["verdict"]["key"] != "not_a_ground"]
    do_not_count_on = [
        {**entry, "warning": entry["availability_note"]}
        for entry in entries
        if entry["verdict"]["key"] == "not_a_ground" and entry["status"] != "not_met"
    ]
    return grounds, do_not_count_on


NO_DOCUMENTS = ("does_not_fit", "no_right", "not_a_ground")
"""Verdicts whose grounds need no documents gathered."""


def checklist(grounds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The documents to gather: those the answers make relevant, of every ground that is or may become a route,
    and of a closed one that fits (the pack advises gathering them now), once each, in order."""
    documents: dict[str, dict[str, Any]] = {}
    for ground in grounds:
        key = ground["verdict"]["key"]
        if key in NO_DOCUMENTS or (key == "closed_now" and ground["status"] != "applies"):
            continue
        for document in ground["documents"]:
            entry = documents.setdefault(document["id"], {**document, "grounds": []})
            entry["grounds"].append(ground["title"])
    return list(documents.values())


def _collect_trace_sources(entry: dict[str, Any], cited: dict[str, None]) -> None:
    cited.update(dict.fromkeys(entry["sources"]))
    for child in entry.get("children", ()):
        _collect_trace_sources(child, cited)


def article(risk: dict[str, Any], lang: str) -> str:
    """The article (and part) a risk is under, e.g. "ч. 2.1 ст. 332 УК РФ"."""
    return citation(risk["act"], lang, article=risk["article"], part=risk["part"])


def may_concern(summary: dict[str, Any]) -> str:
    """ "May concern you/him — information missing", in the reader's person."""
    key = "verdict.may_concern.he" if summary["verdict"]["person"] == "he" else "result.may_concern"
    return t(key, summary["lang"])
