"""The `wizard` command line: every subcommand, its options, its output and its one-line errors with exit code 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import BROKEN_ANSWERS, BROKEN_PACKS, CANARIES, FIXTURE, build_case, cases, copy_fixture, read_expect
from support import run_cli as run

from wizard.pack.model import Pack

ON = "2024-06-15"
ANSWERS = "respondent: self\nunfit: yes\nage: 40\nfamily: none\nleft_unit: unknown\n"


NOT_REGULAR = "this is not a regular file (a folder, a device or a pipe): only files are read"


@pytest.fixture
def answers(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


def evaluate_json(capsys, *argv):
    code, out, err = run(["--rules", str(FIXTURE), "evaluate", *argv, "--format", "json"], capsys)
    assert (code, err) == (0, "")
    return json.loads(out)


def one_line_error(err):
    """The error output is exactly one line, and not a traceback."""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.rstrip("\n")


# --- evaluate ------------------------------------------------------------------------------------


def test_evaluate_json_has_the_stable_keys(capsys, answers):
    """The JSON result has as_of, regime, grounds (with their fields), procedure and risks (with article)."""
    result = evaluate_json(capsys, str(answers), "--on", ON)
    assert result["as_of"] == ON
    assert result["regime"]["id"] == "emergency"
    assert [ground["id"] for ground in result["grounds"]] == ["health", "family", "age_limit"]
    for ground in result["grounds"]:
        assert {"id", "status", "availability", "why", "missing", "documents", "sources"} <= ground.keys()
    assert {"procedure", "risks"} <= result.keys()
    assert all("article" in risk for risk in result["risks"])


def test_evaluate_json_says_what_the_engine_decided(capsys, answers):
    """Statuses, availability, missing questions, documents, steps and risks come through as decided."""
    result = evaluate_json(capsys, str(answers), "--on", ON)
    grounds = {ground["id"]: ground for ground in result["grounds"]}
    assert (grounds["health"]["status"], grounds["health"]["availability"]) == ("applies", "available")
    assert grounds["health"]["documents"][0]["id"] == "medical_report"
    assert grounds["health"]["sources"] == ["law_a"]
    assert grounds["health"]["why"]["outcome"] == "met"
    assert grounds["family"]["status"] == "not_met"
    assert (grounds["age_limit"]["status"], grounds["age_limit"]["availability"]) == ("not_met", "suspended")
    assert [entry["id"] for entry in grounds["age_limit"]["missing"]] == ["left_unit"]
    assert {(step["id"], step["certain"]) for step in result["procedure"]} == {("report", True), ("lawyer", True)}
    assert [(risk["id"], risk["article"], risk["certain"]) for risk in result["risks"]] == [("desertion", "338", False)]
    assert result["stale"] is False


def test_evaluate_reports_answers_that_were_ignored(capsys, tmp_path):
    """An answer to a question no longer asked is listed as ignored, in JSON and in text."""
    path = tmp_path / "answers.yaml"
    path.write_text("family: none\nfamily_proof: yes\n", encoding="utf-8")
    assert evaluate_json(capsys, str(path), "--on", ON)["ignored_answers"] == ["family_proof"]
    code, out, _ = run(["--lang", "en", "--rules", str(FIXTURE), "evaluate", str(path), "--on", ON], capsys)
    assert code == 0
    assert "Answers to questions no longer asked were ignored: family_proof" in out
    assert "Отец болен" not in out


def test_evaluate_reads_answers_from_standard_input(capsys, monkeypatch):
    """`evaluate -` reads the answers from standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"unfit: no\nfamily: ill_parent\nage: 20\n")))
    result = evaluate_json(capsys, "-", "--on", "2010-01-01")
    assert result["regime"]["id"] == "ordinary"
    assert [(ground["id"], ground["status"]) for ground in result["grounds"]] == [
        ("family", "applies"),
        ("health", "not_met"),
        ("age_limit", "not_met"),
    ]


