"""What an installed wizard needs is in the wheel: every package, the rule pack and every data file it reads.

The wheel itself is built and installed into a fresh virtualenv by `.ci/smoke` (run by `.ci/run`); these tests
keep `pyproject.toml` in step with the folders, so that a new subpackage or data file cannot be left out."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from importlib.resources import files
from pathlib import Path

from wizard.pack.loader import DEFAULT_RULES, load_pack

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def package_folder(package: str) -> Path:
    """The folder of `package` in the repository, through the `package-dir` mapping."""
    for mapped, folder in CONFIG.get("package-dir", {}).items():
        if package == mapped or package.startswith(mapped + "."):
            return ROOT / folder / package.removeprefix(mapped).lstrip(".").replace(".", "/")
    return ROOT / package.replace(".", "/")


def test_every_folder_is_listed():
    """Every folder of `wizard/` and of the rule pack is a package of the wheel, and every listed one exists."""
    folders = {
        folder
        for top in (ROOT / "wizard", ROOT / "rules")
        for folder in (top, *top.rglob("*"))
        if folder.is_dir() and folder.name != "__pycache__"
    }
    listed = {package_folder(package) for package in CONFIG["packages"]}
    assert sorted(map(str, folders - listed)) == [], "folders missing from [tool.setuptools] packages"
    assert all(folder.is_dir() for folder in listed)
    assert not (ROOT / "wizard" / "rules").exists(), "wizard.rules is the repository's rules/"


def test_every_data_file_is_shipped():
    """Every file the program reads besides its code (catalogue, styles, rule pack, templates, scenarios) matches
    a package-data pattern of its package."""
    data = CONFIG["package-data"]
    for package in CONFIG["packages"]:
        folder = package_folder(package)
        for path in folder.iterdir():
            if path.is_dir() or path.suffix in {".py", ".pyc"}:
                continue
            name = path.name
            assert any(fnmatch(name, pattern) for pattern in data.get(package, [])), f"{package}: {name} not shipped"


def test_the_shipped_pack_is_found_as_package_data():
    """The default pack is the package data `wizard.rules` (the repository's `rules/` here), not a folder found
    relative to the working folder or the source tree."""
    assert Path(str(files("wizard.rules"))) == DEFAULT_RULES
    assert DEFAULT_RULES.samefile(ROOT / "rules")
    assert load_pack().questions


def test_ci_tries_the_package_then_runs_the_readme_test_command():
    """The README installs the wizard as any Python tool (no `-e`); CI runs the smoke test of the wheel, then the
    README's test command word for word."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line.strip() for line in readme.splitlines() if line.startswith("    python3 -m venv")]
    install, test = commands[:2]
    assert " -e " not in install and install.endswith(".venv/bin/wizard")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-2:] == [".ci/smoke", test]
