"""The readers and the messages against hostile input, in process: what a file holds never reaches the
terminal raw, base-60 numbers are text, a date with a time is not a date, a pipe is never waited on, every
OS error on an output path is one message, and a file that appears during a save on a drive without hard
links is never replaced. The message detector (`unsafe`) has its positive control first."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
from datetime import date, datetime
from pathlib import Path

import pytest
from support import FIXTURE

from wizard.errors import AnswersError, LocatedError, PackError, WizardError
from wizard.outputs import files as output
from wizard.pack.answers import BadAnswer, coerce_answer, read_answers
from wizard.pack.loader import load_pack
from wizard.pack.yamlfile import parse
from wizard.tui import hardening

PACK = load_pack(FIXTURE)
CANARY = "ZXQ-канарейка командир избил меня"
OSC = "\x1b]52;c;Q0FOQVJZ\x07\x1b]0;PWNED\x07\x1b[2J"


def unsafe(line: str) -> list[str]:
    """What makes a message line unsafe to print: more than one line, a control or reordering character."""
    found = []
    if "\n" in line or "\r" in line:
        found.append("line break")
    if any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in line):
        found.append("control character")
    if any(char in line for char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"):
        found.append("bidi")
    return found


@pytest.mark.parametrize(
    ("line", "problem"), [("a\nb", "line break"), (f"x {OSC}", "control character"), ("\u202eabc", "bidi")]
)
def test_control_the_detector_fires(line, problem):
    assert problem in unsafe(line)


def test_escaping_makes_any_text_safe():
    from wizard.errors import clipped, escape_controls

    text = f"a\nb\r{OSC}\u202eevil\u2028\ud800 Проверка"
    shown = escape_controls(text)
    assert unsafe(shown) == []
    assert "Проверка" in shown and "\\x1b]52" in shown
    assert len(clipped("x" * 500)) == 40


def rendered(raw: bytes) -> str:
    with pytest.raises(AnswersError) as raised:
        read_answers("answers.yaml", raw, PACK)
    return raised.value.render("en")


@pytest.mark.parametrize(
    "key",
    [OSC, "line1\nline2", CANARY, "\u202eevil", "a" * 300],
    ids=["escapes", "newline", "free-text", "bidi", "long"],
)
@pytest.mark.parametrize("where", ["unknown", "duplicate"])
def test_an_answers_key_is_never_quoted(key, where):
    quoted = json.dumps(key)  # a JSON string is a YAML double-quoted one
    raw = f"respondent: self\n{quoted}: 1\n" if where == "unknown" else f"{quoted}: 1\n{quoted}: 2\n"
    line = rendered(raw.encode())
    assert line.startswith("answers.yaml:")
    assert unsafe(line) == []
    for part in (key, key[:10], "PWNED", "line2", "ZXQ", "evil", "aaaa"):
        assert part not in line


def test_a_pack_names_a_bad_section_short_and_escaped(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(FIXTURE, rules)
    (rules / "zz.yaml").write_text('"\\e]0;PWNED\\a' + "x" * 200 + '": 1\n')
    with pytest.raises(PackError) as raised:
        load_pack(rules)
    line = raised.value.render("en")
    assert unsafe(line) == []
    assert "\\x1b]0;PWNED\\x07" in line and "x" * 50 not in line


@pytest.mark.parametrize(
    "value", ["1:30", "1:59:59", "1" + ":59" * 100_000, "-1:30.5"], ids=["short", "time", "long", "float"]
)
def test_base_60_numbers_are_text(value):
    assert parse("f.yaml", f"age: {value}\n".encode(), 2**21).data == {"age": value}


def test_long_numbers_are_refused():
    with pytest.raises(LocatedError) as raised:
        parse("f.yaml", b"age: 0x" + b"f" * 10_000 + b"\n", 2**21)
    assert raised.value.message.key == "yaml.bad_value"
    assert parse("f.yaml", b"age: 12345678901234567890\n", 2**21).data == {"age": 12345678901234567890}


@pytest.mark.parametrize("value", [datetime(2024, 1, 1, 10, 0), "2024-01-01T10:00:00"])
def test_a_date_with_a_time_is_not_a_date(value):
    with pytest.raises(BadAnswer):
        coerce_answer(PACK.question("signed_on"), value)
    assert coerce_answer(PACK.question("signed_on"), date(2024, 1, 1)) == date(2024, 1, 1)


@pytest.mark.parametrize("edge", ["9999-12-31", "0001-01-01"])
def test_a_condition_at_the_end_of_the_calendar_is_checked(tmp_path, edge):
    """The pack checks try each date a condition names and the days beside it: none past the calendar."""
    rules = tmp_path / "rules"
    shutil.copytree(FIXTURE, rules)
    questions = rules / "questions.yaml"
    text = questions.read_text()
    text += "  - id: zz_edge\n    topic: service\n    kind: yes_no\n"
    text += "    text: {ru: а, en: a}\n    short: {ru: а, en: a}\n"
    text += f"    ask_if: {{at_least: {{signed_on: {edge}}}}}\n"
    questions.write_text(text)
    assert load_pack(rules).question("zz_edge").id == "zz_edge"


def test_a_pipe_is_refused_without_waiting(tmp_path):
    from wizard.pack.yamlfile import read_file

    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    signal.alarm(10)  # a reader that waited for a writer would be ended here, failing the test
    try:
        with pytest.raises(LocatedError) as raised:
            read_file(fifo, "answers.yaml", 1024)
    finally:
        signal.alarm(0)
    assert raised.value.message.key == "file.not_regular"


def test_reading_stops_at_the_limit(tmp_path):
    from wizard.pack.yamlfile import read_file

    with pytest.raises(LocatedError) as raised:
        read_file(Path("/dev/zero"), "zero", 1024)
    assert raised.value.message.key == "file.not_regular"
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * 2048)
    with pytest.raises(LocatedError) as raised:
        read_file(big, "big.yaml", 1024)
    assert raised.value.message.key == "yaml.too_large"


@pytest.mark.parametrize(
    "name",
    ["a" * 300 + ".txt", "~nosuchuser-zz/x.txt", "no/such/folder/x.txt", "/a" * 3000, "x\x1b]0;T\x07/y.txt"],
    ids=["long-name", "no-such-user", "no-folder", "long-path", "escapes"],
)
def test_every_os_error_on_an_output_path_is_one_message(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(WizardError) as raised:
        output.write_file(name, "text")
    line = raised.value.render("en")
    assert unsafe(line) == [] and len(line) < 300
    assert list(tmp_path.iterdir()) == []


def without_hard_links(monkeypatch, intruder):
    """A file system without hard links (FAT, exFAT), and an `intruder` run just before the text is put in place."""

    def no_link(source, target, **options):
        raise OSError(errno.EPERM, "Operation not permitted")

    replace = os.replace

    def late_replace(source, target, **options):
        intruder()
        return replace(source, target, **options)

    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.setattr(os, "replace", late_replace)


def test_a_file_that_appears_during_the_save_is_never_replaced(tmp_path, monkeypatch):
    target = tmp_path / "itog.txt"
    took_the_name: list[bool] = []

    def intruder() -> None:
        try:
            with open(target, "x") as file:  # as another program that does not overwrite would
                file.write("INTRUDER")
            took_the_name.append(True)
        except FileExistsError:
            took_the_name.append(False)

    without_hard_links(monkeypatch, intruder)
    try:
        output.write_file(target, "ours")
        saved = True
    except WizardError:
        saved = False
    assert took_the_name == [False] and saved
    assert target.read_text() == "ours"
    assert [path.name for path in tmp_path.iterdir()] == ["itog.txt"]


def test_without_hard_links_an_existing_file_is_kept(tmp_path, monkeypatch):
    target = tmp_path / "itog.txt"
    target.write_text("keep")
    without_hard_links(monkeypatch, lambda: None)
    with pytest.raises(WizardError):
        output.write_file(target, "ours")
    assert target.read_text() == "keep"
    assert [path.name for path in tmp_path.iterdir()] == ["itog.txt"]


def test_the_quick_exit_removes_a_file_being_saved(tmp_path, monkeypatch):
    """The quick exit ends the process at once (no `finally` runs): it removes the temporary file itself."""
    seen: list[list[str]] = []

    def quick_exit_during_fsync(descriptor: int) -> None:
        seen.append(sorted(path.name for path in tmp_path.iterdir()))
        hardening.panic_exit(None, exit=lambda code: seen.append(sorted(p.name for p in tmp_path.iterdir())))
        raise SystemExit(0)

    monkeypatch.setattr(os, "fsync", quick_exit_during_fsync)
    with pytest.raises(SystemExit):
        output.write_file(tmp_path / "itog.txt", "text")
    assert seen[0] and seen[0][0].endswith(".tmp")  # the control: the temporary file was there
    assert seen[1] == []


def test_a_folder_it_may_not_search_is_one_message(tmp_path, monkeypatch):
    """As root every folder can be searched, so the refusal is made here: `is_dir()` raising EACCES."""

    is_dir = Path.is_dir

    def refused(self) -> bool:
        if self.is_relative_to(tmp_path):
            raise PermissionError(errno.EACCES, "Permission denied")
        return is_dir(self)

    monkeypatch.setattr(Path, "is_dir", refused)
    with pytest.raises(WizardError) as raised:
        output.write_file(tmp_path / "locked" / "itog.txt", "text")
    assert "Permission denied" in raised.value.render("en")
