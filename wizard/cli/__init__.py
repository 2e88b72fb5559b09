"""The command line: `wizard` starts the terminal wizard; subcommands evaluate, list questions and check packs.

Answers are read only from a file or standard input, never from arguments (the shell keeps those).
Every error is one line on stderr and exit code 2; failing scenarios exit with 1.
"""

from __future__ import annotations

import argparse
import codecs
import errno
import gc
import io
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from wizard import process
from wizard.catalogue import LANGUAGES, t
from wizard.errors import WizardError
from wizard.exit_codes import EXIT_CRASH, EXIT_OK, EXIT_USAGE
from wizard.outputs.files import REPORT_FORMATS, SUMMARY_FORMATS
from wizard.pack.typed import typed_day


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line in the chosen language."""

    argv: Sequence[str] | None = None
    """The arguments `main` is parsing (they need not be `sys.argv`)."""

    def error(self, message: str) -> NoReturn:
        lang = _lang_from(sys.argv[1:] if _Parser.argv is None else _Parser.argv)
        self.exit(EXIT_USAGE, f"wizard: {t('cli.usage', lang, message=message)}\n")


def _lang_from(argv: Sequence[str]) -> str:
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        elif arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        else:
            continue
        return value if value in LANGUAGES else "ru"
    return "ru"


ON_HELP = "the day whose law applies: DD.MM.YYYY or YYYY-MM-DD (default: today)"


def _day(value: str) -> date:
    """`--on`: a day typed as in the app's date field (31.12.2025 or 2025-12-31)."""
    day = typed_day(value.strip())
    if day is None:
        raise argparse.ArgumentTypeError(t("cli.bad_date", "en", value=value[:20]))
    return day


def build_parser() -> argparse.ArgumentParser:
    # Subcommands repeat --lang and --rules without defaults, so that the value given before the subcommand stays.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="language of the output (default: ru)"
    )
    pack = argparse.ArgumentParser(add_help=False)
    pack.add_argument(
        "--rules", type=Path, default=argparse.SUPPRESS, metavar="DIR", help="rule pack folder (default: rules/)"
    )

    parser = _Parser(prog="wizard", description="Guidance on ending a military contract lawfully.")
    # Its own options, not the parents' ones: parents share their option objects with the subcommands, so a
    # default set here would become the subcommands' default and override the value given before them.
    parser.add_argument("--lang", choices=LANGUAGES, default="ru", help="language of the output (default: ru)")
    parser.add_argument("--rules", type=Path, default=None, metavar="DIR", help="rule pack folder (default: rules/)")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    evaluate = commands.add_parser("evaluate", parents=[common, pack], help="evaluate an answers file")
    evaluate.add_argument(
        "answers", metavar="ANSWERS", help="YAML/JSON file of question id: answer, or - for standard input"
    )
    evaluate.add_argument("--on", type=_day, default=None, metavar="DATE", help=ON_HELP)
    evaluate.add_argument("--format", choices=SUMMARY_FORMATS, default="text", help="default: text")
    _output_options(evaluate)

    report = commands.add_parser(
        "report", parents=[common, pack], help="draft the written report (рапорт) asking for early dismissal"
    )
    report.add_argument(
        "answers", metavar="ANSWERS", help="YAML/JSON file of question id: answer, or - for standard input"
    )
    report.add_argument("--on", type=_day, default=None, metavar="DATE", help=ON_HELP)
    report.add_argument("--format", choices=REPORT_FORMATS, default="text", help="default: text; docx needs --output")
    report.add_argument(
        "--ground", metavar="ID", default=None, help="the ground to draft it on (default: the strongest one)"
    )
    _output_options(report)

    questions = commands.add_parser(
        "questions", parents=[common, pack], help="list the questions (the answers-file format)"
    )
    questions.add_argument("--format", choices=("json", "text"), default="text")

    rules = commands.add_parser("rules", help="check and test a rule pack")
    rule_commands = rules.add_subparsers(dest="rules_command", required=True, parser_class=_Parser)
    for name, text in (("check", "validate a rule pack"), ("test", "run the pack's scenario files")):
        sub = rule_commands.add_parser(name, parents=[common], help=text)
        sub.add_argument("folder", metavar="DIR", nargs="?", type=Path, default=None)
    rule_commands.add_parser("schema", parents=[common], help="print the JSON Schema of rule files")
    return parser


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output", metavar="FILE", default=None, help="write to FILE (mode 0600, atomically) instead of stdout"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _Parser.argv = argv
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except WizardError as error:
        print(error.render(args.lang), file=sys.stderr)
        return EXIT_USAGE


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        from wizard.tui.run import run_app

        return run_app(args.rules, args.lang)

    from wizard.cli import commands

    if args.command == "evaluate":
        return commands.evaluate(args.rules, args.answers, args.on, args.lang, args.format, args.output, args.force)
    if args.command == "report":
        return commands.report(
            args.rules, args.answers, args.on, args.lang, args.format, args.output, args.force, args.ground
        )
    if args.command == "questions":
        return commands.questions(args.rules, args.lang, args.format)
    if args.command == "rules":
        if args.rules_command == "schema":
            return commands.schema()
        folder = args.folder or args.rules
        if args.rules_command == "check":
            return commands.check(folder, args.lang)
        return commands.test(folder, args.lang)


def run() -> NoReturn:
    """Console-script entry point: no core dumps, a signal that ends the program removes a file being saved,
    and whatever happens ends in one line and an exit code, never a traceback.

    A command runs with the collector off: it is over in a moment, and what it reads is bounded by the size
    limits on rule and answer files, so collecting meanwhile only costs time (some 8 % of a json evaluation's CPU).
    The app, which runs as long as a session, turns it back on."""
    gc.disable()
    process.no_core_dumps()
    process.exit_on_signals()
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    _utf8_output()
    try:
        code = main()
        sys.stdout.flush()
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:  # `| head`: the reader has what it wanted
        _drop_output()
        code = EXIT_OK
    except Exception as error:
        code = _last_resort(error)
    sys.exit(code)


_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF, errno.ENXIO})
"""How writing to standard output fails (a full disk, a closed descriptor, a terminal gone). Every OSError on
a path the program reads or writes is a WizardError by the time it gets here."""


def _last_resort(error: Exception) -> int:
    """One line for an error no command handled: standard output failing, or the fixed crash sentence."""
    lang = _lang_from(sys.argv[1:])
    if isinstance(error, OSError) and error.errno in _OUTPUT_ERRORS:
        _drop_output()
        print(t("cli.output_failed", lang, reason=error.strerror or "?"), file=sys.stderr)
        return EXIT_USAGE
    print(t("app.crash", lang), file=sys.stderr)
    return EXIT_CRASH


def _utf8_output() -> None:
    """Russian text is written as UTF-8 whatever the locale says (under `LANG=C` Python would write escapes):
    the program needs a UTF-8 terminal, which is what terminals use today even where the locale is not set."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        if codecs.lookup(encoding).name != "utf-8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


class _ClosedOutput(io.TextIOBase):
    """Standard output when the program was started with it closed: writing fails as on a closed descriptor."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _drop_output() -> None:
    """Whatever is still buffered for standard output goes nowhere, so that Python's exit does not fail on it."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (lives until the exit)