@pytest.mark.parametrize("day", ["2024-07-02", "02.07.2024"])
def test_evaluate_on_a_late_day_is_stale(capsys, answers, day):
    """More than stale_after_days after the check, the result says the law may have changed; `--on` takes a
    day in either form the app's date field takes."""
    result = evaluate_json(capsys, str(answers), "--on", day)
    assert (result["as_of"], result["stale"]) == ("2024-07-02", True)


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "en", "--rules", "{pack}", "evaluate", "{answers}", "--on", ON],
        ["--rules", "{pack}", "evaluate", "{answers}", "--on", ON, "--lang", "en"],
        ["evaluate", "{answers}", "--lang", "en", "--rules", "{pack}", "--on", ON, "--format", "text"],
        ["--lang=en", "--rules={pack}", "evaluate", "{answers}", "--on", ON],
    ],
)
def test_lang_before_or_after_the_subcommand_gives_english_text(capsys, answers, argv):
    """--lang en works before and after the subcommand; text is the default format."""
    code, out, err = run([arg.format(pack=FIXTURE, answers=answers) for arg in argv], capsys)
    assert (code, err) == (0, "")
    assert out.startswith("Result: grounds for early dismissal\nLaw as of 2024-06-15")
    assert "THERE IS A WAY OUT\nThere is a way out: Health.\nNext step: File a report (Health)." in out
    assert "GROUNDS\n  ✔ Health — open to you\n" in out
    assert "Desertion — Code C, art. 338 part 1 (may concern you — information missing)" in out
    assert "This is not legal advice." in out


def test_russian_is_the_default_language(capsys, answers):
    """Without --lang the result is in Russian, dates as DD.MM.YYYY."""
    code, out, _ = run(["--rules", str(FIXTURE), "evaluate", str(answers), "--on", ON], capsys)
    assert code == 0
    assert out.startswith("Итог: основания для досрочного увольнения\nПравовое положение на 15.06.2024")


def test_the_language_after_the_subcommand_wins(capsys, answers):
    """Given twice, the --lang after the subcommand is the one used."""
    code, out, _ = run(["--lang", "en", "--rules", str(FIXTURE), "evaluate", str(answers), "--lang", "ru"], capsys)
    assert code == 0
    assert out.startswith("Итог")


def test_evaluate_json_in_english(capsys, answers):
    """JSON texts follow --lang."""
    result = evaluate_json(capsys, str(answers), "--on", ON, "--lang", "en")
    assert result["grounds"][0]["title"] == "Health"
    assert result["regime"]["title"] == "Emergency"


def test_evaluate_without_regime_on_the_day_is_one_line(capsys, answers):
    """A day no regime covers is one error line and exit code 2."""
    code, out, err = run(
        ["--rules", str(FIXTURE), "--lang", "en", "evaluate", str(answers), "--on", "1999-12-31"], capsys
    )
    assert (code, out) == (2, "")
    assert one_line_error(err) == "the rule pack has no legal regime in force on 1999-12-31"


def test_a_missing_answers_file_is_one_line(capsys, tmp_path):
    """An answers file that does not exist is `path:1: no such file`, exit code 2."""
    missing = tmp_path / "nowhere.yaml"
    code, out, err = run(["--rules", str(FIXTURE), "--lang", "en", "evaluate", str(missing)], capsys)
    assert (code, out) == (2, "")
    assert one_line_error(err) == f"{missing}:1: no such file"


def test_an_unreadable_answers_file_is_one_line(capsys, tmp_path):
    """A folder given as the answers file is `path:1:` and that it is not a file."""
    code, _, err = run(["--rules", str(FIXTURE), "--lang", "en", "evaluate", str(tmp_path)], capsys)
    assert code == 2
    assert one_line_error(err) == f"{tmp_path}:1: {NOT_REGULAR}"


BROKEN_ANSWER_CASES = cases(BROKEN_ANSWERS)


@pytest.mark.parametrize("case", BROKEN_ANSWER_CASES, ids=[case.name for case in BROKEN_ANSWER_CASES])
def test_a_broken_answers_file_is_one_line_without_the_answer(capsys, case, monkeypatch):
    """Each broken answers file exits 2 with its one `file:line: message` line, quoting no answer."""
    monkeypatch.chdir(case)
    [expected] = read_expect(case)
    code, out, err = run(["--rules", str(FIXTURE), "--lang", "en", "evaluate", expected.file, "--on", ON], capsys)
    assert (code, out) == (2, "")
    line = one_line_error(err)
    assert line.startswith(f"{expected.file}:{expected.line}: ") and expected.fragment in line
    assert not any(canary in line for canary in CANARIES)


