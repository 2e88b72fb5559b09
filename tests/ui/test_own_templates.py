"""`wizard --rules DIR`: the app renders the summary and the рапорт with that pack's own templates, as the command
line does, and a pack whose report wording does not fit it ends the app at start with the line of the problem."""

from __future__ import annotations

import shutil

from uipilot import DAY, PACKS, SIZE, until

from wizard.errors import PackError
from wizard.outputs.render import render_report
from wizard.outputs.report import draft
from wizard.pack.loader import load_pack
from wizard.tui.app import WizardApp

MARK = "OWN-TEMPLATE-MARK"
ANSWERS = {"respondent": "soldier", "service_kind": "contract", "vvk_done": "yes", "vvk_category": "d"}


def own_pack(tmp_path):
    folder = tmp_path / "pack"
    shutil.copytree(PACKS["rules"], folder, ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    for name in ("summary.txt.j2", "report.txt.j2"):
        template = folder / "templates" / name
        template.write_text(MARK + "\n" + template.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


async def test_the_app_renders_with_the_templates_of_its_pack(tmp_path):
    folder = own_pack(tmp_path)
    app = WizardApp(lambda: load_pack(folder), "en", on=DAY, rules=folder)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.flow is not None, "the pack to load")
        app.flow.answers.update(ANSWERS)
        assert app.outputs.folder == folder / "templates"
        assert app.summary_text().startswith(MARK)
        assert render_report(draft(app.summary(), outputs=app.outputs), "text", app.outputs).startswith(MARK)


async def test_without_a_folder_the_app_uses_the_shipped_templates(tmp_path):
    app = WizardApp(load_pack(own_pack(tmp_path)), "en", on=DAY)
    app.flow.answers.update(ANSWERS)
    assert app.outputs.folder == PACKS["rules"] / "templates"
    assert MARK not in app.summary_text()


async def test_a_pack_whose_report_wording_does_not_fit_ends_the_app(tmp_path):
    folder = own_pack(tmp_path)
    content = folder / "templates" / "content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace("health_unfit", "no_such_ground"), encoding="utf-8")
    app = WizardApp(lambda: load_pack(folder), "en", on=DAY, rules=folder)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.load_error is not None, "the load to fail")
    assert isinstance(app.load_error, PackError) and app.return_code == 2
