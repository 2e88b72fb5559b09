"""The drafted written report (рапорт) to the unit commander: one request on one ground.

The report is built from the summary model only. It asks for one thing on one ground: by default the
strongest ground the answers give (open, then at the command's discretion, then within reach, then the
others; a closed one only when nothing better is left, and then flagged in the text), or the ground the
person chooses among those that can be drafted (`options`). While a health ground is only within reach it
asks for a referral to the ВВК instead of dismissal. The wording, the provisions cited (chosen by the day
evaluated and the regime) and what a ground's report asks for come from `rules/templates/content.yaml`; the
attachments are the documents the answers make relevant. It never invents a ground: when none can be drafted,
it says so and no report is drafted. It is always marked as a DRAFT to be checked with a lawyer before filing.

The addressee, rank, name, unit and date are placeholders such as "[воинское звание]" unless the caller
gives them; they are kept in memory only, in the returned model and the rendering made from it.
"""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

from wizard.catalogue import Msg, t
from wizard.errors import WizardError
from wizard.outputs.content import Outputs, Provision, ReportText, Request, load_outputs
from wizard.outputs.words import citation, cites, format_date

MAX_FIELD_CHARS = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]+")

STRENGTH = ("open", "discretionary", "within_reach", "depends", "unconfirmed", "closed_now", "no_right")
"""The verdicts of a ground a report may be drafted on, strongest first (never `does_not_fit`)."""
FLAGGED = ("unconfirmed", "closed_now", "no_right")
"""Verdicts for which the report carries a warning in [brackets]: the ground cannot be counted on now."""


def clean(value: str | None) -> str | None:
    """A field typed by the person as one line of plain text: no control or direction characters, at most
    `MAX_FIELD_CHARS` characters; None when nothing is left."""
    if value is None:
        return None
    text = " ".join(_CONTROL.sub(" ", str(value)).split())[:MAX_FIELD_CHARS].strip()
    return text or None


def options(summary: dict[str, Any], words: ReportText) -> list[dict[str, Any]]:
    """The grounds a report can be drafted on, in the summary's order, each with its verdict."""
    found = []
    for ground in summary["grounds"]:
        wording = words.grounds.get(ground["id"])
        verdict = ground["verdict"]
        if wording is None or verdict["key"] not in STRENGTH:
            continue
        found.append(
            {
                "id": ground["id"],
                "title": ground["title"],
                "verdict": verdict["key"],
                "text": verdict["text"],
                "symbol": verdict["symbol"],
            }
        )
    return found


def strongest(choices: list[dict[str, Any]]) -> str | None:
    """The id of the strongest ground among `choices` (the first of equals), or None."""
    return min(choices, key=lambda choice: STRENGTH.index(choice["verdict"]))["id"] if choices else None


def draft(
    summary: dict[str, Any],
    *,
    outputs: Outputs | None = None,
    ground: str | None = None,
    addressee: str | None = None,
    rank: str | None = None,
    name: str | None = None,
    unit: str | None = None,
    date: datetime.date | str | None = None,
) -> dict[str, Any]:
    """The report model (JSON-ready) for `summary`, in the summary's language.

    `ground` is the id of the ground to draft it on (default: the strongest; one that cannot be drafted is a
    `WizardError`). `addressee` (e.g. "Командиру войсковой части 00000 полковнику Иванову И. И."), the
    soldier's `rank` and `name` (in the genitive: "рядового", "Иванова И. И."), `unit` (post, subunit, unit)
    and the `date` of filing fill the placeholders they replace.
    """
    lang = summary["lang"]
    words = (outputs or load_outputs()).content.report
    choices = options(summary, words)
    chosen = choose(choices, ground)
    if isinstance(date, datetime.date):
        date = format_date(date, lang)
    filled = {"addressee": clean(addressee), "rank": clean(rank), "name": clean(name), "unit": clean(unit)}
    filled["date"] = clean(date)
    field = {key: value or getattr(words, key)[lang] for key, value in filled.items()}
    body = _body(summary, words, chosen) if chosen else None
    return {
        "lang": lang,
        "drafted": body is not None,
        "draft_mark": t("out.report.draft", lang),
        "doc_title": t("out.report.doc_title", lang, subject=body["subject"])
        if body
        else t("out.report.none_title", lang),
        "session": summary["session"],
        "as_of_text": summary["as_of_text"],
        "filled": {key: value is not None for key, value in filled.items()},
        "ground": chosen,
        "options": choices,
        "addressee": field["addressee"],
        "sender": [f"{words.from_[lang]} {field['rank']} {field['name']}", field["unit"]],
        "title": words.title[lang],
        "request": body["request"] if body else None,
        "flags": body["flags"] if body else [],
        "circumstances": body["circumstances"] if body else None,
        "attachments_heading": words.attachments[lang],
        "attachments": body["attachments"] if body else [],
        "signature": words.signature[lang],
        "date": field["date"],
        "no_ground": None if body else words.no_ground[lang],
        "notes_heading": t("out.report.notes", lang),
        "notes": _notes(summary, words, body, choices),
        "form_heading": t("out.report.form", lang),
        "form_note": words.form_note[lang],
        "form_cites": cites(summary, [sid for sid in words.sources if sid in summary["sources"]]),
        "not_legal_advice": summary["not_legal_advice"],
    }