def test_a_broken_answers_file_on_standard_input_is_named_stdin(capsys, monkeypatch):
    """Errors in answers read from standard input are located in `<stdin>`, quoting no answer."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("unfit: yes\nage: КАНАРЕЙКА-7f3a\n".encode())))
    code, _, err = run(["--rules", str(FIXTURE), "--lang", "en", "evaluate", "-"], capsys)
    assert code == 2
    assert one_line_error(err) == "<stdin>:2: the answer to 'age' must be a number or unknown"


# --- usage errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["evaluate", "a.yaml", "--bogus"], "unrecognized arguments: --bogus"),
        (["evaluate"], "the following arguments are required: ANSWERS"),
        (["evaluate", "a.yaml", "--on", "15/06/2024"], "'15/06/2024': expected a date DD.MM.YYYY or YYYY-MM-DD"),
        (["evaluate", "a.yaml", "--format", "xml"], "invalid choice: 'xml'"),
        (["--lang", "de", "questions"], "invalid choice: 'de'"),
        (["rules"], "the following arguments are required: rules_command"),
        (["rules", "lint"], "invalid choice: 'lint'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(capsys, argv, fragment):
    """A wrong option, value or subcommand is one line on stderr naming the problem, exit code 2."""
    code, out, err = run(["--lang", "en", *argv], capsys)
    assert (code, out) == (2, "")
    line = one_line_error(err)
    assert line.startswith("wizard: ") and line.endswith("(help: wizard --help)")
    assert fragment in line


def test_usage_errors_follow_the_language(capsys):
    """Without --lang en the usage error is worded in Russian."""
    code, _, err = run(["--bogus"], capsys)
    assert code == 2
    assert one_line_error(err).endswith("(справка: wizard --help)")


def test_help_exits_0(capsys):
    """`--help` prints the usage and exits 0."""
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    assert out.startswith("usage: wizard")


def test_an_unknown_option_through_the_real_command_has_no_traceback():
    """Run as a program, an unknown option prints one line and exits 2."""
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "--lang", "en", "evaluate", "-", "--frobnicate"],
        capture_output=True,
        text=True,
        input="",
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert one_line_error(done.stderr).startswith("wizard: unrecognized arguments: --frobnicate")


def test_evaluate_through_the_real_command_reads_stdin(tmp_path):
    """Run as a program, `evaluate -` reads standard input and prints JSON."""
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "--rules", str(FIXTURE), "evaluate", "-", "--on", ON, "--format", "json"],
        capture_output=True,
        text=True,
        input="unfit: yes\n",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["grounds"][0]["status"] == "applies"


# --- questions -----------------------------------------------------------------------------------


def test_questions_json_documents_the_answers_format(capsys):
    """`questions --format json` lists each question with its kind and allowed answers, in pack order."""
    code, out, err = run(["--rules", str(FIXTURE), "questions", "--format", "json", "--lang", "en"], capsys)
    assert (code, err) == (0, "")
    listing = json.loads(out)
    questions = {entry["id"]: entry for entry in listing["questions"]}
    assert list(questions) == ["respondent", "unfit", "age", "signed_on", "family", "family_proof", "left_unit"]
    assert questions["respondent"]["values"] == ["self", "other"]
    assert questions["unfit"]["values"] == ["yes", "no", "unknown"]
    assert questions["unfit"]["text"] == "Were you found unfit?"
    assert (questions["age"]["min"], questions["age"]["max"]) == (18, 80)
    assert questions["family"]["labels"]["ill_parent"] == "An ill parent"
    assert questions["family_proof"]["asked_if"] == "'Family': one of An ill parent, Many children"
    assert "asked_if" not in questions["unfit"]
    assert listing["pack"] == {"version": "test-1", "checked_on": "2024-06-01"}


@pytest.mark.parametrize(("lang", "title"), [("ru", "Вопросы (файл ответов"), ("en", "Questions (answers file")])
def test_questions_text_in_each_language(capsys, lang, title):
    """`questions` prints a readable list grouped by topic, in the chosen language."""
    code, out, _ = run(["--lang", lang, "questions", "--rules", str(FIXTURE)], capsys)
    assert code == 0
    assert out.startswith(title)
    assert "family_proof:" in out
    assert out.index("respondent:") < out.index("left_unit:")


# --- rules check ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["rules", "check", "{pack}"],
        ["--rules", "{pack}", "rules", "check"],
        ["rules", "check", "{pack}", "--lang", "en"],
    ],
)
def test_rules_check_accepts_a_good_pack(capsys, argv):
    """`rules check DIR` (or with --rules before it) says the pack is valid, with its counts, exit 0."""
    code, out, err = run(["--lang", "en", *(arg.format(pack=FIXTURE) for arg in argv)], capsys)
    assert (code, err) == (0, "")
    assert out == f"{FIXTURE}: the rule pack is valid: 7 questions, 3 grounds, 3 sources, 2 regime(s)\n"


def test_rules_check_on_a_missing_folder_is_one_line(capsys, tmp_path):
    """A folder that does not exist is one line, exit 2."""
    code, _, err = run(["--lang", "en", "rules", "check", str(tmp_path / "none")], capsys)
    assert code == 2
    assert one_line_error(err) == f"{tmp_path / 'none'}: no such rule folder"


BROKEN_PACK_CASES = cases(BROKEN_PACKS)


@pytest.mark.parametrize("case", BROKEN_PACK_CASES, ids=[case.name for case in BROKEN_PACK_CASES])
def test_rules_check_reports_a_broken_pack_one_line_per_problem(capsys, tmp_path, case):
    """Each broken pack exits 2 with exactly one stderr line per expected problem, `file:line: message`."""
    folder = build_case(case, tmp_path / "pack")
    code, out, err = run(["rules", "check", str(folder), "--lang", "en"], capsys)
    assert (code, out) == (2, "")
    assert "Traceback" not in err
    lines = err.splitlines()
    expected = read_expect(case)
    assert len(lines) == len(expected), err
    for line, want in zip(lines, expected, strict=True):
        prefix = f"{folder / want.file}:{want.line}: "
        assert line.startswith(prefix) and want.fragment in line[len(prefix) :], (line, want)


@pytest.mark.parametrize("case", BROKEN_PACK_CASES[:3], ids=[case.name for case in BROKEN_PACK_CASES[:3]])
def test_pack_problems_are_reported_in_russian_by_default(capsys, tmp_path, case):
    """Without --lang the problems are worded in Russian, at the same places."""
    folder = build_case(case, tmp_path / "pack")
    code, _, err = run(["rules", "check", str(folder)], capsys)
    assert code == 2
    for line, want in zip(err.splitlines(), read_expect(case), strict=True):
        assert line.startswith(f"{folder / want.file}:{want.line}: ")
        assert want.fragment not in line


def test_a_broken_pack_stops_evaluate_and_questions_too(capsys, tmp_path):
    """Every command that loads the pack reports its problems and exits 2."""
    folder = build_case(BROKEN_PACKS / "duplicate_id", tmp_path / "pack")
    for argv in (["evaluate", "-"], ["questions"]):
        code, out, err = run(["--lang", "en", "--rules", str(folder), *argv], capsys)
        assert (code, out) == (2, "")
        assert one_line_error(err) == f"{folder / 'zz_extra.yaml'}:2: id 'service' is already used in this section"


# --- rules schema --------------------------------------------------------------------------------


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def test_rules_schema_prints_a_json_schema_of_one_rule_file(capsys):
    """`rules schema` prints a JSON Schema whose sections are all optional and whose references resolve."""
    code, out, err = run(["rules", "schema"], capsys)
    assert (code, err) == (0, "")
    schema = json.loads(out)
    assert schema["title"] == "Rule file"
    assert schema["type"] == "object"
    assert "required" not in schema
    assert set(Pack.model_fields) == set(schema["properties"])
    assert schema["additionalProperties"] is False
    targets = set(refs(schema))
    assert targets
    for target in targets:
        assert target.startswith("#/$defs/") and target.removeprefix("#/$defs/") in schema["$defs"]
    assert "not" in schema["$defs"]["Not"]["properties"]
    assert schema["$defs"]["Question"]["additionalProperties"] is False


def test_rules_schema_accepts_lang(capsys):
    """`rules schema --lang en` is accepted like on every other command."""
    code, out, _ = run(["rules", "schema", "--lang", "en"], capsys)
    assert code == 0
    assert json.loads(out)["title"] == "Rule file"


# --- rules test ----------------------------------------------------------------------------------

PASSING = """\
name: Unfit in the emergency regime
date: 2024-06-15
answers: {respondent: self, unfit: yes, family: none, left_unit: no}
expect:
  regime: emergency
  grounds:
    health: {status: applies, availability: available}
    family: {status: not_met}
  procedure: {include: [report, lawyer]}
  risks: {exclude: [desertion]}
