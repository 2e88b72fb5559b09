"""The take-away outputs: safe files, clear errors, the drafted report's promises, and what a summary never shows."""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from docx import Document

from wizard.catalogue import t
from wizard.cli import commands, main
from wizard.errors import WizardError
from wizard.outputs import files as output
from wizard.outputs.content import load_outputs
from wizard.outputs.render import availability_counts, markdown_escape, render_report, render_summary
from wizard.outputs.report import clean, docx_bytes, docx_text, draft
from wizard.outputs.summary import summary
from wizard.outputs.text import summary_text
from wizard.pack.answers import read_answers
from wizard.pack.engine import evaluate
from wizard.pack.loader import DEFAULT_RULES

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "tests" / "outputs" / "golden" / "answers"
ON = date(2026, 3, 1)
TODAY = date(2026, 3, 2)


NOT_REGULAR = "this is not a regular file (a folder, a device or a pipe): only files are read"


@pytest.fixture(autouse=True)
def fixed_session_day(monkeypatch):
    monkeypatch.setattr(commands, "today", lambda: TODAY)


def make_summary(pack, situation: str, lang: str = "ru", on: date = ON, extra: dict | None = None) -> dict:
    path = ANSWERS / f"{situation}.yaml"
    answers = read_answers(str(path), path.read_bytes(), pack)
    answers.update(extra or {})
    return summary(pack, evaluate(pack, answers, on), lang, answers=answers, today=TODAY)


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# --- writing files ---------------------------------------------------------------------------------


def test_output_file_is_private_and_complete(tmp_path, capsys):
    target = tmp_path / "case.md"
    argv = ["evaluate", str(ANSWERS / "one_applies.yaml"), "--on", "2026-03-01", "--format", "markdown"]
    code, out, err = run([*argv, "--output", str(target)], capsys)
    assert (code, out, err) == (0, "", "")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("# Итог")
    assert leftovers(tmp_path) == ["case.md"]


def test_existing_file_is_kept_without_force_and_replaced_with_it(tmp_path, capsys):
    target = tmp_path / "case.txt"
    target.write_text("keep me")
    target.chmod(0o644)
    argv = ["evaluate", str(ANSWERS / "one_applies.yaml"), "--on", "2026-03-01", "--output", str(target)]
    code, out, err = run([*argv, "--lang", "en"], capsys)
    assert code == 2 and out == ""
    assert err == f"{target}: the file already exists; add --force to replace it\n"
    assert target.read_text() == "keep me"
    assert leftovers(tmp_path) == ["case.txt"]
    code, _, err = run([*argv, "--force"], capsys)
    assert (code, err) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("Итог")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == ["case.txt"]


def test_a_symlink_in_the_way_is_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    link = tmp_path / "link.txt"
    link.symlink_to(victim)
    with pytest.raises(WizardError):
        output.write_file(link, "new")
    output.write_file(link, "new", force=True)
    assert victim.read_text() == "untouched"
    assert not link.is_symlink() and link.read_text() == "new"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing/x.txt", "the folder for this file does not exist"),
        (".", "this is a folder, not a file"),
    ],
)
def test_impossible_output_paths_are_one_line_errors(tmp_path, capsys, name, message):
    target = tmp_path / name
    argv = ["--lang", "en", "evaluate", str(ANSWERS / "nothing.yaml"), "--on", "2026-03-01", "--output", str(target)]
    code, out, err = run(argv, capsys)
    assert (code, out) == (2, "")
    assert err == f"{target}: {message}\n"
    assert leftovers(tmp_path) == []


