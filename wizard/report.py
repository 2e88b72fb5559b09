"""The drafted written report (рапорт) to the unit commander asking for early dismissal.

The report is built from the summary model only: the grounds that apply or may apply, each with its legal
reference; the documents they need as attachments; the wording from `rules/templates/content.yaml`. It
never invents a ground: when none applies or may apply, it says so and no report is drafted. It is always
marked as a DRAFT to be checked with a lawyer before filing.

The addressee, rank, name, unit and date are placeholders such as "[воинское звание]" unless the caller
gives them; they are kept in memory only, in the returned model and the rendering made from it.
"""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

from wizard.catalogue import t
from wizard.content import Outputs, load_outputs
from wizard.present import format_date

MAX_FIELD_CHARS = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]+")


def clean(value: str | None) -> str | None:
    """A field typed by the person as one line of plain text: no control or direction characters, at most
    `MAX_FIELD_CHARS` characters; None when nothing is left."""
    if value is None:
        return None
    text = " ".join(_CONTROL.sub(" ", str(value)).split())[:MAX_FIELD_CHARS].strip()
    return text or None


def draft(
    summary: dict[str, Any],
    *,
    outputs: Outputs | None = None,
    addressee: str | None = None,
    rank: str | None = None,
    name: str | None = None,
    unit: str | None = None,
    date: datetime.date | str | None = None,
) -> dict[str, Any]:
    """The report model (JSON-ready) for `summary`, in the summary's language.

    `addressee` (e.g. "Командиру войсковой части 00000 полковнику Иванову И. И."), the soldier's `rank`,
    `name` and `unit` (post, subunit, unit) and the `date` of filing fill the placeholders they replace.
    """
    lang = summary["lang"]
    words = (outputs or load_outputs()).content.report
    sources = summary["sources"]

    def word(field: str) -> str:
        return getattr(words, field)[lang]

    if isinstance(date, datetime.date):
        date = format_date(date, lang)
    filled = {"addressee": clean(addressee), "rank": clean(rank), "name": clean(name), "unit": clean(unit)}
    filled["date"] = clean(date)
    field = {key: value or word(key) for key, value in filled.items()}

    grounds, left_out = [], []
    for ground in summary["grounds"]:
        if ground["status"] == "not_met":
            continue
        if ground["id"] not in words.grounds:
            left_out.append(ground)
            continue
        possible = ground["status"] == "possible"
        missing = "; ".join(entry["text"] for entry in ground["missing"]) or t("out.report.unknown_facts", lang)
        cited = [source_id for source_id in words.grounds[ground["id"]] if source_id in ground["sources"]]
        grounds.append(
            {
                "id": ground["id"],
                "title": ground["title"],
                "status": ground["status"],
                "status_text": ground["status_text"],
                "availability": ground["availability"],
                "availability_text": ground["availability_text"],
                "references": "; ".join(sources[source_id]["cite"] for source_id in cited) or word("no_reference"),
                "to_confirm": words.to_confirm[lang].format(missing=missing) if possible else None,
                "missing": missing if possible else None,
            }
        )

    included = {entry["id"] for entry in grounds}
    documents: dict[str, str] = {}
    for ground in summary["grounds"]:
        if ground["id"] in included:
            for document in ground["documents"]:
                if document["id"] not in words.not_attached:
                    documents.setdefault(document["id"], words.attachment[lang].format(title=document["title"]))

    notes = []
    if summary["stale_text"]:
        notes.append(summary["stale_text"])
    regime = summary["regime"]
    notes.append(t("out.report.regime", lang, title=regime["title"], summary=regime["summary"]))
    for entry in grounds:
        if entry["status"] == "possible":
            notes.append(t("out.report.possible", lang, title=entry["title"], missing=entry["missing"]))
    for ground in left_out:
        notes.append(t("out.report.left_out", lang, title=ground["title"], status=ground["status_text"]))
    for ground in summary["grounds"]:
        if ground["id"] in included:
            now = t("out.report.now", lang, title=ground["title"], availability=ground["availability_text"])
            notes.append(f"{now} {ground['availability_note']}" if ground["availability_note"] else now)
    if grounds and not documents:
        notes.append(word("no_attachments"))
    follow_up = summary["follow_up"]
    if grounds and follow_up:
        notes.append(f"{follow_up['title']}. {follow_up['text']}")
    if lang != "ru":
        notes.append(t("out.report.english", lang))

    form_cites = "; ".join(
        f"{sources[sid]['cite']} ({t('cite.as_of', lang, date=sources[sid]['date_text'])}, "
        f"{sources[sid]['reliability_text']})"
        for sid in words.sources
        if sid in sources
    )
    return {
        "lang": lang,
        "drafted": bool(grounds),
        "draft_mark": t("out.report.draft", lang),
        "doc_title": t("out.report.doc_title" if grounds else "out.report.none_title", lang),
        "session": summary["session"],
        "as_of_text": summary["as_of_text"],
        "filled": {key: value is not None for key, value in filled.items()},
        "addressee": field["addressee"],
        "sender": [f"{word('from_')} {field['rank']} {field['name']}", field["unit"]],
        "title": word("title"),
        "request": word("request"),
        "grounds": grounds,
        "circumstances": word("circumstances"),
        "attachments_heading": word("attachments"),
        "attachments": list(documents.values()),
        "signature": [field["rank"], word("signature"), field["name"]],
        "date": field["date"],
        "no_ground": None if grounds else word("no_ground"),
        "notes_heading": t("out.report.notes", lang),
        "notes": notes,
        "form_heading": t("out.report.form", lang),
        "form_note": word("form_note"),
        "form_cites": form_cites,
        "not_legal_advice": summary["not_legal_advice"],
    }


# --- DOCX ------------------------------------------------------------------------------------------


def docx_bytes(report: dict[str, Any]) -> bytes:
    """The report as a Word document (python-docx), for NGO staff who edit in a word processor."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = Document()
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
        for number, ground in enumerate(report["grounds"], 1):
            paragraph(f"{number}. {ground['title']} — {ground['references']}.")
            if ground["to_confirm"]:
                paragraph(ground["to_confirm"], italic=True, indent=Mm(6))
        paragraph(report["circumstances"])
        if report["attachments"]:
            paragraph(report["attachments_heading"])
            for number, line in enumerate(report["attachments"], 1):
                paragraph(f"{number}. {line}", indent=Mm(6))
        paragraph()
        paragraph("    ".join(report["signature"]))
        paragraph(report["date"])
    notes_title = paragraph(report["notes_heading"], bold=True)
    notes_title.paragraph_format.page_break_before = report["drafted"]
    for note in report["notes"]:
        document.add_paragraph(note, style="List Bullet")
    paragraph(f"{report['form_heading']}: {report['form_note']} [{report['form_cites']}]", italic=True)
    paragraph(report["not_legal_advice"], italic=True)

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
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_text(data: bytes) -> str:
    """The text of a DOCX made by `docx_bytes`: the page header, then every paragraph, one per line."""
    from docx import Document

    document = Document(io.BytesIO(data))
    lines = [paragraph.text for section in document.sections for paragraph in section.header.paragraphs]
    lines.append("")
    lines += [paragraph.text for paragraph in document.paragraphs]
    return "\n".join(lines) + "\n"
