"""Answers are never taken from the command line (the shell keeps it) or from the environment.

Every argument of every command that takes a value is listed below with what it is; none is answer text.
An option added later fails this test until it is listed here, with its reason.
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

import pytest

from wizard import cli

NOT_ANSWERS = {
    "lang": "a language, from a fixed list",
    "rules": "the rule pack's folder",
    "folder": "the rule pack's folder",
    "answers": "the name of an answers file, or - for standard input",
    "on": "a date, the day whose law applies",
    "format": "an output format, from a fixed list",
    "output": "the name of the file to write",
    "ground": "the id of a ground of the rule pack, to draft the report on",
}
WIZARD = Path(cli.__file__).parent.parent


def arguments(parser: argparse.ArgumentParser, path: str = "wizard"):
    """(command, action) for every argument of the parser and of all its subcommands."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from arguments(sub, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction):
            yield path, action


ARGUMENTS = list(arguments(cli.build_parser()))


def test_the_commands_are_all_seen():
    commands = {command for command, _ in ARGUMENTS}
    assert {"wizard", "wizard evaluate", "wizard report", "wizard questions", "wizard rules check"} <= commands


@pytest.mark.parametrize(("command", "action"), ARGUMENTS, ids=[f"{c}:{a.dest}" for c, a in ARGUMENTS])
def test_no_argument_takes_answer_text(command, action):
    if action.nargs == 0:  # a flag
        return
    assert action.dest in NOT_ANSWERS, f"{command}: {action.option_strings or action.dest} takes a value"
    if action.dest in ("lang", "format"):
        assert action.choices
    if action.dest == "on":
        assert action.type is cli._day


def test_answer_text_given_as_answers_is_a_file_name(capsys, tmp_path, monkeypatch, pack):
    """Text in the place of ANSWERS is looked up as a file; it is never read as answers."""
    monkeypatch.chdir(tmp_path)
    text = "respondent: soldier"
    assert cli.main(["evaluate", text, "--lang", "en"]) == cli.EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{text}:1:")


def test_no_environment_variable_is_read():
    """The package reads no environment variable: it only removes the TEXTUAL* ones (hardening.py)."""
    readers = []
    for path in sorted(WIZARD.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "environb", "getenv", "getenvb"):
                readers.append(f"{path.name}:{node.lineno}")
    assert all(reader.startswith("hardening.py:") for reader in readers), readers