def test_a_failure_while_writing_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken_fsync(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(WizardError) as raised:
        output.write_file(tmp_path / "case.html", "<p>text</p>")
    assert (
        raised.value.render("en")
        == f"{tmp_path / 'case.html'}: cannot write the file (No space left on device); nothing was written"
    )
    assert leftovers(tmp_path) == []


def test_a_file_appearing_while_writing_is_not_replaced(tmp_path, monkeypatch):
    """Without --force the file is put in place by a hard link, which fails if the name is taken meanwhile."""
    target = tmp_path / "case.txt"
    real_open = os.open

    def racing_open(path, *args, **kwargs):
        descriptor = real_open(path, *args, **kwargs)
        if str(path).endswith(".tmp") and not target.exists():
            target.write_text("someone else's")
        return descriptor

    monkeypatch.setattr(os, "open", racing_open)
    with pytest.raises(WizardError) as raised:
        output.write_file(target, "mine")
    assert raised.value.message.key == "out.file.exists"
    assert target.read_text() == "someone else's"
    assert leftovers(tmp_path) == ["case.txt"]


# --- bad input: one line, exit 2, nothing written ----------------------------------------------------


def bad_answers(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["evaluate", "report"])
@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("respondent: soldier\nfavourite: red\n", 2, "the key on this line is not a question (see: wizard questions)"),
        ("respondent: soldier\nage: forty\n", 2, "the answer to 'age' must be a number or unknown"),
        ("respondent: soldier\nvvk_done: maybe\n", 2, "the answer to 'vvk_done' must be yes, no or unknown"),
        ("respondent: [soldier\n", 2, "the answers file is not valid YAML or JSON"),
    ],
)
def test_bad_answers_are_one_line_naming_file_and_line_and_nothing_is_written(
    tmp_path, capsys, command, content, line, message
):
    answers = bad_answers(tmp_path, content)
    target = tmp_path / "out.html"
    argv = ["--lang", "en", command, str(answers), "--format", "html", "--output", str(target)]
    code, out, err = run(argv, capsys)
    assert (code, out) == (2, "")
    assert err == f"{answers}:{line}: {message}\n"
    assert "Traceback" not in err and "forty" not in err and "maybe" not in err
    assert not target.exists()
    assert leftovers(tmp_path) == ["answers.yaml"]


@pytest.mark.parametrize("command", ["evaluate", "report"])
def test_unreadable_answers_file_is_one_line(tmp_path, capsys, command):
    folder = tmp_path / "answers.yaml"
    folder.mkdir()
    target = tmp_path / "out.txt"
    code, out, err = run(["--lang", "en", command, str(folder), "--output", str(target)], capsys)
    assert (code, out, err) == (2, "", f"{folder}:1: {NOT_REGULAR}\n")
    assert not target.exists()


@pytest.mark.parametrize(("command", "fmt"), [("evaluate", "docx"), ("evaluate", "pdf"), ("report", "json")])
def test_unknown_format_is_a_usage_error(tmp_path, capsys, command, fmt):
    target = tmp_path / "out"
    with pytest.raises(SystemExit) as raised:
        main([command, str(ANSWERS / "one_applies.yaml"), "--format", fmt, "--output", str(target)])
    out, err = capsys.readouterr()
    assert (raised.value.code, out) == (2, "")
    assert f"invalid choice: '{fmt}'" in err and err.count("\n") == 1
    assert not target.exists()


def test_docx_needs_an_output_file(capsys):
    code, out, err = run(["--lang", "en", "report", str(ANSWERS / "one_applies.yaml"), "--format", "docx"], capsys)
    assert (code, out) == (2, "")
    assert err == "the docx format is written to a file only: give --output FILE\n"


def test_a_broken_content_file_names_its_line(tmp_path, capsys):
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES, rules, ignore=shutil.ignore_patterns("scenarios"))
    content = rules / "templates" / "content.yaml"
    text = content.read_text(encoding="utf-8")
    line = text.splitlines().index("  to_confirm:") + 1
    text = text.replace("не хватает сведений ({missing})", "не хватает сведений ({missin})")
    content.write_text(text, encoding="utf-8")
    target = tmp_path / "r.txt"
    code, out, err = run(
        ["--rules", str(rules), "--lang", "en", "report", str(ANSWERS / "one_applies.yaml"), "--output", str(target)],
        capsys,
    )
    assert (code, out) == (2, "")
    assert err == f"{content}:{line + 1}: the text may use only the placeholders {{missing}}\n"
    assert not target.exists()


