"""The shipped pack loads and evaluates from the command line."""

import json
import subprocess
import sys


def test_shipped_pack_checks_clean():
    """`wizard rules check` accepts the shipped pack."""
    done = subprocess.run([sys.executable, "-m", "wizard", "rules", "check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_evaluate_from_stdin_as_json():
    """Answers from standard input give a JSON result with the stable keys."""
    answers = "respondent: soldier\nservice_kind: contract\nvvk_done: yes\nvvk_category: d\n"
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "evaluate", "-", "--format", "json", "--on", "2025-01-01"],
        input=answers,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["regime"]["id"] == "partial_mobilization"
    unfit = next(g for g in result["grounds"] if g["id"] == "health_unfit")
    assert (unfit["status"], unfit["availability"]) == ("applies", "available")