def choose(choices: list[dict[str, Any]], ground: str | None) -> str | None:
    """The ground to draft on: `ground` if it can be drafted (else a `WizardError`), or the strongest; marks it
    `chosen` among the choices."""
    if ground is not None and ground not in {choice["id"] for choice in choices}:
        known = ", ".join(choice["id"] for choice in choices) or "—"
        raise WizardError(Msg("out.report.bad_ground", {"ground": clean(ground) or "", "ids": known}))
    chosen = ground or strongest(choices)
    for choice in choices:
        choice["chosen"] = choice["id"] == chosen
    return chosen


def in_force(provision: Provision, summary: dict[str, Any]) -> bool:
    """Whether a report may cite `provision` on the day evaluated: not before its `since` nor before the date
    of any of its sources (Decree No. 647 never before 21.09.2022), and under one of its `regimes` if named."""
    if any(source_id not in summary["sources"] for source_id in provision.sources):
        return False  # a pack that borrows the shipped wording may lack them
    day = datetime.date.fromisoformat(summary["as_of"])
    dates = [datetime.date.fromisoformat(summary["sources"][sid]["date"]) for sid in provision.sources]
    if provision.since is not None:
        dates.append(provision.since)
    return day >= max(dates) and (not provision.regimes or summary["regime"]["id"] in provision.regimes)


def _body(summary: dict[str, Any], words: ReportText, ground_id: str) -> dict[str, Any]:
    """The request, the flags in [brackets] and the attachments of the report on the ground `ground_id`."""
    lang = summary["lang"]
    ground = next(entry for entry in summary["grounds"] if entry["id"] == ground_id)
    verdict = ground["verdict"]
    wording = words.grounds[ground_id]
    within_reach = verdict["key"] == "within_reach"
    request: Request = wording.within_reach if within_reach and wording.within_reach else wording
    provisions = [provision for provision in request.provisions if in_force(provision, summary)]
    references = "; ".join(
        citation(
            words.acts[provision.act][lang],
            lang,
            article=provision.article,
            part=provision.part,
            point=provision.point,
            subpoint=provision.subpoint,
        )
        for provision in provisions
    )
    flags = [request.check[lang]] if request.check else []
    missing = "; ".join(entry["text"] for entry in ground["missing"]) or t("out.report.unknown_facts", lang)
    possible = ground["status"] == "possible" and not within_reach
    if possible:
        flags.append(words.to_confirm[lang].format(missing=missing))
    if within_reach and request is wording:  # the request itself, to file once the document is obtained
        obtain = "; ".join(entry["title"] for entry in verdict["obtain"]) or missing
        flags.append(words.obtain_first[lang].format(obtain=obtain))
    if verdict["key"] in FLAGGED:
        flags.append(words.closed[lang].format(verdict=verdict["text"]))
    to_obtain = {entry["id"] for entry in verdict["obtain"]}
    attachments = [
        words.attachment[lang].format(title=document["title"])
        for document in ground["documents"]
        if document["id"] not in words.not_attached
        and document["id"] not in to_obtain
        and (request.documents is None or document["id"] in request.documents)
    ]
    return {
        "ground": ground,
        "request": f"{request.request[lang]} ({references})." if references else f"{request.request[lang]}.",
        "subject": request.subject[lang],
        "flags": flags,
        "missing": missing if possible else None,
        "circumstances": (request.circumstances or words.circumstances)[lang],
        "attachments": attachments,
        "note": request.note[lang] if request.note else None,
        "sources": [source_id for provision in provisions for source_id in provision.sources],
    }