def test_a_broken_template_names_its_line(tmp_path, capsys):
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES, rules, ignore=shutil.ignore_patterns("scenarios"))
    template = rules / "templates" / "summary.md.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "{{ s.no_such_key }}")
    template.write_text("\n".join(lines), encoding="utf-8")
    target = tmp_path / "s.md"
    argv = [
        "--rules",
        str(rules),
        "--lang",
        "en",
        "evaluate",
        str(ANSWERS / "one_applies.yaml"),
        "--format",
        "markdown",
        "--output",
        str(target),
    ]
    code, out, err = run(argv, capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"{template}:6: template error: ") and "no_such_key" in err
    assert err.count("\n") == 1
    assert not target.exists()


# --- the drafted report ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("situation", ["one_applies", "two_possible", "nothing"])
def test_every_format_of_the_report_is_marked_as_a_draft(pack, situation, lang):
    report = draft(make_summary(pack, situation, lang))
    mark = report["draft_mark"]
    assert mark.startswith(("ЧЕРНОВИК", "DRAFT"))
    for fmt in ("text", "markdown", "html"):
        assert mark in render_report(report, fmt)
    document = Document(io.BytesIO(docx_bytes(report)))
    assert document.sections[0].header.paragraphs[0].text == mark
    assert document.paragraphs[0].text == mark


def test_report_asks_for_the_ground_that_applies_with_its_reference_and_attachments(pack):
    report = draft(make_summary(pack, "one_applies"))
    assert report["drafted"] and report["ground"] == "health_unfit"
    assert report["request"].startswith("Прошу уволить меня с военной службы в связи с признанием")
    assert "подп. «б» п. 5 Указа Президента Российской Федерации от 21.09.2022 № 647" in report["request"]
    assert report["flags"] == []
    assert [line.split(" — ")[0] for line in report["attachments"]] == ["Заключение ВВК с категорией годности"]


def test_a_possible_ground_is_marked_to_be_confirmed(pack):
    report = draft(make_summary(pack, "two_possible", "en"))
    assert report["ground"] == "relative_care"
    assert [option["id"] for option in report["options"]] == ["relative_care", "good_reason"]
    [flag] = report["flags"]
    assert flag.startswith("[CHECK: by your answers this ground is only possible so far") and "МСЭ conclusion" in flag
    text = render_report(report, "text")
    assert text.count("[CHECK:") == 1
    assert "is only possible so far. Before filing, find out:" in text


def test_no_ground_means_no_report_and_no_invented_ground(pack):
    report = draft(make_summary(pack, "nothing", "en"))
    assert not report["drafted"] and report["options"] == [] and report["attachments"] == []
    for fmt in ("text", "markdown", "html"):
        rendered = render_report(report, fmt)
        assert "no report was drafted" in rendered
        assert "I ask to be dismissed" not in rendered
    assert "I ask to be dismissed" not in docx_text(docx_bytes(report))


def test_what_is_not_a_ground_is_neither_a_ground_nor_in_the_report(pack):
    """Beliefs are no legal ground: even when they "apply", they go to "do not count on this" with their warning,
    and the report is never drafted on them."""
    result = make_summary(pack, "nothing", "en", extra={"beliefs": "yes"})
    assert "conscience" not in [g["id"] for g in result["grounds"]]
    entry = next(g for g in result["do_not_count_on"] if g["id"] == "conscience")
    assert (entry["status"], entry["verdict"]["key"]) == ("applies", "not_a_ground")
    assert "crime" in entry["warning"]
    report = draft(result)
    assert "conscience" not in [option["id"] for option in report["options"]]
    assert not report["drafted"]


def test_placeholders_stay_unless_filled_in_this_session(pack):
    result = make_summary(pack, "one_applies")
    blank = render_report(draft(result), "text")
    for placeholder in ("[воинское звание в", "[фамилия и инициалы в", "[дата]", "[Командиру войсковой части"):
        assert placeholder in blank
    filled = draft(
        result,
        addressee="Командиру войсковой части 00000 полковнику Петрову П. П.",
        rank="рядовой",
        name="Иванов\nИван\x1b[31m Иванович",
        unit="стрелок 1-й роты",
        date=date(2026, 3, 5),
    )
    text = render_report(filled, "text")
    assert "Командиру войсковой части 00000 полковнику Петрову П. П." in text
    assert "от рядовой Иванов Иван [31m Иванович" in text
    assert "05.03.2026" in text and "[дата]" not in text and "[воинское звание в родительном падеже" not in text
    assert "\x1b" not in text
    assert filled["filled"] == dict.fromkeys(("addressee", "rank", "name", "unit", "date"), True)
    docx = docx_text(docx_bytes(filled))
    assert "Иванов Иван [31m Иванович" in docx


