"""The written promises: SECURITY.md and the limits page exist, are linked from the README, and the limits page
says what the app's Limits screen says (reached from the safety screen), in Russian and in English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from uipilot import DAY, PACKS, SIZE, flat, pack_at, screen_text, until

from wizard.catalogue import t
from wizard.tui.app import WizardApp
from wizard.tui.screens.limits import LimitsScreen

ROOT = Path(__file__).resolve().parents[2]
LIMITS = ROOT / "docs" / "limits.md"
SECURITY = ROOT / "SECURITY.md"
LANGUAGES = {"ru": "Русский", "en": "English"}


def section(lang: str) -> str:
    """The part of the limits page in one language (from its heading to the next language's)."""
    text = LIMITS.read_text()
    start = text.index(f"## {LANGUAGES[lang]}")
    following = [text.index(f"## {name}") for name in LANGUAGES.values() if text.index(f"## {name}") > start]
    return text[start : min(following, default=len(text))]


def sentences(catalogue_text: str) -> list[str]:
    """The lines of a catalogue text, bullets stripped (the page writes them as a Markdown list)."""
    return [flat(line.removeprefix("• ")) for line in catalogue_text.splitlines() if line.strip()]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_limits_page_says_what_the_limits_screen_says(lang):
    page = flat(section(lang))
    for key in ("app.limits.title", "app.limits.text", "app.safety.panic", "app.safety.cannot"):
        for line in sentences(t(key, lang)):
            assert line in page, f"{key} ({lang}): {line!r} is not on docs/limits.md"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_limits_page_has_nothing_the_screen_lacks(lang):
    """Every list item of the page is a line of the Limits screen: the two cannot drift apart either way."""
    screen = sentences(t("app.limits.text", lang))
    items = [flat(line[2:]) for line in section(lang).splitlines() if line.startswith("- ")]
    assert items == screen[1:-1]


async def test_safety_screen_leads_to_the_limits():
    """The first screen names the Limits button and its key; L shows the full limits text."""
    for lang in LANGUAGES:
        app = WizardApp(pack_at(PACKS["test_pack"]), lang, on=DAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert flat(t("app.safety.limits", lang)) in flat(screen_text(app.screen))
            assert str(app.screen.query_one("#limits").label) == t("app.button.limits", lang)
            await pilot.press("l")
            await until(pilot, lambda app=app: isinstance(app.screen, LimitsScreen), "the limits screen")
            assert flat(t("app.limits.text", lang)) in flat(screen_text(app.screen))


def test_security_policy_covers_the_threat_model():
    text = SECURITY.read_text()
    for heading in ("Threat model", "In scope", "Out of scope", "What the program promises", "What it does not"):
        assert re.search(rf"^#+ .*{heading}", text, re.MULTILINE | re.IGNORECASE), heading
    assert "docs/limits.md" in text


def test_readme_links_both():
    readme = (ROOT / "README.md").read_text()
    privacy = readme[readme.index("## Privacy") :]
    privacy = privacy[: privacy.find("\n## ", 1)] if "\n## " in privacy[1:] else privacy
    assert "(SECURITY.md)" in privacy and "(docs/limits.md)" in privacy
