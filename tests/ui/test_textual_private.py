"""Textual still has every private name the program uses, and only `wizard/tui/hardened.py` uses them.

A Textual upgrade that renames one of them would otherwise break the quick exit or the terminal guard only
when they are needed; here it fails at once, naming what changed."""

from __future__ import annotations

import ast
import importlib
import io
from pathlib import Path

import pytest
import textual
from textual.app import App

from wizard.tui import hardened

WIZARD = Path(hardened.__file__).resolve().parent
NAMES = {name for names in hardened.PRIVATE.values() for name in names if name.startswith("_")}


def instance_of(where: str):
    """An object of the Textual class at `where` (not started), or the private module itself."""
    module_name, _, class_name = where.rpartition(".")
    if class_name[:1].islower() or class_name.startswith("_"):
        return importlib.import_module(where)
    cls = getattr(importlib.import_module(module_name), class_name)
    if class_name == "WriterThread":
        return cls(io.StringIO())
    if class_name == "LinuxDriver":
        return cls(App())
    return cls()


@pytest.mark.parametrize("where", list(hardened.PRIVATE))
async def test_textual_still_has_each_private_name_used(where):
    """Each name is still where Textual defines it (async: a driver is made inside the running loop)."""
    found = instance_of(where)
    for name in hardened.PRIVATE[where]:
        assert hasattr(found, name), (
            f"Textual {textual.__version__} no longer has {where}.{name}, which wizard/tui/hardened.py uses: "
            "read its docstring and adapt it to the new Textual before upgrading"
        )


def test_only_hardened_uses_them():
    """No other module of the program reads or sets one of those names."""
    for path in sorted(WIZARD.rglob("*.py")):
        if path.name == "hardened.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                assert node.attr not in NAMES, f"{path.relative_to(WIZARD.parent)}:{node.lineno}: {node.attr}"
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("textual._"), f"{path.relative_to(WIZARD.parent)}:{node.lineno}"


def test_the_app_drives_a_real_terminal_with_the_guarded_driver_through_the_public_hook():
    """`get_driver_class()`, Textual's public hook, gives the guarded driver in place of the Linux one."""
    from textual.drivers.linux_driver import LinuxDriver

    from wizard.tui.app import WizardApp
    from wizard.tui.driver import GuardedDriver

    app = WizardApp(lambda: None, "en")
    assert issubclass(GuardedDriver, LinuxDriver)
    assert app.get_driver_class() is GuardedDriver
    assert app.driver_class is GuardedDriver