def test_filled_in_fields_are_escaped_in_html_and_markdown(pack):
    report = draft(make_summary(pack, "one_applies"), name="<script>alert(1)</script> *Bold* [x](http://e.com)")
    html = render_report(report, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    markdown = render_report(report, "markdown")
    assert "\\*Bold\\*" in markdown and "](http" not in markdown


def test_clean_keeps_one_short_line():
    assert clean("  a\tb\r\nc\u202ed  ") == "a b c d"
    assert clean("\x00\x07") is None
    assert clean(None) is None
    assert len(clean("я" * 500)) == 200


def test_docx_opens_and_holds_the_grounds_and_attachments(pack):
    report = draft(make_summary(pack, "two_possible"))
    document = Document(io.BytesIO(docx_bytes(report)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert report["request"] in text and report["flags"][0] in text
    for line in report["attachments"]:
        assert line in text
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    properties = document.core_properties
    assert (properties.author, properties.last_modified_by, properties.comments) == ("", "", "")
    assert properties.title == report["doc_title"]


def test_report_command_writes_a_docx(tmp_path, capsys):
    target = tmp_path / "raport.docx"
    argv = [
        "report",
        str(ANSWERS / "one_applies.yaml"),
        "--on",
        "2026-03-01",
        "--format",
        "docx",
        "--output",
        str(target),
    ]
    assert run(argv, capsys) == (0, "", "")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "РАПОРТ" in docx_text(target.read_bytes())


def test_report_to_standard_output(capsys):
    code, out, err = run(["report", str(ANSWERS / "one_applies.yaml"), "--on", "2026-03-01"], capsys)
    assert (code, err) == (0, "")
    assert out.startswith("*** ЧЕРНОВИК")


# --- the summary -------------------------------------------------------------------------------------


def test_an_answers_file_with_the_dropped_note_is_refused_without_quoting_it(pack):
    """The pack asks no free text; an old answers file that still has the note is refused, the note not shown."""
    secret = "Сергей Кузнецов, в/ч 12345"
    assert not any(question.kind == "note" for question in pack.questions)
    with pytest.raises(WizardError) as raised:
        read_answers("a.yaml", f"respondent: soldier\nextra_notes: {secret}\n".encode(), pack)
    message = raised.value.render("ru")
    assert message.startswith("a.yaml:2: ") and "Кузнецов" not in message and "12345" not in message


def test_who_answered_is_a_role_only(pack):
    result = make_summary(pack, "two_possible", "en")
    assert result["session"] == {
        "date": "2026-03-02",
        "date_text": "2026-03-02",
        "respondent": "relative",
        "respondent_text": "A relative or someone close to the soldier",
    }


def test_status_is_said_in_words_not_by_colour(pack):
    """Each ground's verdict is in the table in words, after its symbol; no ✔ stands beside a closed route."""
    result = make_summary(pack, "two_possible", "en")
    html = render_summary(result, "html")
    cells = re.findall(r'<td><span class="symbol">([^<]*)</span> ([^<]*)</td>', html)
    shown = [g for g in result["grounds"] if g["verdict"]["key"] != "does_not_fit"]
    assert [(symbol, unescape(text)) for symbol, text in cells] == [
        (g["verdict"]["symbol"], g["verdict"]["text"]) for g in shown
    ]
    assert {"closed_now", "depends"} <= {g["verdict"]["key"] for g in shown}
    assert all(symbol != "✔" for symbol, text in cells if "closed" in text)


def test_html_is_self_contained(pack):
    for situation in ("one_applies", "two_possible", "nothing"):
        result = make_summary(pack, situation)
        for html in (render_summary(result, "html"), render_report(draft(result), "html")):
            assert "Content-Security-Policy" in html
            lowered = html.lower()
            for forbidden in ("<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "href=", "@font-face"):
                assert forbidden not in lowered


def test_stale_law_warning_is_shown(pack):
    late = date(2027, 1, 10)
    result = make_summary(pack, "one_applies", "en", on=late)
    assert result["stale"]
    for fmt in ("text", "markdown", "html"):
        assert result["stale_text"] in render_summary(result, fmt)
    assert result["stale_text"] in render_report(draft(result), "text")


def test_regime_summary_and_follow_up_in_writing_are_in_every_summary(pack):
    result = make_summary(pack, "nothing", "en")
    assert result["follow_up"]["id"] == "follow_up_in_writing"
    for fmt in ("text", "markdown", "html", "json"):
        rendered = render_summary(result, fmt)
        assert result["follow_up"]["title"] in rendered
        assert result["regime"]["title"] in rendered
    assert "Internal Service Charter, art. 106" in result["sources"]["charter_art106"]["cite"]


def test_text_summary_is_the_textout_entry_point(pack):
    result = make_summary(pack, "one_applies")
    assert summary_text(result) == render_summary(result, "text")


def test_summary_without_answers_or_content_still_renders(pack):
    """The app's call, `summary(pack, evaluation, lang)`, gives a summary every format renders."""
    result = summary(pack, evaluate(pack, {}, ON), "en")
    assert result["session"]["respondent"] is None
    for fmt in ("text", "markdown", "html", "json"):
        assert render_summary(result, fmt)


def test_the_shipped_content_cites_only_known_sources(pack):
    load_outputs().check(pack)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a*b_c", "a\\*b\\_c"),
        ("1. x", "1\\. x"),
        ("- y", "\\- y"),
        ("[подпись] x](y)", "[подпись] x]\\(y)"),
        ("a|b <b>", "a\\|b \\<b\\>"),
        ("«в» — 5", "«в» — 5"),
    ],
)
def test_markdown_escape(text, escaped):
    assert markdown_escape(text) == escaped


# --- the API of the app's result screen --------------------------------------------------------------


def test_the_app_saves_the_summary_and_the_report_by_file_name(pack, tmp_path):
    result = make_summary(pack, "two_possible")
    for name in ("case.html", "case.md", "case.json", "case.txt", "case"):
        path = output.save_summary(result, tmp_path / name)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (tmp_path / "case.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "case").read_text(encoding="utf-8") == summary_text(result)
    with pytest.raises(WizardError) as raised:
        output.save_summary(result, tmp_path / "case.md")
    assert raised.value.message.key == "out.file.exists"
    report = draft(result, name="Иванов И. И.")
    output.save_report(report, tmp_path / "raport.docx")
    assert "Иванов И. И." in docx_text((tmp_path / "raport.docx").read_bytes())
    output.save_report(report, tmp_path / "raport.json")  # no JSON report: text
    assert (tmp_path / "raport.json").read_text(encoding="utf-8").startswith("*** ЧЕРНОВИК")


def test_availability_counts_leave_out_what_is_not_a_ground():
    """The regime's counts count real grounds only; "no such right" has its own count."""
    grounds = [{"availability": value} for value in ("available", "no_right", "not_a_ground", "suspended")]
    counts = availability_counts({"grounds": grounds})
    assert counts == {
        "total": 3,
        "available": 1,
        "discretionary": 0,
        "suspended": 1,
        "unconfirmed": 0,
        "no_right": 1,
    }


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_format_puts_the_verdict_first_and_the_details_in_the_appendix(pack, lang):
    """Text, Markdown and HTML give the core in one order — verdict, next step, what not to do, grounds,
    documents, risks — and only then the appendix with the regime's summary, the procedure and the sources."""
    result = make_summary(pack, "two_possible", lang)
    verdict = result["verdict"]
    parts = [
        verdict["title"],
        verdict["next_step"],
        verdict["avoid"],
        t("result.grounds", lang),
        t("out.documents", lang),
        t("result.risks", lang),
        t("verdict.appendix", lang),
        result["regime"]["summary"],
        t("result.procedure", lang),
        t("out.sources", lang),
    ]
    for fmt in ("text", "markdown", "html"):
        rendered = render_summary(result, fmt)
        flat = " ".join((unescape(rendered) if fmt == "html" else rendered).split()).lower()
        at = 0
        for part in parts:
            shown = markdown_escape(part) if fmt == "markdown" else part
            at = flat.find(" ".join(shown.split()).lower(), at)
            assert at != -1, (fmt, part)
