"""The printable HTML, printed to PDF by a real headless Chromium (Debian's `chromium`) and read back with
poppler's `pdfinfo` and `pdftotext`: every page is A4, every section heading is there, and no word falls
outside the page, even an unbreakable URL or a very long word.

Skipped, with the reason, only when chromium or poppler-utils is not installed (CI installs both).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from wizard.catalogue import t
from wizard.outputs.render import render_report, render_summary
from wizard.outputs.report import draft
from wizard.outputs.summary import summary
from wizard.pack.answers import read_answers
from wizard.pack.engine import evaluate
from wizard.pack.scenarios import load_scenario

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "tests" / "outputs" / "golden" / "answers"
ON, TODAY = date(2026, 3, 1), date(2026, 3, 2)
MISSING = [tool for tool in ("chromium", "pdfinfo", "pdftotext") if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason=f"{', '.join(MISSING)} not installed (apt-get install -y chromium poppler-utils; CI installs them)",
)
A4 = (595.28, 841.89)  # points
LONG_URL = "https://example.org/" + "/".join(f"segment{n:03d}" for n in range(40)) + "?query=" + "x" * 120
LONG_WORD = "Длинноеслово" * 20


def print_to_pdf(html: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "page.html"
    page.write_text(html, encoding="utf-8")
    pdf = folder / "page.pdf"
    profile = folder / "profile"
    command = [
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--print-to-pdf={pdf}",
        "--no-pdf-header-footer",
        page.as_uri(),
    ]
    env = {**os.environ, "HOME": str(folder)}
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, env=env, check=False)
    assert pdf.exists() and pdf.stat().st_size > 0, done.stderr[-2000:]
    return pdf


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True, check=True)
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)]


def words_outside_the_page(pdf: Path) -> list[str]:
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    outside = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S):
        width, height = float(page.group(1)), float(page.group(2))
        for word in re.finditer(
            r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>', page.group(3)
        ):
            x0, y0, x1, y1 = (float(word.group(n)) for n in range(1, 5))
            if x0 < -0.5 or y0 < -0.5 or x1 > width + 0.5 or y1 > height + 0.5:
                outside.append(word.group(5))
    return outside


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u00ad-]+", "", text)


class _VisibleText(HTMLParser):
    """The text a browser shows of a page: everything but the head (title, style)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag == "head"

    def handle_endtag(self, tag):
        self.hidden -= tag == "head"

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def lost_characters(html: str, text: str) -> Counter:
    """Characters of the page's text missing from the PDF's text: text cut off at the page's edge is not printed
    at all, so any loss is cut text. Spaces and hyphens are left out (line breaking adds and drops them)."""
    parser = _VisibleText()
    parser.feed(html)

    def count(value: str) -> Counter:
        return Counter(char for char in value if not char.isspace() and char not in "-\u00ad\u2010")

    return count("".join(parser.parts)) - count(text)


def make_summary(pack, situation: str, lang: str) -> dict:
    path = ANSWERS / f"{situation}.yaml"
    answers = read_answers(str(path), path.read_bytes(), pack)
    return summary(pack, evaluate(pack, answers, ON), lang, answers=answers, today=TODAY)


def assert_printed_on_a4(html: str, folder: Path) -> str:
    """Print `html`; every page is A4, no word lies outside a page and no character of the page is lost."""
    pdf = print_to_pdf(html, folder)
    sizes = page_sizes(pdf)
    assert sizes, "pdfinfo found no pages"
    for width, height in sizes:
        assert abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2, sizes
    assert words_outside_the_page(pdf) == []
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert lost_characters(html, text) == Counter()
    return " ".join(text.split())


