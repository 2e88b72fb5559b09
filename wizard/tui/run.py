"""Running the terminal app: the path `wizard` takes with no subcommand.

Kept apart from the other commands so that nothing heavy is imported before the first screen is painted:
the rule pack (pydantic and all) is loaded in the background while the safety screen is read.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from wizard.catalogue import t
from wizard.exit_codes import EXIT_OK, EXIT_USAGE


def run_app(rules: Path | None, lang: str) -> int:
    """The terminal app. Needs a terminal on stdin, stdout and stderr; Textual is imported only after hardening."""
    from wizard.tui import hardening

    gc.enable()  # a session may last an hour: unlike a command's, its garbage is collected

    if not hardening.has_terminal():
        print(t("app.no_tty", lang), file=sys.stderr)
        return EXIT_USAGE
    hardening.prepare(lang)
    hardening.quick_exit_on_signals()
    try:
        from wizard.tui.app import WizardApp

        app = WizardApp(lambda: _load(rules), lang, rules=rules)
        text = app.run()
    except Exception:
        hardening.on_fatal(None)  # Textual has already given the terminal back
        hardening.fail()
    if app.load_error is not None:
        raise app.load_error
    if app.crashed:
        print(hardening.crash_message(app.lang), file=sys.stderr)
        return hardening.EXIT_CRASH
    if text:
        sys.stdout.write(text)
    return EXIT_OK


def _load(rules: Path | None):
    from wizard.pack.loader import load_pack

    return load_pack(rules)
