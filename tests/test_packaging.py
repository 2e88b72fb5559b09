"""What an installed wizard needs is in the wheel: every package, the rule pack and every data file it reads.

The wheel itself is built and installed into a fresh virtualenv by `.ci/smoke` (run by `.ci/run`); these tests
keep `pyproject.toml` in step with the folders, so that a new subpackage or data file cannot be left out."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from importlib.resources import files
from pathlib import Path

from wizard.loader import DEFAULT_RULES, load_pack

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def package_folder(package: str) -> Path:
    mapped = CONFIG.get("package-dir", {}).get(package)
    return ROOT / mapped if mapped else ROOT / package.replace(".", "/")


def test_every_package_of_the_program_is_listed():
    """Every folder of `wizard/` holding Python code is a package of the wheel, and every listed package exists."""
    folders = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "wizard").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    listed = set(CONFIG["packages"])
    assert folders - listed == set(), "packages missing from [tool.setuptools] packages"
    for package in listed:
        assert (package_folder(package) / "__init__.py").is_file(), package


def test_every_data_file_is_shipped():
    """Every file the program reads besides its code (catalogue, styles, rule pack, templates, scenarios) matches
    a package-data pattern of its package."""
    data = CONFIG["package-data"]
    for package in CONFIG["packages"]:
        folder = package_folder(package)
        subpackages = {package_folder(other) for other in CONFIG["packages"] if other.startswith(package + ".")}
        for path in folder.rglob("*"):
            if path.is_dir() or path.suffix in {".py", ".pyc"} or any(sub in path.parents for sub in subpackages):
                continue
            name = path.relative_to(folder).as_posix()
            if "__snapshots__" in name:
                continue
            assert any(fnmatch(name, pattern) for pattern in data.get(package, [])), f"{package}: {name} not shipped"


def test_the_shipped_pack_is_found_as_package_data():
    """The default pack is the package data `wizard.rules` (the repository's `rules/` here), not a folder found
    relative to the working folder or the source tree."""
    assert Path(str(files("wizard.rules"))) == DEFAULT_RULES
    assert DEFAULT_RULES.samefile(ROOT / "rules")
    assert load_pack().questions
