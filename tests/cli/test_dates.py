"""Dates on the command line: answers files and `--on` take the forms the app's date field takes (31.12.2025 and
2025-12-31), read by one parser; any other form is one line on stderr and exit code 2."""

from __future__ import annotations

import json

import pytest
from support import FIXTURE
from support import run_cli as run

ANSWERS = "respondent: self\nunfit: no\nage: 65\nfamily: none\nleft_unit: no\nsigned_on: {day}\n"
COMMANDS = [
    pytest.param(["evaluate", "--format", "json"], id="evaluate"),
    pytest.param(["report", "--format", "text"], id="report"),
]


def wizard(capsys, tmp_path, command: list[str], day: str, on: str = "2024-06-15"):
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS.format(day=day), encoding="utf-8")
    return run(["--lang", "en", "--rules", str(FIXTURE), command[0], str(path), "--on", on, *command[1:]], capsys)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("day", ["05.12.2021", "5.12.2021", '"05.12.2021"', '"2021-12-05"'])
def test_an_answers_file_date_in_either_form_reads_as_the_iso_date(capsys, tmp_path, command, day):
    """A date typed 05.12.2021, as the app's field takes it, gives the same output as the ISO date, quoted or not."""
    expected = wizard(capsys, tmp_path, command, "2021-12-05")
    assert wizard(capsys, tmp_path, command, day) == expected
    assert expected[0] == 0


def test_the_date_read_is_the_one_meant(capsys, tmp_path):
    """Day first: 05.12.2021 is the 5th of December, before the age limit's 2021-12-31; 05.01.2022 is after it."""
    statuses = {}
    for day in ("05.12.2021", "05.01.2022"):
        code, out, _ = wizard(capsys, tmp_path, ["evaluate", "--format", "json"], day)
        assert code == 0
        grounds = json.loads(out)["grounds"]
        statuses[day] = next(ground["status"] for ground in grounds if ground["id"] == "age_limit")
    assert statuses == {"05.12.2021": "applies", "05.01.2022": "not_met"}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("on", ["15.06.2024", "15.6.2024"])
def test_on_takes_the_app_s_date_forms(capsys, tmp_path, command, on):
    """`--on 15.06.2024` is `--on 2024-06-15`, for the summary and the report alike."""
    assert wizard(capsys, tmp_path, command, "2021-12-05", on=on) == wizard(capsys, tmp_path, command, "2021-12-05")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("day", ["05/12/2021", "31.02.2021", "2021-12-05T10:00", "20211205", "05.12.21"])
def test_an_answers_file_date_in_another_form_is_one_line_that_does_not_quote_it(capsys, tmp_path, command, day):
    """The line names the file, the line and the question and the forms a date takes, never the answer itself."""
    code, out, err = wizard(capsys, tmp_path, command, day)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and day not in err
    assert err.endswith(":6: the answer to 'signed_on' must be a date DD.MM.YYYY or YYYY-MM-DD, or unknown\n")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("on", ["15/06/2024", "2024-06-31", "June 15", ""])
def test_on_in_another_form_is_one_line_naming_the_forms(capsys, tmp_path, command, on):
    """A bad `--on` is a usage error: one line naming the forms a date takes, exit code 2."""
    code, out, err = wizard(capsys, tmp_path, command, "2021-12-05", on=on)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("wizard: ")
    assert f"'{on}': expected a date DD.MM.YYYY or YYYY-MM-DD" in err