"""

FAILING = """\
name: Wrong expectations
date: 2015-01-01
answers: {unfit: no, family: none}
expect:
  regime: emergency
  grounds:
    health: {status: applies}
    age_limit: {missing: [age]}
  procedure: {include: [lawyer]}
"""


def scenarios(tmp_path, **files):
    folder = copy_fixture(tmp_path / "pack")
    (folder / "scenarios").mkdir()
    for name, text in files.items():
        (folder / "scenarios" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_rules_test_passes_when_every_scenario_passes(capsys, tmp_path):
    """Scenarios that all pass exit 0 with a summary and the coverage."""
    folder = scenarios(tmp_path, a_pass=PASSING)
    code, out, err = run(["--lang", "en", "rules", "test", str(folder)], capsys)
    assert (code, err) == (0, "")
    assert f"PASS  {folder / 'scenarios' / 'a_pass.yaml'}: Unfit in the emergency regime" in out
    assert "1 scenarios, 1 passed, 0 failed" in out
    assert "Coverage" in out


def test_rules_test_fails_with_a_readable_line_per_difference(capsys, tmp_path):
    """A failing scenario exits 1; each difference is `file:line: what: expected X, got Y` at its expectation."""
    folder = scenarios(tmp_path, a_pass=PASSING, b_fail=FAILING)
    code, out, err = run(["--lang", "en", "rules", "test", str(folder)], capsys)
    assert (code, err) == (1, "")
    path = folder / "scenarios" / "b_fail.yaml"
    assert f"PASS  {folder / 'scenarios' / 'a_pass.yaml'}" in out
    assert f"FAIL  {path}: Wrong expectations" in out
    assert f"    {path}:5: regime: expected emergency, got ordinary\n" in out
    assert f"    {path}:7: health.status: expected applies, got not_met\n" in out
    assert f"    {path}:8: age_limit.missing: expected age, got age, signed_on\n" in out
    assert f"    {path}:9: procedure: expected 'lawyer', but it is not shown\n" in out
    assert "2 scenarios, 1 passed, 1 failed" in out


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (PASSING.replace("  risks:", "  risk:"), 10, "unknown key 'risk'"),
        (PASSING.replace("date: 2024-06-15", "date: someday"), 2, "'date': expected a date"),
        (PASSING.replace("left_unit: no}", "left_unit: no, height: 2}"), 3, "no such question: 'height'"),
        (PASSING.replace("family: {status: not_met}", "pension: {status: not_met}"), 8, "no such ground: 'pension'"),
        (PASSING.replace("include: [report, lawyer]", "include: [report, appeal]"), 9, "no such procedure: 'appeal'"),
        (PASSING.replace("unfit: yes", "unfit: КАНАРЕЙКА-7f3a"), 3, "the answer to 'unfit' must be yes, no or unknown"),
        (PASSING + "  verdict: {next_step: appeal}\n", 11, "no such next_steps: 'appeal'"),
    ],
)
def test_rules_test_with_a_broken_scenario_exits_2(capsys, tmp_path, text, line, fragment):
    """A scenario that cannot be run (unknown key, bad answer, unknown id) is reported at its line, exit 2."""
    folder = scenarios(tmp_path, a_pass=PASSING, b_broken=text)
    code, out, err = run(["--lang", "en", "rules", "test", str(folder)], capsys)
    assert code == 2
    assert "Traceback" not in out + err
    assert f"{folder / 'scenarios' / 'b_broken.yaml'}:{line}: {fragment}" in out
    assert "КАНАРЕЙКА-7f3a" not in out


def test_rules_test_checks_whether_a_risk_is_certain_or_not_yet_incurred(capsys, tmp_path):
    """`certain` and `prospect` lists fail, at their line, for an item shown otherwise or hidden."""
    text = PASSING.replace(
        "  risks: {exclude: [desertion]}", "  risks: {prospect: [desertion]}\n  procedure: {certain: [report]}"
    )
    text = text.replace("  procedure: {include: [report, lawyer]}\n", "").replace("left_unit: no}", "left_unit: yes}")
    folder = scenarios(tmp_path, a_check=text)
    code, out, _ = run(["--lang", "en", "rules", "test", str(folder)], capsys)
    path = folder / "scenarios" / "a_check.yaml"
    assert code == 1
    assert f"    {path}:9: risks.desertion: expected prospect, got certain\n" in out
    assert "procedure.report" not in out


def test_rules_test_checks_the_verdicts_a_scenario_expects(capsys, tmp_path):
    """The situation's kind, its chosen cases, what to find out and each ground's verdict are compared, each
    difference at its own line."""
    wrong = PASSING.replace("    family: {status: not_met}", "    family: {status: not_met, verdict: open}") + (
        "  verdict: {kind: no_way_out, next_step: report, avoid: statements, find_out: [age]}\n"
    )
    folder = scenarios(tmp_path, a_wrong=wrong)
    code, out, _ = run(["--lang", "en", "rules", "test", str(folder)], capsys)
    path = folder / "scenarios" / "a_wrong.yaml"
    assert code == 1
    assert f"    {path}:8: family.verdict: expected open, got does_not_fit\n" in out
    assert f"    {path}:11: verdict.kind: expected no_way_out, got way_out\n" in out
    assert f"    {path}:11: verdict.avoid: expected statements, got stay\n" in out
    assert f"    {path}:11: verdict.find_out: expected age, got age, signed_on\n" in out
    assert "verdict.next_step" not in out


def test_rules_test_fails_a_scenario_dated_outside_every_regime(capsys, tmp_path):
    """A scenario on a day no regime covers fails at its `date` line, exit 1."""
    folder = scenarios(tmp_path, a_old=PASSING.replace("date: 2024-06-15", "date: 1999-12-31"))
    code, out, _ = run(["--lang", "en", "rules", "test", str(folder)], capsys)
    assert code == 1
    path = folder / "scenarios" / "a_old.yaml"
    assert f"    {path}:2: the rule pack has no legal regime in force on 1999-12-31\n" in out


def test_rules_test_without_scenarios_is_one_line(capsys, tmp_path):
    """A pack without scenario files cannot be tested: one line, exit 2."""
    folder = copy_fixture(tmp_path / "pack")
    code, _, err = run(["--lang", "en", "rules", "test", str(folder)], capsys)
    assert code == 2
    assert one_line_error(err) == f"{folder / 'scenarios'}: no scenario files *.yaml"


def test_rules_test_uses_the_folder_given_before_the_subcommand(capsys, tmp_path):
    """`wizard --rules DIR rules test` runs the scenarios of DIR."""
    folder = scenarios(tmp_path, a_pass=PASSING)
    code, out, _ = run(["--lang", "en", "--rules", str(folder), "rules", "test"], capsys)
    assert code == 0
    assert str(Path(folder) / "scenarios" / "a_pass.yaml") in out


def test_evaluate_json_has_the_verdict_on_top_and_on_each_ground(capsys, answers):
    """The stable JSON keys of the verdict (documented in the README)."""
    result = evaluate_json(capsys, str(answers), "--on", ON)
    verdict = result["verdict"]
    assert {
        "kind",
        "title",
        "text",
        "grounds",
        "next_step",
        "next_step_id",
        "avoid",
        "avoid_id",
        "find_out",
        "regime_line",
        "sources",
        "person",
        "cases",
    } <= verdict.keys()
    assert (verdict["kind"], verdict["grounds"], verdict["next_step_id"]) == ("way_out", ["health"], "report")
    assert verdict["find_out"] == [{"question": "left_unit", "text": "Покидал ли часть?"}]
    for ground in result["grounds"]:
        assert {"key", "text", "symbol", "obtain"} == ground["verdict"].keys()
    assert result["do_not_count_on"] == []