def _notes(
    summary: dict[str, Any], words: ReportText, body: dict[str, Any] | None, choices: list[dict[str, Any]]
) -> list[str]:
    """The notes beside the report, for the person: not part of the report."""
    lang = summary["lang"]
    notes = [summary["stale_text"]] if summary["stale_text"] else []
    regime = summary["regime"]
    notes.append(t("out.report.regime", lang, title=regime["title"], summary=regime["summary"]))
    if body is None:
        return notes
    situation = summary["verdict"]
    notes.insert(-1, t("out.report.first", lang, next_step=situation["next_step"], avoid=situation["avoid"]))
    ground = body["ground"]
    now = t("out.report.now", lang, title=ground["title"], verdict=ground["verdict"]["text"])
    notes.append(f"{now} {ground['availability_note']}" if ground["availability_note"] else now)
    if body["note"]:
        notes.append(body["note"])
    if body["missing"]:
        notes.append(t("out.report.possible", lang, title=ground["title"], missing=body["missing"]))
    others = [choice for choice in choices if not choice["chosen"]]
    if others:
        listed = "; ".join(
            t("out.report.option", lang, title=choice["title"], verdict=choice["text"]) for choice in others
        )
        best = strongest(choices)
        if best == ground["id"]:
            notes.append(t("out.report.options_default", lang, title=ground["title"], others=listed))
        else:
            best_title = next(choice["title"] for choice in others if choice["id"] == best)
            listed = "; ".join(
                t("out.report.option", lang, title=choice["title"], verdict=choice["text"])
                for choice in others
                if choice["id"] != best
            )
            notes.append(
                t("out.report.options_chosen", lang, title=ground["title"], strongest=best_title, others=listed or "—")
            )
    unsure = [sid for sid in dict.fromkeys(body["sources"]) if summary["sources"][sid]["reliability"] != "confirmed"]
    if unsure:
        notes.append(t("out.report.verify", lang, cites=cites(summary, unsure)))
    if not body["attachments"]:
        notes.append(words.no_attachments[lang])
    follow_up = summary["follow_up"]
    if follow_up:
        notes.append(f"{follow_up['title']}. {follow_up['text']}")
    if lang != "ru":
        notes.append(t("out.report.english", lang))
    return notes


# --- DOCX ------------------------------------------------------------------------------------------


def docx_bytes(report: dict[str, Any]) -> bytes:
    """The report as a Word document (python-docx), for NGO staff who edit in a word processor."""
    from docx import Document

    document = Document()
    _docx_page(document, report)
    _docx_body(document, report)
    _docx_properties(document, report)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_page(document: Any, report: dict[str, Any]) -> None:
    """A4 with the margins of an official paper, Times New Roman 13, and the draft mark as the page header."""
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    header = section.header.paragraphs[0]
    header.text = report["draft_mark"]
    header.runs[0].bold = True
    header.runs[0].font.size = Pt(9)


def _docx_body(document: Any, report: dict[str, Any]) -> None:
    """The report itself (or why none is drafted), then the notes on a new page, the form and "not legal advice"."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    def paragraph(text: str = "", *, bold: bool = False, italic: bool = False, indent=None, align=None):
        made = document.add_paragraph()
        if text:
            run = made.add_run(text)
            run.bold, run.italic = bold, italic
        if indent is not None:
            made.paragraph_format.left_indent = indent
        if align is not None:
            made.alignment = align
        return made

    paragraph(report["draft_mark"], bold=True)
    if not report["drafted"]:
        paragraph(report["doc_title"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        paragraph(report["no_ground"])
    else:
        for line in [report["addressee"], *report["sender"]]:
            paragraph(line, indent=Mm(80))
        paragraph()
        paragraph(report["title"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        request = paragraph(report["request"])
        request.paragraph_format.first_line_indent = Mm(12.5)
        for flag in report["flags"]:
            paragraph(flag, italic=True)
        paragraph(report["circumstances"])
        if report["attachments"]:
            paragraph(report["attachments_heading"])
            for number, line in enumerate(report["attachments"], 1):
                paragraph(f"{number}. {line}", indent=Mm(6))
        paragraph()
        paragraph(report["signature"])
        paragraph(report["date"])
    notes_title = paragraph(report["notes_heading"], bold=True)
    notes_title.paragraph_format.page_break_before = report["drafted"]
    for note in report["notes"]:
        document.add_paragraph(note, style="List Bullet")
    paragraph(f"{report['form_heading']}: {report['form_note']} [{report['form_cites']}]", italic=True)
    paragraph(report["not_legal_advice"], italic=True)


def _docx_properties(document: Any, report: dict[str, Any]) -> None:
    """The document's properties name no one: the title only, and the day of the session as its date."""
    properties = document.core_properties
    properties.title = report["doc_title"]
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.subject = ""
    properties.keywords = ""
    properties.category = ""
    properties.revision = 1
    session_day = datetime.datetime.fromisoformat(report["session"]["date"])
    properties.created = properties.modified = session_day


def docx_text(data: bytes) -> str:
    """The text of a DOCX made by `docx_bytes`: the page header, then every paragraph, one per line."""
    from docx import Document

    document = Document(io.BytesIO(data))
    lines = [paragraph.text for section in document.sections for paragraph in section.header.paragraphs]
    lines.append("")
    lines += [paragraph.text for paragraph in document.paragraphs]
    return "\n".join(lines) + "\n"