def summary_headings(result: dict) -> list[str]:
    lang = result["lang"]
    headings = [
        t("result.title", lang),
        result["verdict"]["title"],
        t("result.grounds", lang),
        t("out.documents", lang),
        t("verdict.appendix", lang),
        f"{t('result.regime', lang)}: {result['regime']['title']}",
        t("result.procedure", lang),
        t("out.sources", lang),
        t("out.not_legal_advice", lang),
    ]
    if any(ground["status"] != "not_met" for ground in result["grounds"]):
        headings.append(t("out.details", lang))
    if result["risks"]:
        headings.append(t("result.risks", lang))
    if result["help"]:
        headings.append(t("result.help", lang))
    if result["do_not_count_on"]:
        headings.append(t("verdict.do_not_count_on", lang))
    return headings


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("situation", ["one_applies", "two_possible", "nothing"])
def test_summary_prints_on_a4_with_every_section(pack, situation, lang, tmp_path):
    result = make_summary(pack, situation, lang)
    text = assert_printed_on_a4(render_summary(result, "html"), tmp_path)
    for heading in summary_headings(result):
        assert " ".join(heading.split()) in text, heading
    for ground in result["grounds"]:
        assert squeeze(ground["title"]) in squeeze(text)
        if ground["verdict"]["key"] != "does_not_fit":
            assert squeeze(ground["verdict"]["text"]) in squeeze(text)
    assert squeeze(result["not_legal_advice"]) in squeeze(text)


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, squeezed."""
    count = len(page_sizes(pdf))
    return [
        squeeze(
            subprocess.run(
                ["pdftotext", "-raw", "-f", str(n), "-l", str(n), str(pdf), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for n in range(1, count + 1)
    ]


THREE_PEOPLE = ["verdict_mother_knows_little", "verdict_albert_absent_after_beating", "verdict_lawyer_family_client"]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("scenario", THREE_PEOPLE)
def test_the_core_fits_two_pages_and_page_one_carries_the_verdict(pack, scenario, lang, tmp_path):
    """For the three people of the study: page 1 has the verdict, the next step, what not to do, the grounds table
    and the documents to gather; the appendix starts on a page of its own, page 3 at the latest."""
    scenario_file, answers, _ = load_scenario(ROOT / "rules" / "scenarios" / f"{scenario}.yaml", pack)
    result = summary(pack, evaluate(pack, answers, scenario_file.date), lang, answers=answers, today=TODAY)
    pages = page_texts(print_to_pdf(render_summary(result, "html"), tmp_path))
    verdict = result["verdict"]
    first = pages[0]
    for part in (verdict["title"], verdict["text"], verdict["next_step"], verdict["avoid"], t("out.documents", lang)):
        assert squeeze(part) in first, part
    for ground in result["grounds"]:
        assert squeeze(ground["title"]) in first, ground["title"]
    appendix = squeeze(t("verdict.appendix", lang))
    starts = [number for number, page in enumerate(pages, 1) if 0 <= page.find(appendix) < 12]  # after "3 / 16"
    assert starts and starts[0] <= 3, (starts, len(pages))
    assert squeeze(result["documents"][-1]["title"]) in "".join(pages[: starts[0] - 1])


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("situation", ["one_applies", "two_possible", "nothing", "health_within_reach"])
def test_report_prints_on_a4_with_its_parts(pack, situation, lang, tmp_path):
    report = draft(make_summary(pack, situation, lang))
    text = assert_printed_on_a4(render_report(report, "html"), tmp_path)
    assert squeeze(report["draft_mark"]) in squeeze(text)
    assert report["notes_heading"] in text
    if report["drafted"]:
        assert report["title"] in text
        for line in [report["request"], *report["flags"], *report["attachments"]]:
            assert squeeze(line) in squeeze(text)
    else:
        assert squeeze(report["no_ground"]) in squeeze(text)


def test_a_cut_line_is_caught(tmp_path):
    """The check itself: a line that cannot wrap is cut at the page's edge, and the loss is seen."""
    html = f"<!DOCTYPE html><html><head><style>p {{ white-space: nowrap; }}</style></head><body><p>{LONG_URL}</p>"
    pdf = print_to_pdf(html, tmp_path)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert lost_characters(html, text) != Counter()


def test_long_words_and_urls_wrap_inside_the_page(pack, tmp_path):
    result = make_summary(pack, "two_possible", "en")
    result["help"] = [{"id": "long", "title": LONG_WORD, "text": f"See {LONG_URL}", "sources": ["charter_art106"]}]
    result["grounds"][0]["title"] = LONG_WORD
    result["regime"]["summary"] += " " + LONG_URL
    text = assert_printed_on_a4(render_summary(result, "html"), tmp_path)
    assert squeeze(text).count(squeeze(LONG_URL)) == 2
    assert squeeze(LONG_WORD) in squeeze(text)
    report = draft(result, name=LONG_WORD, addressee=LONG_URL[:200])
    text = assert_printed_on_a4(render_report(report, "html"), tmp_path / "report")
    assert squeeze(LONG_WORD[:200]) in squeeze(text)
